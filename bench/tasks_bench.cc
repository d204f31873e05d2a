// Ranking the example plan's 18 tasks and the exact best set over all 2^18
// subsets (target: under 1 s). Inputs are loaded once, outside the loop.
#include <benchmark/benchmark.h>

#include "bench/bench_util.h"
#include "criteria/date.h"
#include "criteria/parser.h"
#include "engine/analysis/tasks.h"
#include "engine/core/plan.h"
#include "evidence/loader.h"
#include "evidence/scenario_loader.h"

namespace cchc::bench::tasks_bench {
namespace {

struct Plan18 {
  SourceFile src{kExampleCriteria, ReadFile(kExampleCriteria)};
  ParseResult parsed = ParseCriteria(src);
  Plan plan{parsed.criteria, src.text()};
  EvidenceLoad evidence =
      LoadEvidenceJson(ReadFile(kExampleEvidence), kExampleEvidence, &parsed.criteria);
  TasksLoad tasks = LoadTasksJson(ReadFile("examples/an-khanh-2026/tasks.json"), "tasks.json",
                                  &parsed.criteria, &evidence.evidence);
};

Plan18& Shared() {
  static Plan18* p = new Plan18();
  return *p;
}

// What `cchc tasks --budget 40 --target-band Tốt` computes: gains alone,
// the greedy order and the exhaustive search (2 threads unless Arg(1)).
void BM_TasksRankAndBestSet(benchmark::State& state) {
  Plan18& x = Shared();
  WhatIf whatif(x.plan, x.evidence.evidence);
  TaskOptions o;
  o.budget = 40;
  o.target_band = "Tốt";
  o.threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    TaskAnalysis a = AnalyzeTasks(whatif, x.tasks.tasks, o).value();
    benchmark::DoNotOptimize(a.subsets_scored);
  }
  state.SetItemsProcessed(state.iterations() * (int64_t{1} << x.tasks.tasks.tasks.size()));
}
BENCHMARK(BM_TasksRankAndBestSet)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

// The ranking and greedy order alone (no exhaustive search).
void BM_TasksRankOnly(benchmark::State& state) {
  Plan18& x = Shared();
  WhatIf whatif(x.plan, x.evidence.evidence);
  for (auto _ : state) {
    TaskAnalysis a = AnalyzeTasks(whatif, x.tasks.tasks, {}).value();
    benchmark::DoNotOptimize(a.ranked.data());
  }
}
BENCHMARK(BM_TasksRankOnly)->Unit(benchmark::kMillisecond);

// Every task made active (each one's own task record also gets a new
// done_on date, so no toggle is inert): the exhaustive search's worst case
// on this plan.
void BM_TasksAllActive(benchmark::State& state) {
  Plan18& x = Shared();
  TaskList all = x.tasks.tasks;
  int day = 1;
  for (Task& t : all.tasks) {
    for (Effect& e : t.effects) {
      if (e.op == Effect::Op::kSet && e.id.rfind("CCHC-NV", 0) == 0) {
        e.record.Set("done_on", Value::OfDate(*ParseIsoDate("2026-12-01")));
        e.record.Set("status", Value::String("done"));
        e.record.Set("note", Value::String("bench " + std::to_string(day++)));
      }
    }
  }
  WhatIf whatif(x.plan, x.evidence.evidence);
  for (auto _ : state) {
    SubsetSearchResult r = SearchSubsets(whatif, all, 40.0, std::string("Tốt"), 2).value();
    benchmark::DoNotOptimize(r.subsets);
  }
  state.SetItemsProcessed(state.iterations() * (int64_t{1} << all.tasks.size()));
}
// Wall time, and the CPU time of both threads together (the process's).
BENCHMARK(BM_TasksAllActive)->MeasureProcessCPUTime()->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace cchc::bench::tasks_bench
