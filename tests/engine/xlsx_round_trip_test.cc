// The Excel round trip: the An Khánh evidence written by the template writer
// and read back by the workbook reader gives the same records and the same
// scorecard; changing one cell changes exactly the items that read it.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "engine/render/explain.h"
#include "engine/render/xlsx/template.h"
#include "evidence/invariant.h"
#include "evidence/loader.h"
#include "evidence/xlsx_zip.h"
#include "tests/engine/engine_test_util.h"

namespace cchc::xlsx_round_trip_test {
namespace {

using testutil::Compile;
using testutil::ScoreAll;

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class XlsxRoundTrip : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string src = CCHC_SOURCE_DIR;
    c_ = Compile(Read(src + "/examples/thai-nguyen-2026/criteria.cchc"));
    EvidenceLoad load = LoadEvidenceJson(Read(src + "/examples/an-khanh-2026/evidence.json"),
                                         "evidence.json", &c_->criteria());
    ASSERT_TRUE(load.ok()) << RenderIssues(load.issues);
    json_ = std::move(load.evidence);
    dir_ = std::filesystem::temp_directory_path() /
           ("cchc_xlsx_rt_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Writes `e` as a template workbook and reads it back.
  Evidence ThroughWorkbook(const Evidence& e) {
    const std::string path = (dir_ / "evidence.xlsx").string();
    TemplateOptions o;
    o.criteria_text = c_->source().text();
    o.from = &e;
    std::vector<std::string> warnings;
    std::string error;
    EXPECT_TRUE(WriteEvidenceTemplate(c_->plan(), o, path, &warnings, &error)) << error;
    EXPECT_TRUE(warnings.empty()) << warnings[0];
    EvidenceLoad load = LoadEvidenceText(Read(path), path, &c_->criteria());
    EXPECT_TRUE(load.ok()) << RenderIssues(load.issues);
    EXPECT_TRUE(load.issues.empty()) << RenderIssues(load.issues);
    return std::move(load.evidence);
  }

  std::unique_ptr<const CompiledCriteria> c_;
  Evidence json_;
  std::filesystem::path dir_;
};

bool SameValue(const Value& a, const Value& b) {
  if (a.type != b.type) return false;
  switch (a.type) {
    case ValueType::kNumber:
    case ValueType::kPercent:
      return a.number == b.number;  // exact: no rounding on the way
    case ValueType::kDate:
      return a.date == b.date;
    case ValueType::kString:
      return a.text == b.text;
    case ValueType::kBool:
      return a.boolean == b.boolean;
    case ValueType::kMissing:
      return true;
  }
  return false;
}

TEST_F(XlsxRoundTrip, SameUnitRecordsFieldsAndAppraisal) {
  const Evidence x = ThroughWorkbook(json_);
  EXPECT_EQ(x.unit.code, json_.unit.code);
  EXPECT_EQ(x.unit.name, json_.unit.name);
  EXPECT_EQ(x.unit.province, json_.unit.province);
  EXPECT_EQ(x.year, json_.year);
  EXPECT_EQ(x.as_of, json_.as_of);
  ASSERT_EQ(x.appraisals.size(), json_.appraisals.size());
  for (size_t i = 0; i < x.appraisals.size(); ++i) {
    EXPECT_EQ(x.appraisals[i].item, json_.appraisals[i].item);
    EXPECT_EQ(x.appraisals[i].points, json_.appraisals[i].points);
    EXPECT_EQ(x.appraisals[i].note, json_.appraisals[i].note);
  }
  // Records come back sheet by sheet (kind by kind, in declaration order);
  // within a record the fields keep their order.
  ASSERT_EQ(x.records.size(), json_.records.size());
  for (const Record& r : json_.records) {
    auto it = std::find_if(x.records.begin(), x.records.end(),
                           [&](const Record& y) { return y.id == r.id; });
    ASSERT_NE(it, x.records.end()) << r.id;
    EXPECT_EQ(it->kind, r.kind);
    ASSERT_EQ(it->fields.size(), r.fields.size()) << r.id;
    for (size_t i = 0; i < r.fields.size(); ++i) {
      EXPECT_EQ(it->fields[i].first, r.fields[i].first) << r.id;
      EXPECT_TRUE(SameValue(it->fields[i].second, r.fields[i].second))
          << r.id << "." << r.fields[i].first;
    }
  }
}

TEST_F(XlsxRoundTrip, SameScorecard) {
  const Scorecard a = ScoreAll(*c_, json_);
  const Scorecard b = ScoreAll(*c_, ThroughWorkbook(json_));
  EXPECT_EQ(a.points, b.points);
  EXPECT_EQ(a.percent, b.percent);
  EXPECT_EQ(a.band, b.band);
  ASSERT_EQ(a.items.size(), b.items.size());
  for (size_t i = 0; i < a.items.size(); ++i) {
    EXPECT_EQ(a.items[i].points, b.items[i].points) << i;
    EXPECT_EQ(ExplainItem(c_->plan(), a.items[i], Lang::kEn),
              ExplainItem(c_->plan(), b.items[i], Lang::kEn))
        << i;
  }
}

// The items whose points or explanation differ between two scorecards.
std::set<std::string> Changed(const CompiledCriteria& c, const Scorecard& a, const Scorecard& b) {
  std::set<std::string> out;
  for (size_t i = 0; i < a.items.size(); ++i) {
    if (a.items[i].points != b.items[i].points ||
        ExplainItem(c.plan(), a.items[i], Lang::kEn) !=
            ExplainItem(c.plan(), b.items[i], Lang::kEn)) {
      out.insert(c.plan().items()[i].item->code);
    }
  }
  return out;
}

bool InvariantsHold(const Criteria& c, const Record& r) {
  const RecordDecl* decl = FindRecord(c, r.kind);
  if (decl == nullptr) return true;
  for (const Invariant& inv : decl->invariants) {
    if (inv.cond && evidence_internal::EvalInvariant(*inv.cond, r) == false) return false;
  }
  return true;
}

TEST_F(XlsxRoundTrip, OneCellChangesExactlyTheItemsThatReadIt) {
  const Scorecard base = ScoreAll(*c_, ThroughWorkbook(json_));
  // The CCHC plan issued after the 31/01 deadline: only item 1.1.1 reads
  // its date (README: deadline by 2026-01-31).
  Evidence late = json_;
  for (Record& r : late.records) {
    if (r.id == "KH-CCHC-2026") r.Set("issued", Value::OfDate(FromCivil(2026, 2, 15)));
  }
  EXPECT_EQ(Changed(*c_, base, ScoreAll(*c_, ThroughWorkbook(late))),
            (std::set<std::string>{"1.1.1"}));
  // Every other field of every record, one at a time: the cell through the
  // workbook changes exactly what the same edit changes in memory.
  size_t edits = 0;
  for (size_t ri = 0; ri < json_.records.size(); ri += 13) {
    for (size_t fi = 0; fi < json_.records[ri].fields.size(); ++fi) {
      Evidence edited = json_;
      auto& [name, value] = edited.records[ri].fields[fi];
      if (value.type == ValueType::kNumber) {
        value.number += 1;
      } else if (value.type == ValueType::kPercent) {
        value.number = value.number > 0.5 ? 0.25 : 0.75;
      } else if (value.type == ValueType::kDate) {
        value.date.days += 40;
      } else if (value.type == ValueType::kBool) {
        value.boolean = !value.boolean;
      } else {
        continue;
      }
      // An edit that breaks a `require` of the kind is refused on load (E533).
      if (!InvariantsHold(c_->criteria(), edited.records[ri])) continue;
      const std::set<std::string> in_memory = Changed(*c_, base, ScoreAll(*c_, edited));
      EXPECT_EQ(Changed(*c_, base, ScoreAll(*c_, ThroughWorkbook(edited))), in_memory)
          << edited.records[ri].id << "." << name;
      ++edits;
    }
  }
  EXPECT_GT(edits, 10u);
}

TEST_F(XlsxRoundTrip, EmptyTemplateHasEverySheetAndReadsAsNoRecords) {
  const std::string path = (dir_ / "blank.xlsx").string();
  TemplateOptions o;
  o.criteria_text = c_->source().text();
  o.unit_code = "AK";
  o.unit_name = "Xã An Khánh";
  std::vector<std::string> warnings;
  std::string error;
  ASSERT_TRUE(WriteEvidenceTemplate(c_->plan(), o, path, &warnings, &error)) << error;
  EvidenceLoad load = LoadEvidenceText(Read(path), path, &c_->criteria());
  ASSERT_TRUE(load.ok()) << RenderIssues(load.issues);
  EXPECT_EQ(load.evidence.unit.code, "AK");
  EXPECT_EQ(load.evidence.unit.name, "Xã An Khánh");
  EXPECT_EQ(load.evidence.unit.province, "Thái Nguyên");
  EXPECT_EQ(load.evidence.year, 2026);
  EXPECT_TRUE(load.evidence.records.empty());
  const std::vector<std::string> names = TemplateSheetNames(c_->criteria());
  EXPECT_EQ(names.front(), "Hướng dẫn");
  EXPECT_EQ(names[1], "Đơn vị");
  EXPECT_EQ(names.back(), "Thẩm định");
  EXPECT_EQ(names.size(), c_->criteria().records.size() + 3);
}

// The <dataValidation> elements of a template's sheet `n` (1-based, in order).
std::vector<std::string> Validations(const std::string& path, int n) {
  const std::string bytes = Read(path);
  xlsx::ZipArchive zip;
  xlsx::Problem problem;
  std::string xml;
  EXPECT_TRUE(zip.Open(bytes, {}, &problem));
  EXPECT_TRUE(zip.Read("xl/worksheets/sheet" + std::to_string(n) + ".xml", &xml, &problem));
  std::vector<std::string> out;
  for (size_t at = xml.find("<dataValidation "); at != std::string::npos;
       at = xml.find("<dataValidation ", at + 1)) {
    out.push_back(xml.substr(at, xml.find("</dataValidation>", at) - at));
  }
  return out;
}

// The validation of the column whose cells start at `ref` (e.g. "B2:B2001").
std::string ValidationOf(const std::vector<std::string>& all, const std::string& ref) {
  for (const std::string& v : all) {
    if (v.find("sqref=\"" + ref + "\"") != std::string::npos) return v;
  }
  return "";
}

TEST(TemplateValidation, EnumerationsAreDropDownsAndDeclaredRangesAreBounds) {
  std::string long_list;
  for (int i = 0; i < 30; ++i)
    long_list += (i ? ", " : "") + std::string("\"gia_tri_so_") + std::to_string(i) + "\"";
  auto c = Compile(
      "index \"T\" { year 2026  total 1 }\n"
      "record r {\n"
      "  topic: string one of \"cchc\", \"tuyen_truyen\"\n"
      "  mean: number in 1..5\n"
      "  share: percent in 50%..100%\n"
      "  n: count in 0..10\n"
      "  open: count\n"
      "  code: string one of " +
      long_list +
      "\n"
      "}\n"
      "area A \"A\" max 1 {\n"
      "  criterion A.1 \"A\" max 1 {\n"
      "    item A.1.1 \"A\" max 1 {\n"
      "      score boolean exists(records kind \"r\" where topic = \"cchc\")\n"
      "    }\n  }\n}\n");
  const std::string path =
      (std::filesystem::temp_directory_path() / "cchc_template_validation.xlsx").string();
  TemplateOptions o;
  o.criteria_text = c->source().text();
  std::vector<std::string> warnings;
  std::string error;
  ASSERT_TRUE(WriteEvidenceTemplate(c->plan(), o, path, &warnings, &error)) << error;
  const std::vector<std::string> v = Validations(path, 3);  // guide, unit, then kind r
  // Columns: id, topic, mean, share, n, open, code (declaration order after id).
  EXPECT_NE(ValidationOf(v, "B2:B2001").find("<formula1>\"cchc,tuyen_truyen\"</formula1>"),
            std::string::npos)
      << ValidationOf(v, "B2:B2001");
  const std::string mean = ValidationOf(v, "C2:C2001");
  EXPECT_NE(mean.find("type=\"decimal\""), std::string::npos) << mean;
  EXPECT_NE(mean.find("<formula1>1</formula1><formula2>5</formula2>"), std::string::npos) << mean;
  const std::string share = ValidationOf(v, "D2:D2001");
  EXPECT_NE(share.find("<formula1>50</formula1><formula2>100</formula2>"), std::string::npos)
      << share;
  const std::string n = ValidationOf(v, "E2:E2001");
  EXPECT_NE(n.find("type=\"whole\""), std::string::npos) << n;
  EXPECT_NE(n.find("<formula1>0</formula1><formula2>10</formula2>"), std::string::npos) << n;
  const std::string open = ValidationOf(v, "F2:F2001");
  EXPECT_NE(open.find("operator=\"greaterThanOrEqual\""), std::string::npos) << open;
  // 30 values are past Excel's 255 characters: the list lives on the hidden list sheet.
  const std::string code = ValidationOf(v, "G2:G2001");
  EXPECT_NE(code.find("<formula1>'_danh_muc'!$A$1:$A$30</formula1>"), std::string::npos) << code;
  // The reader skips the list sheet: the blank template still reads as no records.
  EvidenceLoad load = LoadEvidenceText(Read(path), path, &c->criteria());
  EXPECT_TRUE(load.ok()) << RenderIssues(load.issues);
  EXPECT_TRUE(load.evidence.records.empty());
  std::filesystem::remove(path);
}

TEST(TemplateErrors, AKindTooLongForASheetNameIsAnError) {
  auto c = Compile(
      "index \"T\" { year 2026  total 1 }\n"
      "record a_record_kind_name_longer_than_31 { n: count }\n"
      "area A \"A\" max 1 {\n"
      "  criterion A.1 \"A\" max 1 {\n"
      "    item A.1.1 \"A\" max 1 {\n"
      "      score boolean exists(records kind \"a_record_kind_name_longer_than_31\")\n"
      "    }\n  }\n}\n");
  const std::string path =
      (std::filesystem::temp_directory_path() / "cchc_template_long_kind.xlsx").string();
  TemplateOptions o;
  std::vector<std::string> warnings;
  std::string error;
  EXPECT_FALSE(WriteEvidenceTemplate(c->plan(), o, path, &warnings, &error));
  EXPECT_NE(error.find("longer than 31 characters"), std::string::npos) << error;
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(TemplateLabels, TrailingProseCommentsLabelTheColumns) {
  auto c = Compile(Read(std::string(CCHC_SOURCE_DIR) + "/examples/thai-nguyen-2026/criteria.cchc"));
  const RecordDecl* onestop = FindRecord(c->criteria(), "onestop");
  ASSERT_NE(onestop, nullptr);
  const std::string text = c->source().text();
  for (const FieldDecl& f : onestop->fields) {
    if (f.name == "received") {
      EXPECT_EQ(FieldLabel(f, text), "Hồ sơ tiếp nhận");
    } else if (f.name == "period") {
      EXPECT_EQ(FieldLabel(f, text), "Kỳ");  // no comment: the built-in label
    }
  }
  const RecordDecl* plan = FindRecord(c->criteria(), "plan");
  ASSERT_NE(plan, nullptr);
  // "# cchc, tuyen_truyen, ..." lists values: not a label (the built-in one is used).
  EXPECT_EQ(FieldLabel(plan->fields[0], text), "Chủ đề");
}

}  // namespace
}  // namespace cchc::xlsx_round_trip_test
