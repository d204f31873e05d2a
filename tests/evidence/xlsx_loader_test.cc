// Excel evidence: cells of every type, dates (built-in and custom formats,
// the 1900 leap-year quirk), columns in any order, and the bad workbooks of
// tests/bad-input with their Sheet!C12 positions.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "criteria/date.h"
#include "evidence/loader.h"
#include "evidence/xlsx_reader.h"
#include "evidence/xlsx_sheets.h"
#include "tests/evidence/test_schema.h"

namespace cchc::xlsx_loader_test {
namespace {

using testutil::Decl;

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(CCHC_SOURCE_DIR) + "/tests/bad-input/" + name, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

// The kinds the fixtures use, typed as in the example criteria.
Criteria Schema() {
  Criteria c;
  c.records.push_back(Decl("plan", {{"topic", FieldType::kString}}));
  c.records.push_back(Decl("decision", {{"topic", FieldType::kString}}));
  c.records.push_back(Decl("report", {{"topic", FieldType::kString},
                                      {"due", FieldType::kDate},
                                      {"submitted", FieldType::kDate},
                                      {"late", FieldType::kBool}}));
  c.records.push_back(Decl("onestop", {{"period", FieldType::kString},
                                       {"received", FieldType::kCount},
                                       {"on_time", FieldType::kCount}}));
  return c;
}

EvidenceLoad Load(const std::string& name) {
  static const Criteria schema = Schema();
  return LoadEvidenceText(Fixture(name), name, &schema);
}

Date Day(int y, int m, int d) { return FromCivil(y, m, d); }

TEST(XlsxLoader, ReadsUnitRecordsAndTypedCells) {
  EvidenceLoad load = Load("xlsx_ok_columns_reordered.xlsx");
  ASSERT_TRUE(load.ok()) << RenderIssues(load.issues);
  EXPECT_TRUE(load.issues.empty()) << RenderIssues(load.issues);
  const Evidence& e = load.evidence;
  EXPECT_EQ(e.unit.code, "AK");
  EXPECT_EQ(e.unit.name, "Xã An Khánh");
  EXPECT_EQ(e.year, 2026);
  ASSERT_TRUE(e.as_of.has_value());
  EXPECT_EQ(*e.as_of, Day(2026, 11, 20));  // serial 46346 under dd/mm/yyyy
  ASSERT_EQ(e.records.size(), 2u);         // the empty rows are skipped
  const Record& plan = e.records[0];
  EXPECT_EQ(plan.id, "KH-CCHC-2026");
  EXPECT_EQ(plan.kind, "plan");
  EXPECT_EQ(plan.origin.line, 3u);
  ASSERT_NE(plan.Find("issued"), nullptr);
  EXPECT_EQ(plan.Find("issued")->date, Day(2026, 1, 20));  // serial 46042
  ASSERT_NE(plan.Find("number"), nullptr);                 // a shared-string header
  EXPECT_EQ(plan.Find("number")->text, "15/KH-UBND");
  ASSERT_NE(plan.Find("topic"), nullptr);  // a shared-string value
  EXPECT_EQ(plan.Find("topic")->text, "cchc");
  const Record& report = e.records[1];
  EXPECT_EQ(report.kind, "report");
  ASSERT_NE(report.Find("late"), nullptr);
  EXPECT_EQ(report.Find("late")->type, ValueType::kBool);
  EXPECT_FALSE(report.Find("late")->boolean);
  EXPECT_EQ(report.Find("due")->date, Day(2026, 6, 12));  // the text "12/06/2026"
  EXPECT_EQ(report.Find("submitted")->date, Day(2026, 6, 17));
}

TEST(XlsxLoader, SerialDatesAndTheLeapYearQuirk) {
  EXPECT_EQ(xlsx::SerialToDate(1, false), Day(1900, 1, 1));
  EXPECT_EQ(xlsx::SerialToDate(59, false), Day(1900, 2, 28));
  EXPECT_FALSE(xlsx::SerialToDate(60, false).has_value());  // 29/02/1900 never was
  EXPECT_EQ(xlsx::SerialToDate(61, false), Day(1900, 3, 1));
  EXPECT_EQ(xlsx::SerialToDate(25569, false), Day(1970, 1, 1));
  EXPECT_EQ(xlsx::SerialToDate(46042.75, false), Day(2026, 1, 20));  // time of day dropped
  EXPECT_FALSE(xlsx::SerialToDate(0, false).has_value());
  EXPECT_FALSE(xlsx::SerialToDate(-1, false).has_value());
  EXPECT_EQ(xlsx::SerialToDate(0, true), Day(1904, 1, 1));
  EXPECT_EQ(xlsx::SerialToDate(44580, true), Day(2026, 1, 20));  // 1462 days less
}

TEST(XlsxLoader, DateAndPercentFormats) {
  for (int id : {14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47}) {
    EXPECT_TRUE(xlsx::IsDateFormat(id, "")) << id;
  }
  for (int id : {0, 1, 2, 3, 4, 9, 10, 11, 12, 49}) EXPECT_FALSE(xlsx::IsDateFormat(id, "")) << id;
  EXPECT_TRUE(xlsx::IsDateFormat(164, "dd/mm/yyyy"));
  EXPECT_TRUE(xlsx::IsDateFormat(164, "[$-42A]d mmmm yyyy"));
  EXPECT_TRUE(xlsx::IsDateFormat(164, "dd/mm/yyyy;@"));
  EXPECT_FALSE(xlsx::IsDateFormat(164, "0.00"));
  EXPECT_FALSE(xlsx::IsDateFormat(164, "[Red]#,##0"));
  EXPECT_FALSE(xlsx::IsDateFormat(164, "\"ngày\" 0"));
  EXPECT_FALSE(xlsx::IsDateFormat(164, "General"));
  EXPECT_TRUE(xlsx::IsPercentFormat(10, ""));
  EXPECT_TRUE(xlsx::IsPercentFormat(165, "0.0%"));
  EXPECT_FALSE(xlsx::IsPercentFormat(165, "0.0\"%\""));
}

TEST(XlsxLoader, HeaderCellsNameTheirField) {
  EXPECT_EQ(xlsx::HeaderField("Hồ sơ tiếp nhận (received)"), "received");
  EXPECT_EQ(xlsx::HeaderField("  received "), "received");
  EXPECT_EQ(xlsx::HeaderField("Mã đơn vị (unit.code)"), "unit.code");
  EXPECT_EQ(xlsx::HeaderField("Tỷ lệ (%)"), "Tỷ lệ (%)");  // not a field name inside
  EXPECT_EQ(xlsx::HeaderText("Hạn", "due"), "Hạn (due)");
  EXPECT_EQ(xlsx::HeaderText("", "due"), "due");
  uint32_t row = 0, col = 0;
  EXPECT_TRUE(xlsx::ParseCellRef("XFD1048576", &row, &col));
  EXPECT_EQ(col, 16384u);
  EXPECT_FALSE(xlsx::ParseCellRef("XFE1", &row, &col));
  EXPECT_FALSE(xlsx::ParseCellRef("A0", &row, &col));
  EXPECT_FALSE(xlsx::ParseCellRef("1A", &row, &col));
  EXPECT_EQ(xlsx::ColumnName(28), "AB");
}

struct BadCase {
  const char* file;
  const char* code;
  const char* where;  // a fragment of the rendered issue: the position
};

class XlsxBad : public ::testing::TestWithParam<BadCase> {};

TEST_P(XlsxBad, ReportsTheCodeAtItsPlace) {
  const BadCase& c = GetParam();
  EvidenceLoad load = Load(c.file);
  EXPECT_FALSE(load.ok());
  const std::string text = RenderIssues(load.issues);
  EXPECT_NE(text.find(std::string("error[") + c.code + "]"), std::string::npos) << text;
  EXPECT_NE(text.find(c.where), std::string::npos) << text;
}

INSTANTIATE_TEST_SUITE_P(
    Corpus, XlsxBad,
    ::testing::Values(
        BadCase{"xlsx_not_zip.xlsx", "E560", "not an .xlsx workbook"},
        BadCase{"xlsx_truncated.xlsx", "E560", "truncated"},
        BadCase{"xlsx_encrypted.xlsx", "E560", "encrypted (password-protected)"},
        BadCase{"xlsx_old_xls.xlsx", "E560", "old-format .xls"},
        BadCase{"xlsx_zip_not_workbook.xlsx", "E560", "no xl/workbook.xml"},
        BadCase{"xlsx_zip_bomb.xlsx", "E561", "zip bomb"},
        BadCase{"xlsx_shared_text_bomb.xlsx", "E561", "repeat shared text"},
        BadCase{"xlsx_no_evidence_sheet.xlsx", "E562", "Sheet1"},
        BadCase{"xlsx_misspelled_sheet.xlsx", "E562", "plam: error[E562]"},
        BadCase{"xlsx_misspelled_sheet.xlsx", "E562", "did you mean \"plan\"?"},
        BadCase{"xlsx_hidden_sheet.xlsx", "E565", "decision: error[E565]"},
        BadCase{"xlsx_missing_id_column.xlsx", "E563", "plan!A1"},
        BadCase{"xlsx_misspelled_header.xlsx", "E563", "plan!B1"},
        BadCase{"xlsx_misspelled_header.xlsx", "E563", "did you mean \"topic\"?"},
        BadCase{"xlsx_duplicate_column.xlsx", "E521", "plan!C1"},
        BadCase{"xlsx_value_without_header.xlsx", "E563", "plan!C2"},
        BadCase{"xlsx_text_in_count.xlsx", "E509",
                "onestop!C2: error[E509]: record \"MC-1\" field \"received\""},
        BadCase{"xlsx_negative_count.xlsx", "E510", "onestop!C2"},
        BadCase{"xlsx_fractional_count.xlsx", "E510", "onestop!C2"},
        BadCase{"xlsx_div0.xlsx", "E564", "#DIV/0!"},
        BadCase{"xlsx_uncalculated_formula.xlsx", "E564", "onestop!C2"},
        BadCase{"xlsx_date_in_count.xlsx", "E509", "a date cell (2026-01-20)"},
        BadCase{"xlsx_bad_date_text.xlsx", "E507", "plan!D2"},
        BadCase{"xlsx_leap_1900.xlsx", "E507", "29/02/1900"},
        BadCase{"xlsx_number_in_date.xlsx", "E507", "plan!D2"},
        BadCase{"xlsx_bad_bool.xlsx", "E509", "report!B2"},
        BadCase{"xlsx_missing_id_cell.xlsx", "E503", "plan!A2"},
        BadCase{"xlsx_merged_cells.xlsx", "E565", "B2:B3"},
        BadCase{"xlsx_hidden_row.xlsx", "E565", "plan!A3"},
        BadCase{"xlsx_duplicate_id_sheets.xlsx", "E505",
                "decision!A2: error[E505]: record \"KH-CCHC-2026\": duplicate id; the first "
                "record with this id is at plan!A2"},
        BadCase{"xlsx_malformed_xml.xlsx", "E501", "not well-formed"},
        BadCase{"xlsx_doctype_entities.xlsx", "E501", "DOCTYPE"},
        BadCase{"xlsx_bad_shared_string.xlsx", "E501", "shared string 7"},
        BadCase{"xlsx_bad_cell_ref.xlsx", "E501", "\"1A\""},
        BadCase{"xlsx_duplicate_cell.xlsx", "E501", "cell B2 appears twice"}));

TEST(XlsxLoader, PartLimitsAreChecked) {
  static const Criteria schema = Schema();
  EvidenceLimits limits;
  limits.max_xlsx_part_bytes = 200;  // the sheet parts are larger
  EvidenceLoad load = LoadEvidenceXlsx(Fixture("xlsx_ok_minimal.xlsx"), "m.xlsx", &schema, limits);
  ASSERT_EQ(load.issues.size(), 1u) << RenderIssues(load.issues);
  EXPECT_EQ(load.issues[0].code, "E561");
  limits = EvidenceLimits();
  limits.max_xlsx_total_bytes = 1000;  // each part fits, not all of them
  load = LoadEvidenceXlsx(Fixture("xlsx_ok_minimal.xlsx"), "m.xlsx", &schema, limits);
  ASSERT_EQ(load.issues.size(), 1u) << RenderIssues(load.issues);
  EXPECT_EQ(load.issues[0].code, "E561");
}

TEST(XlsxLoader, EveryPrefixOfAWorkbookFailsCleanly) {
  static const Criteria schema = Schema();
  const std::string whole = Fixture("xlsx_ok_minimal.xlsx");
  ASSERT_TRUE(LoadEvidenceXlsx(whole, "m.xlsx", &schema).ok());
  for (size_t n = 0; n < whole.size(); n += 7) {
    EvidenceLoad load = LoadEvidenceXlsx(whole.substr(0, n), "m.xlsx", &schema);
    EXPECT_FALSE(load.ok()) << n;
  }
}

TEST(VietnameseCells, DayMonthYearDatesAndCoKhongInCsv) {
  Criteria schema = Schema();
  EvidenceLoad load = LoadEvidenceCsv(
      "id,kind,due,late\nBC-1,report,12/06/2026,Có\nBC-2,report,1/7/2026,KHÔNG\n"
      "BC-3,report,2026-07-02,kho\xCC\x82ng\n",
      "r.csv", &schema);
  ASSERT_TRUE(load.ok()) << RenderIssues(load.issues);
  const auto& r = load.evidence.records;
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].Find("due")->date, Day(2026, 6, 12));
  EXPECT_TRUE(r[0].Find("late")->boolean);
  EXPECT_EQ(r[1].Find("due")->date, Day(2026, 7, 1));
  EXPECT_FALSE(r[1].Find("late")->boolean);
  EXPECT_FALSE(r[2].Find("late")->boolean);  // decomposed ô
  // Not a real day, and not the mm/dd/yyyy order either.
  EvidenceLoad bad = LoadEvidenceCsv("id,kind,due\nBC-1,report,06/31/2026\n", "r.csv", &schema);
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.issues[0].code, "E507");
}

}  // namespace
}  // namespace cchc::xlsx_loader_test
