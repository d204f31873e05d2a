// The criteria grammar's rules (docs/criteria-language.md, EBNF), split over
// two translation units: x3_grammar.cc (names, numbers, strings, expressions,
// the index and record declarations, the file) and x3_items.cc (areas,
// criteria, items, their statements and scoring rules). Every rule has an
// attribute type and a name; the name is what a Home Affairs officer reads
// after "expected". The rules one unit uses from the other are declared here
// and instantiated there for the one iterator and context type.
#ifndef CCHC_CRITERIA_INTERNAL_X3_RULES_H_
#define CCHC_CRITERIA_INTERNAL_X3_RULES_H_

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

// Defined in x3_grammar.cc, used by x3_items.cc.
BOOST_SPIRIT_DECLARE(decltype(code), decltype(string_lit), decltype(number_lit),
                     decltype(percent_lit), decltype(max_number), decltype(cap_number),
                     decltype(weight_number), decltype(let_name), decltype(expr),
                     decltype(add_expr))
// Defined in x3_items.cc, used by x3_grammar.cc.
BOOST_SPIRIT_DECLARE(decltype(area), decltype(adjust))

}  // namespace grammar
}  // namespace cchc::criteria_x3

#endif  // CCHC_CRITERIA_INTERNAL_X3_RULES_H_
