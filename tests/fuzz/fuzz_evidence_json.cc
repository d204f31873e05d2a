// libFuzzer target: the evidence JSON loader, without a schema and typed
// against the example criteria's record declarations.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "evidence/loader.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  cchc::EvidenceLoad plain = cchc::LoadEvidenceJson(text, "fuzz.json", nullptr);
  (void)cchc::RenderIssues(plain.issues);
  cchc::EvidenceLoad typed =
      cchc::LoadEvidenceJson(text, "fuzz.json", &cchc::fuzz::ExampleCriteria().criteria());
  (void)cchc::RenderIssues(typed.issues);
  return 0;
}
