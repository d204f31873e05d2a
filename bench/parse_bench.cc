// Raw JSON parse of an NDJSON file, line by line as batch reads it, with no
// evidence built: simdjson's DOM parser and nlohmann's SAX (no-op handler)
// and DOM parsers. The parse floor that bench/national.sh sets the national
// batch against. The file comes from $CCHC_NDJSON (skipped when unset).
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace cchc::bench::parse_bench {
namespace {

struct Lines {
  std::string text;
  std::vector<std::string_view> lines;
};

const Lines* Ndjson() {
  static const Lines* lines = [] {
    const char* path = std::getenv("CCHC_NDJSON");
    if (path == nullptr) return static_cast<Lines*>(nullptr);
    auto* l = new Lines;
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    l->text = ss.str();
    std::string_view all = l->text;
    for (size_t start = 0; start < all.size();) {
      size_t end = all.find('\n', start);
      if (end == std::string_view::npos) end = all.size();
      if (end > start) l->lines.push_back(all.substr(start, end - start));
      start = end + 1;
    }
    return l;
  }();
  return lines;
}

template <class Parse>
void RunOverLines(benchmark::State& state, Parse&& parse) {
  const Lines* l = Ndjson();
  if (l == nullptr) {
    state.SkipWithError("set CCHC_NDJSON to an NDJSON file");
    return;
  }
  for (auto _ : state) {
    size_t ok = 0;
    for (std::string_view line : l->lines) ok += parse(line);
    if (ok != l->lines.size()) state.SkipWithError("a line did not parse");
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * l->text.size()));
}

void BM_RawParseSimdjsonDom(benchmark::State& state) {
  simdjson::dom::parser parser;
  RunOverLines(state, [&](std::string_view line) {
    simdjson::dom::element root;
    return parser.parse(line.data(), line.size()).get(root) == simdjson::SUCCESS;
  });
}
BENCHMARK(BM_RawParseSimdjsonDom)->Unit(benchmark::kMillisecond);

void BM_RawParseNlohmannSax(benchmark::State& state) {
  RunOverLines(state, [](std::string_view line) { return nlohmann::json::accept(line); });
}
BENCHMARK(BM_RawParseNlohmannSax)->Unit(benchmark::kMillisecond);

void BM_RawParseNlohmannDom(benchmark::State& state) {
  RunOverLines(state, [](std::string_view line) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    return !j.is_discarded();
  });
}
BENCHMARK(BM_RawParseNlohmannDom)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace cchc::bench::parse_bench
