// Task impact: gains alone, the greedy order, and the exact best sets.
#include "engine/analysis/tasks.h"

#include <algorithm>
#include <cmath>

namespace cchc {
namespace {

double RawPoints(const Scorecard& c) { return c.points + c.bonus.points - c.penalty.points; }

}  // namespace

std::optional<TaskAnalysis> AnalyzeTasks(WhatIf& whatif, const TaskList& list,
                                         const TaskOptions& options) {
  if (list.tasks.size() > kMaxTasks) return std::nullopt;
  TaskAnalysis a;
  const Scorecard& base = whatif.base_card();
  const Plan& plan = whatif.plan();
  a.base_percent = base.percent;
  a.base_band = base.band;
  const int n = static_cast<int>(list.tasks.size());
  for (int t = 0; t < n; ++t) {
    const Task& task = list.tasks[static_cast<size_t>(t)];
    TaskGain g;
    g.task = t;
    const Scorecard& after = whatif.Rescored({&task.effects}, &g.problems);
    g.gain = after.percent - base.percent;
    g.gain_points = RawPoints(after) - RawPoints(base);
    g.per_effort = task.effort > 0 ? g.gain / task.effort : 0;
    g.band_after = after.band;
    g.changes_band = after.band != base.band;
    ScoreDiff d = Diff(base, after);
    for (const ItemDelta& item : d.items)
      g.items.push_back(plan.items()[static_cast<size_t>(item.index)].item->code);
    a.ranked.push_back(std::move(g));
  }
  // A task that does nothing alone may complete another one (two halves of a
  // threshold): find the partner with which it adds the most.
  for (TaskGain& g : a.ranked) {
    if (!g.items.empty() || std::fabs(g.gain) > 1e-12) continue;
    const Task& task = list.tasks[static_cast<size_t>(g.task)];
    for (const TaskGain& other : a.ranked) {
      if (other.task == g.task) continue;
      const Task& o = list.tasks[static_cast<size_t>(other.task)];
      const double pair = whatif.Rescored({&task.effects, &o.effects}, nullptr).percent;
      const double added = pair - base.percent - other.gain;
      if (added > g.gain_with_partner + 1e-9) {
        g.partner = other.task;
        g.gain_with_partner = added;
      }
    }
  }
  std::stable_sort(a.ranked.begin(), a.ranked.end(), [&](const TaskGain& x, const TaskGain& y) {
    if (std::fabs(x.gain - y.gain) > 1e-12) return x.gain > y.gain;
    if (std::fabs(x.per_effort - y.per_effort) > 1e-12) return x.per_effort > y.per_effort;
    return list.tasks[static_cast<size_t>(x.task)].id < list.tasks[static_cast<size_t>(y.task)].id;
  });

  // Greedy: repeatedly add the task with the largest marginal gain (ties by
  // gain per effort), so interactions count.
  std::vector<int> chosen;
  std::vector<const std::vector<Effect>*> lists;
  double current = base.percent, effort = 0;
  std::vector<char> used(static_cast<size_t>(n), 0);
  for (int step = 0; step < n; ++step) {
    int best = -1;
    double best_gain = 0, best_pct = 0, best_ratio = 0;
    for (int t = 0; t < n; ++t) {
      if (used[static_cast<size_t>(t)]) continue;
      lists.push_back(&list.tasks[static_cast<size_t>(t)].effects);
      const double pct = whatif.Rescored(lists, nullptr).percent;
      lists.pop_back();
      const double gain = pct - current;
      const double e = list.tasks[static_cast<size_t>(t)].effort;
      const double ratio = e > 0 ? gain / e : gain;
      if (best < 0 || gain > best_gain + 1e-12 ||
          (std::fabs(gain - best_gain) <= 1e-12 && ratio > best_ratio + 1e-12)) {
        best = t;
        best_gain = gain;
        best_pct = pct;
        best_ratio = ratio;
      }
    }
    used[static_cast<size_t>(best)] = 1;
    lists.push_back(&list.tasks[static_cast<size_t>(best)].effects);
    effort += list.tasks[static_cast<size_t>(best)].effort;
    a.greedy.push_back({best, best_gain, best_pct, effort});
    current = best_pct;
  }

  if (options.budget || options.target_band) {
    const SubsetSearchResult r =
        *SearchSubsets(whatif, list, options.budget, options.target_band, options.threads);
    a.best_for_budget = r.best_for_budget;
    a.cheapest_for_band = r.cheapest_for_band;
    a.target_reachable = r.cheapest_for_band.has_value();
    a.subsets_scored = r.subsets;
    a.exhaustive = true;
  }
  return a;
}

}  // namespace cchc
