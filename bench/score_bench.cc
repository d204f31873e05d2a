// Loading the example evidence (target: under 2 ms) and scoring the example
// commune with evidence loaded, with explanations and points-only.
#include <benchmark/benchmark.h>

#include "bench/bench_util.h"
#include "criteria/parser.h"
#include "engine/core/evidence_index.h"
#include "engine/core/plan.h"
#include "engine/core/scorer.h"
#include "evidence/loader.h"

namespace cchc::bench::score_bench {
namespace {

struct Example {
  SourceFile src{kExampleCriteria, ReadFile(kExampleCriteria)};
  ParseResult parsed = ParseCriteria(src);
  std::string evidence_text = ReadFile(kExampleEvidence);
};

Example& Shared() {
  static Example* e = new Example();
  return *e;
}

void BM_LoadExampleEvidence(benchmark::State& state) {
  Example& ex = Shared();
  for (auto _ : state) {
    EvidenceLoad load = LoadEvidenceJson(ex.evidence_text, kExampleEvidence, &ex.parsed.criteria);
    if (!load.ok()) state.SkipWithError("the example evidence has errors");
    benchmark::DoNotOptimize(load.evidence.records.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * ex.evidence_text.size()));
}
BENCHMARK(BM_LoadExampleEvidence)->Unit(benchmark::kMicrosecond);

void BM_CompilePlan(benchmark::State& state) {
  Example& ex = Shared();
  for (auto _ : state) {
    Plan plan(ex.parsed.criteria, ex.src.text());
    benchmark::DoNotOptimize(plan.nodes().data());
  }
}
BENCHMARK(BM_CompilePlan)->Unit(benchmark::kMicrosecond);

// Index + score: what "score one commune, evidence loaded" costs.
void BM_ScoreExampleCommune(benchmark::State& state) {
  Example& ex = Shared();
  Plan plan(ex.parsed.criteria, ex.src.text());
  EvidenceLoad load = LoadEvidenceJson(ex.evidence_text, kExampleEvidence, &ex.parsed.criteria);
  Scorer scorer(plan);
  for (auto _ : state) {
    EvidenceIndex index(plan, load.evidence);
    Scorecard card = scorer.Score(index);
    benchmark::DoNotOptimize(card.percent);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(plan.items().size()));
}
BENCHMARK(BM_ScoreExampleCommune)->Unit(benchmark::kMicrosecond);

// The same, points-only (what batch and uncertainty score): status, points
// and branch per item, no explanation text, evidence ids or unmatched list.
void BM_ScoreExampleCommunePointsOnly(benchmark::State& state) {
  Example& ex = Shared();
  Plan plan(ex.parsed.criteria, ex.src.text());
  EvidenceLoad load = LoadEvidenceJson(ex.evidence_text, kExampleEvidence, &ex.parsed.criteria);
  Scorer scorer(plan);
  scorer.set_explain(false);
  for (auto _ : state) {
    EvidenceIndex index(plan, load.evidence);
    Scorecard card = scorer.Score(index);
    benchmark::DoNotOptimize(card.percent);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(plan.items().size()));
}
BENCHMARK(BM_ScoreExampleCommunePointsOnly)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace cchc::bench::score_bench
