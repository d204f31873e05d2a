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
using x3::repeat;
using x3::ascii::alnum;
using x3::ascii::alpha;
using x3::ascii::digit;

#define CCHC_RULE(name, attr, what)      \
  struct name##_class : tag_position {}; \
  const x3::rule<name##_class, attr> name = what

// ---- lexical
CCHC_RULE(identifier, ast::Ident, "a name");
CCHC_RULE(name_ref, ast::Ident, "a name");
CCHC_RULE(let_name, ast::Ident,
          "a name for the binding (not a reserved word such as max, kind or records)");
CCHC_RULE(field_name, ast::Ident, "a field name after '.'");
CCHC_RULE(code, ast::Code, "a code such as 1.2.3");
CCHC_RULE(number_lit, ast::NumberLit, "a number");
CCHC_RULE(max_number, ast::NumberLit, "a number after 'max'");
CCHC_RULE(cap_number, ast::NumberLit, "a number after 'cap'");
CCHC_RULE(weight_number, ast::NumberLit, "a number (0 or more) after 'weight'");
CCHC_RULE(percent_lit, ast::PercentLit, "a percent such as 90%");
CCHC_RULE(date_lit, ast::DateLit, "a date YYYY-MM-DD");
CCHC_RULE(string_lit, ast::StringLit, "a string in double quotes");
CCHC_RULE(close_quote, x3::unused_type, "'\"' to close the string (strings end on the same line)");
CCHC_RULE(escape_char, x3::unused_type, "an escape: \\\" \\\\ \\n or \\t");
CCHC_RULE(bool_lit, ast::BoolLit, "true or false");
CCHC_RULE(max_ref, ast::MaxRef, "max");

// ---- expressions
CCHC_RULE(records_lit, ast::RecordsLit, "records");
CCHC_RULE(records_body, ast::RecordsLit, "records");
CCHC_RULE(call_expr, ast::CallExpr, "a function call");
CCHC_RULE(paren_expr, ast::ParenExpr, "'('");
CCHC_RULE(paren_body, ast::ParenExpr, "'('");
CCHC_RULE(close_paren, x3::unused_type, "')' to close the parenthesis");
CCHC_RULE(close_call, x3::unused_type, "',' or ')' to close the function call");
CCHC_RULE(primary, ast::Primary, "an expression");
CCHC_RULE(postfix, ast::Postfix, "an expression");
CCHC_RULE(unary, ast::Unary, "an expression");
CCHC_RULE(mul_expr, ast::MulExpr, "an expression");
CCHC_RULE(add_expr, ast::AddExpr, "an expression");
CCHC_RULE(cmp_expr, ast::CmpExpr, "an expression");
CCHC_RULE(cmp_tail, ast::Tail<ast::AddExpr>, "a comparison");
CCHC_RULE(not_expr, ast::NotExpr, "an expression");
CCHC_RULE(and_expr, ast::AndExpr, "an expression");
CCHC_RULE(or_expr, ast::OrExpr, "an expression");
CCHC_RULE(expr, ast::Expr, "an expression");
CCHC_RULE(neg_op, ast::OpTok, "'-'");
CCHC_RULE(not_op, ast::OpTok, "'not'");
CCHC_RULE(mul_op, ast::OpTok, "'*' or '/'");
CCHC_RULE(add_op, ast::OpTok, "'+' or '-'");
CCHC_RULE(cmp_op, ast::OpTok, "a comparison");
CCHC_RULE(and_op, ast::OpTok, "'and'");
CCHC_RULE(or_op, ast::OpTok, "'or'");
CCHC_RULE(where_op, ast::OpTok, "'where'");

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
const auto name_ref_def = !reserved_op >> identifier;
const auto let_name_def = !reserved_let >> identifier;
const auto field_name_def = identifier;
const auto code_def = omit[lexeme[+alnum % lit('.') >> word_end]];
const auto digits = +digit >> -(lit('.') >> +digit);
const auto number_lit_def = omit[lexeme[digits >> !(alpha | lit('_') | lit('%'))]];
const auto max_number_def = number_lit;
const auto cap_number_def = number_lit;
const auto weight_number_def = number_lit;
const auto percent_lit_def = omit[lexeme[digits >> lit('%')]];
const auto date_lit_def = omit[lexeme[repeat(4)[digit] >> lit('-') >> repeat(2)[digit] >>
                                      lit('-') >> repeat(2)[digit] >> word_end]];
const auto close_quote_def = lit('"');
const auto escape_char_def = omit[x3::standard::char_("\"\\nt")];
const auto string_lit_def =
    omit[lexeme[lit('"') >> *((lit('\\') > escape_char) | (~x3::standard::char_("\"\\\r\n"))) >
                close_quote]];
const auto bool_lit_def = kw("true") | kw("false") | kw("yes") | kw("no");
const auto max_ref_def = kw("max") >> !lit('(');

// ---------------------------------------------------------------- expressions

const auto set_kind = [](auto& ctx) { x3::_val(ctx).kind = x3::_attr(ctx); };
const auto set_inner = [](auto& ctx) { x3::_val(ctx).inner = std::move(x3::_attr(ctx)); };

// A rule whose body has a semantic action gets no attribute in on_success
// (Boost 1.74 passes `unused`), so the action sits in an inner rule and the
// outer rule records the position.
const auto records_body_def = kw("records") >> -(kw("kind") > string_lit[set_kind]);
const auto records_lit_def = records_body;
const auto close_paren_def = lit(')');
const auto close_call_def = lit(')');
const auto call_expr_def = identifier >> lit('(') > -(expr % ',') > close_call;
const auto paren_body_def = lit('(') > expr[set_inner] > close_paren;
const auto paren_expr_def = paren_body;
// Order matters: a date or percent starts like a number; `max(` is a call.
const auto primary_def = date_lit | percent_lit | number_lit | string_lit | bool_lit | records_lit |
                         call_expr | max_ref | name_ref | paren_expr;
const auto postfix_def = primary >> *(lit('.') > field_name);
const auto neg_op_def = omit[lit('-')];
const auto unary_def = *neg_op >> postfix;
// omit: a char literal would try to store its char into the OpTok.
const auto mul_op_def = omit[lit('*') | lit('/')];
const auto mul_expr_def = unary >> *(mul_op > unary);
const auto add_op_def = omit[lit('+') | lit('-')];
const auto add_expr_def = mul_expr >> *(add_op > mul_expr);
const auto cmp_op_def = omit[lit("<=") | lit(">=") | lit("!=") | lit('<') | lit('>') | lit('=')];
// A rule of its own: X3 flattens an optional sequence into the outer one.
const auto cmp_tail_def = cmp_op > add_expr;
const auto cmp_expr_def = add_expr >> -cmp_tail;
const auto not_op_def = kw("not");
const auto not_expr_def = *not_op >> cmp_expr;
const auto and_op_def = kw("and");
const auto and_expr_def = not_expr >> *(and_op > not_expr);
const auto or_op_def = kw("or");
const auto or_expr_def = and_expr >> *(or_op > and_expr);
const auto where_op_def = kw("where");
const auto expr_def = or_expr >> *(where_op > or_expr);

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

BOOST_SPIRIT_DEFINE(identifier, name_ref, let_name, field_name, code, number_lit, max_number,
                    cap_number, weight_number, percent_lit, date_lit, string_lit, close_quote,
                    escape_char, bool_lit, max_ref)
BOOST_SPIRIT_DEFINE(records_lit, records_body, call_expr, paren_expr, paren_body, close_paren,
                    close_call, primary, postfix, unary, mul_expr, add_expr, cmp_expr, cmp_tail,
                    not_expr, and_expr, or_expr, expr, neg_op, not_op, mul_op, add_op, cmp_op,
                    and_op, or_op, where_op)
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
