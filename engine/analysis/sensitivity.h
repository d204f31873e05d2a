// Local sensitivity: for every numeric input the evidence feeds the rules
// (a number, count or percent field of a selected record, a date, or the
// number of records of a kind), the distance to its next threshold in the
// input's own units and the gain it brings, and a tornado of ±10 % moves.
#ifndef CCHC_ENGINE_ANALYSIS_SENSITIVITY_H_
#define CCHC_ENGINE_ANALYSIS_SENSITIVITY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/analysis/whatif.h"

namespace cchc {

enum class InputKind { kNumber, kCount, kPercent, kDate, kRecordCount };

struct SensitivityInput {
  InputKind kind = InputKind::kNumber;
  std::string record_id;  // empty for kRecordCount
  std::string record_kind;
  std::string field;               // empty for kRecordCount
  double value = 0;                // current value (percent as a fraction; date as days)
  std::vector<std::string> items;  // item codes that read it
};

// The smallest move of one input, in one direction, that changes the branch
// of an item it feeds to one worth more points.
struct ThresholdStep {
  double delta = 0;  // in the input's units (count: whole; date: days, < 0 earlier)
  double to = 0;     // the new value
  double gain = 0;   // index percentage points
  double gain_points = 0;
  std::string item;  // the item whose branch changes
  std::string branch_before, branch_after;
};

struct InputSensitivity {
  SensitivityInput input;
  std::optional<ThresholdStep> up, down;       // increase / decrease
  double tornado_minus = 0, tornado_plus = 0;  // index change at -10 % / +10 %
  double tornado_span() const;
};

struct SensitivityReport {
  double base_percent = 0;
  std::vector<const ItemScore*> points_lost;  // into WhatIf::base_card()
  std::vector<InputSensitivity> inputs;       // by largest effect first
  size_t inputs_found = 0;  // inputs the evidence has; more than analysed when capped
};

// The inputs of the base evidence that some item reads.
std::vector<SensitivityInput> FindInputs(const WhatIf& whatif);

// Analyses the inputs. `max_search` bounds the search per direction (in the
// input's units, counts and days; percents search up to 100 %). Every input
// is analysed unless `max_inputs` is smaller than their number (callers
// that need a bound: then those feeding items that lost points come first,
// then evidence order, and `inputs_found` tells how many there were). Each
// input costs a few dozen re-scores, each in proportion to what it changes.
SensitivityReport AnalyzeSensitivity(WhatIf& whatif, double max_search = 100000,
                                     size_t max_inputs = SIZE_MAX);

// The input's value in its units: "1152", "96.00 %", "2026-01-31".
std::string FormatInputValue(const SensitivityInput& in, double value);
// "count", "number", "percent", "date", "records".
const char* InputKindName(InputKind k);

}  // namespace cchc

#endif  // CCHC_ENGINE_ANALYSIS_SENSITIVITY_H_
