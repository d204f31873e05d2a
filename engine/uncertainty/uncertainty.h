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

#include "criteria/input_limits.h"
#include "engine/batch/batch.h"
#include "engine/core/plan.h"
#include "engine/uncertainty/noise.h"

namespace cchc {

enum class NoiseGroup : uint8_t { kSurvey = 0, kAppraisal = 1, kWeights = 2 };
constexpr int kNoiseGroups = 3;

const char* NoiseGroupName(NoiseGroup g);  // "survey", "appraisal", "weights"

// Parses "survey,appraisal,weights" (any non-empty subset, any order, no
// repeats) into groups in the canonical order above. False with *error set.
bool ParseNoiseGroups(std::string_view list, std::vector<NoiseGroup>* out, std::string* error);

// The granularity of the Sobol factors: one per input group; one per area
// weight (survey and appraisal stay one factor each); or also one per survey
// item and per appraised item (each shared by all units).
enum class FactorLevel : uint8_t { kGroups = 0, kAreas = 1, kItems = 2 };

const char* FactorLevelName(FactorLevel level);  // "groups", "areas", "items"
bool ParseFactorLevel(std::string_view text, FactorLevel* out);

// One Sobol factor: a whole group (area = item = -1), one area's weight, or
// one plan item's survey error or appraisal.
struct NoiseFactor {
  NoiseGroup group = NoiseGroup::kSurvey;
  int area = -1;  // weights: the area (criteria order)
  int item = -1;  // survey/appraisal: the plan item
};

// "survey", "weights:III", "appraisal:1.2.3".
std::string NoiseFactorName(const Plan& plan, const NoiseFactor& f);

struct UncertaintyConfig {
  int samples = 1000;  // Monte Carlo samples; also the Sobol base sample size
  uint64_t seed = 1;
  Noise survey_noise = NormalNoise(0.05);  // multiplier of a survey item's points
  double accept = 0.95;  // probability a self-assessed item's evidence is accepted
  Noise weight_noise = NormalNoise(0.10);  // multiplier of each area's weight
  std::vector<Noise> area_weight_noise;    // per area (criteria order); empty: weight_noise
  // The base area weights W_a the noise multiplies (AreaWeights::weight);
  // empty: the official scheme, proportional to each area's applicable max.
  // The batch must have been re-ranked under the same scheme.
  std::vector<double> area_weights;
  std::string weights_name = "max";
  std::vector<NoiseGroup> groups = {NoiseGroup::kSurvey, NoiseGroup::kAppraisal,
                                    NoiseGroup::kWeights};
  FactorLevel factors = FactorLevel::kGroups;  // Sobol factors
  bool sobol = false;
  int bootstrap = 200;  // Sobol bootstrap resamples; 0: no intervals
  int jobs = 0;         // threads, <= 0: every core; results do not depend on it
  // > 0: double the Monte Carlo samples (from `samples`, at most max_samples)
  // until every unit's largest standard error (mean, median, p5, p95) is at
  // most target_se index points.
  double target_se = 0;
  int max_samples = 100000;
  bool keep_samples = false;  // keep every sample's indexes, ranks and weights
};

// Limits: samples in [1, kMaxUncertaintySamples], units × samples × (Sobol:
// groups + 2, else 1) at most kMaxUncertaintyCells, bootstrap in [0,
// kMaxBootstrap] (criteria/input_limits.h).

// "" when the configuration is usable for `units` units and (with Sobol)
// `factors` Sobol factors (0: one per group), else why not.
std::string ValidateUncertaintyConfig(const UncertaintyConfig& config, size_t units,
                                      size_t factors = 0);

// The Sobol factors of a run over `batch` at config.factors (an item factor
// only for items some unit can move), in the order the results list them.
std::vector<NoiseFactor> SobolFactors(const Plan& plan, const BatchResult& batch,
                                      const UncertaintyConfig& config);

// An estimate with its bootstrap 95 % percentile interval (equal to the
// estimate when there are no resamples; NaN when nothing varies).
struct SobolValue {
  double estimate = 0, low = 0, high = 0;
};

struct UnitUncertainty {
  size_t unit = 0;  // into BatchResult::units
  double base = 0;  // the scored index
  int base_rank = 0;
  double mean = 0, median = 0, p5 = 0, p95 = 0;    // of the index (type 7 quantiles)
  int rank_median = 0, rank_p5 = 0, rank_p95 = 0;  // nearest-rank percentiles
  double mean_rank = 0;
  // Monte Carlo standard errors (index points): of the mean, s/√N; of a
  // quantile, the binomial order-statistic 95 % interval's width / (2 × 1.96).
  double se_mean = 0, se_median = 0, se_p5 = 0, se_p95 = 0;
  std::vector<double> band_probability;              // per IndexMeta::bands, declared order
  double unbanded = 0;                               // share of samples no band takes
  std::vector<SobolValue> sobol_first, sobol_total;  // per Sobol factor; empty without Sobol
};

struct SobolFactorResult {
  NoiseFactor factor;
  std::string name;                     // NoiseFactorName
  SobolValue index_first, index_total;  // per-unit index, averaged over units that vary
  SobolValue rank_first, rank_total;    // mean absolute rank shift
};

struct SobolResult {
  FactorLevel level = FactorLevel::kGroups;
  int base_samples = 0;
  size_t evaluations = 0;  // base_samples × (factors + 2)
  int bootstrap = 0;
  size_t units_with_variance = 0;
  std::vector<SobolFactorResult> factors;  // SobolFactors order
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
  std::vector<std::string> warnings;  // e.g. a Sobol design with a single factor
  int samples = 0;         // Monte Carlo samples drawn (≥ config.samples with target_se)
  double max_se = 0;       // the largest per-unit standard error
  bool target_met = true;  // max_se ≤ target_se (true without a target)
  // With keep_samples, sample-major (sample s at [s * units + u], units as
  // BatchResult::units): indexes, ranks, and the weight multipliers drawn
  // ([s * areas + a]; all 1 when weights do not vary).
  std::vector<double> sample_index, sample_weights;
  std::vector<int> sample_rank;
};

// The position of the band an index (in percent) falls in, in
// IndexMeta::bands, or -1 for none (as BandOf).
int BandPosition(const IndexMeta& meta, double percent);

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
  // With per_output: per output of [row_begin, row_end) and group,
  // [(row - row_begin) * groups + g]; NaN for an output that does not vary.
  std::vector<SobolValue> output_first, output_total;
};

// First-order (Saltelli 2010) and total (Jansen 1999) indices of outputs
// [row_begin, row_end), each averaged over the outputs whose variance is
// positive, with percentile 95 % intervals from `bootstrap` resamples of the
// n base samples (the same resample for every output); per output as well
// when `per_output`.
SobolEstimate EstimateSobol(const SobolSamples& s, size_t row_begin, size_t row_end, int bootstrap,
                            uint64_t seed, bool per_output = false);

}  // namespace cchc

#endif  // CCHC_ENGINE_UNCERTAINTY_UNCERTAINTY_H_
