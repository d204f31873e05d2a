// Exit codes and outputs of `cchc check`, `cchc fmt` and `cchc score`, run
// through the command functions (no CLI11, no subprocess).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/commands/commands.h"

namespace cchc::check_score_cli_test {
namespace {

namespace fs = std::filesystem;

const std::string kSrc = CCHC_SOURCE_DIR;
const std::string kCriteria = kSrc + "/examples/thai-nguyen-2026/criteria.cchc";
const std::string kEvidence = kSrc + "/examples/an-khanh-2026/evidence.json";

std::string TempFile(const std::string& name, const std::string& text) {
  fs::path p = fs::temp_directory_path() / ("cchc_cli_" + name);
  std::ofstream(p, std::ios::binary) << text;
  return p.string();
}

struct RunResult {
  int code = -1;
  std::string out, err;
};

RunResult Score(const std::string& criteria, const std::string& evidence,
                const std::string& format = "table", const std::string& output = "") {
  ScoreOptions o;
  o.criteria = criteria;
  o.evidence = evidence;
  o.output.format = format;
  o.output.output = output;
  std::ostringstream out, err;
  RunResult r;
  r.code = RunScore(o, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

TEST(CheckCommand, ExampleIsClean) {
  CheckOptions o;
  o.criteria = kCriteria;
  std::ostringstream out, err;
  EXPECT_EQ(RunCheck(o, out, err), kExitOk) << err.str();
  EXPECT_NE(out.str().find("items: 54"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("total max: 100"), std::string::npos) << out.str();
}

TEST(CheckCommand, ErrorsExitTwoWithLocation) {
  const std::string bad =
      TempFile("bad.cchc", "area 1 \"A\" max 1 {\n  criterion 1.1 \"C\" max {\n");
  CheckOptions o;
  o.criteria = bad;
  std::ostringstream out, err;
  EXPECT_EQ(RunCheck(o, out, err), kExitInvalidInput);
  EXPECT_NE(err.str().find(":2:25: error[E102]"), std::string::npos) << err.str();
}

TEST(CheckCommand, MissingFileExitsTwo) {
  CheckOptions o;
  o.criteria = kSrc + "/no/such/file.cchc";
  std::ostringstream out, err;
  EXPECT_EQ(RunCheck(o, out, err), kExitInvalidInput);
  EXPECT_NE(err.str().find("E107"), std::string::npos);
}

TEST(FmtCommand, ExampleIsCanonical) {
  FmtOptions o;
  o.criteria = kCriteria;
  o.check = true;
  std::ostringstream out, err;
  EXPECT_EQ(RunFmt(o, out, err), kExitOk) << err.str();
}

TEST(FmtCommand, CheckFlagsNonCanonicalFile) {
  const std::string messy =
      TempFile("messy.cchc",
               "area 1 \"A\" max 1 { criterion 1.1 \"C\" max 1 { item 1.1.1 \"I\" max 1 {"
               " score manual 1 evidence optional } } }\n");
  FmtOptions o;
  o.criteria = messy;
  o.check = true;
  std::ostringstream out, err;
  EXPECT_EQ(RunFmt(o, out, err), kExitFailure);
  o.check = false;
  std::ostringstream out2, err2;
  EXPECT_EQ(RunFmt(o, out2, err2), kExitOk);
  const std::string formatted = TempFile("formatted.cchc", out2.str());
  o.criteria = formatted;
  o.check = true;
  std::ostringstream out3, err3;
  EXPECT_EQ(RunFmt(o, out3, err3), kExitOk) << "formatting twice changes nothing";
}

TEST(ScoreCommand, ExampleScoresWithVietnameseTable) {
  RunResult r = Score(kCriteria, kEvidence);
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("Chỉ số CCHC: 78,00 %"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Xếp loại: Khá"), std::string::npos);
  EXPECT_NE(r.out.find("thiếu TLKC"), std::string::npos);
  EXPECT_NE(r.out.find("không áp dụng"), std::string::npos);
}

TEST(ScoreCommand, JsonCarriesTheProductFields) {
  RunResult r = Score(kCriteria, kEvidence, "json");
  ASSERT_EQ(r.code, kExitOk) << r.err;
  for (const char* field :
       {"\"percent\"", "\"points\"", "\"max\"", "\"band\"", "\"areas\"", "\"items\"", "\"status\"",
        "\"evidence\"", "\"explanation\"", "\"missing_evidence\"", "\"not_applicable\""}) {
    EXPECT_NE(r.out.find(field), std::string::npos) << field;
  }
  EXPECT_NE(r.out.find("\"warnings\": []"), std::string::npos);
  // The shipped example is clean: no data-quality warning on stderr.
  EXPECT_EQ(r.err, "");
}

TEST(ScoreCommand, CsvAndMarkdown) {
  RunResult csv = Score(kCriteria, kEvidence, "csv");
  ASSERT_EQ(csv.code, kExitOk);
  EXPECT_EQ(csv.out.rfind("code,name,max,points,status", 0), 0u);
  EXPECT_NE(csv.out.find("\n1.1.1,"), std::string::npos);
  RunResult md = Score(kCriteria, kEvidence, "md");
  ASSERT_EQ(md.code, kExitOk);
  EXPECT_NE(md.out.find("| 1.1.1 |"), std::string::npos);
}

TEST(ScoreCommand, UnknownFormatExitsTwo) {
  EXPECT_EQ(Score(kCriteria, kEvidence, "yaml").code, kExitInvalidInput);
}

TEST(ScoreCommand, BrokenEvidenceExitsTwoAndScoresNothing) {
  const std::string bad =
      TempFile("bad.json", R"({"records": [{"id": "A", "kind": "plan", "issued": "2026-02-30"}]})");
  RunResult r = Score(kCriteria, bad, "json");
  EXPECT_EQ(r.code, kExitInvalidInput);
  EXPECT_TRUE(r.out.empty()) << "nothing scored from a broken file";
  EXPECT_NE(r.err.find("E507"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(":1:"), std::string::npos) << r.err;
}

TEST(ScoreCommand, BrokenCriteriaExitsTwo) {
  const std::string bad = TempFile("bad2.cchc", "area 1 \"A\" max 1 {}\n");
  RunResult r = Score(bad, kEvidence);
  EXPECT_EQ(r.code, kExitInvalidInput);
  EXPECT_NE(r.err.find("E203"), std::string::npos) << r.err;
}

TEST(ScoreCommand, OutputFileWrittenAtomically) {
  const fs::path out = fs::temp_directory_path() / "cchc_cli_score.json";
  fs::remove(out);
  RunResult r = Score(kCriteria, kEvidence, "json", out.string());
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_TRUE(r.out.empty());
  std::ifstream in(out);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_NE(ss.str().find("\"percent\": 77.998"), std::string::npos);
  for (const auto& e : fs::directory_iterator(out.parent_path())) {
    EXPECT_EQ(e.path().filename().string().find("cchc_cli_score.json.tmp"), std::string::npos);
  }
}

TEST(ScoreCommand, CsvEvidenceIsAccepted) {
  const std::string csv = TempFile(
      "ev.csv",
      "# unit.code: X\n# unit.name: Xã Thử\n# year: "
      "2026\n# as_of: 2026-11-20\nid,kind,topic,issued\nKH,plan,kiem_soat_tthc,2026-01-10\n");
  RunResult r = Score(kCriteria, csv, "json");
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("\"code\": \"X\""), std::string::npos);
  // Data-quality warnings go to stderr with their code, record and field.
  EXPECT_NE(r.err.find("warning[W604]: record \"KH\""), std::string::npos) << r.err;
}

}  // namespace
}  // namespace cchc::check_score_cli_test
