// `cchc uncertainty CRITERIA INPUT`: the batch scored as `cchc batch` scores
// it, then the Monte Carlo and (with --sobol) the Sobol analysis over the
// units that scored; failures reported and left out.
#include "engine/uncertainty/uncertainty.h"

#include <thread>

#include "cli/commands/batch_inputs.h"
#include "cli/commands/commands.h"
#include "cli/commands/load.h"
#include "engine/batch/batch.h"
#include "engine/render/batch.h"
#include "engine/render/uncertainty.h"

namespace cchc {

int RunUncertainty(const UncertaintyOptions& o, std::ostream& out, std::ostream& err) {
  OutputFormat format = OutputFormat::kTable;
  RenderOptions render;
  if (!ParseRenderFlags(o.output.format, o.output.lang, &format, &render, err)) {
    return kExitInvalidInput;
  }
  const int jobs =
      o.jobs > 0 ? o.jobs : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  UncertaintyConfig config;
  config.samples = o.samples;
  config.seed = o.seed;
  config.survey_sd = o.survey_sd;
  config.accept = o.accept;
  config.weight_sd = o.weight_sd;
  config.sobol = o.sobol;
  config.bootstrap = o.bootstrap;
  config.jobs = jobs;
  std::string why;
  if (!ParseNoiseGroups(o.groups, &config.groups, &why)) {
    err << "error: --groups: " << why << "\n";
    return kExitInvalidInput;
  }
  if (why = ValidateUncertaintyConfig(config, 0); !why.empty()) {
    err << "error: " << why << "\n";
    return kExitInvalidInput;
  }
  LoadedCriteria criteria;
  if (!LoadCriteria(o.criteria, &criteria, err)) return kExitInvalidInput;
  std::string ndjson_text;
  std::unique_ptr<BatchInputs> inputs = OpenBatchInputs(o.input, &ndjson_text, err);
  if (!inputs) return kExitInvalidInput;

  BatchConfig batch_config;
  batch_config.jobs = jobs;
  const BatchResult batch = ScoreBatch(*criteria.plan, *inputs, batch_config);
  if (format != OutputFormat::kTable) {
    for (const BatchFailure& f : batch.failed) err << "failed: " << FailureLine(f) << "\n";
  }
  err << "uncertainty: read " << batch.read() << ", scored " << batch.units.size() << ", failed "
      << batch.failed.size() << "\n";
  if (batch.units.empty()) {
    if (format == OutputFormat::kTable) {
      for (const BatchFailure& f : batch.failed) err << "failed: " << FailureLine(f) << "\n";
    }
    err << "error: no unit could be scored; nothing to analyse\n";
    return kExitInvalidInput;
  }
  if (why = ValidateUncertaintyConfig(config, batch.units.size()); !why.empty()) {
    err << "error: " << why << "\n";
    return kExitInvalidInput;
  }
  const UncertaintyResult result = AnalyzeUncertainty(*criteria.plan, batch, config);
  if (!Emit(RenderUncertainty(*criteria.plan, batch, result, format, render), o.output.output, out,
            err)) {
    return kExitFailure;
  }
  return batch.failed.empty() ? kExitOk : kExitPartial;
}

}  // namespace cchc
