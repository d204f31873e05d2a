// The evidence JSON writer: its bytes for small documents, written out by
// hand, and round trips through both evidence JSON readers (simdjson and the
// nlohmann SAX path) over awkward text and numbers.
#include "evidence/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include "criteria/date.h"
#include "evidence/json_fast.h"
#include "evidence/loader.h"
#include "tests/evidence/same_load.h"
#include "tests/evidence/test_schema.h"

namespace cchc::json_writer_test {
namespace {

using testutil::ContentDifference;
using testutil::LoadDifference;
using testutil::TestSchema;

Date D(const char* s) { return *ParseIsoDate(s); }

Record Rec(std::string id, std::string kind, std::vector<std::pair<std::string, Value>> fields) {
  Record r;
  r.id = std::move(id);
  r.kind = std::move(kind);
  r.fields = std::move(fields);
  return r;
}

// Write, then read with each reader: both take it without an issue, agree
// with each other, give back `e`, and writing what they read gives the same
// bytes again.
void ExpectRoundTrip(const Evidence& e, const Criteria* schema, const std::string& name) {
  for (bool pretty : {false, true}) {
    const std::string text = EvidenceToJson(e, pretty);
    const std::string label = name + (pretty ? " (pretty)" : " (one line)");
    EvidenceLoad sax = evidence_internal::LoadEvidenceJsonSax(text, label, schema, {});
    EXPECT_TRUE(sax.issues.empty()) << label << "\n" << RenderIssues(sax.issues) << text;
    EXPECT_EQ(ContentDifference(e, sax.evidence), "") << label << "\n" << text;
    std::optional<EvidenceLoad> fast =
        evidence_internal::LoadEvidenceJsonFast(text, label, schema, {});
    ASSERT_TRUE(fast.has_value()) << label << ": the fast reader declined\n" << text;
    EXPECT_EQ(LoadDifference(*fast, sax), "") << label;
    EXPECT_EQ(EvidenceToJson(sax.evidence, pretty), text) << label;
  }
}

TEST(JsonWriter, OneLineBytes) {
  Evidence e;
  e.unit = {"AK", "Xã \"An\" Khánh\\", ""};
  e.year = 2026;
  e.as_of = D("2026-11-20");
  e.records.push_back(Rec("R1", "dossiers",
                          {{"received", Value::Number(1250)},
                           {"rate", Value::Percent(0.962)},
                           {"score", Value::Number(0.1)},
                           {"online", Value::Bool(true)}}));
  e.records.push_back(Rec("T", "task", {{"due", Value::OfDate(D("2026-12-31"))}, {"done_on", {}}}));
  e.appraisals.push_back({"1.1", 2.5, "a\nb"});
  EXPECT_EQ(EvidenceToJson(e, false),
            "{\"unit\":{\"code\":\"AK\",\"name\":\"Xã \\\"An\\\" Khánh\\\\\",\"province\":\"\"},"
            "\"year\":2026,\"as_of\":\"2026-11-20\",\"records\":["
            "{\"id\":\"R1\",\"kind\":\"dossiers\",\"received\":1250,\"rate\":96.2,\"score\":0.1,"
            "\"online\":true},{\"id\":\"T\",\"kind\":\"task\",\"due\":\"2026-12-31\"}],"
            "\"appraisal\":[{\"item\":\"1.1\",\"points\":2.5,\"note\":\"a\\nb\"}]}");
}

TEST(JsonWriter, IndentedBytes) {
  Evidence e;
  e.unit.code = "AK";
  EXPECT_EQ(EvidenceToJson(e, true),
            "{\n \"unit\": {\n  \"code\": \"AK\",\n  \"name\": \"\",\n  \"province\": \"\"\n },\n"
            " \"records\": []\n}\n");
  e.records.push_back(Rec("P", "plan", {}));
  EXPECT_EQ(EvidenceToJson(e, true),
            "{\n \"unit\": {\n  \"code\": \"AK\",\n  \"name\": \"\",\n  \"province\": \"\"\n },\n"
            " \"records\": [\n  {\n   \"id\": \"P\",\n   \"kind\": \"plan\"\n  }\n ]\n}\n");
}

TEST(JsonWriter, EscapesAndNumbers) {
  Evidence e;
  e.records.push_back(Rec("S", "note",
                          {{"ctl", Value::String(std::string("\x01\b\f\x1f\x7f\0z", 7))},
                           {"big", Value::Number(1e21)},
                           {"tiny", Value::Number(1e-7)},
                           {"inf", Value::Number(std::numeric_limits<double>::infinity())}}));
  EXPECT_EQ(EvidenceToJson(e, false),
            "{\"unit\":{\"code\":\"\",\"name\":\"\",\"province\":\"\"},\"records\":["
            "{\"id\":\"S\",\"kind\":\"note\",\"ctl\":\"\\u0001\\b\\f\\u001f\x7f\\u0000z\","
            "\"big\":1e+21,\"tiny\":1e-07,\"inf\":null}]}");
  // Bytes that are not UTF-8 (no reader makes them) become U+FFFD.
  e.records[0].fields = {{"bad", Value::String("a\xC3(\xFF")}};
  EXPECT_NE(EvidenceToJson(e, false).find("\"a\xEF\xBF\xBD(\xEF\xBF\xBD\""), std::string::npos);
}

TEST(JsonWriter, RoundTripsTypedRecords) {
  const Criteria schema = TestSchema();
  Evidence e;
  e.unit = {"TN-01", "Phường Phan Đình Phùng", "Thái Nguyên"};
  e.year = 2026;
  e.as_of = D("2026-02-28");
  // Percents as a reader gives them: the text's value / 100.
  for (double rate : {96.2, 0.1, 100.0, 0.0, 33.33, 1e-7, 12.345678901}) {
    e.records.push_back(Rec("D-" + std::to_string(e.records.size()), "dossiers",
                            {{"received", Value::Number(1250)},
                             {"on_time", Value::Number(0)},
                             {"rate", Value::Percent(rate / 100.0)},
                             {"score", Value::Number(rate)},
                             {"online", Value::Bool(rate > 1)}}));
  }
  e.records.push_back(Rec("T-1", "task",
                          {{"plan", Value::String("KH \"số 1\"\\2026")},
                           {"status", Value::String("done")},
                           {"due", Value::OfDate(D("2024-02-29"))},
                           {"done_on", Value::OfDate(D("1900-01-01"))}}));
  e.records.push_back(Rec("P-1", "plan", {}));  // a record with no fields
  e.appraisals.push_back({"1.1", 0.25, ""});
  e.appraisals.push_back({"2.3", 1e-7, "Hội đồng thẩm định:\n\t“trừ 0,5”"});
  ExpectRoundTrip(e, &schema, "typed");
}

TEST(JsonWriter, RoundTripsAwkwardTextAndNumbers) {
  Evidence e;
  e.unit = {"\"", "\\", "Ủy ban nhân dân xã An Khánh 😀"};
  e.records.push_back(
      Rec("R \"1\"", "note",
          {{"quotes", Value::String("\"a\" 'b' \\\"c\\\"")},
           {"lines", Value::String("a\nb\r\nc\td\b\f")},
           {"controls", Value::String(std::string("\x01\x02\x1f\x7f\0end", 8))},
           {"vietnamese", Value::String("Thủ tục hành chính — “một cửa”, liên thông")},
           {"empty", Value::String("")},
           {"slash", Value::String("a/b\\/c")},
           {"escaped_unicode_text", Value::String("\\u0041 is not A here")},
           {"tenth", Value::Number(0.1)},
           {"small", Value::Number(1e-7)},
           {"smallest", Value::Number(5e-324)},
           {"negative", Value::Number(-2.5)},
           {"large", Value::Number(1e21)},
           {"large_integer", Value::Number(123456789012345680000.0)},
           {"max", Value::Number(std::numeric_limits<double>::max())},
           {"third", Value::Number(1.0 / 3)},
           {"zero", Value::Number(0)},
           {"yes", Value::Bool(true)},
           {"no", Value::Bool(false)}}));
  ExpectRoundTrip(e, nullptr, "awkward");
  Evidence empty;  // no records, no appraisal, no year
  ExpectRoundTrip(empty, nullptr, "empty");
}

// A percent with more than 12 significant digits is written as people write
// it and comes back within 1e-12 of itself; from then on it is stable.
TEST(JsonWriter, PercentsToTwelveDigits) {
  const Criteria schema = TestSchema();
  Evidence e;
  e.records.push_back(Rec("D", "dossiers", {{"rate", Value::Percent(1.0 / 3)}}));
  const std::string text = EvidenceToJson(e, false);
  EXPECT_NE(text.find("\"rate\":33.3333333333}"), std::string::npos) << text;
  EvidenceLoad back = LoadEvidenceJson(text, "p.json", &schema);
  ASSERT_TRUE(back.issues.empty()) << RenderIssues(back.issues);
  EXPECT_NEAR(back.evidence.records[0].fields[0].second.number, 1.0 / 3, 1e-12);
  EXPECT_EQ(EvidenceToJson(back.evidence, false), text);
}

}  // namespace
}  // namespace cchc::json_writer_test
