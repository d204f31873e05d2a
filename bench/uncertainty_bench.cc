// Uncertainty over 92 synthetic communes (seed 2026), N = 1,000 samples with
// rank statistics: weight noise on the 8 areas (target < 0.1 s), all three
// input groups, and the Sobol analysis. The batch is scored outside the loop.
#include <benchmark/benchmark.h>

#include "bench/bench_util.h"
#include "criteria/parser.h"
#include "engine/batch/batch.h"
#include "engine/core/plan.h"
#include "engine/synth/synth.h"
#include "engine/uncertainty/uncertainty.h"
#include "evidence/loader.h"

namespace cchc::bench {
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
  for (auto _ : state) {
    UncertaintyResult r = AnalyzeUncertainty(p.plan, p.batch, config);
    benchmark::DoNotOptimize(r.units.data());
  }
  const size_t evaluations =
      static_cast<size_t>(config.samples) * (config.sobol ? config.groups.size() + 2 : 1);
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

}  // namespace
}  // namespace cchc::bench
