// Rendering an uncertainty analysis: per unit the base index, the median and
// 5–95 % interval of the index and of the rank, band probabilities; the Sobol
// indices per input group; failed inputs. Table (Vietnamese labels by
// default), JSON (docs/uncertainty.md), CSV (one row per unit), Markdown.
#ifndef CCHC_ENGINE_RENDER_UNCERTAINTY_H_
#define CCHC_ENGINE_RENDER_UNCERTAINTY_H_

#include <string>

#include "engine/batch/batch.h"
#include "engine/core/plan.h"
#include "engine/render/score.h"
#include "engine/uncertainty/uncertainty.h"

namespace cchc {

// `batch` is the batch the analysis ran on (units, failures, totals).
std::string RenderUncertainty(const Plan& plan, const BatchResult& batch,
                              const UncertaintyResult& r, OutputFormat format,
                              const RenderOptions& o);
// The per-sample export (r from a run with keep_samples): long CSV, or
// NDJSON when `ndjson`.
std::string RenderUncertaintySamples(const Plan& plan, const BatchResult& batch,
                                     const UncertaintyResult& r, bool ndjson);
std::string RenderUncertaintyJson(const Plan& plan, const BatchResult& batch,
                                  const UncertaintyResult& r);

}  // namespace cchc

#endif  // CCHC_ENGINE_RENDER_UNCERTAINTY_H_
