// libFuzzer target: the simdjson evidence reader against the nlohmann SAX
// reader. Wherever the fast one accepts a document, the SAX one must give the
// same load (records, origins, unit, appraisals) with no issue; otherwise the
// fast one declines and the SAX one alone answers (both reject, or SAX
// reports what the fast one left to it). Untyped and typed by the example. A
// loader kept across inputs (it learns the kinds and keys) agrees with SAX,
// and one keeping only the plan's fields (as batch's) gives SAX's verdict.
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

// `kept` has loaded every earlier input with `schema` (as batch keeps one
// loader per thread): it must load this one as the SAX reader does.
void Compare(std::string_view text, const cchc::Criteria* schema, cchc::EvidenceLoader* kept) {
  using cchc::evidence_internal::LoadEvidenceJsonFast;
  using cchc::evidence_internal::LoadEvidenceJsonSax;
  static cchc::EvidenceLoad* kept_load = new cchc::EvidenceLoad();
  kept->Load(text, "fuzz.json", kept_load);
  std::optional<cchc::EvidenceLoad> fast = LoadEvidenceJsonFast(text, "fuzz.json", schema, {});
  cchc::EvidenceLoad sax = LoadEvidenceJsonSax(text, "fuzz.json", schema, {});
  const std::string kept_diff = cchc::testutil::LoadDifference(*kept_load, sax);
  if (!kept_diff.empty()) {
    std::fprintf(stderr, "the kept loader and SAX differ: %s\n", kept_diff.c_str());
    std::abort();
  }
  if (!fast) return;
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
  static cchc::EvidenceLoader* untyped = new cchc::EvidenceLoader(nullptr, {});
  static cchc::EvidenceLoader* typed =
      new cchc::EvidenceLoader(&cchc::fuzz::ExampleCriteria().criteria(), {});
  Compare(text, nullptr, untyped);
  Compare(text, &cchc::fuzz::ExampleCriteria().criteria(), typed);
  static cchc::EvidenceLoader* plan_fields = [] {
    auto* loader = new cchc::EvidenceLoader(&cchc::fuzz::ExampleCriteria().criteria(), {},
                                            /*origins=*/false);
    loader->KeepOnlyFields(cchc::fuzz::ExampleCriteria().plan().fields());
    return loader;
  }();
  static cchc::EvidenceLoad* plan_fields_load = new cchc::EvidenceLoad();
  plan_fields->Load(text, "fuzz.json", plan_fields_load);
  const cchc::EvidenceLoad sax = cchc::evidence_internal::LoadEvidenceJsonSax(
      text, "fuzz.json", &cchc::fuzz::ExampleCriteria().criteria(), {});
  if (cchc::RenderIssues(plan_fields_load->issues) != cchc::RenderIssues(sax.issues)) {
    std::fprintf(stderr, "keeping the plan's fields changed the verdict\n");
    std::abort();
  }
  return 0;
}
