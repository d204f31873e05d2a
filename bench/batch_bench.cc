// Batch scoring of 3,321 synthetic communes (the national count) from one
// NDJSON text, parsing included, on 1 and 2 threads (target: under 5 s on 2).
// The NDJSON is generated once, outside the timed loop.
#include <benchmark/benchmark.h>

#include "bench/bench_util.h"
#include "criteria/parser.h"
#include "engine/batch/batch.h"
#include "engine/core/plan.h"
#include "engine/synth/synth.h"
#include "evidence/json_writer.h"
#include "evidence/loader.h"

namespace cchc::bench::batch_bench {
namespace {

constexpr int kNationalUnits = 3321;

struct National {
  SourceFile src{kExampleCriteria, ReadFile(kExampleCriteria)};
  ParseResult parsed = ParseCriteria(src);
  Plan plan{parsed.criteria, src.text()};
  std::string ndjson;

  National() {
    EvidenceLoad tmpl =
        LoadEvidenceJson(ReadFile(kExampleEvidence), kExampleEvidence, &parsed.criteria);
    SynthConfig config;
    config.units = kNationalUnits;
    config.seed = 2026;
    Synthesize(plan, tmpl.evidence, config, [&](const SynthUnit& u) {
      ndjson += EvidenceToJson(u.evidence, false);
      ndjson += '\n';
    });
  }
};

National& Shared() {
  static National* n = new National();
  return *n;
}

void BM_BatchNdjson(benchmark::State& state) {
  National& n = Shared();
  BatchConfig config;
  config.jobs = static_cast<int>(state.range(0));
  for (auto _ : state) {
    NdjsonInputs inputs("national.ndjson", n.ndjson);
    BatchResult r = ScoreBatch(n.plan, inputs, config);
    if (r.units.size() != static_cast<size_t>(kNationalUnits)) state.SkipWithError("units failed");
    benchmark::DoNotOptimize(r.order.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * kNationalUnits);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * n.ndjson.size()));
}
BENCHMARK(BM_BatchNdjson)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace cchc::bench::batch_bench
