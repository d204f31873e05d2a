// libFuzzer target: an NDJSON batch (one evidence document per line) split,
// loaded, scored against the example criteria, ranked and summarised; no
// unit lost, every index in [0, 100], every rank in 1..units.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/batch/batch.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const cchc::CompiledCriteria& ex = cchc::fuzz::ExampleCriteria();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  cchc::NdjsonInputs inputs("fuzz.ndjson", text);
  cchc::BatchConfig config;
  config.jobs = 1;
  cchc::BatchResult result = cchc::ScoreBatch(ex.plan(), inputs, config);
  // A batch never loses a unit: every input is scored or listed as failed.
  if (result.read() != inputs.size()) __builtin_trap();
  for (const cchc::BatchUnit& u : result.units) {
    if (!(u.percent >= 0 && u.percent <= 100 + cchc::fuzz::kEps)) __builtin_trap();
    if (u.rank < 1 || static_cast<size_t>(u.rank) > result.units.size()) __builtin_trap();
  }
  return 0;
}
