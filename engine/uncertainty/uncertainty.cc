// The Monte Carlo run: N samples of every unit's index (one model evaluation
// and one ranking per sample, samples split across threads with their own
// random streams), then per-unit quantiles, rank percentiles and band
// probabilities; the Sobol analysis when asked.
#include "engine/uncertainty/uncertainty.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include "engine/batch/stats.h"
#include "engine/uncertainty/model.h"
#include "engine/uncertainty/random.h"

namespace cchc {
namespace {

constexpr const char* kGroupNames[kNoiseGroups] = {"survey", "appraisal", "weights"};

// The position of BandOf's answer in meta.bands, or -1 for none.
int BandIndex(const IndexMeta& meta, double percent) {
  for (size_t b = 0; b < meta.bands.size(); ++b) {
    const BandDecl& d = meta.bands[b];
    if (d.is_else || percent >= d.min_percent * 100.0 - 1e-9) return static_cast<int>(b);
  }
  return -1;
}

// The smallest rank r with at least p of the samples at or below it.
int NearestRank(const std::vector<int>& sorted, double p) {
  const double n = static_cast<double>(sorted.size());
  const size_t k = static_cast<size_t>(std::max(1.0, std::ceil(p * n - 1e-9)));
  return sorted[std::min(k, sorted.size()) - 1];
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
  double sum = 0;
  for (size_t s = 0; s < samples; ++s) {
    values[s] = index[s * units + u];
    rank[s] = ranks[s * units + u];
    sum += values[s];
    const int band = BandIndex(meta, values[s]);
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
  std::sort(values.begin(), values.end());
  out.p5 = Quantile(values, 0.05);
  out.median = Quantile(values, 0.5);
  out.p95 = Quantile(values, 0.95);
  std::sort(rank.begin(), rank.end());
  out.rank_p5 = NearestRank(rank, 0.05);
  out.rank_median = NearestRank(rank, 0.5);
  out.rank_p95 = NearestRank(rank, 0.95);
  return out;
}

// Per-thread state of the Sobol model: outputs are the units' indexes and,
// last, the mean absolute rank shift from the base ranks.
SobolModel MakeSobolModel(const UncertaintyModel& model, const std::vector<NoiseGroup>& groups,
                          const std::vector<int>& base_rank, TieRule ties) {
  struct State {
    ModelScratch scratch;
    std::vector<int> ranks;
    std::vector<uint32_t> order;
  };
  auto state = std::make_shared<State>();
  state->ranks.resize(base_rank.size());
  return [&model, &groups, &base_rank, ties, state](const uint64_t* keys, double* out) {
    uint64_t full[kNoiseGroups] = {0, 0, 0};
    for (size_t g = 0; g < groups.size(); ++g) full[static_cast<int>(groups[g])] = keys[g];
    model.Evaluate(full, &state->scratch, out);
    const size_t n = base_rank.size();
    RankValues(out, n, ties, state->ranks.data(), &state->order);
    double shift = 0;
    for (size_t u = 0; u < n; ++u) shift += std::abs(state->ranks[u] - base_rank[u]);
    out[n] = n ? shift / static_cast<double>(n) : 0.0;
  };
}

SobolResult RunSobol(const UncertaintyModel& model, const BatchResult& batch,
                     const UncertaintyConfig& config, TieRule ties) {
  const size_t units = batch.units.size();
  std::vector<int> base_rank(units);
  for (size_t u = 0; u < units; ++u) base_rank[u] = batch.units[u].rank;
  const int groups = static_cast<int>(config.groups.size());
  SobolSamples samples =
      SampleSobol([&] { return MakeSobolModel(model, config.groups, base_rank, ties); }, groups,
                  units + 1, config.samples, config.seed, config.jobs);
  const SobolEstimate index = EstimateSobol(samples, 0, units, config.bootstrap, config.seed);
  const SobolEstimate rank =
      EstimateSobol(samples, units, units + 1, config.bootstrap, config.seed);
  SobolResult r;
  r.base_samples = config.samples;
  r.evaluations = static_cast<size_t>(config.samples) * static_cast<size_t>(groups + 2);
  r.bootstrap = config.bootstrap;
  r.units_with_variance = index.outputs_with_variance;
  for (size_t g = 0; g < config.groups.size(); ++g) {
    r.groups.push_back(
        {config.groups[g], index.first[g], index.total[g], rank.first[g], rank.total[g]});
  }
  return r;
}

}  // namespace

const char* NoiseGroupName(NoiseGroup g) { return kGroupNames[static_cast<int>(g)]; }

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

std::string ValidateUncertaintyConfig(const UncertaintyConfig& c, size_t units) {
  auto bad_sd = [](double x) { return !std::isfinite(x) || x < 0 || x > 10; };
  if (c.samples < 1 || c.samples > kMaxUncertaintySamples) {
    return "--samples must be between 1 and " + std::to_string(kMaxUncertaintySamples);
  }
  if (c.sobol && c.samples < 2) return "--sobol needs --samples of 2 or more";
  if (bad_sd(c.survey_sd)) return "--survey-sd must be a number between 0 and 10";
  if (bad_sd(c.weight_sd)) return "--weight-sd must be a number between 0 and 10";
  if (!std::isfinite(c.accept) || c.accept < 0 || c.accept > 1) {
    return "--accept must be a probability between 0 and 1";
  }
  if (c.bootstrap < 0 || c.bootstrap > 10000) return "--bootstrap must be between 0 and 10000";
  if (c.groups.empty()) return "at least one input group is needed";
  const size_t per_sample = units * (c.sobol ? c.groups.size() + 2 : 1);
  if (per_sample > 0 && static_cast<size_t>(c.samples) > kMaxUncertaintyCells / per_sample) {
    return "units × samples" + std::string(c.sobol ? " × (groups + 2)" : "") + " is over " +
           std::to_string(kMaxUncertaintyCells) + " values; use fewer --samples";
  }
  return "";
}

UncertaintyResult AnalyzeUncertainty(const Plan& plan, const BatchResult& batch,
                                     const UncertaintyConfig& config) {
  UncertaintyResult result;
  result.config = config;
  const IndexMeta& meta = plan.criteria().index;
  const UncertaintyModel model(plan, batch, config);
  // Only the groups that vary move items.
  for (NoiseGroup g : config.groups) {
    if (g == NoiseGroup::kSurvey) result.survey_items = model.survey_items();
    if (g == NoiseGroup::kAppraisal) result.appraisal_items = model.appraisal_items();
  }
  const size_t units = model.units(), samples = static_cast<size_t>(config.samples);
  if (units == 0) return result;

  // Sample-major: sample s's indexes and ranks are contiguous.
  std::vector<double> index(units * samples);
  std::vector<int> ranks(units * samples);
  ParallelBlocks(samples, config.jobs, [&](size_t begin, size_t end) {
    ModelScratch scratch;
    std::vector<uint32_t> order;
    uint64_t keys[kNoiseGroups];
    for (size_t s = begin; s < end; ++s) {
      for (int g = 0; g < kNoiseGroups; ++g) {
        keys[g] = StreamKey(config.seed, StreamRole::kMonteCarlo, s, static_cast<uint64_t>(g));
      }
      model.Evaluate(keys, &scratch, &index[s * units]);
      RankValues(&index[s * units], units, meta.ties, &ranks[s * units], &order);
    }
  });

  double shift = 0;
  for (size_t s = 0; s < samples; ++s) {
    for (size_t u = 0; u < units; ++u) {
      shift += std::abs(ranks[s * units + u] - batch.units[u].rank);
    }
  }
  result.mean_rank_shift = shift / static_cast<double>(units * samples);

  std::vector<UnitUncertainty> by_unit(units);
  ParallelBlocks(units, config.jobs, [&](size_t begin, size_t end) {
    for (size_t u = begin; u < end; ++u) {
      by_unit[u] = Summarize(meta, batch.units[u], u, units, samples, index, ranks);
    }
  });
  for (size_t u : batch.order) result.units.push_back(std::move(by_unit[u]));
  if (config.sobol) result.sobol = RunSobol(model, batch, config, meta.ties);
  return result;
}

}  // namespace cchc
