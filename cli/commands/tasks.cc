// `cchc tasks CRITERIA EVIDENCE TASKS`: each task's gain alone, the best set
// for an effort budget, the cheapest set reaching a band, the greedy order.
#include "engine/analysis/tasks.h"

#include <cmath>

#include "cli/commands/commands.h"
#include "cli/commands/io.h"
#include "cli/commands/load.h"
#include "engine/render/analysis.h"
#include "evidence/scenario_loader.h"

namespace cchc {

int RunTasks(const TasksOptions& o, std::ostream& out, std::ostream& err) {
  OutputFormat format;
  RenderOptions render;
  if (!ParseRenderFlags(o.output.format, o.output.lang, &format, &render, err))
    return kExitInvalidInput;
  if (o.budget && !(std::isfinite(*o.budget) && *o.budget >= 0)) {
    err << "error: --budget must be a number >= 0\n";
    return kExitInvalidInput;
  }
  if (o.threads < 1 || o.threads > 64) {
    err << "error: --threads must be 1-64\n";
    return kExitInvalidInput;
  }
  LoadedCriteria criteria;
  if (!LoadCriteria(o.criteria, &criteria, err)) return kExitInvalidInput;
  Evidence evidence;
  if (!LoadEvidence(o.evidence, criteria.criteria, &evidence, err)) return kExitInvalidInput;
  const ScenarioLimits limits;
  std::string why;
  bool too_large = false;
  auto text = ReadWholeFile(o.tasks, limits.max_file_bytes, &why, &too_large);
  if (!text) {
    err << o.tasks
        << (too_large ? ": error[E513]: the task file is too large: "
                      : ": error[E590]: cannot read the task file: ")
        << why << "\n";
    return kExitInvalidInput;
  }
  TasksLoad load = LoadTasksJson(*text, o.tasks, &criteria.criteria, &evidence, limits);
  for (const EvidenceIssue& issue : load.issues) err << RenderIssue(issue) << "\n";
  if (!load.ok()) {
    err << o.tasks << ": the task list has errors; nothing scored\n";
    return kExitInvalidInput;
  }

  const IndexMeta& meta = criteria.criteria.index;
  WhatIf whatif(*criteria.plan, evidence);
  TaskOptions options;
  options.threads = o.threads;
  options.budget = o.budget;
  if (!o.target_band.empty()) {
    if (BandRank(meta, o.target_band) < 0) {
      err << "error: unknown --target-band '" << o.target_band << "'; the bands are:";
      for (const auto& b : meta.bands) err << " " << b.label;
      err << "\n";
      return kExitInvalidInput;
    }
    options.target_band = o.target_band;
  } else {
    const int rank = BandRank(meta, whatif.base_card().band);
    if (rank > 0) options.target_band = meta.bands[static_cast<size_t>(rank - 1)].label;
  }
  if (static_cast<int>(load.tasks.tasks.size()) > options.max_exact_tasks &&
      (options.budget || options.target_band)) {
    err << o.tasks << ": warning: " << load.tasks.tasks.size()
        << " tasks; the exact search covers up to " << options.max_exact_tasks
        << ", so only the ranking and the greedy order are given\n";
  }
  TaskAnalysis analysis = AnalyzeTasks(whatif, load.tasks, options);
  for (const TaskGain& g : analysis.ranked) {
    for (const std::string& p : g.problems) {
      err << o.tasks << ": warning: task " << load.tasks.tasks[static_cast<size_t>(g.task)].id
          << " alone: " << p << " (the effect needs an earlier task)\n";
    }
  }
  TasksView view{&load.tasks, &analysis, options.budget, options.target_band};
  return Emit(RenderTasks(*criteria.plan, view, format, render), o.output.output, out, err)
             ? kExitOk
             : kExitFailure;
}

}  // namespace cchc
