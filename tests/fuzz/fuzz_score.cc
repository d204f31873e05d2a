// libFuzzer target: the example criteria compiled once, fuzzed evidence JSON
// loaded, indexed, scored and rendered in every format, to find crashes and
// impossible scores in evaluation (the loaders have their own targets).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/core/evidence_index.h"
#include "engine/core/scorer.h"
#include "engine/render/score.h"
#include "evidence/loader.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const cchc::CompiledCriteria& ex = cchc::fuzz::ExampleCriteria();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  cchc::EvidenceLoad load = cchc::LoadEvidenceJson(text, "fuzz.json", &ex.criteria());
  if (!load.ok()) return 0;
  cchc::EvidenceIndex index(ex.plan(), load.evidence);
  cchc::Scorer scorer(ex.plan());
  cchc::Scorecard card = scorer.Score(index);
  cchc::fuzz::CheckCard(card);
  cchc::RenderOptions report;
  for (auto f : {cchc::OutputFormat::kTable, cchc::OutputFormat::kJson, cchc::OutputFormat::kCsv,
                 cchc::OutputFormat::kMd}) {
    (void)cchc::RenderScorecard(ex.plan(), card, f, report);
  }
  return 0;
}
