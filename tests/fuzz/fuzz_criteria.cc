// libFuzzer target: criteria parser, checker and formatter. The formatter's
// output of a clean parse must parse clean again and be a fixed point.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "criteria/checker.h"
#include "criteria/formatter.h"
#include "criteria/parser.h"
#include "criteria/source.h"

namespace {

[[noreturn]] void Fail(const char* what, const std::string& a, const std::string& b) {
  std::fprintf(stderr, "fuzz_criteria: %s\n--- input ---\n%s\n--- formatted ---\n%s\n", what,
               a.c_str(), b.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cchc::SourceFile src("fuzz.cchc", std::string(reinterpret_cast<const char*>(data), size));
  cchc::ParseResult parsed = cchc::ParseCriteria(src);
  // The checker must be safe on the partial model a syntax error leaves.
  cchc::CheckResult checked = cchc::CheckCriteria(parsed.criteria);
  (void)cchc::RenderAll(src, parsed.diagnostics);
  (void)cchc::RenderAll(src, checked.diagnostics);
  if (!parsed.ok()) return 0;
  (void)cchc::FormatSummary(checked.summary);

  const std::string formatted = cchc::FormatCriteria(parsed.criteria, src.text());
  cchc::SourceFile again("fuzz-fmt.cchc", formatted);
  cchc::ParseResult reparsed = cchc::ParseCriteria(again);
  if (!reparsed.ok()) {
    std::fprintf(stderr, "%s", cchc::RenderAll(again, reparsed.diagnostics).c_str());
    Fail("formatted output does not parse", src.text(), formatted);
  }
  const std::string twice = cchc::FormatCriteria(reparsed.criteria, again.text());
  if (twice != formatted) Fail("formatter is not a fixed point", formatted, twice);
  return 0;
}
