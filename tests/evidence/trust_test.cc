// Evidence that no mistake changes silently: unknown fields and kinds, the
// declared ranges, enumerations and `require` invariants, the year and
// as_of, in JSON, CSV, scenarios, tasks and --set (hand-written cases).
#include <gtest/gtest.h>

#include <string>

#include "criteria/parser.h"
#include "evidence/loader.h"
#include "evidence/scenario_loader.h"
#include "tests/evidence/test_schema.h"

namespace cchc::testutil::trust_test {
namespace {

// plan/task/dossiers of TestSchema, plus constraints, a year and as_of use.
Criteria Schema() {
  const std::string text = R"(
index "t" { year 2026 }
record plan { topic: string one of "cchc", "kiem_tra"  note_count: count }
record survey { mean: number in 1..5  satisfaction: percent  share: percent in 50%..100% }
record onestop {
  received: count given
  resolved: count
  on_time: count
  require resolved <= received
  require on_time <= resolved
}
area I "a" max 1 { criterion 1.1 "c" max 1 { item 1.1.1 "i" max 1 {
  score boolean exists(records kind "plan" where issued <= as_of)
} } }
)";
  SourceFile src("t.cchc", text);
  ParseResult parsed = ParseCriteria(src);
  EXPECT_TRUE(parsed.ok()) << RenderAll(src, parsed.diagnostics);
  return std::move(parsed.criteria);
}

std::string Doc(const std::string& records,
                const std::string& head = R"("year": 2026, "as_of": "2026-11-20")") {
  return "{" + head + ", \"records\": [" + records + "]}";
}

bool Has(const EvidenceLoad& load, const std::string& code, const std::string& fragment = "") {
  for (const EvidenceIssue& i : load.issues) {
    if (i.code == code && i.message.find(fragment) != std::string::npos) return true;
  }
  return false;
}

TEST(Trust, UnknownFieldNamesTheNearestDeclaredOne) {
  const Criteria c = Schema();
  EvidenceLoad load = LoadEvidenceJson(
      Doc(R"({"id": "S", "kind": "onestop", "received": 4, "resolved": 4, "on_tme": 4})"), "e.json",
      &c);
  ASSERT_FALSE(load.ok());
  ASSERT_TRUE(Has(load, "E529", "did you mean \"on_time\"?")) << RenderIssues(load.issues);
  const EvidenceIssue& i = load.issues.front();
  EXPECT_EQ(i.record_id, "S");
  EXPECT_EQ(i.field, "on_tme");
  EXPECT_EQ(i.line, 1u);
}

TEST(Trust, NoteIsACommonFreeTextField) {
  const Criteria c = Schema();
  EvidenceLoad load = LoadEvidenceJson(
      Doc(R"({"id": "P", "kind": "plan", "topic": "cchc", "note": "ghi chú"})"), "e.json", &c);
  EXPECT_TRUE(load.ok()) << RenderIssues(load.issues);
  EXPECT_TRUE(load.issues.empty());
}

TEST(Trust, UnknownKindIsAnError) {
  const Criteria c = Schema();
  EvidenceLoad load =
      LoadEvidenceJson(Doc(R"({"id": "P", "kind": "plna", "topc": "x"})"), "e.json", &c);
  EXPECT_TRUE(Has(load, "E530", "did you mean \"plan\"?")) << RenderIssues(load.issues);
  EXPECT_FALSE(Has(load, "E529"));  // one error for the record, not one per field
}

TEST(Trust, RangesPercentsAndCounts) {
  const Criteria c = Schema();
  EvidenceLoad load = LoadEvidenceJson(Doc(R"({"id": "A", "kind": "survey", "mean": 5.5},
             {"id": "B", "kind": "survey", "satisfaction": 104},
             {"id": "C", "kind": "survey", "share": "49.9%"},
             {"id": "D", "kind": "survey", "mean": 5, "satisfaction": 100, "share": 50},
             {"id": "E", "kind": "survey", "mean": 1, "satisfaction": 0})"),
                                       "e.json", &c);
  EXPECT_TRUE(Has(load, "E531", "5.5 is outside 1..5")) << RenderIssues(load.issues);
  EXPECT_TRUE(Has(load, "E531", "104% is outside 0%..100%"));
  EXPECT_TRUE(Has(load, "E531", "49.9% is outside 50%..100%"));
  int n = 0;
  for (const EvidenceIssue& i : load.issues) n += i.code == "E531";
  EXPECT_EQ(n, 3) << "the edges 1, 5, 0 %, 50 % and 100 % are inside";
}

TEST(Trust, EnumerationsWithNearestValue) {
  const Criteria c = Schema();
  EvidenceLoad load =
      LoadEvidenceJson(Doc(R"({"id": "P", "kind": "plan", "topic": "kiem_traa"})"), "e.json", &c);
  EXPECT_TRUE(Has(load, "E532", "did you mean \"kiem_tra\"?")) << RenderIssues(load.issues);
}

TEST(Trust, InvariantsNameTheValues) {
  const Criteria c = Schema();
  EvidenceLoad load = LoadEvidenceJson(
      Doc(R"({"id": "S", "kind": "onestop", "received": 10, "resolved": 8, "on_time": 9},
             {"id": "T", "kind": "onestop", "received": 10, "on_time": 9})"),
      "e.json", &c);
  ASSERT_TRUE(Has(load, "E533", "require on_time <= resolved")) << RenderIssues(load.issues);
  EXPECT_TRUE(Has(load, "E533", "on_time = 9, resolved = 8"));
  int n = 0;
  for (const EvidenceIssue& i : load.issues) n += i.code == "E533";
  EXPECT_EQ(n, 1) << "T lacks resolved: not judged";
}

TEST(Trust, YearMustMatchAndAsOfMustBePresent) {
  const Criteria c = Schema();
  const std::string rec = R"({"id": "P", "kind": "plan", "topic": "cchc"})";
  EXPECT_TRUE(Has(LoadEvidenceJson(Doc(rec, R"("year": 2025, "as_of": "2025-11-20")"), "e", &c),
                  "E534", "for 2025 but the criteria are for 2026"));
  EXPECT_TRUE(Has(LoadEvidenceJson(Doc(rec, R"("as_of": "2026-11-20")"), "e", &c), "E534"));
  EXPECT_TRUE(Has(LoadEvidenceJson(Doc(rec, R"("year": 2026)"), "e", &c), "E535"));
  EXPECT_TRUE(LoadEvidenceJson(Doc(rec), "e", &c).ok());
}

TEST(Trust, CsvGetsTheSameChecks) {
  const Criteria c = Schema();
  EvidenceLoad no_as_of =
      LoadEvidenceCsv("# year: 2026\nid,kind,topic\nP,plan,cchc\n", "e.csv", &c);
  EXPECT_TRUE(Has(no_as_of, "E535")) << RenderIssues(no_as_of.issues);
  EvidenceLoad bad = LoadEvidenceCsv(
      "# year: 2026\n# as_of: 2026-11-20\nid,kind,topc,mean\nP,plan,cchc,\nS,survey,,6\n", "e.csv",
      &c);
  EXPECT_TRUE(Has(bad, "E529", "did you mean \"topic\"?")) << RenderIssues(bad.issues);
  EXPECT_TRUE(Has(bad, "E531"));
}

TEST(Trust, SetAndScenarioEffectsAreChecked) {
  const Criteria c = Schema();
  EvidenceLoad base = LoadEvidenceJson(
      Doc(R"({"id": "S", "kind": "onestop", "received": 10, "resolved": 8, "on_time": 7})"), "e",
      &c);
  ASSERT_TRUE(base.ok()) << RenderIssues(base.issues);
  std::vector<EvidenceIssue> issues;
  EXPECT_FALSE(ParseSetAssignment("S.mett=124", &c, base.evidence, &issues));
  ASSERT_FALSE(issues.empty());
  EXPECT_EQ(issues[0].code, "E529");
  ScenarioLoad sc = LoadScenarioJson(
      R"({"name": "x", "effects": [{"op": "set", "id": "S", "fields": {"on_tim": 8}}]})", "s.json",
      &c, &base.evidence);
  EXPECT_FALSE(sc.ok());
  EXPECT_NE(RenderIssues(sc.issues).find("E529"), std::string::npos) << RenderIssues(sc.issues);
}

TEST(Trust, TasksNeverMoveGivenFields) {
  const Criteria c = Schema();
  EvidenceLoad base = LoadEvidenceJson(
      Doc(R"({"id": "S", "kind": "onestop", "received": 10, "resolved": 8, "on_time": 7})"), "e",
      &c);
  ASSERT_TRUE(base.ok());
  auto load = [&](const std::string& fields) {
    return LoadTasksJson(R"({"plan": "p", "tasks": [{"id": "T", "effort": 1, "effects": [
      {"op": "set", "id": "S", "fields": )" +
                             fields + "}]}]}",
                         "t.json", &c, &base.evidence);
  };
  TasksLoad given = load(R"({"received": 12})");
  EXPECT_NE(RenderIssues(given.issues).find("E536"), std::string::npos);
  EXPECT_NE(RenderIssues(given.issues).find("is given"), std::string::npos);
  TasksLoad more = load(R"({"on_time": 8})");
  EXPECT_TRUE(more.ok()) << RenderIssues(more.issues);
}

}  // namespace
}  // namespace cchc::testutil::trust_test
