// Parse and check of the example criteria (target: under 2 ms).
#include <benchmark/benchmark.h>

#include "bench/bench_util.h"
#include "criteria/checker.h"
#include "criteria/formatter.h"
#include "criteria/parser.h"

namespace cchc::bench::criteria_bench {
namespace {

void BM_ParseExampleCriteria(benchmark::State& state) {
  SourceFile src(kExampleCriteria, ReadFile(kExampleCriteria));
  for (auto _ : state) {
    ParseResult r = ParseCriteria(src);
    benchmark::DoNotOptimize(r.criteria.areas.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * src.text().size()));
}
BENCHMARK(BM_ParseExampleCriteria)->Unit(benchmark::kMicrosecond);

void BM_ParseAndCheckExampleCriteria(benchmark::State& state) {
  SourceFile src(kExampleCriteria, ReadFile(kExampleCriteria));
  for (auto _ : state) {
    ParseResult r = ParseCriteria(src);
    CheckResult c = CheckCriteria(r.criteria);
    if (!r.ok() || !c.ok()) state.SkipWithError("the example does not check clean");
    benchmark::DoNotOptimize(c.diagnostics.data());
  }
  state.SetItemsProcessed(state.iterations() * 54);  // items
}
BENCHMARK(BM_ParseAndCheckExampleCriteria)->Unit(benchmark::kMicrosecond);

void BM_FormatExampleCriteria(benchmark::State& state) {
  SourceFile src(kExampleCriteria, ReadFile(kExampleCriteria));
  ParseResult r = ParseCriteria(src);
  for (auto _ : state) {
    std::string out = FormatCriteria(r.criteria, src.text());
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(BM_FormatExampleCriteria)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace cchc::bench::criteria_bench
