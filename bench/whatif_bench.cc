// Re-scoring the example commune under scenarios (target: a one-task
// scenario under 20 µs). Criteria, evidence and scenarios are loaded once,
// outside the timed loop.
#include <benchmark/benchmark.h>

#include "bench/bench_util.h"
#include "criteria/parser.h"
#include "engine/analysis/whatif.h"
#include "engine/core/plan.h"
#include "evidence/loader.h"
#include "evidence/scenario_loader.h"

namespace cchc::bench::whatif_bench {
namespace {

struct Example {
  SourceFile src{kExampleCriteria, ReadFile(kExampleCriteria)};
  ParseResult parsed = ParseCriteria(src);
  Plan plan{parsed.criteria, src.text()};
  EvidenceLoad evidence =
      LoadEvidenceJson(ReadFile(kExampleEvidence), kExampleEvidence, &parsed.criteria);
  TasksLoad tasks = LoadTasksJson(ReadFile("examples/an-khanh-2026/tasks.json"), "tasks.json",
                                  &parsed.criteria, &evidence.evidence);
  ScenarioLoad dialogue =
      LoadScenarioJson(ReadFile("examples/an-khanh-2026/scenario-dialogue.json"),
                       "scenario-dialogue.json", &parsed.criteria, &evidence.evidence);
  const Task& Find(const std::string& id) const {
    for (const Task& t : tasks.tasks.tasks) {
      if (t.id == id) return t;
    }
    return tasks.tasks.tasks.front();
  }
};

Example& Shared() {
  static Example* e = new Example();
  return *e;
}

// One task (NV11: its task record and the budget record, two kinds), the
// result copied out as the API returns it.
void BM_WhatIfOneTask(benchmark::State& state) {
  Example& x = Shared();
  WhatIf whatif(x.plan, x.evidence.evidence);
  const std::vector<Effect>& effects = x.Find("NV11").effects;
  for (auto _ : state) {
    Scorecard card = whatif.Apply(effects, nullptr);
    benchmark::DoNotOptimize(card.percent);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_WhatIfOneTask)->Unit(benchmark::kMicrosecond);

// The same into WhatIf's reused buffers (what the task ranking and the
// sensitivity search call).
void BM_WhatIfOneTaskRescored(benchmark::State& state) {
  Example& x = Shared();
  WhatIf whatif(x.plan, x.evidence.evidence);
  const std::vector<Effect>& effects = x.Find("NV11").effects;
  for (auto _ : state) {
    const Scorecard& card = whatif.Rescored({&effects}, nullptr);
    benchmark::DoNotOptimize(card.percent);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_WhatIfOneTaskRescored)->Unit(benchmark::kMicrosecond);

void BM_WhatIfDialogueScenario(benchmark::State& state) {
  Example& x = Shared();
  WhatIf whatif(x.plan, x.evidence.evidence);
  for (auto _ : state) {
    Scorecard card = whatif.Apply(x.dialogue.scenario.effects, nullptr);
    benchmark::DoNotOptimize(card.percent);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_WhatIfDialogueScenario)->Unit(benchmark::kMicrosecond);

// For scale: a full score of the same commune.
void BM_WhatIfEmptyScenario(benchmark::State& state) {
  Example& x = Shared();
  WhatIf whatif(x.plan, x.evidence.evidence);
  const std::vector<Effect> none;
  for (auto _ : state) {
    Scorecard card = whatif.Apply(none, nullptr);
    benchmark::DoNotOptimize(card.percent);
  }
}
BENCHMARK(BM_WhatIfEmptyScenario)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace cchc::bench::whatif_bench
