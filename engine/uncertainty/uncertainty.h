// Uncertainty and global sensitivity of a scored batch: Monte Carlo over
// survey error, appraisal acceptance of self-assessed evidence and area weight
// noise, giving per unit the index and rank distribution and band
// probabilities; Sobol first-order and total indices per input group with
// bootstrap intervals. Method and formulas: docs/uncertainty.md.
#ifndef CCHC_ENGINE_UNCERTAINTY_UNCERTAINTY_H_
#define CCHC_ENGINE_UNCERTAINTY_UNCERTAINTY_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/batch/batch.h"
#include "engine/core/plan.h"

namespace cchc {

enum class NoiseGroup : uint8_t { kSurvey = 0, kAppraisal = 1, kWeights = 2 };
constexpr int kNoiseGroups = 3;

const char* NoiseGroupName(NoiseGroup g);  // "survey", "appraisal", "weights"

// Parses "survey,appraisal,weights" (any non-empty subset, any order, no
// repeats) into groups in the canonical order above. False with *error set.
bool ParseNoiseGroups(std::string_view list, std::vector<NoiseGroup>* out, std::string* error);

struct UncertaintyConfig {
  int samples = 1000;  // Monte Carlo samples; also the Sobol base sample size
  uint64_t seed = 1;
  double survey_sd = 0.05;  // σ of the relative survey error ε
  double accept = 0.95;     // probability a self-assessed item's evidence is accepted
  double weight_sd = 0.10;  // σ of the relative area weight noise δ
  std::vector<NoiseGroup> groups = {NoiseGroup::kSurvey, NoiseGroup::kAppraisal,
                                    NoiseGroup::kWeights};
  bool sobol = false;
  int bootstrap = 200;  // Sobol bootstrap resamples; 0: no intervals
  int jobs = 1;         // threads; results do not depend on it
};

// Limits: samples in [1, kMaxUncertaintySamples], units × samples × (Sobol:
// groups + 2, else 1) at most kMaxUncertaintyCells, bootstrap in [0, 10000].
constexpr int kMaxUncertaintySamples = 1000000;
constexpr size_t kMaxUncertaintyCells = size_t{50} << 20;

// "" when the configuration is usable for `units` units, else why not.
std::string ValidateUncertaintyConfig(const UncertaintyConfig& config, size_t units);

struct UnitUncertainty {
  size_t unit = 0;  // into BatchResult::units
  double base = 0;  // the scored index
  int base_rank = 0;
  double mean = 0, median = 0, p5 = 0, p95 = 0;    // of the index (type 7 quantiles)
  int rank_median = 0, rank_p5 = 0, rank_p95 = 0;  // nearest-rank percentiles
  std::vector<double> band_probability;            // per IndexMeta::bands, declared order
  double unbanded = 0;                             // share of samples no band takes
};

// An estimate with its bootstrap 95 % percentile interval (equal to the
// estimate when there are no resamples; NaN when nothing varies).
struct SobolValue {
  double estimate = 0, low = 0, high = 0;
};

struct SobolGroupResult {
  NoiseGroup group = NoiseGroup::kSurvey;
  SobolValue index_first, index_total;  // per-unit index, averaged over units that vary
  SobolValue rank_first, rank_total;    // mean absolute rank shift
};

struct SobolResult {
  int base_samples = 0;
  size_t evaluations = 0;  // base_samples × (groups + 2)
  int bootstrap = 0;
  size_t units_with_variance = 0;
  std::vector<SobolGroupResult> groups;  // config order
};

struct UncertaintyResult {
  UncertaintyConfig config;
  std::vector<UnitUncertainty> units;  // BatchResult::order (base rank order)
  double mean_rank_shift = 0;          // mean over samples and units of |rank - base rank|
  // (unit, item) pairs the enabled item groups can move (0 for a group that
  // does not vary): the survey error; a rejection that changes points.
  size_t survey_items = 0;
  size_t appraisal_items = 0;
  std::optional<SobolResult> sobol;
};

// Runs the analysis over batch.units (ranked by FinishBatch). The config must
// pass ValidateUncertaintyConfig. Deterministic in config.seed for any jobs.
UncertaintyResult AnalyzeUncertainty(const Plan& plan, const BatchResult& batch,
                                     const UncertaintyConfig& config);

// Ranks under the tie rule exactly as RankDescending does (ranks do not
// depend on the keys that order equal units). `order` is scratch.
void RankValues(const double* values, size_t n, TieRule rule, int* ranks,
                std::vector<uint32_t>* order);

// ---- Sobol machinery, exposed for tests on analytic functions.

// A model over `groups` input groups: keys[g] seeds group g's random inputs
// (draw them with NoiseRandom(keys[g])); writes the outputs. One instance is
// used by one thread at a time.
using SobolModel = std::function<void(const uint64_t* keys, double* outputs)>;

// Model outputs at the Saltelli design: n base samples A and B, and AB_g (A
// with group g's inputs from B). Sample j's outputs are contiguous:
// a[j * outputs + r].
struct SobolSamples {
  size_t outputs = 0, n = 0;
  int groups = 0;
  std::vector<double> a, b;
  std::vector<std::vector<double>> ab;  // per group
};

// Evaluates n × (groups + 2) points; `make_model` is called once per thread.
SobolSamples SampleSobol(const std::function<SobolModel()>& make_model, int groups, size_t outputs,
                         int n, uint64_t seed, int jobs);

struct SobolEstimate {
  std::vector<SobolValue> first, total;  // per group
  size_t outputs_with_variance = 0;
};

// First-order (Saltelli 2010) and total (Jansen 1999) indices of outputs
// [row_begin, row_end), each averaged over the outputs whose variance is
// positive, with percentile 95 % intervals from `bootstrap` resamples of the
// n base samples (the same resample for every output).
SobolEstimate EstimateSobol(const SobolSamples& s, size_t row_begin, size_t row_end, int bootstrap,
                            uint64_t seed);

}  // namespace cchc

#endif  // CCHC_ENGINE_UNCERTAINTY_UNCERTAINTY_H_
