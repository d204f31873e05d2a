// The criteria grammar's first half (x3_rules.h): names, numbers, strings,
// expressions (handed to expr_parser.cc), the index and record declarations
// and the file; and ParseX3, which runs it. This is the only file that
// catches x3::expectation_failure: it becomes a SyntaxError (offset + what
// was expected), never an escaping exception.
#include "criteria/internal/x3_parse.h"
#include "criteria/internal/x3_rules.h"

namespace cchc::criteria_x3 {
namespace grammar {

// ---------------------------------------------------------------- lexical

const auto ident_char = alnum | lit('_');
const auto word_end = !ident_char;
const auto reserved_op = kw("and") | kw("or") | kw("not") | kw("where") | kw("records") |
                         kw("true") | kw("false") | kw("yes") | kw("no") | kw("max");
const auto reserved_let = reserved_op | kw("kind");

const auto identifier_def = omit[lexeme[(alpha | lit('_')) >> *ident_char]];
const auto let_name_def = !reserved_let >> identifier;
const auto code_def = omit[lexeme[+alnum % lit('.') >> word_end]];
const auto digits = +digit >> -(lit('.') >> +digit);
const auto number_lit_def = omit[lexeme[digits >> !(alpha | lit('_') | lit('%'))]];
const auto max_number_def = number_lit;
const auto cap_number_def = number_lit;
const auto weight_number_def = number_lit;
const auto percent_lit_def = omit[lexeme[digits >> lit('%')]];
const auto close_quote_def = lit('"');
const auto escape_char_def = omit[x3::standard::char_("\"\\nt")];
const auto string_lit_def =
    omit[lexeme[lit('"') >> *((lit('\\') > escape_char) | (~x3::standard::char_("\"\\\r\n"))) >
                close_quote]];

// ---------------------------------------------------------------- expressions

const auto expr_def = expression_parser<internal::ExprLevel::kWhole>{};
const auto add_expr_def = expression_parser<internal::ExprLevel::kAdditive>{};

// ---------------------------------------------------------------- header

const auto field_type_def =
    raw[kw("number") | kw("count") | kw("percent") | kw("date") | kw("string") | kw("bool")];
const auto field_bound_def = raw[lexeme[-lit('-') >> digits >> -lit('%')]];
// `>> !lit(':')`: a next field may be named in, one or given.
const auto range_mod_def = raw[kw("in") >> !lit(':')] > range_pair;
const auto range_pair_def = field_bound > lit("..") > field_bound;
const auto enum_values_def = raw[string_lit] % ',';
const auto enum_mod_def = raw[kw("one") >> !lit(':') > kw("of")] > enum_values;
const auto given_mod_def = raw[kw("given") >> !lit(':')] >> x3::attr(std::vector<ast::Range>());
const auto field_mod_def = range_mod | enum_mod | given_mod;
const auto field_decl_def = identifier > lit(':') > field_type > *field_mod;
const auto require_stmt_def = raw[kw("require")] > expr;
const auto record_member_def = require_stmt | field_decl;
const auto close_record_def = lit('}');
const auto record_def = kw("record") > identifier > -string_lit > lit('{') > *record_member
                        > close_record;
const auto yes_no_word_def = raw[kw("yes") | kw("no")];
const auto ties_word_def = raw[kw("shared") | kw("dense")];
const auto str_prop_def = raw[kw("province") | kw("level")] > string_lit;
const auto num_prop_def = raw[kw("year") | kw("total") | kw("precision")] > number_lit;
const auto bonus_prop_def = raw[kw("bonus") > kw("above") > kw("total")] > lit(':') > yes_no_word;
const auto ties_prop_def = raw[kw("ties")] > lit(':') > ties_word;
const auto weights_word_def = raw[(kw("by") > (kw("max") | kw("area"))) | kw("equal")];
const auto weights_prop_def = raw[kw("weights")] > lit(':') > weights_word;
const auto criterion_weights_word_def =
    raw[(kw("by") > (kw("max") | kw("criterion"))) | kw("equal")];
const auto criterion_weights_prop_def = raw[kw("criterion") > kw("weights")] >
                                        lit(':') > criterion_weights_word;
const auto band_bound_def = (lit(">=") > percent_lit) | kw("else");
const auto index_band_def = string_lit > band_bound;
const auto close_index_bands_def = lit('}');
const auto bands_prop_def = raw[kw("bands")] > lit('{') > *index_band > close_index_bands;
const auto index_prop_def = str_prop | num_prop | bonus_prop | ties_prop | weights_prop |
                            criterion_weights_prop | bands_prop;
const auto close_index_def = lit('}');
const auto index_decl_def = kw("index") > string_lit > lit('{') > *index_prop > close_index;
const auto top_decl_def = index_decl | record | area | adjust;
const auto end_of_file_def = x3::eoi;
const auto file_def = *top_decl > end_of_file;

BOOST_SPIRIT_DEFINE(identifier, let_name, code, number_lit, max_number, cap_number, weight_number,
                    percent_lit, string_lit, close_quote, escape_char, expr, add_expr)
BOOST_SPIRIT_DEFINE(field_bound, range_pair, enum_values, range_mod, enum_mod, given_mod, field_mod,
                    require_stmt, record_member)
BOOST_SPIRIT_DEFINE(field_type, field_decl, close_record, record, yes_no_word, ties_word, str_prop,
                    num_prop, bonus_prop, ties_prop, weights_word, weights_prop,
                    criterion_weights_word, criterion_weights_prop, index_band, band_bound,
                    close_index_bands, bands_prop, index_prop, close_index, index_decl, top_decl,
                    end_of_file, file)

BOOST_SPIRIT_INSTANTIATE(decltype(code), iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(decltype(string_lit), iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(decltype(number_lit), iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(decltype(percent_lit), iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(decltype(max_number), iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(decltype(cap_number), iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(decltype(weight_number), iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(decltype(let_name), iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(decltype(expr), iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(decltype(add_expr), iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(decltype(file), iterator_type, context_type)

}  // namespace grammar

bool ParseX3(std::string_view text, size_t start, ast::File& out, SyntaxError* error) {
  iterator_type first = text.data() + start;
  const iterator_type last = text.data() + text.size();
  try {
    const bool ok = x3::phrase_parse(first, last, grammar::file, skipper, out);
    if (ok && first == last) return true;
    // `file` ends in an expectation of end of input, so this is a safety net.
    error->offset = static_cast<uint32_t>(first - text.data());
    error->expected = "the end of the file";
    return false;
  } catch (const x3::expectation_failure<iterator_type>& e) {
    error->offset = static_cast<uint32_t>(e.where() - text.data());
    error->expected = e.which();
    return false;
  }
}

}  // namespace cchc::criteria_x3
