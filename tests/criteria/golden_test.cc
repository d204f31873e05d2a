// Golden files: every tests/golden/NAME.cchc is parsed and checked, and the
// rendered diagnostics must equal NAME.expect byte for byte. Run with
// CCHC_UPDATE_GOLDENS=1 to rewrite the expectations, then review the diff.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "criteria/checker.h"
#include "criteria/parser.h"
#include "tests/golden_util.h"

namespace cchc::golden_test {
namespace {

namespace fs = std::filesystem;

fs::path GoldenDir() { return fs::path(CCHC_SOURCE_DIR) / "tests" / "golden"; }

std::vector<std::string> GoldenNames() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(GoldenDir(), ec)) {
    if (e.path().extension() == ".cchc") names.push_back(e.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// What `cchc check` prints on stderr for a file that parses: the syntax
// diagnostics, else the checker's, rendered.
std::string Diagnose(const std::string& name) {
  SourceFile src(name + ".cchc", ReadFile(GoldenDir() / (name + ".cchc")));
  ParseResult parsed = ParseCriteria(src);
  std::vector<Diagnostic> diags = parsed.diagnostics;
  if (parsed.ok()) {
    CheckResult checked = CheckCriteria(parsed.criteria);
    diags.insert(diags.end(), checked.diagnostics.begin(), checked.diagnostics.end());
  }
  return RenderAll(src, diags);
}

class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, RenderedDiagnosticsMatchExpect) {
  const std::string name = GetParam();
  const std::string got = Diagnose(name);
  golden::ExpectMatchesGolden(got, GoldenDir() / (name + ".expect"));
}

INSTANTIATE_TEST_SUITE_P(Files, GoldenTest, ::testing::ValuesIn(GoldenNames()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string n = info.param;
                           for (char& c : n) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return n;
                         });

TEST(GoldenFiles, EnoughOfThemAndEachHasAnExpectation) {
  const auto names = GoldenNames();
  EXPECT_GE(names.size(), 12u);
  for (const auto& n : names) {
    EXPECT_TRUE(fs::exists(GoldenDir() / (n + ".expect"))) << n;
  }
}

}  // namespace
}  // namespace cchc::golden_test
