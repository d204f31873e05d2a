// `cchc uncertainty CRITERIA INPUT`: the batch scored as `cchc batch` scores
// it, then the Monte Carlo and (with --sobol) the Sobol analysis over the
// units that scored; failures reported and left out.
#include "engine/uncertainty/uncertainty.h"

#include "cli/commands/batch_inputs.h"
#include "cli/commands/commands.h"
#include "cli/commands/io.h"
#include "cli/commands/load.h"
#include "cli/commands/output.h"
#include "cli/commands/weights.h"
#include "criteria/input_limits.h"
#include "engine/batch/batch.h"
#include "engine/render/batch.h"
#include "engine/render/uncertainty.h"

namespace cchc {

namespace {

// The noise flags: --X-noise LAW or its shorthand --X-sd SD (not both).
bool NoiseFlag(const char* name, const std::string& law, const std::optional<double>& sd,
               Noise* out, std::ostream& err) {
  if (!law.empty() && sd) {
    err << "error: give --" << name << "-noise or --" << name << "-sd, not both\n";
    return false;
  }
  if (sd) *out = NormalNoise(*sd);
  std::string why;
  if (!law.empty() && !ParseNoise(law, out, &why)) {
    err << "error: --" << name << "-noise: " << why << "\n";
    return false;
  }
  return true;
}

}  // namespace

int RunUncertainty(const UncertaintyOptions& o, std::ostream& out, std::ostream& err) {
  std::string format_name;
  OutputFormat format = OutputFormat::kTable;
  RenderOptions render;
  if (!ParseOutputFlags("uncertainty", o.output, false, &format_name, &format, &render, err)) {
    return kExitInvalidInput;
  }
  const int jobs = o.jobs;  // <= 0: every core (ParallelFor)
  UncertaintyConfig config;
  config.samples = o.samples;
  config.seed = o.seed;
  config.accept = o.accept;
  config.sobol = o.sobol;
  config.bootstrap = o.bootstrap;
  config.target_se = o.target_se;
  config.max_samples = o.max_samples;
  config.keep_samples = !o.samples_out.empty();
  config.jobs = jobs;
  if (!NoiseFlag("survey", o.survey_noise, o.survey_sd, &config.survey_noise, err) ||
      !NoiseFlag("weight", o.weight_noise, o.weight_sd, &config.weight_noise, err)) {
    return kExitInvalidInput;
  }
  std::string why;
  if (!ParseNoiseGroups(o.groups, &config.groups, &why)) {
    err << "error: --groups: " << why << "\n";
    return kExitInvalidInput;
  }
  if (!ParseFactorLevel(o.factors, &config.factors)) {
    err << "error: --factors: unknown \"" << o.factors << "\" (expected groups, areas or items)\n";
    return kExitInvalidInput;
  }
  const bool ndjson_samples = o.samples_out.ends_with(".ndjson");
  if (!o.samples_out.empty() && !ndjson_samples && !o.samples_out.ends_with(".csv")) {
    err << "error: --samples-out: \"" << o.samples_out
        << "\" must end in .csv or .ndjson (the format follows the extension)\n";
    return kExitInvalidInput;
  }
  if (why = ValidateUncertaintyConfig(config, 0); !why.empty()) {
    err << "error: " << why << "\n";
    return kExitInvalidInput;
  }
  const std::unique_ptr<const CompiledCriteria> criteria = LoadCriteria(o.criteria, err);
  if (!criteria) return kExitInvalidInput;
  // The nominal weights: the criteria's own scheme unless --weights names one.
  AreaWeights weights = DeclaredAreaWeights(criteria->criteria());
  if (!o.weights.empty() && !LoadAreaWeights(o.weights, criteria->criteria(), &weights, err)) {
    return kExitInvalidInput;
  }
  if (!weights.criterion.empty()) {
    // The model perturbs area columns; a criterion-weighted area is not one.
    err << "error: " << (o.weights.empty() ? o.criteria : o.weights)
        << ": criterion weights are not supported by `cchc uncertainty` yet; use area weights "
           "only (or score and batch, which show the index under criterion weights)\n";
    return kExitInvalidInput;
  }
  config.area_weights = weights.weight;
  config.weights_name = weights.name;
  if (!o.weight_noise_file.empty()) {
    std::string text, read_error;
    if (std::optional<std::string> t =
            ReadWholeFile(o.weight_noise_file, kMaxWeightsFileBytes, &read_error)) {
      text = std::move(*t);
    } else {
      err << "error: --weight-noise-file: " << o.weight_noise_file << ": " << read_error << "\n";
      return kExitInvalidInput;
    }
    std::vector<std::string> areas;
    for (const Area& a : criteria->plan().criteria().areas) areas.push_back(a.code);
    if (!ParseAreaNoiseFile(text, o.weight_noise_file, areas, config.weight_noise,
                            &config.area_weight_noise, &why)) {
      err << "error: " << why << "\n";
      return kExitInvalidInput;
    }
  }
  std::unique_ptr<BatchInputs> inputs = OpenBatchInputs(o.input, nullptr, err);
  if (!inputs) return kExitInvalidInput;

  BatchConfig batch_config;
  batch_config.jobs = jobs;
  BatchResult batch = ScoreBatch(criteria->plan(), *inputs, batch_config);
  // The base index, band and rank are those of the nominal weights the noise
  // is applied around.
  if (!o.weights.empty()) ReweighBatch(criteria->plan(), weights, batch_config.max_gaps, &batch);
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
  const size_t factors = config.sobol ? SobolFactors(criteria->plan(), batch, config).size() : 0;
  if (why = ValidateUncertaintyConfig(config, batch.units.size(), factors); !why.empty()) {
    err << "error: " << why << "\n";
    return kExitInvalidInput;
  }
  const size_t most_samples = static_cast<size_t>(
      config.target_se > 0 ? std::max(config.samples, config.max_samples) : config.samples);
  if (config.keep_samples && batch.units.size() * most_samples > kMaxSampleRows) {
    err << "error: --samples-out: units × samples is over " << kMaxSampleRows
        << " rows; use fewer --samples (or --max-samples)\n";
    return kExitInvalidInput;
  }
  const UncertaintyResult result = AnalyzeUncertainty(criteria->plan(), batch, config);
  for (const std::string& w : result.warnings) err << "warning: " << w << "\n";
  if (config.target_se > 0 && !result.target_met) {
    err << "warning: --target-se " << config.target_se << " not met at the cap of "
        << result.samples << " samples (largest standard error " << result.max_se
        << "); raise --max-samples\n";
  }
  if (config.keep_samples) {
    std::string write_error;
    if (!WriteFileAtomic(o.samples_out,
                         RenderUncertaintySamples(criteria->plan(), batch, result, ndjson_samples),
                         &write_error)) {
      err << "error: --samples-out: " << o.samples_out << ": " << write_error << "\n";
      return kExitFailure;
    }
    SayWritten(o.samples_out, ndjson_samples ? "NDJSON" : "csv", render.lang, err);
  }
  if (!EmitOutput(RenderUncertainty(criteria->plan(), batch, result, format, render), o.output,
                  format_name, render.lang, out, err)) {
    return kExitFailure;
  }
  return batch.failed.empty() ? kExitOk : kExitPartial;
}

}  // namespace cchc
