// The two evidence JSON readers agree: wherever the simdjson reader accepts a
// document, the nlohmann SAX reader gives the same load with no issue. Over
// the example, the bad-input corpus (files and NDJSON lines) and hand-made
// edge cases, also into a load reused from the previous document and through
// loaders kept across documents (with and without origins, and keeping only
// some fields); valid, clean documents must take the fast path. Synthetic
// communes: tests/engine/json_fast_synth_test.cc.
#include "evidence/json_fast.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "criteria/parser.h"
#include "evidence/loader.h"
#include "evidence/validate.h"
#include "tests/evidence/same_load.h"
#include "tests/evidence/test_schema.h"

namespace cchc::json_fast_test {
namespace {

using evidence_internal::LoadEvidenceJsonFast;
using evidence_internal::LoadEvidenceJsonSax;

const std::string kSrc = CCHC_SOURCE_DIR;

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct ExampleCriteria {
  SourceFile src{"criteria.cchc", Read(kSrc + "/examples/thai-nguyen-2026/criteria.cchc")};
  ParseResult parsed = ParseCriteria(src);
};

const ExampleCriteria& Example() {
  static const ExampleCriteria* c = new ExampleCriteria();
  return *c;
}

// The fields the `some_fields` loader keeps, besides those `require`
// conditions read.
const std::vector<std::string> kSomeFields = {"status", "due",      "received", "score",
                                              "item",   "accepted", "issued"};

// Loaders kept across every document a test loads with one schema and limits
// (they remember the record kinds and keys met): one giving origins, one not,
// and one keeping only some fields.
struct Kept {
  Kept(const Criteria* schema, const EvidenceLimits& limits)
      : with_origins(schema, limits),
        without_origins(schema, limits, /*origins=*/false),
        some_fields(schema, limits, /*origins=*/false) {
    some_fields.KeepOnlyFields(kSomeFields);
    kept_names = kSomeFields;
    kept_names.insert(kept_names.end(), {"id", "kind"});
    if (schema != nullptr) {
      for (const RecordDecl& decl : schema->records) {
        for (std::string& name : evidence_internal::EvidenceBuilder::InvariantFields(decl)) {
          kept_names.push_back(std::move(name));
        }
      }
    }
  }
  EvidenceLoader with_origins, without_origins, some_fields;
  std::vector<std::string> kept_names;  // what some_fields keeps
  EvidenceLoad a, b, c;                 // reused too
};

// `e` with every record's fields outside `names` taken out.
Evidence Only(Evidence e, const std::vector<std::string>& names) {
  for (Record& r : e.records) {
    std::erase_if(r.fields, [&](const auto& field) {
      return std::find(names.begin(), names.end(), field.first) == names.end();
    });
  }
  return e;
}

// The kept loaders of the example schema and of no schema, default limits.
Kept* KeptFor(const Criteria* schema) {
  static Kept* example = new Kept(&Example().parsed.criteria, {});
  static Kept* untyped = new Kept(nullptr, {});
  return schema == nullptr ? untyped : schema == &Example().parsed.criteria ? example : nullptr;
}

// Both readers over `text`; returns whether the fast one accepted it. `kept`
// (default: KeptFor(schema)) must be for `schema` and `limits`.
bool ExpectAgree(const std::string& text, const std::string& name, const Criteria* schema,
                 const EvidenceLimits& limits = {}, Kept* kept = nullptr) {
  std::optional<EvidenceLoad> fast = LoadEvidenceJsonFast(text, name, schema, limits);
  EvidenceLoad sax = LoadEvidenceJsonSax(text, name, schema, limits);
  // The public entry point gives the SAX reader's answer either way.
  EXPECT_EQ(testutil::LoadDifference(LoadEvidenceJson(text, name, schema, limits), sax), "")
      << name;
  // So does loading into one load reused across every document of the test
  // (it still holds the last one's records, strings and fields).
  static EvidenceLoad* reused = new EvidenceLoad();
  LoadEvidenceTextInto(text, name, schema, limits, reused);
  EXPECT_EQ(testutil::LoadDifference(*reused, sax), "") << name << " (into a reused load)";
  // And a loader that has read the earlier documents; without origins, the
  // same but for them.
  if (kept == nullptr) kept = KeptFor(schema);
  if (kept != nullptr) {
    kept->with_origins.Load(text, name, &kept->a);
    EXPECT_EQ(testutil::LoadDifference(kept->a, sax), "") << name << " (kept loader)";
    kept->without_origins.Load(text, name, &kept->b);
    EXPECT_EQ(kept->b.evidence.source, sax.evidence.source) << name;
    EXPECT_EQ(testutil::ContentDifference(kept->b.evidence, sax.evidence), "")
        << name << " (kept loader, no origins)";
    EXPECT_EQ(RenderIssues(kept->b.issues), RenderIssues(sax.issues)) << name;
    // Keeping some fields changes no verdict; the fast reader's records
    // (when it accepts) hold just those fields, in order; a declined
    // document is read whole.
    kept->some_fields.Load(text, name, &kept->c);
    EXPECT_EQ(RenderIssues(kept->c.issues), RenderIssues(sax.issues)) << name << " (some fields)";
    EXPECT_EQ(testutil::ContentDifference(
                  kept->c.evidence, fast ? Only(sax.evidence, kept->kept_names) : sax.evidence),
              "")
        << name << " (kept loader, some fields)";
  }
  if (!fast) return false;
  EXPECT_TRUE(sax.issues.empty()) << name << ": the fast reader accepted what SAX reports:\n"
                                  << RenderIssues(sax.issues);
  EXPECT_EQ(testutil::LoadDifference(*fast, sax), "") << name;
  return true;
}

TEST(JsonFast, ExampleEvidenceTakesTheFastPath) {
  const std::string text = Read(kSrc + "/examples/an-khanh-2026/evidence.json");
  EXPECT_TRUE(ExpectAgree(text, "evidence.json", &Example().parsed.criteria));
  EXPECT_TRUE(ExpectAgree(text, "evidence.json", nullptr));  // untyped: natural JSON types
}

TEST(JsonFast, BadInputCorpusAgrees) {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kSrc + "/tests/bad-input")) {
    const std::string path = entry.path().string();
    const std::string ext = entry.path().extension().string();
    if (ext != ".json" && ext != ".ndjson") continue;
    const std::string text = Read(path);
    ++files;
    ExpectAgree(text, path, &Example().parsed.criteria);
    if (ext != ".ndjson") continue;
    std::istringstream lines(text);
    std::string line;
    for (int n = 1; std::getline(lines, line); ++n) {
      ExpectAgree(line, path + ":" + std::to_string(n), &Example().parsed.criteria);
    }
  }
  EXPECT_GT(files, 10);
}

TEST(JsonFast, EdgeCasesAgree) {
  const Criteria schema = testutil::TestSchema();
  struct Case {
    const char* text;
    bool fast;  // whether the fast reader must accept it
  };
  const std::vector<Case> cases = {
      {R"({"records": []})", true},
      {"\xEF\xBB\xBF{\"records\": [{\"id\": \"a\", \"kind\": \"plan\"}]}", true},
      {"{\"unit\": {\"name\": \"X\xC3\xA3 \xE1\xBB\x87\"},\n\t\"records\": [\n  {\"id\": "
       "\"\xE1\xBB\x87\", "
       "\"kind\": \"plan\"}, {\"id\": \"b\", \"kind\": \"plan\"}\r\n]}",
       true},
      {R"({"records": [{"id": "a", "kind": "dossiers", "score": -0, "received": 3}]})", true},
      {R"({"records": [{"id": "a", "kind": "dossiers", "score": -0.0, "rate": 1e2}]})", true},
      {R"({"records": [{"id": "a", "kind": "x", "n": 18446744073709551615, "m": -9223372036854775808}]})",
       false},  // kind "x" is not declared: E530, reported by SAX
      {R"({"records": [{"id": "a", "kind": "x", "n": 1e-400, "s": "\u00e9\ud83d\ude00\n\u0000"}]})",
       false},  // kind "x" is not declared: E530, reported by SAX
      {R"({"records": [{"id": "a", "kind": "x", "n": null, "m": true}], "unit": null, "year": null})",
       false},  // kind "x" is not declared: E530, reported by SAX
      {R"({"records": [], "appraisal": [{"item": "", "points": 1}, {"item": "1", "points": 2}]})",
       true},
      {R"({"recor\u0064s": [{"id": "a", "kind": "plan"}]})", false},
      {R"({"records": [{"id": "a", "kind": "plan"}], "extra": 1})", false},
      {R"({"records": [{"id": "a", "kind": "plan", "id": "b"}]})", false},
      {R"({"records": [{"id": "a", "kind": "plan"}, {"id": "a", "kind": "plan"}]})", false},
      {R"({"records": [{"id": "", "kind": "plan"}]})", false},
      {R"({"records": [{"kind": "plan"}]})", false},
      {R"({"records": [{"id": "a", "kind": "plan", "n": [1]}]})", false},
      {R"({"records": [{"id": "a", "kind": "task", "due": "2026-02-30"}]})", false},
      {R"({"records": [{"id": "a", "kind": "dossiers", "received": -1}]})", false},
      {R"({"records": null})", false},
      {R"({"records": [], "appraisal": [{"item": "1", "points": 1}, {"item": "1", "points": 2}]})",
       false},
      {R"({"records": [], "appraisal": [{"item": "1"}]})", false},
      {R"({"records": [], "year": 2026.5})", false},
      {R"({"records": [], "as_of": "2026-13-01"})", false},
      {R"({"records": [1]})", false},
      {R"([])", false},
      {"", false},
      {"\xEF\xBB\xBF", false},
      {R"({"records": []} x)", false},
      {R"({"records": [{"id": "a", "kind": "x", "s": "\udc00"}]})", false},
      {R"({"records": [{"id": "a", "kind": "x", "s": "\ud800x"}]})", false},
      {"{\"records\": [{\"id\": \"a\", \"kind\": \"x\", \"s\": \"tab\there\"}]}", false},
      {"{\"records\": [{\"id\": \"a\", \"kind\": \"x\", \"s\": \"\xC0\xAF\"}]}", false},
      {"{\"records\": [{\"id\": \"a\", \"kind\": \"x\", \"s\": \"\xED\xA0\x80\"}]}", false},
      {R"({"records": [{"id": "a", "kind": "x", "n": 1e400}]})", false},
      {R"({"records": [{"id": "a", "kind": "x", "n": 123456789012345678901234567890}]})", false},
      {R"({"records": [{"id": "a", "kind": "x", "n": 01}]})", false},
      {R"({"records": [{"id": "a", "kind": "x", "n": NaN}]})", false},
      {R"({"records": [{"id": "a", "kind": "x"}])", false},
  };
  Kept kept(&schema, {});
  for (const Case& c : cases) {
    EXPECT_EQ(ExpectAgree(c.text, "case.json", &schema, {}, &kept), c.fast) << c.text;
  }
  // Limits a clean document can break: the fast reader leaves them to SAX.
  EvidenceLimits tight;
  tight.max_records = 1;
  Kept kept_records(&schema, tight);
  EXPECT_FALSE(ExpectAgree(R"({"records": [{"id": "a", "kind": "x"}, {"id": "b", "kind": "x"}]})",
                           "case.json", &schema, tight, &kept_records));
  tight = EvidenceLimits{};
  tight.max_string_bytes = 3;
  Kept kept_strings(&schema, tight);
  EXPECT_FALSE(ExpectAgree(R"({"records": [{"id": "a", "kind": "xxxx"}]})", "case.json", &schema,
                           tight, &kept_strings));
  EXPECT_FALSE(ExpectAgree(R"({"records": [{"id": "a", "kind": "x", "long_key": 1}]})", "case.json",
                           &schema, tight, &kept_strings));
}

// A kept loader learns each kind's keys from the records it reads: records
// that give them in another order, leave some out, repeat one, or add one
// the kind does not declare are read as a fresh reader reads them; so are
// appraisals, filled in place of the last document's.
TEST(JsonFast, KeptLoaderFollowsEveryKeyOrder) {
  const Criteria schema = testutil::TestSchema();
  Kept kept(&schema, {});
  const std::vector<std::pair<std::string, bool>> cases = {
      {R"({"records": [{"id": "a", "kind": "dossiers", "received": 3, "score": 1}]})", true},
      {R"({"records": [{"kind": "dossiers", "score": 2, "id": "b", "received": 4}]})", true},
      {R"({"records": [{"id": "c", "kind": "dossiers", "score": 2}, {"id": "d", "kind": "dossiers", "received": 1, "score": 5}]})",
       true},
      {R"({"records": [{"id": "e", "kind": "dossiers", "score": 2, "score": 3}]})", false},
      {R"({"records": [{"id": "f", "kind": "dossiers", "received": 1, "id": "g"}]})", false},
      {R"({"records": [{"id": "h", "kind": "dossiers", "recieved": 1}]})", false},
      {R"({"records": [{"id": "i", "kind": "dossiers", "received": null, "scor": null}]})", false},
      {R"({"records": [{"id": "j", "kind": "dossiers", "received": null, "score": 1}]})", true},
      {R"({"records": [{"id": "k", "kind": "dossiers", "received": 2, "score": 1}]})", true},
      // Appraisals are filled in place too: more, fewer, none, null, repeated.
      {R"({"records": [], "appraisal": [{"item": "1.1", "points": 1, "note": "a long enough note"}, {"item": "1.2", "points": 2}]})",
       true},
      {R"({"records": [], "appraisal": [{"note": "x", "item": "2.1", "points": 0.5}]})", true},
      {R"({"records": []})", true},
      {R"({"records": [], "appraisal": [{"item": "3", "points": 1}, {"item": "", "points": 1}, {"item": "4", "points": 1}]})",
       true},
      {R"({"records": [], "appraisal": null})", true},
      {R"({"records": [], "appraisal": [{"item": "5", "points": 1}, {"item": "5", "points": 2}]})",
       false},
      {R"({"records": [], "appraisal": []})", true},
  };
  for (const auto& [text, fast] : cases) {
    EXPECT_EQ(ExpectAgree(text, "case.json", &schema, {}, &kept), fast) << text;
  }
}

// Untyped records of one kind with more distinct keys than a kept loader
// remembers per kind: read the same, before and after it starts again.
TEST(JsonFast, KeptLoaderWithManyKeysOfOneKind) {
  std::string text = R"({"records": [)";
  for (int r = 0; r < 6; ++r) {
    text += std::string(r ? "," : "") + R"({"id": "r)" + std::to_string(r) + R"(", "kind": "x")";
    for (int k = 0; k < 60; ++k) {
      text += R"(, "f)" + std::to_string(r * 30 + k) + R"(": )" + std::to_string(k);
    }
    text += "}";
  }
  text += "]}";
  EXPECT_TRUE(ExpectAgree(text, "many.json", nullptr));
  EXPECT_TRUE(ExpectAgree(text, "many.json", nullptr));
}

}  // namespace
}  // namespace cchc::json_fast_test
