// Rendering the what-if, task and sensitivity analyses as an aligned table
// (Vietnamese labels by default), JSON, CSV or Markdown. The JSON fields are
// documented in docs/scenarios.md. Rounding happens here only.
#ifndef CCHC_ENGINE_RENDER_ANALYSIS_H_
#define CCHC_ENGINE_RENDER_ANALYSIS_H_

#include <string>
#include <vector>

#include "engine/analysis/sensitivity.h"
#include "engine/analysis/tasks.h"
#include "engine/core/plan.h"
#include "engine/core/scorecard.h"
#include "engine/render/score.h"
#include "evidence/scenario.h"

namespace cchc {

// One scenario's result, a column beside the base.
struct WhatIfColumn {
  std::string name;    // the scenario's name (or its file)
  std::string source;  // the file, or "--set"
  Scorecard card;
};

// Items whose points or status change in any column are listed (plan order);
// every area; the totals, index and band. Columns: base, then each scenario.
std::string RenderWhatIf(const Plan& plan, const Scorecard& base,
                         const std::vector<WhatIfColumn>& scenarios, OutputFormat format,
                         const RenderOptions& options);

// Every task (ranked, those with no effect marked as such), the best set for
// the budget, the cheapest set for the target band (or that it cannot be
// reached), and the greedy order.
struct TasksView {
  const TaskList* list = nullptr;
  const TaskAnalysis* analysis = nullptr;
  std::optional<double> budget;
  std::optional<std::string> target_band;
};
std::string RenderTasks(const Plan& plan, const TasksView& view, OutputFormat format,
                        const RenderOptions& options);

// The one message for a plan over kMaxTasks (AnalyzeTasks refused it).
std::string TooManyTasksMessage(size_t tasks, Lang lang);

std::string RenderSensitivity(const Plan& plan, const SensitivityReport& report,
                              OutputFormat format, const RenderOptions& options);

// The move in the input's own units, with the value before and after:
// "12 more on_time in TTHC-2026-T11 (1152 → 1164)", "KH-01.issued 9 days
// earlier (2026-02-09 → 2026-01-31)", "1 more \"dialogue\" record (1 → 2)";
// in Vietnamese "tăng TTHC-2026-T11.on_time thêm 12 (1152 → 1164)".
std::string DescribeStep(const SensitivityInput& in, const ThresholdStep& step, Lang lang);

// "TTHC-2026-T11.on_time", or the number of records of a kind.
std::string InputName(const SensitivityInput& in, Lang lang);

}  // namespace cchc

#endif  // CCHC_ENGINE_RENDER_ANALYSIS_H_
