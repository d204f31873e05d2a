// Uncertainty over 92 synthetic communes (seed 2026), N = 1,000 samples with
// rank statistics: weight noise on the 8 areas (Normal, and COINr's uniform
// recipe: target < 10 ms), all three input groups, the Sobol analysis per
// group, and per area at N = 4,096 (target < 1 s). The batch is scored
// outside the loop.
#include <benchmark/benchmark.h>

#include "bench/bench_util.h"
#include "criteria/parser.h"
#include "engine/batch/batch.h"
#include "engine/core/plan.h"
#include "engine/synth/synth.h"
#include "engine/uncertainty/uncertainty.h"
#include "evidence/json_writer.h"
#include "evidence/loader.h"

namespace cchc::bench::uncertainty_bench {
namespace {

constexpr int kProvinceUnits = 92;

struct Province {
  SourceFile src{kExampleCriteria, ReadFile(kExampleCriteria)};
  ParseResult parsed = ParseCriteria(src);
  Plan plan{parsed.criteria, src.text()};
  std::string ndjson;
  BatchResult batch;

  Province() {
    EvidenceLoad tmpl =
        LoadEvidenceJson(ReadFile(kExampleEvidence), kExampleEvidence, &parsed.criteria);
    SynthConfig config;
    config.units = kProvinceUnits;
    config.seed = 2026;
    Synthesize(plan, tmpl.evidence, config, [&](const SynthUnit& u) {
      ndjson += EvidenceToJson(u.evidence, false);
      ndjson += '\n';
    });
    NdjsonInputs inputs("province.ndjson", ndjson);
    batch = ScoreBatch(plan, inputs, BatchConfig{});
  }
};

Province& Shared() {
  static Province* p = new Province();
  return *p;
}

void Run(benchmark::State& state, UncertaintyConfig config) {
  Province& p = Shared();
  if (p.batch.units.size() != static_cast<size_t>(kProvinceUnits)) {
    state.SkipWithError("units failed");
    return;
  }
  config.jobs = static_cast<int>(state.range(0));
  size_t evaluations = static_cast<size_t>(config.samples);
  for (auto _ : state) {
    UncertaintyResult r = AnalyzeUncertainty(p.plan, p.batch, config);
    benchmark::DoNotOptimize(r.units.data());
    if (r.sobol) evaluations = static_cast<size_t>(config.samples) + r.sobol->evaluations;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * evaluations));
}

void BM_UncertaintyWeights(benchmark::State& state) {
  UncertaintyConfig config;
  config.groups = {NoiseGroup::kWeights};
  Run(state, config);
}
BENCHMARK(BM_UncertaintyWeights)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_UncertaintyAllGroups(benchmark::State& state) { Run(state, UncertaintyConfig{}); }
BENCHMARK(BM_UncertaintyAllGroups)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_UncertaintySobolWeights(benchmark::State& state) {
  UncertaintyConfig config;
  config.groups = {NoiseGroup::kWeights};
  config.sobol = true;
  Run(state, config);
}
BENCHMARK(BM_UncertaintySobolWeights)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_UncertaintySobolAllGroups(benchmark::State& state) {
  UncertaintyConfig config;
  config.sobol = true;
  Run(state, config);
}
BENCHMARK(BM_UncertaintySobolAllGroups)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// COINr's recipe: each area weight × U(0.75, 1.25), weights only (target < 10 ms).
void BM_UncertaintyUniformWeights(benchmark::State& state) {
  UncertaintyConfig config;
  config.groups = {NoiseGroup::kWeights};
  config.weight_noise = Noise{NoiseLaw::kUniform, 0.25, {}};
  Run(state, config);
}
BENCHMARK(BM_UncertaintyUniformWeights)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// Per-area Sobol: 8 factors (one per area weight), N = 4,096 (40,960 model
// runs), B = 200 bootstrap intervals, averaged and per unit (target < 1 s).
void BM_UncertaintySobolAreas(benchmark::State& state) {
  UncertaintyConfig config;
  config.groups = {NoiseGroup::kWeights};
  config.weight_noise = Noise{NoiseLaw::kUniform, 0.25, {}};
  config.samples = 4096;
  config.sobol = true;
  config.factors = FactorLevel::kAreas;
  Run(state, config);
}
BENCHMARK(BM_UncertaintySobolAreas)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace cchc::bench::uncertainty_bench
