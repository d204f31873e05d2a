// The Monte Carlo run: N samples of every unit's index (one model evaluation
// and one ranking per sample, samples split across threads with their own
// random streams), then per-unit quantiles, rank percentiles and band
// probabilities; the Sobol analysis when asked.
#include "engine/uncertainty/uncertainty.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "engine/batch/stats.h"
#include "engine/uncertainty/model.h"
#include "engine/uncertainty/random.h"
#include "engine/util/parallel_for.h"

namespace cchc {
namespace {

constexpr const char* kGroupNames[kNoiseGroups] = {"survey", "appraisal", "weights"};
constexpr const char* kLevelNames[3] = {"groups", "areas", "items"};
constexpr double kZ95 = 1.959963984540054;

// The smallest rank r with at least p of the samples at or below it.
int NearestRank(const std::vector<int>& sorted, double p) {
  const double n = static_cast<double>(sorted.size());
  const size_t k = static_cast<size_t>(std::max(1.0, std::ceil(p * n - 1e-9)));
  return sorted[std::min(k, sorted.size()) - 1];
}

// The standard error of the p-quantile of sorted values: the distribution-free
// 95 % interval [x_(l), x_(h)], l, h = n p ∓ 1.96 √(n p (1 − p)) (1-based,
// rounded outwards, clamped to [1, n]), divided by 2 × 1.96.
double QuantileSe(const std::vector<double>& sorted, double p) {
  const double n = static_cast<double>(sorted.size());
  const double half = kZ95 * std::sqrt(n * p * (1 - p));
  const double lo = std::clamp(std::floor(n * p - half), 1.0, n);
  const double hi = std::clamp(std::ceil(n * p + half), 1.0, n);
  return (sorted[static_cast<size_t>(hi) - 1] - sorted[static_cast<size_t>(lo) - 1]) / (2 * kZ95);
}

UnitUncertainty Summarize(const IndexMeta& meta, const BatchUnit& base, size_t u, size_t units,
                          size_t samples, const std::vector<double>& index,
                          const std::vector<int>& ranks) {
  UnitUncertainty out;
  out.unit = u;
  out.base = base.percent;
  out.base_rank = base.rank;
  out.band_probability.assign(meta.bands.size(), 0.0);
  std::vector<double> values(samples);
  std::vector<int> rank(samples);
  double sum = 0, rank_sum = 0;
  for (size_t s = 0; s < samples; ++s) {
    values[s] = index[s * units + u];
    rank[s] = ranks[s * units + u];
    sum += values[s];
    rank_sum += rank[s];
    const int band = BandPosition(meta, values[s]);
    if (band >= 0) {
      out.band_probability[static_cast<size_t>(band)] += 1;
    } else {
      out.unbanded += 1;
    }
  }
  const double n = static_cast<double>(samples);
  for (double& p : out.band_probability) p /= n;
  out.unbanded /= n;
  out.mean = sum / n;
  out.mean_rank = rank_sum / n;
  double squares = 0;
  for (double v : values) squares += (v - out.mean) * (v - out.mean);
  out.se_mean =
      samples > 1 ? std::sqrt(squares / (n - 1) / n) : std::numeric_limits<double>::infinity();
  std::sort(values.begin(), values.end());
  out.p5 = Quantile(values, 0.05);
  out.median = Quantile(values, 0.5);
  out.p95 = Quantile(values, 0.95);
  out.se_p5 = QuantileSe(values, 0.05);
  out.se_median = QuantileSe(values, 0.5);
  out.se_p95 = QuantileSe(values, 0.95);
  std::sort(rank.begin(), rank.end());
  out.rank_p5 = NearestRank(rank, 0.05);
  out.rank_median = NearestRank(rank, 0.5);
  out.rank_p95 = NearestRank(rank, 0.95);
  return out;
}

// Per-thread state of the Sobol model: outputs are the units' indexes and,
// last, the mean absolute rank shift from the base ranks.
SobolModel MakeSobolModel(const UncertaintyModel& model, const std::vector<int>& base_rank,
                          TieRule ties) {
  struct State {
    ModelScratch scratch;
    std::vector<int> ranks;
    std::vector<uint32_t> order;
  };
  auto state = std::make_shared<State>();
  state->ranks.resize(base_rank.size());
  return [&model, &base_rank, ties, state](const uint64_t* keys, double* out) {
    model.Evaluate(keys, &state->scratch, out);
    const size_t n = base_rank.size();
    RankValues(out, n, ties, state->ranks.data(), &state->order);
    double shift = 0;
    for (size_t u = 0; u < n; ++u) shift += std::abs(state->ranks[u] - base_rank[u]);
    out[n] = n ? shift / static_cast<double>(n) : 0.0;
  };
}

SobolResult RunSobol(const Plan& plan, const BatchResult& batch, const UncertaintyConfig& config,
                     std::vector<UnitUncertainty>* by_unit) {
  const UncertaintyModel model(plan, batch, config, config.factors);
  const size_t units = batch.units.size();
  std::vector<int> base_rank(units);
  for (size_t u = 0; u < units; ++u) base_rank[u] = batch.units[u].rank;
  const std::vector<NoiseFactor>& factors = model.factors();
  const int k = static_cast<int>(factors.size());
  const TieRule ties = plan.criteria().index.ties;
  SobolSamples samples = SampleSobol([&] { return MakeSobolModel(model, base_rank, ties); }, k,
                                     units + 1, config.samples, config.seed, config.jobs);
  const SobolEstimate index =
      EstimateSobol(samples, 0, units, config.bootstrap, config.seed, /*per_output=*/true);
  const SobolEstimate rank =
      EstimateSobol(samples, units, units + 1, config.bootstrap, config.seed);
  SobolResult r;
  r.level = config.factors;
  r.base_samples = config.samples;
  r.evaluations = static_cast<size_t>(config.samples) * static_cast<size_t>(k + 2);
  r.bootstrap = config.bootstrap;
  r.units_with_variance = index.outputs_with_variance;
  for (size_t f = 0; f < factors.size(); ++f) {
    r.factors.push_back({factors[f], NoiseFactorName(plan, factors[f]), index.first[f],
                         index.total[f], rank.first[f], rank.total[f]});
  }
  for (size_t u = 0; u < units; ++u) {
    UnitUncertainty& x = (*by_unit)[u];
    x.sobol_first.assign(index.output_first.begin() + u * factors.size(),
                         index.output_first.begin() + (u + 1) * factors.size());
    x.sobol_total.assign(index.output_total.begin() + u * factors.size(),
                         index.output_total.begin() + (u + 1) * factors.size());
  }
  return r;
}

}  // namespace

const char* NoiseGroupName(NoiseGroup g) { return kGroupNames[static_cast<int>(g)]; }

const char* FactorLevelName(FactorLevel level) { return kLevelNames[static_cast<int>(level)]; }

bool ParseFactorLevel(std::string_view text, FactorLevel* out) {
  for (int l = 0; l < 3; ++l) {
    if (text == kLevelNames[l]) {
      *out = static_cast<FactorLevel>(l);
      return true;
    }
  }
  return false;
}

std::string NoiseFactorName(const Plan& plan, const NoiseFactor& f) {
  std::string name = NoiseGroupName(f.group);
  if (f.area >= 0) name += ":" + plan.criteria().areas[static_cast<size_t>(f.area)].code;
  if (f.item >= 0) name += ":" + plan.items()[static_cast<size_t>(f.item)].item->code;
  return name;
}

int BandPosition(const IndexMeta& meta, double percent) {
  for (size_t b = 0; b < meta.bands.size(); ++b) {
    const BandDecl& d = meta.bands[b];
    if (d.is_else || percent >= d.min_percent * 100.0 - 1e-9) return static_cast<int>(b);
  }
  return -1;
}

bool ParseNoiseGroups(std::string_view list, std::vector<NoiseGroup>* out, std::string* error) {
  bool seen[kNoiseGroups] = {false, false, false};
  size_t start = 0;
  while (true) {
    const size_t comma = list.find(',', start);
    const std::string_view name = list.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    int found = -1;
    for (int g = 0; g < kNoiseGroups; ++g) {
      if (name == kGroupNames[g]) found = g;
    }
    if (found < 0) {
      *error = "unknown input group \"" + std::string(name) +
               "\" (expected survey, appraisal or weights, comma-separated)";
      return false;
    }
    if (seen[found]) {
      *error = "input group \"" + std::string(name) + "\" given twice";
      return false;
    }
    seen[found] = true;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  out->clear();
  for (int g = 0; g < kNoiseGroups; ++g) {
    if (seen[g]) out->push_back(static_cast<NoiseGroup>(g));
  }
  return true;
}

std::string ValidateUncertaintyConfig(const UncertaintyConfig& c, size_t units, size_t factors) {
  auto bad_noise = [](const Noise& n) {
    if (n.law == NoiseLaw::kDiscrete) {
      if (n.values.empty()) return true;
      for (double v : n.values) {
        if (!std::isfinite(v) || v < 0 || v > 100) return true;
      }
      return false;
    }
    return !std::isfinite(n.spread) || n.spread < 0 || n.spread > 10 ||
           (n.law == NoiseLaw::kUniform && n.spread > 1);
  };
  if (c.samples < 1 || c.samples > kMaxUncertaintySamples) {
    return "--samples must be between 1 and " + std::to_string(kMaxUncertaintySamples);
  }
  if (c.sobol && c.samples < 2) return "--sobol needs --samples of 2 or more";
  if (bad_noise(c.survey_noise)) {
    return "--survey-noise: σ must lie in [0, 10], a uniform half-width in [0, 1]";
  }
  if (bad_noise(c.weight_noise)) {
    return "--weight-noise: σ must lie in [0, 10], a uniform half-width in [0, 1]";
  }
  for (const Noise& n : c.area_weight_noise) {
    if (bad_noise(n)) return "--weight-noise-file: a law is out of range";
  }
  if (!std::isfinite(c.target_se) || c.target_se < 0) {
    return "--target-se must be a positive number of index points";
  }
  if (c.target_se > 0 && (c.max_samples < c.samples || c.max_samples > kMaxUncertaintySamples)) {
    return "--max-samples must be between --samples and " + std::to_string(kMaxUncertaintySamples);
  }
  if (!std::isfinite(c.accept) || c.accept < 0 || c.accept > 1) {
    return "--accept must be a probability between 0 and 1";
  }
  if (c.bootstrap < 0 || c.bootstrap > kMaxBootstrap) {
    return "--bootstrap must be between 0 and " + std::to_string(kMaxBootstrap);
  }
  if (c.groups.empty()) return "at least one input group is needed";
  const size_t k = factors > 0 ? factors : c.groups.size();
  const size_t per_sample = units * (c.sobol ? k + 2 : 1);
  const int most = c.target_se > 0 ? std::max(c.samples, c.max_samples) : c.samples;
  if (per_sample > 0 && static_cast<size_t>(most) > kMaxUncertaintyCells / per_sample) {
    return "units × samples" + std::string(c.sobol ? " × (factors + 2)" : "") + " is over " +
           std::to_string(kMaxUncertaintyCells) + " values; use fewer --samples" +
           (c.target_se > 0 ? " or --max-samples" : "");
  }
  return "";
}

std::vector<NoiseFactor> SobolFactors(const Plan& plan, const BatchResult& batch,
                                      const UncertaintyConfig& config) {
  return UncertaintyModel(plan, batch, config, config.factors).factors();
}

UncertaintyResult AnalyzeUncertainty(const Plan& plan, const BatchResult& batch,
                                     const UncertaintyConfig& config) {
  UncertaintyResult result;
  result.config = config;
  const IndexMeta& meta = plan.criteria().index;
  // The Monte Carlo draws one stream per group, whatever the Sobol factors.
  const UncertaintyModel model(plan, batch, config, FactorLevel::kGroups);
  result.survey_items = model.survey_items();
  result.appraisal_items = model.appraisal_items();
  const size_t units = model.units(), areas = model.areas();
  if (units == 0) return result;
  std::vector<uint64_t> group_of;
  for (const NoiseFactor& f : model.factors()) group_of.push_back(static_cast<uint64_t>(f.group));

  // Sample-major: sample s's indexes and ranks are contiguous. Samples
  // [done, target) are added per round; a sample's draws depend on s only.
  std::vector<double> index, weights;
  std::vector<int> ranks;
  std::vector<UnitUncertainty> by_unit(units);
  size_t done = 0, target = static_cast<size_t>(config.samples);
  const size_t most = config.target_se > 0
                          ? static_cast<size_t>(std::max(config.samples, config.max_samples))
                          : target;
  while (true) {
    index.resize(units * target);
    ranks.resize(units * target);
    if (config.keep_samples) weights.resize(areas * target);
    // Scratch per thread; each sample writes only its own rows.
    struct PerThread {
      ModelScratch scratch;
      std::vector<uint32_t> order;
      std::vector<uint64_t> keys;
    };
    std::vector<PerThread> threads(ParallelWorkers(config.jobs, target - done));
    ParallelFor(target - done, config.jobs, [&](size_t i, size_t worker) {
      PerThread& t = threads[worker];
      t.keys.resize(group_of.size());
      const size_t s = done + i;
      for (size_t f = 0; f < t.keys.size(); ++f) {
        t.keys[f] = StreamKey(config.seed, StreamRole::kMonteCarlo, s, group_of[f]);
      }
      model.Evaluate(t.keys.data(), &t.scratch, &index[s * units],
                     config.keep_samples ? &weights[s * areas] : nullptr);
      RankValues(&index[s * units], units, meta.ties, &ranks[s * units], &t.order);
    });
    done = target;
    ParallelFor(units, config.jobs, [&](size_t u, size_t) {
      by_unit[u] = Summarize(meta, batch.units[u], u, units, done, index, ranks);
    });
    result.max_se = 0;
    for (const UnitUncertainty& u : by_unit) {
      result.max_se = std::max({result.max_se, u.se_mean, u.se_median, u.se_p5, u.se_p95});
    }
    result.target_met = config.target_se <= 0 || result.max_se <= config.target_se;
    if (result.target_met || done >= most) break;
    target = std::min(most, 2 * done);
  }
  result.samples = static_cast<int>(done);

  double shift = 0;
  for (size_t s = 0; s < done; ++s) {
    for (size_t u = 0; u < units; ++u) {
      shift += std::abs(ranks[s * units + u] - batch.units[u].rank);
    }
  }
  result.mean_rank_shift = shift / static_cast<double>(units * done);

  if (config.sobol) {
    result.sobol = RunSobol(plan, batch, config, &by_unit);
    if (result.sobol->factors.size() == 1) {
      result.warnings.push_back(
          "the Sobol design has a single factor (" + result.sobol->factors[0].name +
          "): its indices are 1 by construction; use --factors areas or items, or more groups");
    }
  }
  if (config.keep_samples) {
    result.sample_index = std::move(index);
    result.sample_rank = std::move(ranks);
    result.sample_weights = std::move(weights);
  }
  for (size_t u : batch.order) result.units.push_back(std::move(by_unit[u]));
  return result;
}

}  // namespace cchc
