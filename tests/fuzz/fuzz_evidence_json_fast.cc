// libFuzzer target: the simdjson evidence reader against the nlohmann SAX
// reader. Wherever the fast one accepts a document, the SAX one must give the
// same load (records, origins, unit, appraisals) with no issue; otherwise the
// fast one declines and the SAX one alone answers (both reject, or SAX
// reports what the fast one left to it). Untyped and typed by the example.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "evidence/json_fast.h"
#include "evidence/loader.h"
#include "fuzz_util.h"
#include "tests/evidence/same_load.h"

namespace {

void Compare(std::string_view text, const cchc::Criteria* schema) {
  using cchc::evidence_internal::LoadEvidenceJsonFast;
  using cchc::evidence_internal::LoadEvidenceJsonSax;
  std::optional<cchc::EvidenceLoad> fast = LoadEvidenceJsonFast(text, "fuzz.json", schema, {});
  if (!fast) return;
  cchc::EvidenceLoad sax = LoadEvidenceJsonSax(text, "fuzz.json", schema, {});
  if (!sax.issues.empty()) {
    std::fprintf(stderr, "fast reader accepted what SAX reports:\n%s\n",
                 cchc::RenderIssues(sax.issues).c_str());
    std::abort();
  }
  const std::string diff = cchc::testutil::LoadDifference(*fast, sax);
  if (!diff.empty()) {
    std::fprintf(stderr, "the readers differ: %s\n", diff.c_str());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  Compare(text, nullptr);
  Compare(text, &cchc::fuzz::ExampleCriteria().criteria());
  return 0;
}
