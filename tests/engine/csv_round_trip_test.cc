// The CSV round trip over the example: the An Khánh evidence written as CSV
// (the documented form, and Excel's Vietnamese form) reads back to the same
// records and the same `score --format json`, and a CSV file rewritten from
// what it loads to is the same file, byte for byte.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "engine/render/score.h"
#include "evidence/csv_writer.h"
#include "evidence/loader.h"
#include "tests/engine/engine_test_util.h"

namespace cchc::csv_round_trip_test {
namespace {

using testutil::Compile;
using testutil::ScoreAll;

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool SameValue(const Value& a, const Value& b) {
  return a.type == b.type && a.number == b.number && a.date == b.date && a.boolean == b.boolean &&
         a.text == b.text;
}

TEST(CsvRoundTrip, TheExampleReadsBackToTheSameRecordsAndScore) {
  const std::string src = CCHC_SOURCE_DIR;
  auto c = Compile(Read(src + "/examples/thai-nguyen-2026/criteria.cchc"));
  EvidenceLoad json = LoadEvidenceJson(Read(src + "/examples/an-khanh-2026/evidence.json"),
                                       "evidence.json", &c->criteria());
  ASSERT_TRUE(json.ok()) << RenderIssues(json.issues);
  Evidence want = json.evidence;
  ASSERT_FALSE(want.appraisals.empty());
  want.appraisals.clear();  // CSV carries no appraisal
  const std::string want_score =
      RenderScorecard(c->plan(), ScoreAll(*c, want), OutputFormat::kJson, RenderOptions{});

  CsvStyle excel;
  excel.bom = true;
  excel.crlf = true;
  excel.separator = ';';
  excel.decimal_comma = true;
  for (const CsvStyle& style : {CsvStyle{}, excel}) {
    SCOPED_TRACE(style.bom ? "excel" : "default");
    CsvOutput out = WriteEvidenceCsv(want, &c->criteria(), style);
    EXPECT_TRUE(out.losses.empty()) << out.losses[0];
    EvidenceLoad csv = LoadEvidenceCsv(out.text, "evidence.csv", &c->criteria());
    ASSERT_TRUE(csv.ok()) << RenderIssues(csv.issues);
    EXPECT_TRUE(csv.issues.empty()) << RenderIssues(csv.issues);
    const Evidence& got = csv.evidence;
    EXPECT_EQ(got.unit.code, want.unit.code);
    EXPECT_EQ(got.unit.name, want.unit.name);
    EXPECT_EQ(got.unit.province, want.unit.province);
    EXPECT_EQ(got.year, want.year);
    EXPECT_EQ(got.as_of, want.as_of);
    ASSERT_EQ(got.records.size(), want.records.size());
    for (size_t i = 0; i < want.records.size(); ++i) {
      const Record& a = want.records[i];
      const Record& b = got.records[i];
      EXPECT_EQ(a.id, b.id);
      EXPECT_EQ(a.kind, b.kind);
      EXPECT_EQ(a.fields.size(), b.fields.size()) << a.id;
      for (const auto& [name, value] : a.fields) {
        const Value* back = b.Find(name);
        ASSERT_NE(back, nullptr) << a.id << " " << name;
        EXPECT_TRUE(SameValue(value, *back)) << a.id << " " << name;
      }
    }
    EXPECT_EQ(RenderScorecard(c->plan(), ScoreAll(*c, got), OutputFormat::kJson, RenderOptions{}),
              want_score);
    // Rewritten in its own style, the file is unchanged.
    CsvOutput again = WriteEvidenceCsv(got, &c->criteria(), ReadCsvStyle(out.text));
    EXPECT_TRUE(again.losses.empty()) << again.losses[0];
    EXPECT_EQ(again.text, out.text);
  }
}

}  // namespace
}  // namespace cchc::csv_round_trip_test
