// The criteria grammar's second half (x3_rules.h): areas, criteria, items,
// bonus and penalty blocks, item statements and scoring rules.
#include "criteria/internal/x3_rules.h"

namespace cchc::criteria_x3 {
namespace grammar {

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

BOOST_SPIRIT_DEFINE(threshold, cmp_band, label_band, else_band, close_bands, close_levels,
                    deadline_rule, bands_rule, levels_rule, linear_rule, of_rule, per_rule,
                    deduct_rule, boolean_rule, yes_no, single_rule, rule)
BOOST_SPIRIT_DEFINE(assess_value, evidence_value, no_cases_value, assessed_stmt, evidence_stmt,
                    no_cases_stmt, text_stmt, let_stmt, cond_stmt, score_stmt, item_stmt,
                    close_item, item, close_criterion, criterion, close_area, area, close_adjust,
                    adjust)

BOOST_SPIRIT_INSTANTIATE(decltype(area), iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(decltype(adjust), iterator_type, context_type)

}  // namespace grammar
}  // namespace cchc::criteria_x3
