// Property test of the two evidence JSON readers on random documents (seeded):
// field values of every JSON shape (escapes, surrogate pairs, -0, integers
// past 2^53 and 2^64, underflow, null), random key order and whitespace, an
// occasional BOM, duplicate ids and bad dates. Wherever the simdjson reader
// accepts a document, the SAX reader gives the same load with no issue; about
// a quarter of the documents must take the fast path.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "evidence/json_fast.h"
#include "tests/evidence/same_load.h"
#include "tests/evidence/test_schema.h"

namespace cchc::json_fast_property_test {
namespace {

class RandomDocument {
 public:
  explicit RandomDocument(uint64_t seed) : rng_(seed) {}

  std::string Make() {
    std::string d = Pick(10) == 0 ? "\xEF\xBB\xBF" : "";
    std::vector<std::string> top;
    top.push_back("\"unit\":" + Ws() + "{\"code\": " + Str() + ", \"name\": " + Str() +
                  (Pick(3) ? "" : ", \"province\": null") + "}");
    if (Pick(2)) top.push_back("\"year\": " + (Pick(5) ? std::string("2026") : Num()));
    if (Pick(2)) top.push_back("\"as_of\": " + (Pick(4) ? std::string("\"2026-11-20\"") : Str()));
    if (Pick(20)) top.push_back(Records());
    if (Pick(3) == 0) top.push_back(Appraisals());
    std::shuffle(top.begin(), top.end(), rng_);
    d += "{" + Ws();
    for (size_t i = 0; i < top.size(); ++i) d += (i ? "," + Ws() : "") + top[i];
    return d + Ws() + "}" + Ws();
  }

 private:
  size_t Pick(size_t n) { return static_cast<size_t>(rng_() % n); }
  std::string Ws() {
    static const char* kWs[] = {"", " ", "\n", "\t", "\r\n  ", "  "};
    return kWs[Pick(6)];
  }
  std::string Str() {
    static const char* kParts[] = {
        "a",       "X\xC3\xA3", "\xE1\xBB\x87", "\\u00e9",    "\\ud83d\\ude00", "\\n",  "\\\"",
        "\\\\",    "\\/",       "2026-01-20",   "2026-02-30", "96.5%",          "done", "",
        "\\u0041", "\\t",       "x y",          "\\u0000"};
    std::string s = "\"";
    for (size_t k = Pick(4); k > 0; --k) s += kParts[Pick(18)];
    return s + "\"";
  }
  std::string Num() {
    static const char* kNumbers[] = {"0",
                                     "-0",
                                     "1",
                                     "-1",
                                     "2.5",
                                     "1e2",
                                     "1E-2",
                                     "-0.0",
                                     "12345678901234567890",
                                     "9007199254740993",
                                     "0.1",
                                     "3.0",
                                     "100",
                                     "18446744073709551616",
                                     "-9223372036854775809",
                                     "1e-400",
                                     "5e-324",
                                     "2026",
                                     "1.7976931348623157e308"};
    return kNumbers[Pick(19)];
  }
  std::string Val() {
    switch (Pick(7)) {
      case 0:
        return Str();
      case 1:
      case 2:
        return Num();
      case 3:
        return Pick(2) ? "true" : "false";
      case 4:
        return "null";
      case 5:
        return Pick(10) ? Num() : "[1]";
      default:
        return "\"2026-0" + std::to_string(1 + Pick(9)) + "-1" + std::to_string(Pick(10)) + "\"";
    }
  }
  std::string Key() {
    static const char* kKeys[] = {"number", "title",      "issued",   "topic",    "status",
                                  "due",    "done_on",    "received", "on_time",  "rate",
                                  "score",  "online",     "item",     "accepted", "plan",
                                  "x",      "n\\u0061me", "value",    "count"};
    return std::string("\"") + kKeys[Pick(19)] + "\"";
  }
  std::string Records() {
    static const char* kKinds[] = {"plan", "task", "dossiers", "explanation", "x"};
    std::string s = "\"records\":" + Ws() + "[";
    const size_t n = Pick(6);
    for (size_t r = 0; r < n; ++r) {
      std::vector<std::string> f;
      f.push_back("\"id\": \"r" + std::to_string(Pick(8)) + "\"");
      f.push_back(std::string("\"kind\": \"") + kKinds[Pick(5)] + "\"");
      for (size_t k = Pick(5); k > 0; --k) f.push_back(Key() + ":" + Ws() + Val());
      std::shuffle(f.begin(), f.end(), rng_);
      s += (r ? "," + Ws() : std::string()) + "{";
      for (size_t i = 0; i < f.size(); ++i) s += (i ? "," + Ws() : Ws()) + f[i];
      s += Ws() + "}";
    }
    return s + "]";
  }
  std::string Appraisals() {
    std::string s = "\"appraisal\": [";
    for (size_t i = Pick(3); i > 0; --i) {
      s += std::string(s.back() == '[' ? "" : ",") + "{\"item\": \"1." + std::to_string(Pick(3)) +
           "\", \"points\": " + Num() + (Pick(2) ? ", \"note\": " + Str() : "") + "}";
    }
    return s + "]";
  }

  std::mt19937_64 rng_;
};

TEST(JsonFastProperty, RandomDocumentsAgree) {
  const Criteria schema = testutil::TestSchema();
  const Criteria* schemas[] = {nullptr, &schema};
  RandomDocument gen(14);
  int fast = 0, runs = 0;
  for (int i = 0; i < 3000; ++i) {
    const std::string text = gen.Make();
    for (const Criteria* s : schemas) {
      ++runs;
      std::optional<EvidenceLoad> a =
          evidence_internal::LoadEvidenceJsonFast(text, "r.json", s, {});
      if (!a) continue;
      ++fast;
      EvidenceLoad b = evidence_internal::LoadEvidenceJsonSax(text, "r.json", s, {});
      ASSERT_TRUE(b.issues.empty()) << text << "\n" << RenderIssues(b.issues);
      ASSERT_EQ(testutil::LoadDifference(*a, b), "") << text;
    }
  }
  EXPECT_GT(fast, runs / 5);
}

}  // namespace
}  // namespace cchc::json_fast_property_test
