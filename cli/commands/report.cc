// `cchc report CRITERIA EVIDENCE -o FILE`: the single-file HTML report (with
// the task analysis when --tasks is given) or the XLSX self-assessment form.
#include "engine/render/html/report.h"

#include <cmath>

#include "cli/commands/commands.h"
#include "cli/commands/io.h"
#include "cli/commands/load.h"
#include "cli/commands/output.h"
#include "engine/analysis/tasks.h"
#include "evidence/scenario_loader.h"

namespace cchc {
namespace {

// Loads and validates the task list against the criteria and evidence.
// False (after printing) on bad input and on a plan over kMaxTasks.
bool LoadTaskFile(const std::string& path, const CompiledCriteria& criteria, Evidence& evidence,
                  Lang lang, TaskList* list, std::ostream& err) {
  const ScenarioLimits limits;
  auto text = ReadInput(path, InputFile::kTasks, err);
  if (!text) return false;
  TasksLoad load = LoadTasksJson(*text, path, &criteria.criteria(), &evidence, limits);
  for (const EvidenceIssue& issue : load.issues) err << RenderIssue(issue) << "\n";
  if (!load.ok()) {
    err << path << ": the task list has errors; nothing scored\n";
    return false;
  }
  if (!WithinTaskCap(path, load.tasks.tasks.size(), lang, err)) return false;
  *list = std::move(load.tasks);
  return true;
}

}  // namespace

int RunReport(const ReportCommandOptions& o, std::ostream& out, std::ostream& err) {
  (void)out;
  std::string format;
  if (!ResolveFormat("report", o.format, o.output, {"html", "xlsx"}, "html", &format, err)) {
    return kExitInvalidInput;
  }
  if (o.output.empty() || o.output == "-") {
    err << "error: -o FILE is required for the report (FILE.html or FILE.xlsx)\n";
    return kExitInvalidInput;
  }
  RenderOptions report;
  if (o.lang == "vi") {
    report.lang = Lang::kVi;
  } else if (o.lang == "en") {
    report.lang = Lang::kEn;
  } else {
    err << "error: unknown --lang '" << o.lang << "' (vi, en)\n";
    return kExitInvalidInput;
  }
  if (o.budget && !(std::isfinite(*o.budget) && *o.budget >= 0)) {
    err << "error: --budget must be a number >= 0\n";
    return kExitInvalidInput;
  }
  if (o.budget && o.tasks.empty()) {
    err << "error: --budget needs --tasks\n";
    return kExitInvalidInput;
  }
  const std::unique_ptr<const CompiledCriteria> criteria = LoadCriteria(o.criteria, err);
  if (!criteria) return kExitInvalidInput;
  Evidence evidence;
  if (!LoadEvidence(o.evidence, criteria->criteria(), &evidence, err)) return kExitInvalidInput;
  TaskList list;
  if (!o.tasks.empty() && format == "html" &&
      !LoadTaskFile(o.tasks, *criteria, evidence, report.lang, &list, err)) {
    return kExitInvalidInput;
  }
  WhatIf whatif(criteria->plan(), evidence);
  const Scorecard& card = whatif.base_card();

  if (format == "xlsx") {
    if (!o.tasks.empty()) err << "warning: --tasks is shown in the HTML report only\n";
    std::string why;
    if (!WriteSelfAssessmentXlsx(criteria->plan(), card, report, o.output, &why)) {
      err << o.output << ": error: " << why << "\n";
      return kExitFailure;
    }
    SayWritten(o.output, format, report.lang, err);
    return kExitOk;
  }

  // The task sets: the best for the budget, the cheapest for the next band up.
  TaskAnalysis analysis;
  std::optional<TasksView> view;
  if (!o.tasks.empty()) {
    const IndexMeta& meta = criteria->criteria().index;
    TaskOptions options;
    options.budget = o.budget;
    const int rank = BandRank(meta, card.band);
    if (rank > 0) options.target_band = meta.bands[static_cast<size_t>(rank - 1)].label;
    analysis = *AnalyzeTasks(whatif, list, options);  // LoadTaskFile checked the cap
    view = TasksView{&list, &analysis, options.budget, options.target_band};
  }
  const std::string html =
      RenderHtmlReport(criteria->plan(), card, view ? &*view : nullptr, report);
  std::string why;
  if (!WriteFileAtomic(o.output, html, &why)) {
    err << o.output << ": error: " << why << "\n";
    return kExitFailure;
  }
  SayWritten(o.output, format, report.lang, err);
  return kExitOk;
}

}  // namespace cchc
