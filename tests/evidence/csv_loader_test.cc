// CSV evidence loading: RFC 4180 quoting, BOM and CRLF, the "# key: value"
// unit lines, typed and inferred columns, and bad rows with line and column.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "criteria/date.h"
#include "evidence/loader.h"
#include "tests/evidence/test_schema.h"

namespace cchc::csv_loader_test {
namespace {

using testutil::TestSchema;

std::string Issues(const EvidenceLoad& load) { return RenderIssues(load.issues); }

TEST(CsvLoader, UnitLinesHeaderAndTypedColumns) {
  const std::string text =
      "# Xuất từ Hệ thống thông tin giải quyết TTHC tỉnh\n"
      "# unit.code: AK\n"
      "# unit.name: Xã An Khánh\n"
      "# unit.province: Thái Nguyên\n"
      "# year: 2026\n"
      "# as_of: 2026-11-20\n"
      "\n"
      "id,kind,issued,received,on_time,rate,online,score,title\n"
      "D-01,dossiers,2026-10-01,120,118,98.3,true,7.5,\"Hồ sơ quý III, 2026\"\n"
      "D-02,dossiers,,5,5,100%,FALSE,,\n"
      "M-01,meeting,2026-03-02,40,,12.5,true,x,\"Đối thoại \"\"lần 1\"\"\"\n";
  Criteria schema = TestSchema();
  EvidenceLoad load = LoadEvidenceCsv(text, "ak.csv", &schema);
  // "meeting" is not declared: one E530 for the row, its cells typed naturally.
  ASSERT_EQ(load.issues.size(), 1u) << Issues(load);
  EXPECT_EQ(load.issues[0].code, "E530");
  EXPECT_EQ(load.issues[0].record_id, "M-01");
  const Evidence& e = load.evidence;
  EXPECT_EQ(e.source, "ak.csv");
  EXPECT_EQ(e.unit.code, "AK");
  EXPECT_EQ(e.unit.name, "Xã An Khánh");
  EXPECT_EQ(e.unit.province, "Thái Nguyên");
  EXPECT_EQ(e.year, 2026);
  EXPECT_EQ(*e.as_of, *ParseIsoDate("2026-11-20"));
  ASSERT_EQ(e.records.size(), 3u);

  const Record& d1 = e.records[0];
  EXPECT_EQ(d1.id, "D-01");
  EXPECT_EQ(d1.kind, "dossiers");
  EXPECT_EQ(d1.origin.line, 9u);
  EXPECT_EQ(d1.Find("issued")->type, ValueType::kDate);
  EXPECT_EQ(d1.Find("received")->number, 120);
  EXPECT_EQ(d1.Find("rate")->type, ValueType::kPercent);
  EXPECT_DOUBLE_EQ(d1.Find("rate")->number, 0.983);
  EXPECT_TRUE(d1.Find("online")->boolean);
  EXPECT_EQ(d1.Find("score")->number, 7.5);
  EXPECT_EQ(d1.Find("title")->text, "Hồ sơ quý III, 2026");

  const Record& d2 = e.records[1];
  EXPECT_EQ(d2.Find("issued"), nullptr);  // empty cell: absent
  EXPECT_DOUBLE_EQ(d2.Find("rate")->number, 1.0);
  EXPECT_EQ(d2.Find("online")->type, ValueType::kBool);
  EXPECT_FALSE(d2.Find("online")->boolean);
  EXPECT_EQ(d2.Find("title"), nullptr);
  EXPECT_EQ(d2.fields.size(), 4u);

  // An undeclared kind: columns inferred.
  const Record& m1 = e.records[2];
  EXPECT_EQ(m1.Find("received")->type, ValueType::kNumber);
  EXPECT_EQ(m1.Find("rate")->type, ValueType::kNumber);
  EXPECT_EQ(m1.Find("rate")->number, 12.5);
  EXPECT_EQ(m1.Find("online")->type, ValueType::kBool);
  EXPECT_EQ(m1.Find("score")->type, ValueType::kString);
  EXPECT_EQ(m1.Find("title")->text, "Đối thoại \"lần 1\"");
  EXPECT_EQ(m1.Find("issued")->type, ValueType::kDate);  // common field
}

TEST(CsvLoader, BomCrlfAndMultiLineCells) {
  const std::string text =
      "\xEF\xBB\xBFid,kind,title,note\r\n"
      "A,plan,\"two\r\nlines\",\"a, b\"\r\n"
      "B,plan,x,\"\"\r\n"
      "C,plan,\"\",y";  // no final line end
  EvidenceLoad load = LoadEvidenceCsv(text, "b.csv", nullptr);
  ASSERT_TRUE(load.ok()) << Issues(load);
  const auto& r = load.evidence.records;
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].Find("title")->text, "two\r\nlines");
  EXPECT_EQ(r[0].Find("note")->text, "a, b");
  EXPECT_EQ(r[1].origin.line, 4u);  // the quoted line end counts
  EXPECT_EQ(r[1].Find("title")->text, "x");
  EXPECT_EQ(r[1].Find("note"), nullptr);  // "" is an empty cell
  EXPECT_EQ(r[2].origin.line, 5u);
  EXPECT_EQ(r[2].Find("note")->text, "y");
}

TEST(CsvLoader, BlankAndSpreadsheetEmptyRowsAreSkipped) {
  EvidenceLoad load =
      LoadEvidenceCsv("id,kind,x\n\nA,plan,1\n,,\n\nB,plan,2\n,,\n", "e.csv", nullptr);
  ASSERT_TRUE(load.ok()) << Issues(load);
  ASSERT_EQ(load.evidence.records.size(), 2u);
  EXPECT_EQ(load.evidence.records[1].origin.line, 6u);
}

TEST(CsvLoader, InferenceWithoutSchema) {
  EvidenceLoad load = LoadEvidenceCsv("id,kind,a,b,c,d,e,f\nA,x,12,-0.5,true,2026-01-15,1e3,inf\n",
                                      "i.csv", nullptr);
  ASSERT_TRUE(load.ok()) << Issues(load);
  const Record& r = load.evidence.records[0];
  EXPECT_EQ(r.Find("a")->type, ValueType::kNumber);
  EXPECT_EQ(r.Find("b")->number, -0.5);
  EXPECT_EQ(r.Find("c")->type, ValueType::kBool);
  EXPECT_EQ(r.Find("d")->type, ValueType::kString);  // undeclared: not a date
  EXPECT_EQ(r.Find("e")->number, 1000);
  EXPECT_EQ(r.Find("f")->type, ValueType::kString);  // not a finite number
}

struct CsvBad {
  const char* name;
  std::string text;
  const char* code;
  uint32_t line, column;
  std::string record_id, field;
};

class CsvBadTest : public ::testing::TestWithParam<CsvBad> {};

TEST_P(CsvBadTest, ReportsCodeAndPlace) {
  const CsvBad& c = GetParam();
  Criteria schema = TestSchema();
  EvidenceLoad load = LoadEvidenceCsv(c.text, "bad.csv", &schema);
  ASSERT_FALSE(load.issues.empty());
  const EvidenceIssue& issue = load.issues[0];
  SCOPED_TRACE(RenderIssue(issue));
  EXPECT_EQ(issue.code, c.code);
  if (c.code[0] == 'E') {
    EXPECT_FALSE(load.ok());
  }
  EXPECT_EQ(issue.line, c.line);
  EXPECT_EQ(issue.column, c.column);
  EXPECT_EQ(issue.record_id, c.record_id);
  EXPECT_EQ(issue.field, c.field);
}

const std::string kHead = "id,kind,received,rate,due,online\n";

INSTANTIATE_TEST_SUITE_P(
    Table, CsvBadTest,
    ::testing::Values(
        CsvBad{"empty", "", "E500", 0, 0, "", ""},
        CsvBad{"only_comments", "# unit.code: AK\n", "E519", 2, 0, "", ""},
        CsvBad{"no_kind_column", "id,type\nA,plan\n", "E519", 1, 0, "", ""},
        CsvBad{"duplicate_column", "id,kind,x,x\nA,plan,1,2\n", "E521", 1, 4, "", "x"},
        CsvBad{"too_many_cells", kHead + "D,dossiers,1,2,,,extra\n", "E520", 2, 7, "", ""},
        CsvBad{"too_few_cells", kHead + "D,dossiers,1\n", "E520", 2, 4, "", ""},
        CsvBad{"unclosed_quote", kHead + "D,dossiers,\"1,2\n", "E501", 2, 3, "", ""},
        CsvBad{"stray_quote", kHead + "D,dossiers,1\"2,,,\n", "E501", 2, 3, "", ""},
        CsvBad{"after_quote", kHead + "D,dossiers,\"1\"2,,,\n", "E501", 2, 3, "", ""},
        CsvBad{"missing_id", kHead + ",dossiers,1,,,\n", "E503", 2, 1, "", "id"},
        CsvBad{"missing_kind", kHead + "D,,1,,,\n", "E504", 2, 2, "D", "kind"},
        CsvBad{"duplicate_id", kHead + "D,dossiers,1,,,\nD,dossiers,2,,,\n", "E505", 3, 0, "D", ""},
        CsvBad{"feb_30", "id,kind,due\nT,task,2026-02-30\n", "E507", 2, 3, "T", "due"},
        CsvBad{"month_13", "id,kind,issued\nT,note,2026-13-01\n", "E507", 2, 3, "T", "issued"},
        CsvBad{"bad_as_of", "# as_of: 2026-11-31\nid,kind\n", "E507", 1, 0, "", "as_of"},
        CsvBad{"bad_year", "# year: 26k\nid,kind\n", "E509", 1, 0, "", "year"},
        CsvBad{"text_in_count", kHead + "D,dossiers,many,,,\n", "E509", 2, 3, "D", "received"},
        CsvBad{"text_in_percent", kHead + "D,dossiers,,96.2 %%,,\n", "E509", 2, 4, "D", "rate"},
        CsvBad{"yes_in_bool", kHead + "D,dossiers,,,,yes\n", "E509", 2, 6, "D", "online"},
        CsvBad{"negative_count", kHead + "D,dossiers,-1,,,\n", "E510", 2, 3, "D", "received"},
        CsvBad{"fractional_count", kHead + "D,dossiers,1.5,,,\n", "E510", 2, 3, "D", "received"},
        CsvBad{"unnamed_column", "id,kind,\nA,plan,x\n", "E519", 2, 3, "A", ""},
        CsvBad{"unknown_comment_key", "# unit.cod: AK\nid,kind\n", "W512", 1, 0, "", "unit.cod"},
        CsvBad{"invalid_utf8", "id,kind\nA,x\xE1\n", "E516", 2, 4, "", ""}),
    [](const ::testing::TestParamInfo<CsvBad>& info) { return std::string(info.param.name); });

TEST(CsvLoader, ErrorsInEveryRowAreReported) {
  Criteria schema = TestSchema();
  EvidenceLoad load = LoadEvidenceCsv(
      "id,kind,received,due\nD1,dossiers,-1,\nT1,task,,2026-02-30\nD2,dossiers,3,\n"
      "T1,task,,2026-01-01\n",
      "m.csv", &schema);
  EXPECT_FALSE(load.ok());
  std::vector<std::string> got;
  for (const auto& i : load.issues) {
    got.push_back(i.code + "@" + std::to_string(i.line) + ":" + std::to_string(i.column) + " " +
                  i.record_id + "." + i.field);
  }
  EXPECT_EQ(got,
            (std::vector<std::string>{"E510@2:3 D1.received", "E507@3:4 T1.due", "E505@5:0 T1."}));
  EXPECT_EQ(RenderIssue(load.issues[1]),
            "m.csv:3:4: error[E507]: record \"T1\" field \"due\": \"2026-02-30\" is not a real "
            "day");
}

TEST(CsvLoader, Limits) {
  EvidenceLimits limits;
  limits.max_records = 1;
  EvidenceLoad many = LoadEvidenceCsv("id,kind\nA,x\nB,x\nC,x\n", "n.csv", nullptr, limits);
  ASSERT_EQ(many.issues.size(), 1u) << Issues(many);
  EXPECT_EQ(many.issues[0].code, "E514");
  EXPECT_EQ(many.issues[0].line, 3u);

  limits = EvidenceLimits();
  limits.max_string_bytes = 4;
  EvidenceLoad longs = LoadEvidenceCsv("id,kind,t\nA,x,12345\n", "l.csv", nullptr, limits);
  ASSERT_EQ(longs.issues.size(), 1u) << Issues(longs);
  EXPECT_EQ(longs.issues[0].code, "E515");
  EXPECT_EQ(longs.issues[0].column, 3u);

  limits = EvidenceLimits();
  limits.max_file_bytes = 4;
  EvidenceLoad big = LoadEvidenceCsv("id,kind\n", "b.csv", nullptr, limits);
  ASSERT_EQ(big.issues.size(), 1u);
  EXPECT_EQ(big.issues[0].code, "E513");
}

}  // namespace
}  // namespace cchc::csv_loader_test
