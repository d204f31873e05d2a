// Task impact: each planned task's gain alone, per unit of effort and on the
// band; the best set of tasks within an effort budget and the cheapest set
// that reaches a target band, exact over all subsets (tasks interact through
// steps and caps, so sets are scored, not summed); and a greedy order.
#ifndef CCHC_ENGINE_ANALYSIS_TASKS_H_
#define CCHC_ENGINE_ANALYSIS_TASKS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "criteria/input_limits.h"
#include "engine/analysis/whatif.h"
#include "evidence/scenario.h"

namespace cchc {

struct TaskGain {
  int task = -1;           // index into TaskList::tasks
  double gain = 0;         // index percentage points
  double gain_points = 0;  // raw points (area items + bonus - penalty)
  double per_effort = 0;   // gain / effort (0 when effort is 0)
  std::string band_after;
  bool changes_band = false;
  std::vector<std::string> items;     // item codes whose points or status change
  std::vector<std::string> problems;  // effects that could not apply
  // For a task with no effect alone: the other task with which it adds the
  // most, and what it adds to that task's own gain (index percentage points).
  // Unset when it adds nothing with any single other task.
  std::optional<int> partner;
  double gain_with_partner = 0;
};

struct TaskSet {
  std::vector<int> tasks;  // ascending task indices
  double effort = 0;
  double percent = 0;
  double gain = 0;
  std::string band;
};

struct GreedyStep {
  int task = -1;
  double marginal_gain = 0;
  double percent_after = 0;
  double cumulative_effort = 0;
};

struct TaskOptions {
  std::optional<double> budget;            // effort budget for the best set
  std::optional<std::string> target_band;  // band label to reach cheaply
  int threads = 0;                         // <= 0: every core
};

struct TaskAnalysis {
  double base_percent = 0;
  std::string base_band;
  std::vector<TaskGain> ranked;  // best gain first; ties by gain per effort, then id
  std::vector<GreedyStep> greedy;
  std::optional<TaskSet> best_for_budget;    // when a budget was given
  std::optional<TaskSet> cheapest_for_band;  // when a target band was given and reachable
  bool target_reachable = false;
  long long subsets_scored = 0;
  bool exhaustive = false;  // the sets were searched (a budget or a target band was given)
};

// Nullopt when the list has more than kMaxTasks tasks (the caller says so and
// stops): a plan over the cap is refused, never analysed in part.
std::optional<TaskAnalysis> AnalyzeTasks(WhatIf& whatif, const TaskList& tasks,
                                         const TaskOptions& options);

// The exhaustive search on its own (also used by tests against brute force):
// every subset of `tasks` scored; returns, for the budget and for the target
// band, the best sets. `threads` >= 1. Nullopt when there are more than
// kMaxTasks tasks.
struct SubsetSearchResult {
  std::optional<TaskSet> best_for_budget;
  std::optional<TaskSet> cheapest_for_band;
  long long subsets = 0;
};
std::optional<SubsetSearchResult> SearchSubsets(const WhatIf& whatif, const TaskList& tasks,
                                                std::optional<double> budget,
                                                std::optional<std::string> target_band,
                                                int threads);

// The band rank of a label under the plan's bands (0 = highest), or -1.
int BandRank(const IndexMeta& meta, const std::string& label);

// The declared band a person's typing means: equal after NFC and Vietnamese
// case folding ("tốt", "TỐT", a decomposed "Tốt" all mean "Tốt"), or null.
const BandDecl* FindBand(const IndexMeta& meta, std::string_view typed);

}  // namespace cchc

#endif  // CCHC_ENGINE_ANALYSIS_TASKS_H_
