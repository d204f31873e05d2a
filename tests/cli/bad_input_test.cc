// The bad-input corpus: every file in tests/bad-input/ is run as MANIFEST.tsv
// says and must give the expected exit code and diagnostic code on stderr,
// never a crash or a hang. Each entry runs the command's Run* function in this
// process (what cli/main.cc calls with the options these arguments give); the
// first entry of each command and exit code also runs the real `cchc` binary,
// which must answer byte for byte the same. Plus FIFOs and unreadable files.
#include <dirent.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "cli/commands/commands.h"
#include "cli_run.h"

namespace cchc::bad_input_test {
namespace {

using clitest::RunCchc;
using clitest::RunResult;

// Absolute paths: the in-process runs do not depend on the working directory.
const std::string kSource = std::string(CCHC_SOURCE_DIR) + "/";
const std::string kDir = "tests/bad-input/";
const std::string kCriteria = kSource + "examples/thai-nguyen-2026/criteria.cchc";
const std::string kEvidence = kSource + "examples/an-khanh-2026/evidence.json";

struct Entry {
  int line = 0;
  std::string file, command, code, note;
  int exit_code = 0;
};

std::vector<Entry> ReadManifest() {
  std::ifstream in(kSource + kDir + "MANIFEST.tsv");
  std::vector<Entry> entries;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string col;
    while (std::getline(ss, col, '\t')) cols.push_back(col);
    Entry e;
    e.line = n;
    if (cols.size() < 4) {
      ADD_FAILURE() << "MANIFEST.tsv:" << n << ": want file, command, exit, code[, note]";
      continue;
    }
    e.file = cols[0];
    e.command = cols[1];
    e.exit_code = std::stoi(cols[2]);
    e.code = cols[3];
    if (cols.size() > 4) e.note = cols[4];
    entries.push_back(e);
  }
  return entries;
}

// The command line for a manifest entry.
std::vector<std::string> ArgsFor(const Entry& e) {
  const std::string f = kSource + kDir + e.file;
  if (e.command == "check") return {"check", f};
  if (e.command == "fmt") return {"fmt", f};
  if (e.command == "score") return {"score", kCriteria, f};
  if (e.command == "score-criteria") return {"score", f, kEvidence};
  if (e.command == "whatif") return {"whatif", kCriteria, kEvidence, f};
  if (e.command == "tasks") return {"tasks", kCriteria, kEvidence, f};
  if (e.command == "weights") return {"score", kCriteria, kEvidence, "--weights", f};
  // JSON output puts each failed unit's diagnostics on stderr too.
  if (e.command == "batch") return {"batch", kCriteria, f, "--format", "json", "--jobs", "2"};
  ADD_FAILURE() << "MANIFEST.tsv:" << e.line << ": unknown command " << e.command;
  return {};
}

struct Outcome {
  int exit_code = -1;
  std::string out, err;
};

// The same command line as ArgsFor, run in this process: the options
// cli/main.cc fills from those arguments, passed to the command's function.
Outcome RunInProcess(const Entry& e) {
  const std::string f = kSource + kDir + e.file;
  std::ostringstream out, err;
  int code = -1;
  if (e.command == "check") {
    CheckOptions o;
    o.criteria = f;
    code = RunCheck(o, out, err);
  } else if (e.command == "fmt") {
    FmtOptions o;
    o.criteria = f;
    code = RunFmt(o, out, err);
  } else if (e.command == "score" || e.command == "score-criteria" || e.command == "weights") {
    ScoreOptions o;
    o.criteria = e.command == "score-criteria" ? f : kCriteria;
    o.evidence = e.command == "score" ? f : kEvidence;
    if (e.command == "weights") o.weights = f;
    code = RunScore(o, out, err);
  } else if (e.command == "whatif") {
    WhatIfOptions o;
    o.criteria = kCriteria;
    o.evidence = kEvidence;
    o.scenarios = {f};
    code = RunWhatIf(o, out, err);
  } else if (e.command == "tasks") {
    TasksOptions o;
    o.criteria = kCriteria;
    o.evidence = kEvidence;
    o.tasks = f;
    code = RunTasks(o, out, err);
  } else if (e.command == "batch") {
    BatchOptions o;
    o.criteria = kCriteria;
    o.input = f;
    o.jobs = 2;
    o.output.format = "json";
    o.progress = false;  // the binary draws none either: its stderr is not a terminal
    code = RunBatch(o, out, err);
  } else {
    ADD_FAILURE() << "MANIFEST.tsv:" << e.line << ": unknown command " << e.command;
  }
  return {code, out.str(), err.str()};
}

// The entries that also run through the binary: the first of each command and
// expected exit code, so that every command's wiring in cli/main.cc is
// compared with its function on a refused and (where listed) an accepted input.
std::set<size_t> BinarySample(const std::vector<Entry>& entries) {
  std::set<std::pair<std::string, int>> seen;
  std::set<size_t> sample;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (seen.insert({entries[i].command, entries[i].exit_code}).second) sample.insert(i);
  }
  return sample;
}

std::set<std::string> FilesIn(const std::string& dir) {
  std::set<std::string> names;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* ent = ::readdir(d)) {
      const std::string name = ent->d_name;
      if (name != "." && name != ".." && name != "MANIFEST.tsv" && name != "README.md" &&
          name != "make_xlsx.py") {
        names.insert(name);
      }
    }
    ::closedir(d);
  }
  return names;
}

// The corpus runs in slices (entry i in slice i mod kSlices) so that the
// sharded suite (ctest -j2) shares it out instead of one shard running it all.
constexpr int kSlices = 8;
class BadInputSlice : public ::testing::TestWithParam<int> {};

TEST_P(BadInputSlice, EachManifestEntryGivesItsExitCodeAndDiagnostic) {
  const std::vector<Entry> entries = ReadManifest();
  ASSERT_GE(entries.size(), 60u) << "the corpus must hold at least 60 inputs";
  const std::set<size_t> sample = BinarySample(entries);
  for (size_t i = static_cast<size_t>(GetParam()); i < entries.size(); i += kSlices) {
    const Entry& e = entries[i];
    SCOPED_TRACE("MANIFEST.tsv:" + std::to_string(e.line) + ": " + e.command + " " + e.file);
    const Outcome r = RunInProcess(e);
    EXPECT_EQ(r.exit_code, e.exit_code) << r.err;
    if (e.code != "-") {
      EXPECT_NE(r.err.find(e.code), std::string::npos) << "no " << e.code << " in:\n" << r.err;
    }
    if (e.exit_code == 0) {
      EXPECT_EQ(r.err.find("error"), std::string::npos) << "accepted input reports:\n" << r.err;
    }
    if (!sample.count(i)) continue;
    const RunResult b = RunCchc(ArgsFor(e));
    ASSERT_FALSE(b.timed_out) << "the binary hung";
    ASSERT_FALSE(b.signaled) << "the binary crashed:\n" << b.err;
    EXPECT_EQ(b.exit_code, r.exit_code) << b.err;
    EXPECT_EQ(b.err, r.err) << "the binary's stderr differs from its command's";
    EXPECT_EQ(b.out, r.out) << "the binary's stdout differs from its command's";
    EXPECT_EQ(b.err.find("Sanitizer"), std::string::npos) << b.err;
  }
}

// The binary sample covers every command of the manifest, refusing and,
// where the manifest lists one, accepting.
TEST(BadInputTest, TheBinarySampleCoversEveryCommand) {
  const std::vector<Entry> entries = ReadManifest();
  std::set<std::string> commands, sampled;
  for (const Entry& e : entries) commands.insert(e.command);
  for (size_t i : BinarySample(entries)) sampled.insert(entries[i].command);
  EXPECT_EQ(sampled, commands);
  EXPECT_GE(BinarySample(entries).size(), commands.size() + 2) << "accepted inputs sampled too";
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadInputSlice, ::testing::Range(0, kSlices));

// No orphans: every file in the folder is exercised.
TEST(BadInputTest, EveryFileIsInTheManifest) {
  std::set<std::string> listed;
  for (const Entry& e : ReadManifest()) listed.insert(e.file.substr(0, e.file.find('/')));
  for (const std::string& name : FilesIn(kSource + kDir)) {
    EXPECT_TRUE(listed.count(name)) << name << " is not in MANIFEST.tsv";
  }
}

// A named pipe that nobody writes to must not hang the reader: it reads as an
// empty file (RunCchc kills a hung run and reports it).
TEST(BadInputTest, FifoWithoutWriterDoesNotHang) {
  const std::string fifo = ::testing::TempDir() + "cchc-fifo-" + std::to_string(::getpid());
  std::remove(fifo.c_str());
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  const RunResult check = RunCchc({"check", fifo}, 20);
  EXPECT_FALSE(check.timed_out) << "check hung on a FIFO";
  EXPECT_EQ(check.exit_code, 2) << check.err;
  EXPECT_NE(check.err.find("E207"), std::string::npos) << check.err;
  const RunResult score = RunCchc({"score", kCriteria, fifo}, 20);
  EXPECT_FALSE(score.timed_out) << "score hung on a FIFO";
  EXPECT_EQ(score.exit_code, 2) << score.err;
  EXPECT_NE(score.err.find("E500"), std::string::npos) << score.err;
  std::remove(fifo.c_str());
}

// chmod 000 only makes a file unreadable for a non-root user; the suite may
// run as root (CI containers), where the case cannot be observed.
TEST(BadInputTest, UnreadableFile) {
  if (::geteuid() == 0) {
    GTEST_SKIP() << "running as root: root reads a chmod 000 file, so it is not unreadable; "
                    "the unopenable-path rows of MANIFEST.tsv cover the E107/E590 path";
  }
  const std::string path = ::testing::TempDir() + "cchc-unreadable-" + std::to_string(::getpid());
  std::ofstream(path) << "{}";
  ASSERT_EQ(::chmod(path.c_str(), 0), 0);
  const RunResult check = RunCchc({"check", path});
  EXPECT_EQ(check.exit_code, 2) << check.err;
  EXPECT_NE(check.err.find("E107"), std::string::npos) << check.err;
  EXPECT_NE(check.err.find("Permission denied"), std::string::npos) << check.err;
  const RunResult score = RunCchc({"score", kCriteria, path});
  EXPECT_EQ(score.exit_code, 2) << score.err;
  EXPECT_NE(score.err.find("E590"), std::string::npos) << score.err;
  std::remove(path.c_str());
}

}  // namespace
}  // namespace cchc::bad_input_test
