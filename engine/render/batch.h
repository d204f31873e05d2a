// Rendering a batch: the ranking, per-area statistics, band counts, the
// largest self-vs-appraised gaps and the failed inputs, as a terminal table,
// JSON, CSV (one row per unit with the per-area and per-item matrix),
// Markdown, or an XLSX workbook. Fields are documented in docs/batch.md.
#ifndef CCHC_ENGINE_RENDER_BATCH_H_
#define CCHC_ENGINE_RENDER_BATCH_H_

#include <string>

#include "engine/batch/batch.h"
#include "engine/core/plan.h"
#include "engine/render/score.h"

namespace cchc {

std::string RenderBatch(const Plan& plan, const BatchResult& r, OutputFormat format,
                        const RenderOptions& o);
std::string RenderBatchTable(const Plan& plan, const BatchResult& r, const RenderOptions& o);
std::string RenderBatchMarkdown(const Plan& plan, const BatchResult& r, const RenderOptions& o);
std::string RenderBatchCsv(const Plan& plan, const BatchResult& r, const RenderOptions& o);
std::string RenderBatchJson(const Plan& plan, const BatchResult& r, const RenderOptions& o);

// Writes an XLSX workbook (sheets: ranking, per-area statistics, per-item
// matrix, self vs appraised, and failed inputs when any) to a temporary file
// beside `path`, then renames it over `path`. On failure returns false with
// *error set and leaves no partial file.
bool WriteBatchXlsx(const Plan& plan, const BatchResult& r, const RenderOptions& o,
                    const std::string& path, std::string* error);

// "SOURCE: error", without repeating SOURCE when the error already starts
// with it (the loader's messages do: "file:line:col: error[E501]: ...").
std::string FailureLine(const BatchFailure& f);

// The XLSX sheet names in order, in the output language (tests read them back).
std::vector<std::string> BatchXlsxSheetNames(const BatchResult& r, Lang lang);

}  // namespace cchc

#endif  // CCHC_ENGINE_RENDER_BATCH_H_
