// `cchc tasks CRITERIA EVIDENCE TASKS`: each task's gain alone, the best set
// for an effort budget, the cheapest set reaching a band, the greedy order.
#include "engine/analysis/tasks.h"

#include <cmath>

#include "cli/commands/commands.h"
#include "cli/commands/io.h"
#include "cli/commands/load.h"
#include "cli/commands/output.h"
#include "cli/commands/suggest.h"
#include "criteria/input_limits.h"
#include "engine/render/analysis.h"
#include "engine/util/vi_text.h"
#include "evidence/scenario_loader.h"

namespace cchc {
namespace {

// The declared band a typed name means: equal after NFC and case folding
// ("tốt", "TỐT" and a decomposed "Tốt" all mean "Tốt"). Null when none;
// then the message names the bands and the closest one.
const std::string* MatchBand(const IndexMeta& meta, const std::string& typed, std::ostream& err) {
  if (const BandDecl* band = FindBand(meta, typed)) return &band->label;
  std::vector<std::string> folded;
  for (const auto& b : meta.bands) folded.push_back(FoldVi(b.label));
  const std::string closest = ClosestName(FoldVi(typed), folded);
  err << "error: unknown --target-band '" << typed << "'";
  for (size_t i = 0; i < folded.size(); ++i) {
    if (!closest.empty() && folded[i] == closest) {
      err << "; did you mean '" << meta.bands[i].label << "'?";
    }
  }
  err << " The bands are:";
  for (const auto& b : meta.bands) err << " \"" << b.label << "\"";
  err << "\n";
  return nullptr;
}

}  // namespace

int RunTasks(const TasksOptions& o, std::ostream& out, std::ostream& err) {
  std::string format_name;
  OutputFormat format;
  RenderOptions render;
  if (!ParseOutputFlags("tasks", o.output, false, &format_name, &format, &render, err))
    return kExitInvalidInput;
  if (o.budget && !(std::isfinite(*o.budget) && *o.budget >= 0)) {
    err << "error: --budget must be a number >= 0\n";
    return kExitInvalidInput;
  }
  if (o.threads < 0 || o.threads > kMaxThreads) {
    err << "error: --threads must be 0 (all cores) to " << kMaxThreads << "\n";
    return kExitInvalidInput;
  }
  const std::unique_ptr<const CompiledCriteria> criteria = LoadCriteria(o.criteria, err);
  if (!criteria) return kExitInvalidInput;
  Evidence evidence;
  if (!LoadEvidence(o.evidence, criteria->criteria(), &evidence, err)) return kExitInvalidInput;
  const ScenarioLimits limits;
  auto text = ReadInput(o.tasks, InputFile::kTasks, err);
  if (!text) return kExitInvalidInput;
  TasksLoad load = LoadTasksJson(*text, o.tasks, &criteria->criteria(), &evidence, limits);
  for (const EvidenceIssue& issue : load.issues) err << RenderIssue(issue) << "\n";
  if (!load.ok()) {
    err << o.tasks << ": the task list has errors; nothing scored\n";
    return kExitInvalidInput;
  }

  const IndexMeta& meta = criteria->criteria().index;
  WhatIf whatif(criteria->plan(), evidence);
  TaskOptions options;
  options.threads = o.threads;
  options.budget = o.budget;
  if (!o.target_band.empty()) {
    const std::string* band = MatchBand(meta, o.target_band, err);
    if (!band) return kExitInvalidInput;
    options.target_band = *band;
  } else {
    const int rank = BandRank(meta, whatif.base_card().band);
    if (rank > 0) options.target_band = meta.bands[static_cast<size_t>(rank - 1)].label;
  }
  const std::optional<TaskAnalysis> analysis = AnalyzeTasks(whatif, load.tasks, options);
  if (!analysis) {
    WithinTaskCap(o.tasks, load.tasks.tasks.size(), render.lang, err);
    return kExitInvalidInput;
  }
  for (const TaskGain& g : analysis->ranked) {
    for (const std::string& p : g.problems) {
      err << o.tasks << ": warning: task " << load.tasks.tasks[static_cast<size_t>(g.task)].id
          << " alone: " << p << " (the effect needs an earlier task)\n";
    }
  }
  TasksView view{&load.tasks, &*analysis, options.budget, options.target_band};
  return EmitOutput(RenderTasks(criteria->plan(), view, format, render), o.output, format_name,
                    render.lang, out, err)
             ? kExitOk
             : kExitFailure;
}

}  // namespace cchc
