// The rule bodies of the criteria grammar (docs/criteria-language.md, EBNF).
// Only x3_grammar.cc includes this. Every rule has an attribute type and a
// name; the name is what a Home Affairs officer reads after "expected".
#ifndef CCHC_CRITERIA_INTERNAL_X3_GRAMMAR_DEF_H_
#define CCHC_CRITERIA_INTERNAL_X3_GRAMMAR_DEF_H_

#include <boost/spirit/home/x3.hpp>
#include <string>
#include <type_traits>

#include "criteria/internal/x3_ast.h"
#include "criteria/internal/x3_ast_adapted.h"
#include "criteria/internal/x3_config.h"

namespace cchc::criteria_x3 {

// A keyword: the word, not followed by an identifier character, so that
// `bandsx` is a name and not `bands x`, and `note` is not `not e`.
struct keyword_parser : x3::parser<keyword_parser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;

  constexpr explicit keyword_parser(const char* w) : word(w) {}

  template <typename It, typename Ctx, typename RCtx, typename Attr>
  bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
    x3::skip_over(first, last, ctx);
    It i = first;
    for (const char* w = word; *w != '\0'; ++w, ++i) {
      if (i == last || *i != *w) return false;
    }
    if (i != last) {
      const char c = *i;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
        return false;
      }
    }
    first = i;
    return true;
  }

  const char* word;
};

constexpr keyword_parser kw(const char* w) { return keyword_parser(w); }

// An expression: the hand-written parser of expr_parser.h. Its soft failure
// is a failed match; its errors become the expectation_failure X3 would have
// thrown there.
template <internal::ExprLevel kLevel>
struct expression_parser : x3::parser<expression_parser<kLevel>> {
  using attribute_type = ast::Expr;
  static bool const has_attribute = true;

  template <typename It, typename Ctx, typename RCtx>
  bool parse(It& first, It const& last, Ctx const&, RCtx&, ast::Expr& attr) const {
    internal::ExprError error;
    switch (internal::ParseExpression(&first, last, kLevel, &attr.nodes, &error)) {
      case internal::ExprParse::kMatched:
        return true;
      case internal::ExprParse::kNone:
        return false;
      case internal::ExprParse::kError:
        break;
    }
    boost::throw_exception(x3::expectation_failure<It>(error.where, error.expected));
  }
};

}  // namespace cchc::criteria_x3

namespace boost::spirit::x3 {
// "expected 'by'" rather than a mangled type name.
template <>
struct get_info<cchc::criteria_x3::keyword_parser> {
  using result_type = std::string;
  std::string operator()(cchc::criteria_x3::keyword_parser const& p) const {
    return std::string("'") + p.word + "'";
  }
};
}  // namespace boost::spirit::x3

namespace cchc::criteria_x3 {

// Stores the byte span of every rule's result in nodes that derive from
// ast::Tagged. Boost 1.74's annotate_on_success skips nodes held in variants;
// here each node tags itself in its own rule, whatever holds it afterwards.
struct tag_position {
  template <typename It, typename Attr, typename Ctx>
  void on_success(It const& first, It const& last, Attr& attr, Ctx const&) const {
    if constexpr (std::is_base_of_v<ast::Tagged, Attr>) {
      attr.pos_begin = first;
      attr.pos_end = last;
    }
  }
};

namespace grammar {

using x3::lexeme;
using x3::lit;
using x3::omit;
using x3::raw;
using x3::ascii::alnum;
using x3::ascii::alpha;
using x3::ascii::digit;

#define CCHC_RULE(name, attr, what)      \
  struct name##_class : tag_position {}; \
  const x3::rule<name##_class, attr> name = what

// ---- lexical
CCHC_RULE(identifier, ast::Ident, "a name");
CCHC_RULE(let_name, ast::Ident,
          "a name for the binding (not a reserved word such as max, kind or records)");
CCHC_RULE(code, ast::Code, "a code such as 1.2.3");
CCHC_RULE(number_lit, ast::NumberLit, "a number");
CCHC_RULE(max_number, ast::NumberLit, "a number after 'max'");
CCHC_RULE(cap_number, ast::NumberLit, "a number after 'cap'");
CCHC_RULE(weight_number, ast::NumberLit, "a number (0 or more) after 'weight'");
CCHC_RULE(percent_lit, ast::PercentLit, "a percent such as 90%");
CCHC_RULE(string_lit, ast::StringLit, "a string in double quotes");
CCHC_RULE(close_quote, x3::unused_type, internal::kExpectedCloseQuote);
CCHC_RULE(escape_char, x3::unused_type, internal::kExpectedEscape);

// ---- expressions
CCHC_RULE(expr, ast::Expr, internal::kExpectedExpression);
CCHC_RULE(add_expr, ast::Expr, internal::kExpectedExpression);

// ---- scoring rules
CCHC_RULE(threshold, ast::Threshold, "a threshold (a number or a percent such as 80%)");
CCHC_RULE(cmp_band, ast::CmpBand, "a band");
CCHC_RULE(label_band, ast::LabelBand, "a level");
CCHC_RULE(else_band, ast::ElseBand, "'else'");
CCHC_RULE(close_bands, x3::unused_type,
          "a band ('>= threshold: points'), 'else: points' or '}' to close the bands");
CCHC_RULE(close_levels, x3::unused_type,
          "a level ('\"label\": points'), 'else: points' or '}' to close the levels");
CCHC_RULE(deadline_rule, ast::DeadlineRule, "deadline");
CCHC_RULE(bands_rule, ast::BandsRule, "bands");
CCHC_RULE(levels_rule, ast::LevelsRule, "levels");
CCHC_RULE(linear_rule, ast::PairRule, "linear");
CCHC_RULE(of_rule, ast::PairRule, "checklist, scaled or likert");
CCHC_RULE(per_rule, ast::PairRule, "per");
CCHC_RULE(deduct_rule, ast::DeductRule, "deduct");
CCHC_RULE(boolean_rule, ast::BooleanRule, "boolean");
CCHC_RULE(yes_no, ast::YesNo, "'{ yes: points no: points }'");
CCHC_RULE(single_rule, ast::SingleRule, "percent or manual");
CCHC_RULE(rule, ast::RuleV,
          "a scoring rule (deadline, bands, count, linear, boolean, deduct, checklist, "
          "scaled, percent, likert, levels, manual or per)");

// ---- items
CCHC_RULE(assess_value, ast::Range, "'survey' or 'self'");
CCHC_RULE(evidence_value, ast::Range, "'required' or 'optional'");
CCHC_RULE(no_cases_value, ast::Range, "'full', 'zero' or 'not applicable'");
CCHC_RULE(assessed_stmt, ast::EnumStmt, "assessed by");
CCHC_RULE(evidence_stmt, ast::EnumStmt, "evidence");
CCHC_RULE(no_cases_stmt, ast::EnumStmt, "when no cases");
CCHC_RULE(text_stmt, ast::TextStmt, "expects or note");
CCHC_RULE(let_stmt, ast::LetStmt, "let");
CCHC_RULE(cond_stmt, ast::CondStmt, "not applicable when");
CCHC_RULE(score_stmt, ast::ScoreStmt, "score");
CCHC_RULE(item_stmt, ast::ItemStmt, "a statement");
CCHC_RULE(close_item, x3::unused_type,
          "a statement (score, let, expects, note, evidence, assessed by, when no cases, "
          "not applicable when) or '}' to close item {item}");
CCHC_RULE(item, ast::ItemNode, "'item'");
CCHC_RULE(close_criterion, x3::unused_type, "'item' or '}' to close the criterion");
CCHC_RULE(criterion, ast::CriterionNode, "'criterion'");
CCHC_RULE(close_area, x3::unused_type, "'criterion' or '}' to close the area");
CCHC_RULE(area, ast::AreaNode, "'area'");
CCHC_RULE(close_adjust, x3::unused_type, "'item' or '}' to close the block");
CCHC_RULE(adjust, ast::AdjustNode, "'bonus' or 'penalty'");

// ---- header
CCHC_RULE(field_type, ast::Range, "a field type (number, count, percent, date, string or bool)");
CCHC_RULE(field_decl, ast::FieldNode, "a field");
CCHC_RULE(field_bound, ast::Range, "a number or a percent such as 100%");
CCHC_RULE(range_pair, std::vector<ast::Range>, "'LO..HI'");
CCHC_RULE(enum_values, std::vector<ast::Range>, "strings in double quotes, separated by ','");
CCHC_RULE(range_mod, ast::FieldMod, "'in LO..HI'");
CCHC_RULE(enum_mod, ast::FieldMod, "'one of \"a\", \"b\"'");
CCHC_RULE(given_mod, ast::FieldMod, "'given'");
CCHC_RULE(field_mod, ast::FieldMod, "'in', 'one of' or 'given'");
CCHC_RULE(require_stmt, ast::RequireStmt, "require");
CCHC_RULE(record_member, ast::RecordMember, "a field or 'require'");
CCHC_RULE(close_record, x3::unused_type,
          "a field ('name: type'), 'require CONDITION' or '}' to close the record");
CCHC_RULE(record, ast::RecordNode, "'record'");
CCHC_RULE(yes_no_word, ast::Range, "'yes' or 'no'");
CCHC_RULE(ties_word, ast::Range, "'shared' or 'dense'");
CCHC_RULE(str_prop, ast::StrProp, "province or level");
CCHC_RULE(num_prop, ast::NumProp, "year, total or precision");
CCHC_RULE(bonus_prop, ast::WordProp, "bonus above total");
CCHC_RULE(ties_prop, ast::WordProp, "ties");
CCHC_RULE(weights_word, ast::Range, "'by max', 'equal' or 'by area'");
CCHC_RULE(weights_prop, ast::WordProp, "weights");
CCHC_RULE(criterion_weights_word, ast::Range, "'by max', 'equal' or 'by criterion'");
CCHC_RULE(criterion_weights_prop, ast::WordProp, "criterion weights");
CCHC_RULE(index_band, ast::IndexBand, "an index band");
CCHC_RULE(band_bound, boost::optional<ast::PercentLit>, "'>= percent' or 'else'");
CCHC_RULE(close_index_bands, x3::unused_type,
          "a band ('\"label\" >= 90%' or '\"label\" else') or '}' to close the bands");
CCHC_RULE(bands_prop, ast::BandsProp, "bands");
CCHC_RULE(index_prop, ast::IndexProp, "an index property");
CCHC_RULE(close_index, x3::unused_type,
          "an index property (province, level, year, total, precision, bonus above total, "
          "ties, weights, bands) or '}' to close the index");
CCHC_RULE(index_decl, ast::IndexNode, "'index'");
CCHC_RULE(top_decl, ast::TopDecl, "a declaration");
CCHC_RULE(end_of_file, x3::unused_type, "'index', 'record', 'area', 'bonus' or 'penalty'");
CCHC_RULE(file, ast::File, "a criteria file");

#undef CCHC_RULE

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

// ---------------------------------------------------------------- scoring rules

const auto threshold_def = percent_lit | number_lit;
const auto cmp_band_def = raw[lit(">=") | lit('>')] > threshold > lit(':') > add_expr;
const auto label_band_def = string_lit > lit(':') > expr;
const auto else_band_def = raw[kw("else")] > lit(':') > expr;
const auto close_bands_def = lit('}');
const auto close_levels_def = lit('}');

const auto deadline_rule_def = kw("deadline") > expr > kw("by") > expr > lit('{') > kw("on") >
                               kw("time") > lit(':') > expr > kw("late") > lit(':') > expr >
                               kw("missing") > lit(':') > expr > lit('}');
const auto bands_rule_def = raw[kw("bands") | kw("count")] > expr > lit('{') > *cmp_band >
                            -else_band > close_bands;
const auto levels_rule_def = kw("levels") > expr > lit('{') > *label_band > -else_band
                             > close_levels;
const auto linear_rule_def = raw[kw("linear")] > expr > kw("target") > expr;
const auto of_rule_def = raw[kw("checklist") | kw("scaled") | kw("likert")] > expr >
                         kw("of") > expr;
const auto per_rule_def = raw[kw("per")] > expr > kw("each") > expr;
const auto deduct_rule_def = kw("deduct") > expr > kw("each") > expr > -(kw("floor") > expr);
const auto yes_no_def = lit('{') > kw("yes") > lit(':') > expr > kw("no") > lit(':') > expr >
                        lit('}');
const auto boolean_rule_def = kw("boolean") > expr > -yes_no;
const auto single_rule_def = raw[kw("percent") | kw("manual")] > expr;
const auto rule_def = deadline_rule | bands_rule | levels_rule | linear_rule | of_rule | per_rule |
                      deduct_rule | boolean_rule | single_rule;

// ---------------------------------------------------------------- items

const auto assess_value_def = raw[kw("survey") | kw("self")];
const auto evidence_value_def = raw[kw("required") | kw("optional")];
const auto no_cases_value_def = raw[kw("full") | kw("zero") | (kw("not") > kw("applicable"))];
const auto assessed_stmt_def = raw[kw("assessed")] > kw("by") > assess_value;
const auto evidence_stmt_def = raw[kw("evidence")] > evidence_value;
const auto no_cases_stmt_def = raw[kw("when")] > kw("no") > kw("cases") > lit(':') > no_cases_value;
const auto text_stmt_def = raw[kw("expects") | kw("note")] > string_lit;
const auto let_stmt_def = kw("let") > let_name > lit('=') > expr;
const auto cond_stmt_def = raw[kw("not") > kw("applicable")] > kw("when") > expr;
const auto score_stmt_def = raw[kw("score")] > rule;
const auto item_stmt_def =
    assessed_stmt | evidence_stmt | no_cases_stmt | text_stmt | let_stmt | cond_stmt | score_stmt;
const auto close_item_def = lit('}');
const auto item_def = kw("item") > code > string_lit > kw("max") > max_number > lit('{') >
                      *item_stmt > close_item;
const auto close_criterion_def = lit('}');
const auto criterion_def = kw("criterion") > code > string_lit > kw("max") > max_number >
                           -(kw("weight") > weight_number) > lit('{') > *item > close_criterion;
const auto close_area_def = lit('}');
const auto area_def = kw("area") > code > string_lit > kw("max") > max_number >
                      -(kw("weight") > weight_number) > lit('{') > *criterion > close_area;
const auto close_adjust_def = lit('}');
const auto adjust_def = raw[kw("bonus") | kw("penalty")] > string_lit > kw("cap") > cap_number >
                        lit('{') > *item > close_adjust;

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
BOOST_SPIRIT_DEFINE(threshold, cmp_band, label_band, else_band, close_bands, close_levels,
                    deadline_rule, bands_rule, levels_rule, linear_rule, of_rule, per_rule,
                    deduct_rule, boolean_rule, yes_no, single_rule, rule)
BOOST_SPIRIT_DEFINE(assess_value, evidence_value, no_cases_value, assessed_stmt, evidence_stmt,
                    no_cases_stmt, text_stmt, let_stmt, cond_stmt, score_stmt, item_stmt,
                    close_item, item, close_criterion, criterion, close_area, area, close_adjust,
                    adjust)
BOOST_SPIRIT_DEFINE(field_bound, range_pair, enum_values, range_mod, enum_mod, given_mod, field_mod,
                    require_stmt, record_member)
BOOST_SPIRIT_DEFINE(field_type, field_decl, close_record, record, yes_no_word, ties_word, str_prop,
                    num_prop, bonus_prop, ties_prop, weights_word, weights_prop,
                    criterion_weights_word, criterion_weights_prop, index_band, band_bound,
                    close_index_bands, bands_prop, index_prop, close_index, index_decl, top_decl,
                    end_of_file, file)

}  // namespace grammar
}  // namespace cchc::criteria_x3

#endif  // CCHC_CRITERIA_INTERNAL_X3_GRAMMAR_DEF_H_
