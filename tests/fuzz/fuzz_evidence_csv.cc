// libFuzzer target: the evidence CSV loader, without a schema and typed
// against the example criteria's record declarations; and the writer: any
// text that loads cleanly is rewritten in its own conventions and must read
// back to the same evidence (WriteEvidenceCsv names no loss).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "evidence/csv_writer.h"
#include "evidence/loader.h"
#include "fuzz_util.h"

namespace {

void CheckRewrite(std::string_view text, const cchc::EvidenceLoad& load,
                  const cchc::Criteria* schema) {
  if (!load.ok()) return;
  cchc::CsvOutput out = cchc::WriteEvidenceCsv(load.evidence, schema, cchc::ReadCsvStyle(text));
  if (out.losses.empty()) return;
  std::fprintf(stderr, "rewrite lost: %s\n--- written:\n%s\n", out.losses[0].c_str(),
               out.text.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  cchc::EvidenceLoad plain = cchc::LoadEvidenceCsv(text, "fuzz.csv", nullptr);
  (void)cchc::RenderIssues(plain.issues);
  CheckRewrite(text, plain, nullptr);
  const cchc::Criteria* schema = &cchc::fuzz::ExampleCriteria().criteria();
  cchc::EvidenceLoad typed = cchc::LoadEvidenceCsv(text, "fuzz.csv", schema);
  (void)cchc::RenderIssues(typed.issues);
  CheckRewrite(text, typed, schema);
  return 0;
}
