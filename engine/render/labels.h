// Every word the renderers show a person, in one table per language
// (labels_vi.cc, labels_en.cc). Renderers pick the table once with
// LabelsFor(lang) and never switch on the language themselves.
#ifndef CCHC_ENGINE_RENDER_LABELS_H_
#define CCHC_ENGINE_RENDER_LABELS_H_

#include <initializer_list>
#include <string>
#include <string_view>

namespace cchc {

enum class Lang { kVi, kEn };

// Sentences with values use numbered holes, "{0}", "{1}", filled by Fill():
// the order of words around a value is the language's business.
struct Labels {
  struct Common {
    const char *code, *name, *max, *self, *points, *percent, *status, *evidence, *explanation,
        *index, *index_short, *band, *unit, *area, *areas, *item, *items, *bonus, *penalty,
        *appraised, *gap, *none, *total, *rank, *source, *error, *unmatched, *largest_gaps,
        *current_index, *gain_pp, *input, *now, *lost, *items_short;
  } common;
  struct Status {
    const char *scored, *not_applicable, *missing_evidence, *error;
  } status;
  struct Score {
    const char *lost_title, *md_item, *quality_title;
  } score;
  struct WhatIf {
    const char *title, *scenario, *base, *column, *changed, *changed_md, *no_change, *totals,
        *item_points, *applicable_max, *change_pp;
  } whatif;
  struct Tasks {
    const char *title, *ranking, *id, *task, *lead, *deadline, *effort, *gain_per_effort,
        *items_changed, *no_effect, *with_partner, *with_partner_note, *best_within, *person_days,
        *cheapest, *too_many, *already, *unreachable, *unreachable_short, *all_sets, *greedy,
        *marginal, *index_after, *cumulative, *set_effort, *set_index, *best_within_md,
        *cheapest_md, *greedy_md;
  } tasks;
  struct Sensitivity {
    const char *title, *analysed, *lost_title, *lost_md, *got_max, *reason_branch, *reason,
        *next_title, *next_md, *move, *branch, *no_threshold, *tornado_title, *tornado_md, *minus10,
        *plus10, *to_threshold, *records_of_kind, *later, *earlier, *more_records, *fewer_records,
        *raise_pp, *lower_pp, *raise, *lower, *plural;
  } sensitivity;
  struct Explain {
    const char *value_yes, *value_no, *value_missing, *value_no_cases, *ratio, *of_max,
        *percent_sign, *head_value, *head_on_time, *head_late, *head_not_issued, *head_below,
        *head_not_listed, *head_missing, *tail_branch, *tail_no_cases, *share, *share_target,
        *share_of, *missing_points, *deducted, *floor, *no_deduction, *given, *clamped, *per_case,
        *capped, *per_case_missing, *no_cases, *policy_full, *policy_zero, *policy_na,
        *policy_unset, *kept_within, *not_applicable, *condition, *missing_evidence, *expected,
        *error, *op_ge, *op_gt, *br_band, *br_level, *br_on_time, *br_late, *br_missing, *br_else,
        *br_yes, *br_no, *br_full, *br_zero, *br_proportional, *br_no_cases, *br_floor,
        *br_deducted, *br_clamped, *br_given, *br_per_case, *br_capped, *br_no_cases_full,
        *br_no_cases_zero, *br_no_cases_na, *br_not_applicable, *br_missing_evidence, *br_error;
  } explain;
  struct Batch {
    const char *title, *index, *area_stats, *n, *mean, *median, *min, *maximum, *bands, *count,
        *failed, *missing, *read, *scored, *failed_n, *ties, *ties_shared, *ties_dense,
        *sheet_ranking, *sheet_areas, *sheet_items, *sheet_gaps, *sheet_failed;
  } batch;
  struct Uncertainty {
    const char *title, *samples, *seed, *groups, *median, *range, *median_rank, *rank_range, *shift,
        *sobol, *group, *first_index, *total_index, *first_rank, *total_rank, *varying, *runs,
        *no_variance, *survey, *appraisal, *weights, *md_source, *md_error, *mean_rank,
        *convergence, *target, *cap_hit, *per_unit, *warning, *factor, *band_chances, *law_normal,
        *law_uniform, *law_discrete, *list_separator;
  } uncertainty;
  struct Html {
    const char *lang, *title, *year, *criteria, *areas, *lost, *lost_none, *tasks, *gains_alone,
        *no_effect, *table, *name, *evidence, *explanation, *missing, *missing_none, *expects_none,
        *top;
  } html;
  struct Form {
    const char *sheet_form, *sheet_lost, *title, *code, *name, *max, *self, *evidence, *explanation,
        *appraised, *total, *index, *lost, *branch, *na, *committee, *nation, *motto, *date_line,
        *prepared_by, *sign_name, *chairman, *sign_seal, *footer;
  } form;
  struct Weights {  // area weight schemes (--weights)
    const char *alternative, *by_max, *equal, *file, *nominal, *marker, *declared;
  } weights;
  struct Serve {  // cchc serve's answers that a person reads
    const char* token_needed;
  } serve;
};

const Labels& LabelsFor(Lang lang);
const Labels& ViLabels();  // labels_vi.cc
const Labels& EnLabels();  // labels_en.cc

// How a weight scheme (AreaWeights::name) reads: "max", "equal", else a file.
std::string WeightSchemeLabel(const std::string& scheme, Lang lang);

// Replaces "{0}".."{9}" in `text` by the arguments.
std::string Fill(std::string_view text, std::initializer_list<std::string_view> args);

}  // namespace cchc

#endif  // CCHC_ENGINE_RENDER_LABELS_H_
