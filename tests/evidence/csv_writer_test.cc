// The CSV evidence writer: what it writes the loader reads back to the same
// records, an Excel-style file is rewritten byte for byte in its own
// conventions, and what CSV cannot hold is named, never dropped silently.
#include "evidence/csv_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

#include "criteria/date.h"
#include "evidence/loader.h"
#include "tests/evidence/same_load.h"
#include "tests/evidence/test_schema.h"

namespace cchc::csv_writer_test {
namespace {

using testutil::LoadDifference;
using testutil::TestSchema;

// Loads `text`, writes it back in its own style and checks the bytes and the
// records are unchanged.
void ExpectRewrittenUnchanged(const std::string& text, const Criteria* schema) {
  EvidenceLoad load = LoadEvidenceCsv(text, "in.csv", schema);
  ASSERT_TRUE(load.ok()) << RenderIssues(load.issues);
  CsvOutput out = WriteEvidenceCsv(load.evidence, schema, ReadCsvStyle(text));
  EXPECT_TRUE(out.losses.empty()) << out.losses[0];
  EXPECT_EQ(out.text, text);
  EvidenceLoad again = LoadEvidenceCsv(out.text, "in.csv", schema);
  EXPECT_EQ(LoadDifference(load, again), "");
}

TEST(CsvWriter, AnExcelFileKeepsItsBomSemicolonsCrlfDecimalCommaAndComments) {
  Criteria schema = TestSchema();
  ExpectRewrittenUnchanged(
      "\xEF\xBB\xBF# Xuất từ phần mềm một cửa của tỉnh\r\n"
      "# unit.code: AK\r\n# unit.name: Xã An Khánh\r\n# unit.province: Thái Nguyên\r\n"
      "# year: 2026\r\n# as_of: 2026-11-20\r\n# decimal: ,\r\n"
      "id;kind;issued;received;on_time;rate;score;online;title;note\r\n"
      "D-01;dossiers;2026-10-01;120;118;98,3;7,25;true;\"Hồ sơ; quý III, 2026\";\r\n"
      "D-02;dossiers;;0;0;0;-0,5;false;\"Nói \"\"đúng\"\"\nhai dòng\";\" cách \"\r\n"
      "KH-01;plan;2026-01-15;;;;;;Kế hoạch CCHC năm 2026;\r\n",
      &schema);
}

TEST(CsvWriter, DeclaredSeparatorsAndTabsAreKept) {
  Criteria schema = TestSchema();
  ExpectRewrittenUnchanged("# separator: ;\nid;kind;title\nKH-1;plan;Kế hoạch, năm 2026\n",
                           &schema);
  ExpectRewrittenUnchanged("sep=;\nid;kind;title\nKH-1;plan;a,b\n", &schema);
  ExpectRewrittenUnchanged("# separator: tab\nid\tkind\ttitle\nKH-1\tplan\t\"a\tb\"\n", &schema);
  ExpectRewrittenUnchanged("id,kind,rate,title\nD-1,dossiers,96.2,\"Quý 3,5\"\n", &schema);
  // The loader drops one '\r' before a line end; a unit code read as "A\r" keeps it.
  ExpectRewrittenUnchanged("# unit.code: A\r\r\nid,kind\r\nK,plan\r\n", &schema);
}

// Found by fuzz_evidence_csv: a header whose quoted cell holds ';' and a line
// break, in a ','-separated file. Written plainly, the header line had more
// ';' than ',' and was read back as ';'-separated; the writer now declares the
// separator when the loader's guess from the header line would be wrong.
TEST(CsvWriter, TheSeparatorIsDeclaredWhenTheHeaderWouldMisleadTheGuess) {
  const std::string text =
      "# unit.code: Aas_of: 2026-11-19\nid,kind,i20,\"K\xE1\xBA\xBF ho\xE1\xBA\xA1"
      "ch CCHC n\xC4\x83m;;;;;;;;;;;;;;;;;;;;;;;;;;;;;chuyen_doi_so;;;\r\nCDS-07;ind26\",,120,"
      "118,2\n";
  EvidenceLoad load = LoadEvidenceCsv(text, "in.csv", nullptr);
  ASSERT_TRUE(load.ok()) << RenderIssues(load.issues);
  CsvOutput out = WriteEvidenceCsv(load.evidence, nullptr, ReadCsvStyle(text));
  EXPECT_TRUE(out.losses.empty()) << out.losses[0] << "\n" << out.text;
  EXPECT_NE(out.text.find("# separator: ,\n"), std::string::npos) << out.text;
  // The same for a first column that looks like a comment or a "sep=" line,
  // and for a separator only Excel's "sep=" line can declare.
  Evidence e;
  Record r;
  r.id = "K-1";
  r.kind = "plan";
  r.fields = {{"#x", Value::String("a")}, {"sep=;", Value::String("b")}};
  e.records.push_back(r);
  for (const std::vector<std::string>& columns :
       {std::vector<std::string>{"#x", "id", "kind"}, std::vector<std::string>{"sep=;", "id"}}) {
    CsvStyle style;
    style.columns = columns;
    CsvOutput plain = WriteEvidenceCsv(e, nullptr, style);
    EXPECT_TRUE(plain.losses.empty()) << plain.losses[0] << "\n" << plain.text;
  }
  CsvStyle pipe;
  pipe.separator = '|';
  CsvOutput piped = WriteEvidenceCsv(e, nullptr, pipe);
  EXPECT_TRUE(piped.losses.empty()) << piped.losses[0] << "\n" << piped.text;
  EXPECT_EQ(piped.text.rfind("sep=|\n", 0), 0u) << piped.text;
}

TEST(CsvWriter, TheOriginalColumnOrderIsKeptAndNewFieldsComeAfter) {
  Criteria schema = TestSchema();
  const std::string text = "title,kind,id,received,note\nHồ sơ,dossiers,D-1,5,\n";
  EvidenceLoad load = LoadEvidenceCsv(text, "in.csv", &schema);
  ASSERT_TRUE(load.ok()) << RenderIssues(load.issues);
  load.evidence.records[0].Set("online", Value::Bool(true));
  CsvOutput out = WriteEvidenceCsv(load.evidence, &schema, ReadCsvStyle(text));
  EXPECT_TRUE(out.losses.empty()) << out.losses[0];
  EXPECT_EQ(out.text, "title,kind,id,received,note,online\nHồ sơ,dossiers,D-1,5,,true\n");
}

TEST(CsvWriter, TheDefaultFormIsTheDocumentedOne) {
  Evidence e;
  e.unit = {"AK", "Xã An Khánh", "Thái Nguyên"};
  e.year = 2026;
  e.as_of = FromCivil(2026, 11, 20);
  Record r;
  r.id = "D-01";
  r.kind = "dossiers";
  r.fields = {{"received", Value::Number(120)},
              {"rate", Value::Percent(98.3 / 100.0)},
              {"online", Value::Bool(true)},
              {"issued", Value::OfDate(FromCivil(2026, 10, 1))},
              {"title", Value::String("Hồ sơ, quý III")}};
  e.records.push_back(r);
  Criteria schema = TestSchema();
  CsvOutput out = WriteEvidenceCsv(e, &schema);
  EXPECT_TRUE(out.losses.empty()) << out.losses[0];
  EXPECT_EQ(out.text,
            "# unit.code: AK\n# unit.name: Xã An Khánh\n# unit.province: Thái Nguyên\n"
            "# year: 2026\n# as_of: 2026-11-20\n"
            "id,kind,received,rate,online,issued,title\n"
            "D-01,dossiers,120,98.3,true,2026-10-01,\"Hồ sơ, quý III\"\n");
}

TEST(CsvWriter, TextWithSeparatorsQuotesLineBreaksAndVietnameseSurvives) {
  Criteria schema = TestSchema();
  const std::string hard[] = {"a,b;c\td",
                              "\"quoted\" and \"\"doubled\"\"",
                              "line one\nline two\r\nline three\r",
                              "  leading and trailing  ",
                              "Ủy ban nhân dân xã — Nghị định số 61/2018/NĐ-CP",
                              "#not a comment",
                              "sep=;",
                              "\"",
                              ",",
                              "true",
                              "12"};
  for (char sep : {',', ';', '\t'}) {
    for (bool crlf : {false, true}) {
      Evidence e;
      int n = 0;
      for (const std::string& text : hard) {
        Record r;
        ++n;
        r.id = "R-" + std::to_string(n) + (n == 1 ? ", with comma" : "");
        r.kind = "plan";
        r.fields = {{"topic", Value::String(text)}, {"note", Value::String(text)}};
        e.records.push_back(r);
      }
      CsvStyle style;
      style.separator = sep;
      style.crlf = crlf;
      CsvOutput out = WriteEvidenceCsv(e, &schema, style);
      EXPECT_TRUE(out.losses.empty()) << "separator " << int(sep) << ": " << out.losses[0];
      ASSERT_EQ(out.read_back.evidence.records.size(), e.records.size());
      for (size_t i = 0; i < e.records.size(); ++i) {
        EXPECT_EQ(out.read_back.evidence.records[i].id, e.records[i].id);
        EXPECT_EQ(out.read_back.evidence.records[i].Find("topic")->text, hard[i]);
      }
    }
  }
}

TEST(CsvWriter, NumbersAndPercentsReadBackBitForBit) {
  Criteria schema = TestSchema();
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> any(-1e6, 1e6);
  std::uniform_int_distribution<int> tenths(0, 1000);
  Evidence e;
  for (int i = 0; i < 2000; ++i) {
    Record r;
    r.id = "D-" + std::to_string(i);
    r.kind = "dossiers";
    // Percents as the loaders make them (text / 100).
    const double percent = i % 2 ? tenths(rng) / 10.0 / 100.0 : std::fabs(any(rng)) / 1e4 / 100.0;
    r.fields = {{"score", Value::Number(i == 0 ? -0.0 : any(rng))},
                {"rate", Value::Percent(percent)},
                {"received", Value::Number(static_cast<double>(i))}};
    e.records.push_back(r);
  }
  for (bool comma : {false, true}) {
    CsvStyle style;
    style.decimal_comma = comma;
    style.separator = comma ? ';' : ',';
    CsvOutput out = WriteEvidenceCsv(e, &schema, style);
    EXPECT_TRUE(out.losses.empty()) << out.losses[0];
    ASSERT_EQ(out.read_back.evidence.records.size(), e.records.size());
    for (size_t i = 0; i < e.records.size(); ++i) {
      const Record& a = e.records[i];
      const Record& b = out.read_back.evidence.records[i];
      EXPECT_TRUE(testutil::SameNumber(a.Find("score")->number, b.Find("score")->number)) << i;
      EXPECT_TRUE(testutil::SameNumber(a.Find("rate")->number, b.Find("rate")->number)) << i;
    }
  }
  // The percent text is the short one a person would type.
  Record r;
  r.id = "D";
  r.kind = "dossiers";
  r.fields = {{"rate", Value::Percent(96.2 / 100.0)}};
  Evidence one;
  one.records.push_back(r);
  EXPECT_NE(EvidenceToCsv(one, &schema).find("D,dossiers,96.2\n"), std::string::npos);
}

TEST(CsvWriter, WhatCsvCannotHoldIsNamed) {
  Criteria schema = TestSchema();
  Evidence e;
  e.unit.name = "Xã\nAn Khánh";
  e.appraisals.push_back({"1.1.1", 0.5, ""});
  Record r;
  r.id = "KH-1";
  r.kind = "plan";
  r.fields = {{"note", Value::String("")}};
  e.records.push_back(r);
  CsvOutput out = WriteEvidenceCsv(e, &schema);
  ASSERT_EQ(out.losses.size(), 3u);
  EXPECT_NE(out.losses[0].find("unit.name"), std::string::npos) << out.losses[0];
  EXPECT_NE(out.losses[1].find("appraisal"), std::string::npos) << out.losses[1];
  EXPECT_NE(out.losses[2].find("empty cell is an absent field"), std::string::npos)
      << out.losses[2];
  // Without criteria a text that looks like a number comes back as one.
  Evidence untyped;
  Record t;
  t.id = "X-1";
  t.kind = "misc";
  t.fields = {{"code", Value::String("0012")}};
  untyped.records.push_back(t);
  CsvOutput loose = WriteEvidenceCsv(untyped, nullptr);
  ASSERT_EQ(loose.losses.size(), 1u);
  EXPECT_NE(loose.losses[0].find("reads back as the number 12"), std::string::npos)
      << loose.losses[0];
}

TEST(CsvWriter, StyleIsReadAsTheLoaderReadsIt) {
  CsvStyle excel = ReadCsvStyle("\xEF\xBB\xBFsep=;\r\n# hello\r\n\"id\";kind;;x\r\n1;p;;2\r\n");
  EXPECT_TRUE(excel.bom);
  EXPECT_TRUE(excel.crlf);
  EXPECT_EQ(excel.separator, ';');
  EXPECT_EQ(excel.separator_line, CsvStyle::SeparatorLine::kExcel);
  EXPECT_EQ(excel.comments, std::vector<std::string>{"# hello"});
  EXPECT_EQ(excel.columns, (std::vector<std::string>{"id", "kind", "x"}));
  CsvStyle plain = ReadCsvStyle("# unit.code: AK\n# decimal: ,\nid\tkind\n");
  EXPECT_FALSE(plain.bom);
  EXPECT_FALSE(plain.crlf);
  EXPECT_EQ(plain.separator, '\t');
  EXPECT_EQ(plain.separator_line, CsvStyle::SeparatorLine::kNone);
  EXPECT_TRUE(plain.decimal_comma);
  EXPECT_TRUE(plain.comments.empty());
  // A separator the writer cannot use falls back to the default.
  EXPECT_EQ(ReadCsvStyle("sep=\"\nid\"kind\n").separator, ',');
  EXPECT_TRUE(ReadCsvStyle("").columns.empty());
}

}  // namespace
}  // namespace cchc::csv_writer_test
