// JSON evidence loading: good documents typed against a hand-built schema, and
// a table of bad ones with their code, line:col, record and field.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "criteria/date.h"
#include "evidence/loader.h"
#include "tests/evidence/test_schema.h"

namespace cchc::json_loader_test {
namespace {

using testutil::TestSchema;

Date D(const char* s) { return *ParseIsoDate(s); }

std::string Issues(const EvidenceLoad& load) { return RenderIssues(load.issues); }

// line:col of the first occurrence of `needle` ("$" = the end, "" = no place),
// counted the way the loader documents it: code points from the line start.
std::pair<uint32_t, uint32_t> Where(const std::string& text, const std::string& needle) {
  if (needle.empty()) return {0, 0};
  size_t at = needle == "$" ? text.size() : text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  uint32_t line = 1, col = 1;
  for (size_t i = 0; i < at && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++col;
    }
  }
  return {line, col};
}

TEST(JsonLoader, ExampleDocument) {
  const std::string text =
      R"({"unit": {"code": "AK", "name": "Xã An Khánh", "province": "Thái Nguyên"},
 "year": 2026, "as_of": "2026-11-20",
 "records": [ {"id": "KH-01", "kind": "plan", "number": "12/KH-UBND", "issued": "2026-01-15",
               "title": "Kế hoạch CCHC năm 2026", "issuer": "UBND xã An Khánh", "topic": "cchc"} ],
 "appraisal": [ {"item": "1.1.1", "points": 0.5, "note": "nộp muộn"} ]})";
  Criteria schema = TestSchema();
  EvidenceLoad load = LoadEvidenceJson(text, "ak.json", &schema);
  ASSERT_TRUE(load.ok()) << Issues(load);
  EXPECT_TRUE(load.issues.empty()) << Issues(load);
  const Evidence& e = load.evidence;
  EXPECT_EQ(e.source, "ak.json");
  EXPECT_EQ(e.unit.code, "AK");
  EXPECT_EQ(e.unit.name, "Xã An Khánh");
  EXPECT_EQ(e.unit.province, "Thái Nguyên");
  EXPECT_EQ(e.year, 2026);
  ASSERT_TRUE(e.as_of.has_value());
  EXPECT_EQ(*e.as_of, D("2026-11-20"));
  ASSERT_EQ(e.records.size(), 1u);
  const Record& r = e.records[0];
  EXPECT_EQ(r.id, "KH-01");
  EXPECT_EQ(r.kind, "plan");
  EXPECT_EQ(r.origin.line, 3u);
  EXPECT_EQ(r.origin.column, 15u);
  ASSERT_EQ(r.fields.size(), 5u);
  EXPECT_EQ(r.fields[0].first, "number");  // file order
  EXPECT_EQ(r.Find("number")->type, ValueType::kString);
  EXPECT_EQ(r.Find("issued")->type, ValueType::kDate);
  EXPECT_EQ(r.Find("issued")->date, D("2026-01-15"));
  EXPECT_EQ(r.Find("title")->text, "Kế hoạch CCHC năm 2026");
  EXPECT_EQ(r.Find("topic")->text, "cchc");
  ASSERT_EQ(e.appraisals.size(), 1u);
  EXPECT_EQ(e.appraisals[0].item, "1.1.1");
  EXPECT_DOUBLE_EQ(e.appraisals[0].points, 0.5);
  EXPECT_EQ(e.appraisals[0].note, "nộp muộn");
}

TEST(JsonLoader, TypesFieldsBySchema) {
  const std::string text = R"({"records": [
    {"id": "D1", "kind": "dossiers", "received": 120, "on_time": 0, "rate": 96.2,
     "score": -1.5, "online": true, "extra": "kept", "n": 3, "flag": false},
    {"id": "D2", "kind": "dossiers", "rate": "96.2%", "score": null, "received": 1e2},
    {"id": "D3", "kind": "dossiers", "rate": " 80 % "},
    {"id": "M1", "kind": "meeting", "attendees": 40, "held": true, "place": "Hội trường",
     "issued": "2026-03-02", "when": "2026-03-02"}
  ]})";
  Criteria schema = TestSchema();
  EvidenceLoad load = LoadEvidenceJson(text, "d.json", &schema);
  // With criteria, undeclared fields (E529) and kinds (E530) are errors.
  std::vector<std::string> codes;
  for (const EvidenceIssue& i : load.issues) codes.push_back(i.code + " " + i.field);
  EXPECT_EQ(codes, (std::vector<std::string>{"E529 extra", "E529 n", "E529 flag", "E530 kind"}))
      << Issues(load);
  const auto& recs = load.evidence.records;
  ASSERT_EQ(recs.size(), 4u);
  EXPECT_EQ(recs[0].Find("received")->type, ValueType::kNumber);
  EXPECT_EQ(recs[0].Find("received")->number, 120);
  EXPECT_EQ(recs[0].Find("on_time")->number, 0);
  EXPECT_EQ(recs[0].Find("rate")->type, ValueType::kPercent);
  EXPECT_DOUBLE_EQ(recs[0].Find("rate")->number, 0.962);
  EXPECT_EQ(recs[0].Find("score")->number, -1.5);
  EXPECT_EQ(recs[0].Find("online")->type, ValueType::kBool);
  EXPECT_TRUE(recs[0].Find("online")->boolean);
  EXPECT_EQ(recs[0].Find("extra"), nullptr);
  EXPECT_EQ(recs[0].Find("n"), nullptr);
  EXPECT_EQ(recs[0].Find("flag"), nullptr);
  EXPECT_EQ(recs[1].Find("rate")->type, ValueType::kPercent);
  EXPECT_DOUBLE_EQ(recs[1].Find("rate")->number, 0.962);
  EXPECT_EQ(recs[1].Find("score"), nullptr);         // null: absent
  EXPECT_EQ(recs[1].Find("received")->number, 100);  // 1e2 is a whole number
  EXPECT_DOUBLE_EQ(recs[2].Find("rate")->number, 0.8);
  // An undeclared kind (reported once) keeps natural JSON types; `issued` is a date.
  EXPECT_EQ(recs[3].Find("attendees")->type, ValueType::kNumber);
  EXPECT_EQ(recs[3].Find("held")->type, ValueType::kBool);
  EXPECT_EQ(recs[3].Find("place")->text, "Hội trường");
  EXPECT_EQ(recs[3].Find("issued")->type, ValueType::kDate);
  EXPECT_EQ(recs[3].Find("when")->type, ValueType::kString);
}

TEST(JsonLoader, WithoutSchemaOnlyCommonFieldsAreTyped) {
  const std::string text =
      R"({"records": [{"id": "T1", "kind": "task", "due": "2026-01-01", "issued": "2026-01-02",
          "rate": 96.2, "n": 2.5}]})";
  EvidenceLoad load = LoadEvidenceJson(text, "t.json", nullptr);
  ASSERT_TRUE(load.ok()) << Issues(load);
  const Record& r = load.evidence.records[0];
  EXPECT_EQ(r.Find("due")->type, ValueType::kString);
  EXPECT_EQ(r.Find("issued")->type, ValueType::kDate);
  EXPECT_EQ(r.Find("rate")->type, ValueType::kNumber);
  EXPECT_EQ(r.Find("rate")->number, 96.2);
  EXPECT_EQ(r.Find("n")->number, 2.5);
}

TEST(JsonLoader, BomEmptyRecordsAndWarningsStillOk) {
  EvidenceLoad load =
      LoadEvidenceJson("\xEF\xBB\xBF{\"records\": [], \"version\": 2}", "b.json", nullptr);
  EXPECT_TRUE(load.ok()) << Issues(load);
  ASSERT_EQ(load.issues.size(), 1u);
  EXPECT_EQ(load.issues[0].code, "W512");
  EXPECT_EQ(load.issues[0].severity, Severity::kWarning);
  EXPECT_EQ(load.issues[0].line, 1u);
  EXPECT_EQ(load.issues[0].column, 17u);  // the BOM takes no column
  EXPECT_EQ(load.issues[0].field, "version");
}

TEST(JsonLoader, RecordOriginCountsCodePoints) {
  const std::string text =
      "{\"records\": [\n"
      "  {\"id\": \"A\", \"kind\": \"plan\", \"title\": \"Kế hoạch\"}, {\"id\": \"B\", "
      "\"kind\": \"plan\"},\n"
      "\t{\"id\": \"C\", \"kind\": \"plan\"}\n"
      "]}";
  EvidenceLoad load = LoadEvidenceJson(text, "o.json", nullptr);
  ASSERT_TRUE(load.ok()) << Issues(load);
  const auto& recs = load.evidence.records;
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].origin.line, 2u);
  EXPECT_EQ(recs[0].origin.column, 3u);
  EXPECT_EQ(recs[1].origin.line, 2u);
  EXPECT_EQ(recs[1].origin.column, 53u);  // "Kế hoạch" is 8 columns, not 11 bytes
  EXPECT_EQ(recs[2].origin.line, 3u);
  EXPECT_EQ(recs[2].origin.column, 2u);  // a tab is one column
}

struct BadCase {
  const char* name;
  std::string text;
  const char* code;  // of the first issue
  std::string at;    // where it points: first occurrence of this text; "$" = end
  std::string record_id;
  std::string field;
};

class JsonBad : public ::testing::TestWithParam<BadCase> {};

TEST_P(JsonBad, ReportsCodeAndPlace) {
  const BadCase& c = GetParam();
  Criteria schema = TestSchema();
  EvidenceLoad load = LoadEvidenceJson(c.text, "bad.json", &schema);
  ASSERT_FALSE(load.issues.empty()) << c.name;
  const EvidenceIssue& issue = load.issues[0];
  SCOPED_TRACE(RenderIssue(issue));
  EXPECT_EQ(issue.code, c.code);
  if (c.code[0] == 'E') {
    EXPECT_FALSE(load.ok());
  }
  auto [line, col] = Where(c.text, c.at);
  EXPECT_EQ(issue.line, line);
  EXPECT_EQ(issue.column, col);
  EXPECT_EQ(issue.record_id, c.record_id);
  EXPECT_EQ(issue.field, c.field);
  EXPECT_EQ(issue.file, "bad.json");
  EXPECT_FALSE(issue.message.empty());
}

const std::string kRec = R"({"records": [{"id": "A", "kind": "task", )";

INSTANTIATE_TEST_SUITE_P(
    Table, JsonBad,
    ::testing::Values(
        BadCase{"unclosed", R"({"records": [)", "E501", "$", "", ""},
        BadCase{"trailing_comma", R"({"records": [{"id": "A", "kind": "plan",}]})", "E501", "}]}",
                "A", ""},
        BadCase{"bad_literal", R"({"records": [tru]})", "E501", "tru", "", ""},
        BadCase{"missing_colon", R"({"records" [1]})", "E501", "[1]", "", ""},
        BadCase{"trailing_garbage", R"({"records": []} x)", "E501", "x", "", ""},
        BadCase{"missing_comma", R"({"records": [{"id": "A" "kind": "x"}]})", "E501", "\"kind", "A",
                ""},
        BadCase{"two_numbers", R"({"year": 2026 2027, "records": []})", "E501", "2027", "", ""},
        BadCase{"unclosed_string", R"({"records": [{"id": "A)", "E501", "\"A", "", ""},
        BadCase{"raw_newline", "{\"records\": [{\"id\": \"A\nB\"}]}", "E501", "\"A", "", ""},
        BadCase{"neg_infinity", R"({"records": [], "year": -Infinity})", "E508", "-Inf", "",
                "year"},
        BadCase{"top_array", R"([{"records": []}])", "E502", "[", "", ""},
        BadCase{"top_string", R"(  "records")", "E502", "\"", "", ""},
        BadCase{"records_object", R"({"records": {}})", "E502", "{}", "", "records"},
        BadCase{"records_number", R"({"records": 3})", "E502", "3", "", "records"},
        BadCase{"record_number", R"({"records": [{"id": "A", "kind": "plan"}, 7]})", "E502", "7",
                "", ""},
        BadCase{"unit_array", R"({"unit": [], "records": []})", "E502", "[]", "", "unit"},
        BadCase{"no_id", R"({"records": [{"kind": "plan"}]})", "E503", "{\"kind", "", ""},
        BadCase{"empty_id", R"({"records": [{"id": "", "kind": "plan"}]})", "E503", "\"\"", "",
                "id"},
        BadCase{"number_id", R"({"records": [{"id": 12, "kind": "plan"}]})", "E503", "12", "",
                "id"},
        BadCase{"no_kind", R"({"records": [{"id": "A", "topic": "x"}]})", "E504", "{\"id", "A", ""},
        BadCase{"null_kind", R"({"records": [{"id": "A", "kind": null}]})", "E504", "null", "A",
                "kind"},
        BadCase{"duplicate_id",
                R"({"records": [{"id": "A", "kind": "plan"}, {"id": "A", "kind": "task"}]})",
                "E505", "{\"id\": \"A\", \"kind\": \"task", "A", ""},
        BadCase{"duplicate_key_record",
                R"({"records": [{"id": "A", "kind": "plan", "topic": "x", "topic": "y"}]})", "E506",
                "\"topic\": \"y", "A", "topic"},
        BadCase{"duplicate_key_top", R"({"records": [], "year": 2026, "records": []})", "E506",
                "\"records\": []}", "", "records"},
        BadCase{"duplicate_id_key", R"({"records": [{"id": "A", "id": "B", "kind": "plan"}]})",
                "E506", "\"id\": \"B", "A", "id"},
        BadCase{"feb_30", kRec + R"("due": "2026-02-30"}]})", "E507", "\"2026-02-30", "A", "due"},
        BadCase{"month_13", kRec + R"("due": "2026-13-01"}]})", "E507", "\"2026-13", "A", "due"},
        BadCase{"vn_date", kRec + R"("issued": "15/01/2026"}]})", "E507", "\"15/", "A", "issued"},
        BadCase{"as_of", R"({"as_of": "2026-11-31", "records": []})", "E507", "\"2026", "",
                "as_of"},
        BadCase{"overflow", kRec + R"("score": 1e400}]})", "E508", "1e400", "A", "score"},
        BadCase{"neg_overflow", R"({"year": -1e400, "records": []})", "E508", "-1e400", "", "year"},
        BadCase{"nan", kRec + R"("score": NaN}]})", "E508", "NaN", "A", "score"},
        BadCase{"infinity", R"({"records": [], "year": Infinity})", "E508", "Infinity", "", "year"},
        BadCase{"year_range", R"({"year": 20026, "records": []})", "E508", "20026", "", "year"},
        BadCase{"year_string", R"({"year": "2026", "records": []})", "E509", "\"2026", "", "year"},
        BadCase{"string_for_number",
                R"({"records": [{"id": "D", "kind": "dossiers", "score": "12"}]})", "E509", "\"12",
                "D", "score"},
        BadCase{"number_for_date", kRec + R"("due": 20260101}]})", "E509", "2026", "A", "due"},
        BadCase{"bool_for_count",
                R"({"records": [{"id": "D", "kind": "dossiers", "received": true}]})", "E509",
                "true", "D", "received"},
        BadCase{"number_for_string", kRec + R"("status": 1}]})", "E509", "1}", "A", "status"},
        BadCase{"percent_no_sign",
                R"({"records": [{"id": "D", "kind": "dossiers", "rate": "96.2"}]})", "E509",
                "\"96.2", "D", "rate"},
        BadCase{"percent_comma",
                R"({"records": [{"id": "D", "kind": "dossiers", "rate": "96,2%"}]})", "E509",
                "\"96,2", "D", "rate"},
        BadCase{"string_for_bool",
                R"({"records": [{"id": "D", "kind": "dossiers", "online": "yes"}]})", "E509",
                "\"yes", "D", "online"},
        BadCase{"unit_code_number", R"({"unit": {"code": 5}, "records": []})", "E509", "5", "",
                "code"},
        BadCase{"negative_count",
                R"({"records": [{"id": "D", "kind": "dossiers", "received": -3}]})", "E510", "-3",
                "D", "received"},
        BadCase{"fractional_count",
                R"({"records": [{"id": "D", "kind": "dossiers", "on_time": 2.5}]})", "E510", "2.5",
                "D", "on_time"},
        BadCase{"nested_array", kRec + R"("tags": ["a", "b"]}]})", "E511", "[\"a", "A", "tags"},
        BadCase{"nested_object", kRec + R"("who": {"name": "x"}}]})", "E511", "{\"name", "A",
                "who"},
        BadCase{"unknown_top_key", R"({"recods": [], "records": []})", "W512", "\"recods", "",
                "recods"},
        BadCase{"unknown_unit_key", R"({"unit": {"cod": "AK"}, "records": []})", "W512", "\"cod",
                "", "cod"},
        BadCase{"invalid_utf8", "{\"records\": [{\"id\": \"A\xC3\", \"kind\": \"x\"}]}", "E516",
                "\xC3", "", ""},
        BadCase{"invalid_utf8_line2", "{\"records\": [\n  {\"id\": \"\xFF\"}]}", "E516", "\xFF", "",
                ""},
        BadCase{"empty", "", "E500", "", "", ""}, BadCase{"blank", " \n\t ", "E500", "", "", ""},
        BadCase{"no_records", R"({"unit": {"code": "AK"}})", "E518", "{", "", ""},
        BadCase{"appraisal_no_points", R"({"records": [], "appraisal": [{"item": "1.1"}]})", "E518",
                "{\"item", "", ""},
        BadCase{"appraisal_twice",
                R"({"records": [], "appraisal": [{"item": "1.1", "points": 1},
                    {"item": "1.1", "points": 2}]})",
                "E522", "{\"item\": \"1.1\", \"points\": 2", "", ""}),
    [](const ::testing::TestParamInfo<BadCase>& info) { return std::string(info.param.name); });

// The file-level checks give no line for too large / empty: fix them up.
TEST(JsonLoader, FileLevelIssuesHaveNoPlace) {
  EvidenceLimits limits;
  limits.max_file_bytes = 10;
  EvidenceLoad load = LoadEvidenceJson(R"({"records": []})", "big.json", nullptr, limits);
  ASSERT_EQ(load.issues.size(), 1u);
  EXPECT_EQ(load.issues[0].code, "E513");
  EXPECT_EQ(load.issues[0].line, 0u);
  EXPECT_EQ(RenderIssue(load.issues[0]), "big.json: error[E513]: the file has 15 bytes (limit 10)");
  EXPECT_TRUE(load.evidence.records.empty());
}

TEST(JsonLoader, ReportsEveryBadRecord) {
  const std::string text = R"({"records": [
  {"id": "T1", "kind": "task", "due": "2026-02-30"},
  {"id": "T2", "kind": "task", "due": "2026-03-01"},
  {"id": "D1", "kind": "dossiers", "received": -1, "rate": "x", "on_time": 1.5},
  {"kind": "plan"},
  {"id": "T1", "kind": "task"}
]})";
  Criteria schema = TestSchema();
  EvidenceLoad load = LoadEvidenceJson(text, "many.json", &schema);
  EXPECT_FALSE(load.ok());
  std::vector<std::string> got;
  for (const auto& i : load.issues) {
    got.push_back(i.code + "@" + std::to_string(i.line) + ":" + std::to_string(i.column) + " " +
                  i.record_id + "." + i.field);
  }
  EXPECT_EQ(got, (std::vector<std::string>{
                     "E507@2:39 T1.due",
                     "E510@4:48 D1.received",
                     "E509@4:60 D1.rate",
                     "E510@4:76 D1.on_time",
                     "E503@5:3 .",
                     "E505@6:3 T1.",
                 }));
  // Good records are still read (the caller scores nothing when !ok()).
  EXPECT_EQ(load.evidence.records.size(), 5u);
}

TEST(JsonLoader, IssuesInsideARecordComeInFileOrderWithItsId) {
  // The id comes last; the nested value is seen before the bad date is typed.
  const std::string text =
      R"({"records": [{"kind": "task", "due": "2026-02-30", "tags": [1], "id": "Z"}]})";
  Criteria schema = TestSchema();
  EvidenceLoad load = LoadEvidenceJson(text, "z.json", &schema);
  ASSERT_EQ(load.issues.size(), 2u) << Issues(load);
  EXPECT_EQ(load.issues[0].code, "E507");
  EXPECT_EQ(load.issues[0].record_id, "Z");
  EXPECT_EQ(load.issues[1].code, "E511");
  EXPECT_EQ(load.issues[1].record_id, "Z");
}

TEST(JsonLoader, SyntaxMessageIsReadable) {
  EvidenceLoad load =
      LoadEvidenceJson("{\"records\": [\n  {\"id\": \"A\" \"kind\": 1}]}", "s.json", nullptr);
  ASSERT_EQ(load.issues.size(), 1u);
  const std::string rendered = RenderIssue(load.issues[0]);
  EXPECT_EQ(rendered.find("json.exception"), std::string::npos) << rendered;
  EXPECT_EQ(rendered.find("parse error at"), std::string::npos) << rendered;
  EXPECT_NE(rendered.find("s.json:2:14: error[E501]: "), std::string::npos) << rendered;
  EXPECT_NE(rendered.find("malformed JSON near '\"kind\": 1}]}': "), std::string::npos) << rendered;
}

// A date written the Vietnamese way is shown as it must be written, when it
// names a real day; anything else gets no guess.
TEST(JsonLoader, ADayFirstDateIsShownAsItMustBeWritten) {
  Criteria schema = TestSchema();
  auto message = [&](const std::string& date) {
    EvidenceLoad load =
        LoadEvidenceJson(kRec + R"("issued": ")" + date + R"("}]})", "d.json", &schema);
    return load.issues.empty() ? std::string() : load.issues.front().message;
  };
  EXPECT_NE(
      message("15/01/2026").find(R"(got "15/01/2026"; written day first, write it "2026-01-15")"),
      std::string::npos)
      << message("15/01/2026");
  EXPECT_NE(message("1/2/2026").find(R"(write it "2026-02-01")"), std::string::npos)
      << message("1/2/2026");
  for (const char* no_guess : {"31/02/2026", "01/13/2026", "15-01-2026", "15/01/26", "tomorrow"}) {
    const std::string m = message(no_guess);
    EXPECT_NE(m.find("expected a date"), std::string::npos) << no_guess << ": " << m;
    EXPECT_EQ(m.find("write it"), std::string::npos) << no_guess << ": " << m;
  }
  EvidenceLoad as_of =
      LoadEvidenceJson(R"({"as_of": "30/11/2026", "records": []})", "a.json", &schema);
  ASSERT_FALSE(as_of.issues.empty());
  EXPECT_NE(as_of.issues.front().message.find(R"(write it "2026-11-30")"), std::string::npos)
      << as_of.issues.front().message;
}

TEST(JsonLoader, DeepNestingIsBoundedNotACrash) {
  std::string deep = kRec + "\"x\": " + std::string(100000, '[');
  Criteria schema = TestSchema();
  EvidenceLoad load = LoadEvidenceJson(deep, "deep.json", &schema);
  ASSERT_FALSE(load.ok());
  bool found = false;
  for (const auto& i : load.issues) found = found || i.code == "E517";
  EXPECT_TRUE(found) << Issues(load);

  EvidenceLoad top = LoadEvidenceJson(std::string(100000, '['), "deep.json", nullptr);
  EXPECT_FALSE(top.ok());

  // Within the limit, deep content under an unknown key is skipped.
  EvidenceLoad ok = LoadEvidenceJson(R"({"meta": [[[[{"a": [1, {"b": 2}]}]]]], "records": []})",
                                     "m.json", nullptr);
  EXPECT_TRUE(ok.ok()) << Issues(ok);
}

TEST(JsonLoader, Limits) {
  EvidenceLimits limits;
  limits.max_records = 2;
  EvidenceLoad many = LoadEvidenceJson(
      R"({"records": [{"id": "1", "kind": "k"}, {"id": "2", "kind": "k"},
                      {"id": "3", "kind": "k"}, {"id": "4", "kind": "k"}]})",
      "n.json", nullptr, limits);
  ASSERT_EQ(many.issues.size(), 1u) << Issues(many);
  EXPECT_EQ(many.issues[0].code, "E514");
  EXPECT_EQ(many.issues[0].line, 2u);

  limits = EvidenceLimits();
  limits.max_string_bytes = 8;
  EvidenceLoad longs =
      LoadEvidenceJson(R"({"records": [{"id": "1", "kind": "k", "title": "123456789"}]})", "l.json",
                       nullptr, limits);
  ASSERT_EQ(longs.issues.size(), 1u) << Issues(longs);
  EXPECT_EQ(longs.issues[0].code, "E515");
  EXPECT_EQ(longs.issues[0].record_id, "1");
  EXPECT_EQ(longs.issues[0].field, "title");

  limits = EvidenceLimits();
  limits.max_errors = 3;
  std::string text = "{\"records\": [";
  for (int i = 0; i < 10; ++i) text += std::string(i ? "," : "") + "{\"kind\": \"k\"}";
  text += "]}";
  EvidenceLoad capped = LoadEvidenceJson(text, "c.json", nullptr, limits);
  ASSERT_EQ(capped.issues.size(), 4u) << Issues(capped);
  EXPECT_EQ(capped.issues[3].code, "E523");
}

std::string HundredRecords() {
  std::string text =
      R"({"unit": {"code": "AK", "name": "Xã An Khánh", "province": "Thái Nguyên"},
 "year": 2026, "as_of": "2026-11-20", "records": [)";
  for (int i = 0; i < 100; ++i) {
    if (i) text += ",\n";
    const std::string id = std::to_string(i);
    if (i % 2 == 0) {
      text += R"({"id": "T-)" + id +
              R"(", "kind": "task", "plan": "cchc", "status": "done", "due": "2026-06-30",
  "done_on": "2026-06-12", "title": "Nhiệm vụ cải cách hành chính số )" +
              id + R"("})";
    } else {
      text += R"({"id": "D-)" + id +
              R"(", "kind": "dossiers", "received": 120, "on_time": 118, "rate": 98.3,
  "online": true, "issued": "2026-10-01", "issuer": "UBND xã An Khánh"})";
    }
  }
  text += R"(], "appraisal": [{"item": "1.1.1", "points": 1}]})";
  return text;
}

// Loading is timed by bench/ (Google Benchmark, Release), never here; this
// checks the same document loads repeatably to the same records.
TEST(JsonLoader, HundredRecordsLoadRepeatably) {
  const std::string text = HundredRecords();
  Criteria schema = TestSchema();
  EvidenceLoad first = LoadEvidenceJson(text, "p.json", &schema);
  ASSERT_TRUE(first.ok()) << Issues(first);
  ASSERT_EQ(first.evidence.records.size(), 100u);
  EvidenceLoad second = LoadEvidenceJson(text, "p.json", &schema);
  ASSERT_EQ(second.evidence.records.size(), 100u);
  for (size_t i = 0; i < 100; ++i) {
    EXPECT_EQ(first.evidence.records[i].id, second.evidence.records[i].id);
    EXPECT_EQ(first.evidence.records[i].fields.size(), second.evidence.records[i].fields.size());
  }
}

// Seeded mutations of good documents: whatever comes out, the loader returns
// with issues that all have a code, and never crashes (run under ASan/UBSan).
TEST(JsonLoader, MutatedDocumentsNeverCrash) {
  const std::string base = HundredRecords().substr(0, 3000) + "]}";
  const std::string bytes = "{}[]\",:0123456789-+.eE tnfaul\\\n\xC3\xA1\x80";
  Criteria schema = TestSchema();
  uint64_t seed = 42;
  auto next = [&seed] {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(seed >> 33);
  };
  EvidenceLimits limits;
  limits.max_depth = 8;
  for (int round = 0; round < 400; ++round) {
    std::string text = base;
    const int edits = 1 + next() % 4;
    for (int e = 0; e < edits; ++e) {
      const size_t at = next() % text.size();
      switch (next() % 3) {
        case 0:
          text[at] = bytes[next() % bytes.size()];
          break;
        case 1:
          text.erase(at, 1 + next() % 8);
          break;
        default:
          text.insert(at, 1 + next() % 3, bytes[next() % bytes.size()]);
          break;
      }
      if (text.empty()) text = "{";
    }
    for (const std::string& name : {std::string("m.json"), std::string("m.csv")}) {
      EvidenceLoad load = LoadEvidenceText(text, name, &schema, limits);
      for (const auto& issue : load.issues) {
        ASSERT_EQ(issue.code.size(), 4u) << RenderIssue(issue);
        ASSERT_FALSE(issue.message.empty());
      }
    }
  }
}

TEST(LoadEvidenceText, DispatchesOnExtension) {
  EvidenceLoad csv = LoadEvidenceText("id,kind\nA,plan\n", "units/AK.CSV", nullptr);
  EXPECT_TRUE(csv.ok()) << Issues(csv);
  EXPECT_EQ(csv.evidence.records.size(), 1u);
  EvidenceLoad json = LoadEvidenceText("id,kind\nA,plan\n", "AK.ndjson:3", nullptr);
  EXPECT_FALSE(json.ok());
  EXPECT_EQ(json.issues[0].code, "E501");
}

}  // namespace
}  // namespace cchc::json_loader_test
