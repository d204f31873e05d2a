// Output files are written atomically (temporary file + rename): a run that
// fails, before or while writing, leaves no partial file and no temporary
// file, and never truncates an existing output.
#include <dirent.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "cli/commands/io.h"
#include "cli_run.h"

namespace cchc::atomic_write_test {
namespace {

using clitest::RunCchc;
using clitest::RunResult;
using clitest::Slurp;

const std::string kCriteria = "examples/thai-nguyen-2026/criteria.cchc";
const std::string kEvidence = "examples/an-khanh-2026/evidence.json";

class AtomicWriteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = ::testing::TempDir() + "cchc-atomic-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    ::chmod(dir_.c_str(), 0755);
    std::system(("rm -rf " + clitest::ShellQuote(dir_)).c_str());
  }

  std::vector<std::string> Entries(const std::string& dir) const {
    std::vector<std::string> names;
    if (DIR* d = ::opendir(dir.c_str())) {
      while (dirent* e = ::readdir(d)) {
        const std::string n = e->d_name;
        if (n != "." && n != "..") names.push_back(n);
      }
      ::closedir(d);
    }
    return names;
  }

  std::string dir_;
};

TEST_F(AtomicWriteTest, WritesAndReplacesLeavingNoTemporaryFile) {
  const std::string path = dir_ + "/out.txt";
  std::string why;
  ASSERT_TRUE(WriteFileAtomic(path, "first", &why)) << why;
  ASSERT_TRUE(WriteFileAtomic(path, "second", &why)) << why;
  EXPECT_EQ(Slurp(path), "second");
  EXPECT_EQ(Entries(dir_), std::vector<std::string>{"out.txt"});
}

TEST_F(AtomicWriteTest, RenameFailureRemovesTheTemporaryFile) {
  // The target is a non-empty directory: the temporary file is written, the
  // rename over it fails, and the temporary file must go.
  const std::string target = dir_ + "/out.json";
  ASSERT_EQ(::mkdir(target.c_str(), 0755), 0);
  std::ofstream(target + "/keep") << "x";
  std::string why;
  EXPECT_FALSE(WriteFileAtomic(target, "data", &why));
  EXPECT_NE(why.find("cannot replace"), std::string::npos) << why;
  EXPECT_EQ(Entries(dir_), std::vector<std::string>{"out.json"});
  EXPECT_EQ(Entries(target), std::vector<std::string>{"keep"});
}

TEST_F(AtomicWriteTest, ScoreIntoMissingFolderFailsAndCreatesNothing) {
  const std::string out = dir_ + "/no-such-folder/score.json";
  const RunResult r = RunCchc({"score", kCriteria, kEvidence, "--format", "json", "-o", out});
  ASSERT_FALSE(r.signaled) << r.err;
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("no-such-folder"), std::string::npos) << r.err;
  EXPECT_TRUE(Entries(dir_).empty());
}

TEST_F(AtomicWriteTest, ScoreWhoseRenameFailsLeavesNoFile) {
  const std::string out = dir_ + "/score.json";
  ASSERT_EQ(::mkdir(out.c_str(), 0755), 0);
  std::ofstream(out + "/keep") << "x";
  const RunResult r = RunCchc({"score", kCriteria, kEvidence, "--format", "json", "-o", out});
  ASSERT_FALSE(r.signaled) << r.err;
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(Entries(dir_), std::vector<std::string>{"score.json"});  // no score.json.tmp-*
  EXPECT_EQ(Entries(out), std::vector<std::string>{"keep"});
}

TEST_F(AtomicWriteTest, ScoreIntoReadOnlyFolderFailsAndCreatesNothing) {
  if (::geteuid() == 0) {
    GTEST_SKIP() << "running as root: root may write into a 0555 folder, so a read-only folder "
                    "cannot fail here (the rename and missing-folder cases cover the failure)";
  }
  ASSERT_EQ(::chmod(dir_.c_str(), 0555), 0);
  const RunResult r =
      RunCchc({"score", kCriteria, kEvidence, "--format", "json", "-o", dir_ + "/score.json"});
  ::chmod(dir_.c_str(), 0755);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(Entries(dir_).empty());
}

TEST_F(AtomicWriteTest, InvalidInputNeverTouchesAnExistingOutput) {
  const std::string out = dir_ + "/score.json";
  std::ofstream(out) << "previous run";
  const RunResult r = RunCchc({"score", kCriteria, "tests/bad-input/evidence_truncated.json",
                               "--format", "json", "-o", out});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(Slurp(out), "previous run");
  EXPECT_EQ(Entries(dir_), std::vector<std::string>{"score.json"});
}

TEST_F(AtomicWriteTest, ScoreAndFmtWriteCompleteFiles) {
  const std::string score = dir_ + "/score.json";
  RunResult r = RunCchc({"score", kCriteria, kEvidence, "--format", "json", "-o", score});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string json = Slurp(score);
  ASSERT_FALSE(json.empty());
  EXPECT_EQ(json.front(), '{');
  EXPECT_NE(json.find("\"percent\""), std::string::npos);

  const std::string fmt = dir_ + "/criteria.cchc";
  r = RunCchc({"fmt", kCriteria, "-o", fmt});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(RunCchc({"fmt", "--check", fmt}).exit_code, 0);
  std::vector<std::string> want = {"criteria.cchc", "score.json"};
  std::vector<std::string> got = Entries(dir_);
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, want);
}

TEST_F(AtomicWriteTest, FmtIntoMissingFolderFails) {
  const RunResult r = RunCchc({"fmt", kCriteria, "-o", dir_ + "/missing/x.cchc"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(Entries(dir_).empty());
}

// The XLSX workbook has its own writer (libxlsxwriter into a temporary file,
// then rename): the same guarantees.
TEST_F(AtomicWriteTest, BatchXlsxWhoseRenameFailsLeavesNoFile) {
  const std::string out = dir_ + "/batch.xlsx";
  ASSERT_EQ(::mkdir(out.c_str(), 0755), 0);
  std::ofstream(out + "/keep") << "x";
  const RunResult r = RunCchc(
      {"batch", kCriteria, "tests/bad-input/batch_ok_crlf.ndjson", "--format", "xlsx", "-o", out});
  ASSERT_FALSE(r.signaled) << r.err;
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(Entries(dir_), std::vector<std::string>{"batch.xlsx"});  // no batch.xlsx.tmp-*
  EXPECT_EQ(Entries(out), std::vector<std::string>{"keep"});
}

TEST_F(AtomicWriteTest, EveryPrintingCommandIntoMissingFolderCreatesNothing) {
  const std::string missing = dir_ + "/missing/out";
  const std::vector<std::vector<std::string>> runs = {
      {"whatif", kCriteria, kEvidence, "examples/an-khanh-2026/scenario-dialogue.json", "-o",
       missing},
      {"tasks", kCriteria, kEvidence, "tests/bad-input/tasks_tabs.json", "-o", missing},
      {"sensitivity", kCriteria, kEvidence, "-o", missing},
      {"batch", kCriteria, "tests/bad-input/batch_ok_crlf.ndjson", "-o", missing},
      {"batch", kCriteria, "tests/bad-input/batch_ok_crlf.ndjson", "--format", "xlsx", "-o",
       missing + ".xlsx"},
      {"uncertainty", kCriteria, "tests/bad-input/batch_ok_crlf.ndjson", "--samples", "20", "-o",
       missing},
      {"report", kCriteria, kEvidence, "-o", missing + ".html"},
      {"report", kCriteria, kEvidence, "--format", "xlsx", "-o", missing + ".xlsx"},
  };
  for (const auto& args : runs) {
    SCOPED_TRACE(args[0] + " " + args.back());
    const RunResult r = RunCchc(args);
    ASSERT_FALSE(r.signaled) << r.err;
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(Entries(dir_).empty());
  }
}

TEST_F(AtomicWriteTest, BatchXlsxWritesACompleteWorkbook) {
  const std::string out = dir_ + "/batch.xlsx";
  const RunResult r = RunCchc(
      {"batch", kCriteria, "tests/bad-input/batch_ok_crlf.ndjson", "--format", "xlsx", "-o", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string data = Slurp(out);
  ASSERT_GE(data.size(), 4u);
  EXPECT_EQ(data.substr(0, 2), "PK");  // a zip container, written whole
  EXPECT_EQ(Entries(dir_), std::vector<std::string>{"batch.xlsx"});
}

}  // namespace
}  // namespace cchc::atomic_write_test
