// The criteria checker: every structural, rule and type problem of a parsed
// criteria file as diagnostics (never the first only), plus a summary of its
// shape for `cchc check`.
#ifndef CCHC_CRITERIA_CHECKER_H_
#define CCHC_CRITERIA_CHECKER_H_

#include <string>
#include <vector>

#include "criteria/ast.h"
#include "criteria/diagnostics.h"

namespace cchc {

struct CriteriaSummary {
  int areas = 0;
  int criteria = 0;
  int items = 0;                          // items under areas (bonus/penalty items counted apart)
  int self_items = 0;                     // of those, self-assessed
  int survey_items = 0;                   // of those, `assessed by survey`
  double total_max = 0;                   // sum of the areas' max
  double bonus_cap = 0, penalty_cap = 0;  // 0 when the block is absent
  int bonus_items = 0, penalty_items = 0;
  int record_kinds = 0;
  // The area weights when not by max: "equal", or "by area (I 15, II 10, …)";
  // "" by max (the line is then not printed, as before it existed).
  std::string weights;
  std::string criterion_weights;  // when not by max: "equal" or "by criterion"
};

struct CheckResult {
  std::vector<Diagnostic> diagnostics;  // in the order found; RenderAll sorts
  CriteriaSummary summary;
  bool ok() const { return !HasErrors(diagnostics); }  // warnings allowed
};

// Checks a parsed model. Reports every problem found, each at the most precise
// source range the model carries: structure (E2xx), rules (E3xx, with an
// interval analysis of the points each branch can give) and names and types
// (E4xx). Never throws; expressions nested deeper than an internal bound are
// reported (E103) instead of being walked. Safe on the partial model left by
// a parse with syntax errors (null expressions are skipped), though sums and
// empty groups are then not meaningful. Ranges index the text the model was
// parsed from.
CheckResult CheckCriteria(const Criteria& criteria);

// A few human lines: areas, criteria, items, total max, bonus/penalty caps.
std::string FormatSummary(const CriteriaSummary& summary);

}  // namespace cchc

#endif  // CCHC_CRITERIA_CHECKER_H_
