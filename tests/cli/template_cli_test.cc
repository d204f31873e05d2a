// `cchc template` end to end: the An Khánh JSON through `template --from` to a
// workbook, then every evidence command over the workbook gives the same
// bytes as over the JSON (their output does not name the evidence file);
// a folder of workbooks batch-scores; missing -o and bad --from exit 2.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/cli/cli_run.h"

namespace cchc::template_cli_test {
namespace {

using clitest::RunCchc;
using clitest::RunResult;

const std::string kCriteria = "examples/thai-nguyen-2026/criteria.cchc";
const std::string kEvidence = "examples/an-khanh-2026/evidence.json";

class TemplateCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("cchc-template-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    book_ = (dir_ / "an-khanh.xlsx").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
  std::string book_;
};

TEST_F(TemplateCli, JsonToWorkbookScoresByteIdentically) {
  RunResult t = RunCchc({"template", kCriteria, "--from", kEvidence, "-o", book_});
  ASSERT_EQ(t.exit_code, 0) << t.err;
  // Only the success line on stderr.
  EXPECT_EQ(t.err.rfind("Đã ghi " + book_ + " (XLSX, ", 0), 0u) << t.err;
  EXPECT_EQ(t.err.find('\n'), t.err.size() - 1) << t.err;
  for (const char* format : {"json", "table", "csv"}) {
    RunResult a = RunCchc({"score", kCriteria, kEvidence, "--format", format});
    RunResult b = RunCchc({"score", kCriteria, book_, "--format", format});
    ASSERT_EQ(a.exit_code, 0) << a.err;
    ASSERT_EQ(b.exit_code, 0) << b.err;
    EXPECT_EQ(a.out.find("evidence.json"), std::string::npos);  // nothing to normalise
    EXPECT_EQ(a.out, b.out) << format;
  }
  const std::string d = "examples/an-khanh-2026/";
  for (const std::vector<std::string>& tail :
       {std::vector<std::string>{"whatif", "SRC", d + "scenario-dialogue.json"},
        std::vector<std::string>{"tasks", "SRC", d + "tasks.json"},
        std::vector<std::string>{"sensitivity", "SRC"}}) {
    std::vector<std::string> a_args = {tail[0], kCriteria}, b_args = {tail[0], kCriteria};
    for (size_t i = 1; i < tail.size(); ++i) {
      a_args.push_back(tail[i] == "SRC" ? kEvidence : tail[i]);
      b_args.push_back(tail[i] == "SRC" ? book_ : tail[i]);
    }
    RunResult a = RunCchc(a_args), b = RunCchc(b_args);
    ASSERT_EQ(a.exit_code, 0) << a.err;
    EXPECT_EQ(a.exit_code, b.exit_code) << b.err;
    EXPECT_EQ(a.out, b.out) << tail[0];
  }
}

TEST_F(TemplateCli, FolderOfWorkbooksBatchScores) {
  const std::filesystem::path folder = dir_ / "units";
  std::filesystem::create_directories(folder);
  ASSERT_EQ(
      RunCchc({"template", kCriteria, "--from", kEvidence, "-o", (folder / "ak.xlsx").string()})
          .exit_code,
      0);
  ASSERT_EQ(RunCchc({"template", kCriteria, "--from", kEvidence, "--unit", "AK2", "--name",
                     "Xã An Khánh 2", "-o", (folder / "ak2.xlsx").string()})
                .exit_code,
            0);
  RunResult r = RunCchc({"batch", kCriteria, folder.string(), "--format", "csv", "--no-progress"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("AK2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Xã An Khánh 2"), std::string::npos) << r.out;
}

TEST_F(TemplateCli, BadUsageExitsTwo) {
  EXPECT_EQ(RunCchc({"template", kCriteria}).exit_code, 2);  // -o is required
  RunResult bad =
      RunCchc({"template", kCriteria, "--from", "tests/bad-input/xlsx_div0.xlsx", "-o", book_});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("E564"), std::string::npos) << bad.err;
  EXPECT_FALSE(std::filesystem::exists(book_));
  RunResult blank = RunCchc({"template", kCriteria, "-o", book_});
  EXPECT_EQ(blank.exit_code, 0) << blank.err;
  EXPECT_TRUE(std::filesystem::exists(book_));
}

}  // namespace
}  // namespace cchc::template_cli_test
