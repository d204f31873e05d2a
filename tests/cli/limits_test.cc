// Each documented limit (docs/limits.md), exceeded through the real `cchc`
// binary: exit 2 and the limit's code on stderr. Big inputs are made at test
// time (sparse where the size alone is checked) rather than checked in.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>

#include "cli_run.h"

namespace cchc::limits_test {
namespace {

using clitest::RunCchc;
using clitest::RunResult;

const std::string kCriteria = "examples/thai-nguyen-2026/criteria.cchc";
const std::string kEvidence = "examples/an-khanh-2026/evidence.json";

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "cchc-limits-" + std::to_string(::getpid()) + "-" + name;
}

std::string WriteTemp(const std::string& name, const std::string& data) {
  const std::string path = TempPath(name);
  std::ofstream(path, std::ios::binary) << data;
  return path;
}

// A file of `bytes` bytes without writing them (the size is checked first).
std::string SparseTemp(const std::string& name, off_t bytes) {
  const std::string path = TempPath(name);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  EXPECT_GE(fd, 0);
  EXPECT_EQ(::ftruncate(fd, bytes), 0);
  ::close(fd);
  return path;
}

void ExpectInvalid(const RunResult& r, const std::string& code) {
  ASSERT_FALSE(r.signaled) << r.err;
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(code), std::string::npos) << "no " << code << " in:\n" << r.err;
}

std::string Evidence(const std::string& records) {
  return R"({"unit": {"code": "AK"}, "year": 2026, "as_of": "2026-11-20", "records": [)" + records +
         "]}";
}

TEST(LimitsTest, CriteriaFileOver4MiB) {
  // Real text, so that the parser's own limit is what speaks, not the reader.
  std::string text(4u << 20, '#');
  text += "\n";
  const std::string path = WriteTemp("big.cchc", text);
  ExpectInvalid(RunCchc({"check", path}), "E100");
  ExpectInvalid(RunCchc({"score", path, kEvidence}), "E100");
  std::remove(path.c_str());
}

TEST(LimitsTest, CriteriaFileFarOverTheLimitIsNotRead) {
  const std::string path = SparseTemp("huge.cchc", off_t{1} << 32);  // 4 GiB, sparse
  const RunResult r = RunCchc({"check", path});
  ExpectInvalid(r, "E100");
  EXPECT_NE(r.err.find("4194304"), std::string::npos) << r.err;
  std::remove(path.c_str());
}

TEST(LimitsTest, CriteriaNestingOver64) {
  std::string deep(65, '(');
  deep += "1";
  deep += std::string(65, ')');
  const std::string ok =
      "index \"x\" { total 1 }\narea I \"a\" max 1 {\n  criterion 1.1 \"c\" max 1 {\n"
      "    item 1.1.1 \"i\" max 1 {\n      score linear " +
      deep + " target 1\n    }\n  }\n}\n";
  const std::string path = WriteTemp("deep.cchc", ok);
  ExpectInvalid(RunCchc({"check", path}), "E103");
  std::remove(path.c_str());
}

TEST(LimitsTest, EvidenceFileOver64MiB) {
  const std::string path = SparseTemp("big.json", (off_t{64} << 20) + 1);
  const RunResult r = RunCchc({"score", kCriteria, path});
  ExpectInvalid(r, "E513");
  EXPECT_NE(r.err.find("67108864"), std::string::npos) << r.err;
  std::remove(path.c_str());
}

TEST(LimitsTest, EvidenceOver200000Records) {
  std::string records;
  records.reserve(200001 * 32);
  for (int i = 0; i <= 200000; ++i) {
    if (i) records += ",";
    records += "{\"id\":\"r" + std::to_string(i) + "\",\"kind\":\"plan\"}";
  }
  const std::string path = WriteTemp("many.json", Evidence(records));
  ExpectInvalid(RunCchc({"score", kCriteria, path}), "E514");
  std::remove(path.c_str());
}

TEST(LimitsTest, EvidenceRecordsAtTheLimitAreRead) {
  // 200,000 records is allowed: the limit is "more than", not "as many as".
  std::string records;
  records.reserve(200000 * 32);
  for (int i = 0; i < 200000; ++i) {
    if (i) records += ",";
    records += "{\"id\":\"r" + std::to_string(i) + "\",\"kind\":\"plan\"}";
  }
  const std::string path = WriteTemp("limit.json", Evidence(records));
  // A sanitized build on a busy machine needs longer than the default minute.
  const RunResult r = RunCchc({"score", kCriteria, path, "--format", "json"}, 600);
  ASSERT_FALSE(r.signaled) << r.err;
  EXPECT_EQ(r.exit_code, 0) << r.err.substr(0, 2000);
  // None of the records feeds an item: the terminal shows 20 of the 200,000
  // W604 warnings and says where the rest are (the JSON's "warnings").
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 21) << r.err.substr(0, 2000);
  EXPECT_NE(r.err.find("warning[W604]: 199980 more like these"), std::string::npos) << r.err;
  std::remove(path.c_str());
}

TEST(LimitsTest, EvidenceStringOver64KiB) {
  const std::string title(64 * 1024 + 1, 'a');
  const std::string path = WriteTemp(
      "long.json", Evidence(R"({"id": "KH-01", "kind": "plan", "title": ")" + title + "\"}"));
  ExpectInvalid(RunCchc({"score", kCriteria, path}), "E515");
  std::remove(path.c_str());
}

TEST(LimitsTest, EvidenceCsvCellOver64KiB) {
  const std::string path =
      WriteTemp("long.csv", "id,kind,title\nKH-01,plan," + std::string(64 * 1024 + 1, 'a') + "\n");
  ExpectInvalid(RunCchc({"score", kCriteria, path}), "E515");
  std::remove(path.c_str());
}

TEST(LimitsTest, EvidenceJsonDeeperThan32) {
  const std::string path =
      WriteTemp("deep.json", Evidence(R"({"id": "KH-01", "kind": "plan", "title": )" +
                                      std::string(33, '[') + std::string(33, ']') + "}"));
  ExpectInvalid(RunCchc({"score", kCriteria, path}), "E517");
  std::remove(path.c_str());
}

TEST(LimitsTest, ScenarioAndTaskFilesOver4MiB) {
  const std::string path = SparseTemp("big-scenario.json", (off_t{4} << 20) + 1);
  ExpectInvalid(RunCchc({"whatif", kCriteria, kEvidence, path}), "E513");
  ExpectInvalid(RunCchc({"tasks", kCriteria, kEvidence, path}), "E513");
  std::remove(path.c_str());
}

TEST(LimitsTest, ScenarioOver10000Effects) {
  std::string effects;
  for (int i = 0; i <= 10000; ++i) {
    if (i) effects += ",";
    effects += R"({"op": "set", "id": "CCHC-NV12", "fields": {"status": "done"}})";
  }
  const std::string path =
      WriteTemp("effects.json", R"({"name": "x", "effects": [)" + effects + "]}");
  ExpectInvalid(RunCchc({"whatif", kCriteria, kEvidence, path}), "E528");
  std::remove(path.c_str());
}

// A plan of `n` tasks with no effects (each is inert, so the search is cheap).
std::string TaskFile(const std::string& name, int n) {
  std::string tasks;
  for (int i = 0; i < n; ++i) {
    if (i) tasks += ",";
    tasks += R"({"id": "T)" + std::to_string(i) + R"(", "effort": 1, "effects": []})";
  }
  return WriteTemp(name, R"({"plan": "x", "tasks": [)" + tasks + "]}");
}

// One cap (kMaxTasks, 25) for `tasks`, `report --tasks` and serve: past it
// the command says so in the chosen language and exits 2, never an empty result.
TEST(LimitsTest, TaskListOver25Tasks) {
  const std::string path = TaskFile("tasks26.json", 26);
  RunResult r = RunCchc({"tasks", kCriteria, kEvidence, path, "--lang", "en"});
  ExpectInvalid(r, "E528");
  EXPECT_NE(r.err.find("the plan has 26 tasks, over the limit of 25"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
  r = RunCchc({"tasks", kCriteria, kEvidence, path});
  ExpectInvalid(r, "E528");
  EXPECT_NE(r.err.find("kế hoạch có 26 nhiệm vụ, quá giới hạn 25"), std::string::npos) << r.err;
  const std::string html = TempPath("report.html");
  r = RunCchc({"report", kCriteria, kEvidence, "--tasks", path, "-o", html});
  ExpectInvalid(r, "E528");
  EXPECT_NE(r.err.find("kế hoạch có 26 nhiệm vụ"), std::string::npos) << r.err;
  EXPECT_NE(::access(html.c_str(), F_OK), 0);
  std::remove(path.c_str());
}

TEST(LimitsTest, TaskListOf25TasksIsAnalysed) {
  const std::string path = TaskFile("tasks25.json", 25);
  RunResult r = RunCchc({"tasks", kCriteria, kEvidence, path, "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"exhaustive\": true"), std::string::npos) << r.out;
  std::remove(path.c_str());
}

TEST(LimitsTest, NdjsonFileOver2GiB) {
  const std::string path = SparseTemp("big.ndjson", (off_t{2} << 30) + 1);
  ExpectInvalid(RunCchc({"batch", kCriteria, path}), "E513");
  std::remove(path.c_str());
}

TEST(LimitsTest, NdjsonLineOverALimitFailsThatUnitOnly) {
  const std::string good =
      R"({"unit": {"code": "AK"}, "year": 2026, "as_of": "2026-11-20", "records": []})";
  const std::string bad =
      R"({"unit": {"code": "BT"}, "year": 2026, "as_of": "2026-11-20", "records": [{"id": "a", )"
      R"("kind": "plan", "title": ")" +
      std::string(64 * 1024 + 1, 'a') + "\"}]}";
  const std::string path = WriteTemp("line.ndjson", good + "\n" + bad + "\n");
  const RunResult r = RunCchc({"batch", kCriteria, path, "--format", "json"});
  ASSERT_FALSE(r.signaled) << r.err;
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("E515"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("read 2, scored 1, failed 1"), std::string::npos) << r.err;
  std::remove(path.c_str());
}

}  // namespace
}  // namespace cchc::limits_test
