// The commune's report as one self-contained HTML file (inline CSS and SVG
// charts, no scripts, no external resources) and the self-assessment form
// (Biểu tự đánh giá, chấm điểm) as an XLSX workbook. docs/report.md.
#ifndef CCHC_ENGINE_RENDER_HTML_REPORT_H_
#define CCHC_ENGINE_RENDER_HTML_REPORT_H_

#include <string>
#include <vector>

#include "engine/core/plan.h"
#include "engine/core/scorecard.h"
#include "engine/render/analysis.h"
#include "engine/render/score.h"

namespace cchc {

// The HTML report: header with the index and band, areas against max, points
// lost (top 15), the task chart and sets when `tasks` is given (may be null),
// the full self-assessment table and the items missing evidence.
std::string RenderHtmlReport(const Plan& plan, const Scorecard& card, const TasksView* tasks,
                             const RenderOptions& options);

// The self-assessment form and a points-lost sheet, written to a temporary
// file beside `path` and renamed into place. False with *error set on failure
// (no partial file is left).
bool WriteSelfAssessmentXlsx(const Plan& plan, const Scorecard& card, const RenderOptions& options,
                             const std::string& path, std::string* error);

// The form's sheet names in the output language, in workbook order.
std::vector<std::string> SelfAssessmentSheetNames(Lang lang);

}  // namespace cchc

#endif  // CCHC_ENGINE_RENDER_HTML_REPORT_H_
