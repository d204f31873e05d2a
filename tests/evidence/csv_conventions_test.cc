// Vietnamese CSV conventions: a file saved by Excel with ';' separators and a
// UTF-8 BOM, Excel's "sep=" line, declared separators and decimal commas,
// dd/mm/yyyy dates and Có/Không booleans.
#include <gtest/gtest.h>

#include <string>

#include "criteria/date.h"
#include "evidence/loader.h"
#include "tests/evidence/test_schema.h"

namespace cchc::csv_conventions_test {
namespace {

using testutil::TestSchema;

TEST(CsvConventions, ExcelSemicolonsWithBomAreDetectedFromTheHeader) {
  Criteria schema = TestSchema();
  EvidenceLoad load = LoadEvidenceCsv(
      "\xEF\xBB\xBF# unit.code: AK\r\n# as_of: 20/11/2026\r\n"
      "id;kind;issued;received;rate;online;title\r\n"
      "D-01;dossiers;01/10/2026;120;98.3;Có;\"Hồ sơ; quý III, 2026\"\r\n",
      "excel.csv", &schema);
  ASSERT_TRUE(load.ok()) << RenderIssues(load.issues);
  ASSERT_EQ(load.evidence.records.size(), 1u);
  const Record& r = load.evidence.records[0];
  EXPECT_EQ(load.evidence.unit.code, "AK");
  EXPECT_EQ(*load.evidence.as_of, FromCivil(2026, 11, 20));
  EXPECT_EQ(r.Find("issued")->date, FromCivil(2026, 10, 1));
  EXPECT_EQ(r.Find("received")->number, 120);
  EXPECT_DOUBLE_EQ(r.Find("rate")->number, 0.983);
  EXPECT_TRUE(r.Find("online")->boolean);
  EXPECT_EQ(r.Find("title")->text, "Hồ sơ; quý III, 2026");
}

TEST(CsvConventions, DecimalCommaOnlyWhereDeclared) {
  Criteria schema = TestSchema();
  const std::string body = "id;kind;rate;score;title\nD-01;dossiers;96,2;7,5;Quý 3,5\n";
  // Undeclared: "96,2" is not a number (E509), never silently 962 or 96.
  EvidenceLoad plain = LoadEvidenceCsv(body, "p.csv", &schema);
  EXPECT_FALSE(plain.ok());
  EXPECT_EQ(plain.issues[0].code, "E509");
  EvidenceLoad declared = LoadEvidenceCsv("# decimal: ,\n" + body, "d.csv", &schema);
  ASSERT_TRUE(declared.ok()) << RenderIssues(declared.issues);
  const Record& r = declared.evidence.records[0];
  EXPECT_DOUBLE_EQ(r.Find("rate")->number, 0.962);
  EXPECT_EQ(r.Find("score")->number, 7.5);
  EXPECT_EQ(r.Find("title")->text, "Quý 3,5");  // strings untouched
}

TEST(CsvConventions, DeclaredAndExcelSeparatorLines) {
  Criteria schema = TestSchema();
  // The header has more commas than semicolons, but the file says ';'.
  EvidenceLoad declared = LoadEvidenceCsv(
      "# separator: ;\nid;kind;title\nKH-1;plan;Kế hoạch, năm 2026\n", "s.csv", &schema);
  ASSERT_TRUE(declared.ok()) << RenderIssues(declared.issues);
  EXPECT_EQ(declared.evidence.records[0].Find("title")->text, "Kế hoạch, năm 2026");
  EvidenceLoad sep = LoadEvidenceCsv("sep=;\nid;kind\nKH-1;plan\n", "e.csv", &schema);
  ASSERT_TRUE(sep.ok()) << RenderIssues(sep.issues);
  EXPECT_EQ(sep.evidence.records[0].kind, "plan");
  EvidenceLoad tabs = LoadEvidenceCsv("id\tkind\nKH-1\tplan\n", "t.csv", &schema);
  ASSERT_TRUE(tabs.ok()) << RenderIssues(tabs.issues);
  EvidenceLoad bad = LoadEvidenceCsv("# separator: |\nid|kind\n", "b.csv", &schema);
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.issues[0].code, "E501");
}

TEST(CsvConventions, CommaFilesAreUnchanged) {
  Criteria schema = TestSchema();
  EvidenceLoad load = LoadEvidenceCsv("id,kind,title\nKH-1,plan,\"a; b; c\"\n", "c.csv", &schema);
  ASSERT_TRUE(load.ok()) << RenderIssues(load.issues);
  EXPECT_EQ(load.evidence.records[0].Find("title")->text, "a; b; c");
}

}  // namespace
}  // namespace cchc::csv_conventions_test
