// What-if: hand-computed re-scores on a small criteria set, incremental
// re-scoring equal to a full re-score on random scenarios, the scenario and
// task loaders (typing, positions, every error code), and the shipped example.
#include "engine/analysis/whatif.h"

#include <fstream>
#include <random>
#include <sstream>

#include "evidence/loader.h"
#include "evidence/scenario_loader.h"
#include "tests/engine/engine_test_util.h"

namespace cchc::testutil::whatif_test {
namespace {

// Base: 1.1.1 on_time 94/100 -> 2; 1.1.2 1 of 3 tasks done -> 0; 1.1.3
// issued 2026-02-09, 9 days late -> 1. Items 3 / 10 = 30 %, band C.
const char* kCriteria = R"(
index "T" {
  year 2026
  total 10
  bands { "A" >= 85%  "B" >= 65%  "C" else }
}
record stats { received: count  on_time: count  rate: percent }
record task { status: string  done_on: date }
record doc { topic: string }
record award { level: string }

area 1 "Area" max 10 {
  criterion 1.1 "Crit" max 10 {
    item 1.1.1 "Steps" max 4 {
      let s = latest(records kind "stats")
      let r = ratio(s.on_time, s.received)
      score bands r { >= 100%: 4  >= 95%: 3  >= 90%: 2  >= 80%: 1  else: 0 }
    }
    item 1.1.2 "Plan" max 4 {
      let tasks = records kind "task"
      let done = ratio(count(tasks where status = "done"), count(tasks))
      score bands done { >= 100%: 4  else: 0 }
    }
    item 1.1.3 "Deadline" max 2 {
      let d = latest(records kind "doc" where topic = "plan")
      score deadline d.issued by 2026-01-31 { on time: 2  late: 1  missing: 0 }
    }
  }
}
bonus "Bonus" cap 1 {
  item T1 "Awards" max 1 {
    evidence optional
    score per count(records kind "award") each 1
  }
  item T2 "Provincial awards" max 1 {
    evidence optional
    score per count(records kind "award" where level = "tinh") each 1
  }
}
)";

Evidence BaseEvidence() {
  Evidence ev;
  ev.year = 2026;
  ev.as_of = ParseIsoDate("2026-11-20");
  ev.records = {Rec("S", "stats", {{"received", N(100)}, {"on_time", N(94)}}),
                Rec("T-1", "task", {{"status", S("done")}}),
                Rec("T-2", "task", {{"status", S("open")}}),
                Rec("T-3", "task", {{"status", S("open")}}),
                Rec("PLAN", "doc", {{"topic", S("plan")}, {"issued", D("2026-02-09")}})};
  return ev;
}

Effect Set(std::string id, Fields fields) {
  Effect e;
  e.op = Effect::Op::kSet;
  e.id = std::move(id);
  e.record.fields = std::move(fields);
  return e;
}
Effect Add(Record r) {
  Effect e;
  e.op = Effect::Op::kAdd;
  e.id = r.id;
  e.record = std::move(r);
  return e;
}
Effect Remove(std::string id) {
  Effect e;
  e.op = Effect::Op::kRemove;
  e.id = std::move(id);
  return e;
}

TEST(WhatIf, BaseAndHandComputedScenarios) {
  auto c = Compile(kCriteria);
  Evidence ev = BaseEvidence();
  WhatIf w(c->plan(), ev);
  EXPECT_DOUBLE_EQ(w.base_card().percent, 30.0);
  EXPECT_EQ(w.base_card().band, "C");

  // 95 of 100 on time: 1.1.1 2 -> 3; issued on time: 1.1.3 1 -> 2.
  std::vector<std::string> problems;
  Scorecard a = w.Apply(
      {Set("S", {{"on_time", N(95)}}), Set("PLAN", {{"issued", D("2026-01-31")}})}, &problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_DOUBLE_EQ(a.percent, 50.0);
  ScoreDiff d = Diff(w.base_card(), a);
  ASSERT_EQ(d.items.size(), 2u);
  EXPECT_DOUBLE_EQ(d.items[0].before, 2);
  EXPECT_DOUBLE_EQ(d.items[0].after, 3);
  EXPECT_DOUBLE_EQ(d.items[1].after, 2);
  EXPECT_DOUBLE_EQ(d.areas[0].second - d.areas[0].first, 2);

  // Effects apply in order: a set after a remove finds nothing.
  problems.clear();
  Scorecard b = w.Apply({Remove("PLAN"), Set("PLAN", {{"topic", S("plan")}})}, &problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("PLAN"), std::string::npos);
  EXPECT_EQ(ItemOf(*c, b, "1.1.3").status, ItemStatus::kMissingEvidence);
  EXPECT_DOUBLE_EQ(b.percent, 20.0);

  // An add of an existing id is refused; the base is untouched afterwards.
  problems.clear();
  w.Apply({Add(Rec("S", "stats", {{"received", N(1)}, {"on_time", N(1)}}))}, &problems);
  EXPECT_EQ(problems.size(), 1u);
  EXPECT_DOUBLE_EQ(w.Apply({}, nullptr).percent, 30.0);
}

TEST(WhatIf, BonusCapMakesGainsNotAdd) {
  auto c = Compile(kCriteria);
  Evidence ev = BaseEvidence();
  WhatIf w(c->plan(), ev);
  const std::vector<Effect> p = {Add(Rec("AW-1", "award", {{"level", S("xa")}}))};
  const std::vector<Effect> q = {Add(Rec("AW-2", "award", {{"level", S("tinh")}}))};
  EXPECT_DOUBLE_EQ(w.Apply(p, nullptr).percent - 30.0, 10.0);
  EXPECT_DOUBLE_EQ(w.Apply(q, nullptr).percent - 30.0, 10.0);  // T1 + T2 = 2, cap 1
  Scorecard both = w.ApplyAll({&p, &q}, nullptr);
  EXPECT_DOUBLE_EQ(both.percent - 30.0, 10.0);  // not 20: the cap
  EXPECT_DOUBLE_EQ(both.bonus.raw, 2.0);
}

// Applies effects to a copy of the evidence's records, the slow obvious way.
Evidence ApplyByHand(Evidence ev, const std::vector<Effect>& effects) {
  for (const Effect& e : effects) {
    auto it = std::find_if(ev.records.begin(), ev.records.end(),
                           [&](const Record& r) { return r.id == e.id; });
    if (e.op == Effect::Op::kAdd) {
      if (it == ev.records.end()) ev.records.push_back(e.record);
    } else if (it == ev.records.end()) {
      continue;
    } else if (e.op == Effect::Op::kRemove) {
      ev.records.erase(it);
    } else {
      for (const auto& [name, value] : e.record.fields) it->Set(name, value);
    }
  }
  return ev;
}

TEST(WhatIf, IncrementalEqualsFullRescoreOnRandomScenarios) {
  auto c = Compile(kCriteria);
  Evidence ev = BaseEvidence();
  WhatIf w(c->plan(), ev);
  std::mt19937 rng(42);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const char* ids[] = {"S", "T-1", "T-2", "T-3", "PLAN", "AW-1", "T-9"};
  int checked = 0;
  for (int round = 0; round < 300; ++round) {
    std::vector<Effect> effects;
    const int k = 1 + pick(4);
    for (int i = 0; i < k; ++i) {
      switch (pick(6)) {
        case 0:
          effects.push_back(Set("S", {{"on_time", N(80 + pick(21))}}));
          break;
        case 1:
          effects.push_back(
              Set("T-" + std::to_string(1 + pick(3)), {{"status", S(pick(2) ? "done" : "open")}}));
          break;
        case 2:
          effects.push_back(
              Set("PLAN",
                  {{"issued", Value::OfDate(Date{ParseIsoDate("2026-01-20")->days + pick(30)})}}));
          break;
        case 3:
          effects.push_back(Add(Rec(pick(2) ? "AW-1" : "T-9", pick(2) ? "award" : "task",
                                    {{"level", S("tinh")}, {"status", S("done")}})));
          break;
        case 4:
          effects.push_back(Remove(ids[pick(7)]));
          break;
        default:
          effects.push_back(Set(ids[pick(7)], {{"topic", S(pick(2) ? "plan" : "x")}}));
          break;
      }
    }
    Scorecard inc = w.Apply(effects, nullptr);
    Evidence by_hand = ApplyByHand(ev, effects);
    Scorecard full = ScoreAll(*c, by_hand);
    ASSERT_EQ(inc.items.size(), full.items.size());
    for (size_t i = 0; i < inc.items.size(); ++i) {
      EXPECT_DOUBLE_EQ(inc.items[i].points, full.items[i].points)
          << "round " << round << " item " << i;
      EXPECT_EQ(inc.items[i].status, full.items[i].status) << "round " << round << " item " << i;
    }
    EXPECT_DOUBLE_EQ(inc.percent, full.percent) << "round " << round;
    EXPECT_EQ(inc.band, full.band);
    ++checked;
  }
  EXPECT_EQ(checked, 300);
}

// ------------------------------------------------------------- the loaders

TEST(ScenarioLoader, TypesAddsBySchemaAndSetsByTargetKind) {
  auto c = Compile(kCriteria);
  Evidence ev = BaseEvidence();
  const char* text = R"({"name": "n", "effects": [
    {"op": "add", "record": {"id": "T-4", "kind": "task", "status": "done", "done_on": "2026-12-01"}},
    {"op": "set", "id": "S", "fields": {"rate": 80, "on_time": 95}},
    {"op": "set", "id": "T-4", "fields": {"done_on": "2026-12-02"}},
    {"op": "remove", "id": "T-3", "note": "dropped"}
  ]})";
  ScenarioLoad load = LoadScenarioJson(text, "s.json", &c->criteria(), &ev);
  ASSERT_TRUE(load.ok()) << RenderIssues(load.issues);
  ASSERT_EQ(load.scenario.effects.size(), 4u);
  const Effect& add = load.scenario.effects[0];
  EXPECT_EQ(add.op, Effect::Op::kAdd);
  EXPECT_EQ(add.record.Find("done_on")->type, ValueType::kDate);
  const Effect& set = load.scenario.effects[1];
  EXPECT_EQ(set.record.Find("rate")->type, ValueType::kPercent);
  EXPECT_DOUBLE_EQ(set.record.Find("rate")->number, 0.8);
  EXPECT_EQ(set.record.Find("on_time")->type, ValueType::kNumber);
  // The set on a record an earlier effect adds is typed by that kind.
  EXPECT_EQ(load.scenario.effects[2].record.Find("done_on")->type, ValueType::kDate);
  EXPECT_EQ(load.scenario.effects[3].op, Effect::Op::kRemove);
  EXPECT_EQ(add.origin.line, 2u);
}

struct BadCase {
  const char* text;
  const char* code;
  uint32_t line, column;
};

TEST(ScenarioLoader, EveryProblemWithCodeAndPlace) {
  auto c = Compile(kCriteria);
  Evidence ev = BaseEvidence();
  const BadCase cases[] = {
      {R"({"effects": [{"op": "move", "id": "S"}]})", "E524", 1, 21},
      {R"({"effects": [{"id": "S"}]})", "E524", 1, 14},
      {R"({"effects": [{"op": "set", "id": "S", "fields": {"on_time": 1}, "why": 1}]})", "E512", 1,
       65},
      {"{\"effects\": [\n  {\"op\": \"set\", \"id\": \"NOPE\", \"fields\": {\"a\": 1}}]}", "E525",
       2, 23},
      {R"({"effects": [{"op": "remove", "id": "PLAN"}, {"op": "set", "id": "PLAN", "fields": {"topic": "x"}}]})",
       "E525", 1, 66},
      {R"({"effects": [{"op": "add", "record": {"id": "S", "kind": "stats"}}]})", "E505", 1, 45},
      {R"({"effects": [{"op": "set", "id": "S", "fields": {"on_time": -1}}]})", "E510", 1, 61},
      {R"({"effects": [{"op": "set", "id": "PLAN", "fields": {"issued": "2026-02-30"}}]})", "E507",
       1, 63},
      {R"({"effects": [{"op": "set", "id": "S", "fields": {"kind": "doc"}}]})", "E524", 1, 50},
      {R"({"effects": [{"op": "set", "id": "S", "fields": {"on_time": [1]}}]})", "E511", 1, 61},
      {R"({"effects": [}]})", "E501", 1, 14},
      {R"({"name": "x"})", "E518", 1, 1},
      {R"([1])", "E502", 1, 1},
      {R"({"effects": [], "effects": []})", "E506", 1, 17},
  };
  for (const BadCase& bc : cases) {
    ScenarioLoad load = LoadScenarioJson(bc.text, "s.json", &c->criteria(), &ev);
    ASSERT_FALSE(load.ok()) << bc.text;
    const EvidenceIssue& first = load.issues.front();
    EXPECT_EQ(first.code, bc.code) << bc.text << "\n" << RenderIssues(load.issues);
    EXPECT_EQ(first.line, bc.line) << bc.text << "\n" << RenderIssues(load.issues);
    EXPECT_EQ(first.column, bc.column) << bc.text << "\n" << RenderIssues(load.issues);
  }
}

TEST(ScenarioLoader, Limits) {
  auto c = Compile(kCriteria);
  Evidence ev = BaseEvidence();
  ScenarioLimits limits;
  limits.max_effects = 2;
  const char* text =
      R"({"effects": [{"op": "remove", "id": "T-1"}, {"op": "remove", "id": "T-2"}, {"op": "remove", "id": "T-3"}]})";
  ScenarioLoad load = LoadScenarioJson(text, "s.json", &c->criteria(), &ev, limits);
  ASSERT_FALSE(load.ok());
  EXPECT_EQ(load.issues.back().code, "E528");
  limits = ScenarioLimits();
  limits.max_file_bytes = 10;
  EXPECT_EQ(LoadScenarioJson(text, "s.json", &c->criteria(), &ev, limits).issues.at(0).code,
            "E513");
  limits = ScenarioLimits();
  limits.max_depth = 3;
  EXPECT_EQ(LoadScenarioJson(R"({"effects": [[[[1]]]]})", "s.json", &c->criteria(), &ev, limits)
                .issues.at(0)
                .code,
            "E517");
}

TEST(TasksLoader, GoodFileAndEveryTaskError) {
  auto c = Compile(kCriteria);
  Evidence ev = BaseEvidence();
  const char* good = R"({"plan": "P", "tasks": [
    {"id": "A", "title": "t", "lead": "L", "partners": ["x", "y"], "deadline": "2026-12-31", "effort": 3,
     "note": "n", "effects": [{"op": "add", "record": {"id": "AW-1", "kind": "award", "level": "tinh"}}]},
    {"id": "B", "effort": 0, "effects": [{"op": "set", "id": "AW-1", "fields": {"level": "xa"}}]},
    {"id": "C", "effort": 1.5}
  ]})";
  TasksLoad load = LoadTasksJson(good, "t.json", &c->criteria(), &ev);
  ASSERT_TRUE(load.ok()) << RenderIssues(load.issues);
  ASSERT_EQ(load.tasks.tasks.size(), 3u);
  EXPECT_EQ(load.tasks.plan, "P");
  EXPECT_EQ(load.tasks.tasks[0].partners.size(), 2u);
  EXPECT_EQ(FormatIsoDate(*load.tasks.tasks[0].deadline), "2026-12-31");
  EXPECT_DOUBLE_EQ(load.tasks.tasks[2].effort, 1.5);
  EXPECT_TRUE(load.tasks.tasks[2].effects.empty());

  const BadCase cases[] = {
      {R"({"tasks": [{"id": "A", "effort": 1}, {"id": "A", "effort": 2}]})", "E526", 1, 45},
      {R"({"tasks": [{"id": "A", "effort": -1}]})", "E527", 1, 34},
      {R"({"tasks": [{"id": "A", "effort": "3"}]})", "E527", 1, 34},
      {R"({"tasks": [{"id": "A"}]})", "E518", 1, 12},
      {R"({"tasks": [{"id": "A", "effort": 1, "deadline": "31/12/2026"}]})", "E507", 1, 49},
      {R"({"tasks": [{"id": "A", "effort": 1, "owner": "x"}]})", "E512", 1, 37},
      {R"({"tasks": [{"id": "A", "effort": 1, "effects": [{"op": "set", "id": "X", "fields": {}}]}]})",
       "E525", 1, 69},
      {R"({"plan": "P"})", "E518", 1, 1},
  };
  for (const BadCase& bc : cases) {
    TasksLoad bad = LoadTasksJson(bc.text, "t.json", &c->criteria(), &ev);
    ASSERT_FALSE(bad.ok()) << bc.text;
    const EvidenceIssue& first = bad.issues.front();
    EXPECT_EQ(first.code, bc.code) << bc.text << "\n" << RenderIssues(bad.issues);
    EXPECT_EQ(first.line, bc.line) << bc.text << "\n" << RenderIssues(bad.issues);
    EXPECT_EQ(first.column, bc.column) << bc.text << "\n" << RenderIssues(bad.issues);
  }
}

TEST(SetAssignment, TypedByTheRecordsDeclaredField) {
  auto c = Compile(kCriteria);
  Evidence ev = BaseEvidence();
  std::vector<EvidenceIssue> issues;
  auto rate = ParseSetAssignment("S.rate=80%", &c->criteria(), ev, &issues);
  ASSERT_TRUE(rate.has_value());
  EXPECT_EQ(rate->record.Find("rate")->type, ValueType::kPercent);
  EXPECT_DOUBLE_EQ(rate->record.Find("rate")->number, 0.8);
  auto date = ParseSetAssignment("PLAN.issued=2026-01-22", &c->criteria(), ev, &issues);
  ASSERT_TRUE(date.has_value());
  EXPECT_EQ(date->record.Find("issued")->type, ValueType::kDate);
  auto n = ParseSetAssignment("S.on_time=95", &c->criteria(), ev, &issues);
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->id, "S");
  EXPECT_DOUBLE_EQ(n->record.Find("on_time")->number, 95);
  EXPECT_TRUE(issues.empty());

  const std::pair<const char*, const char*> bad[] = {
      {"T-1.urgent=true", "E529"},  // undeclared: an error, never silently ignored
      {"S.on_time", "E524"},       {"NOPE.x=1", "E525"},
      {"S.on_time=many", "E509"},  {"PLAN.issued=2026-13-01", "E507"},
      {"S.kind=doc", "E524"},      {"S.on_time=-2", "E510"}};
  for (auto [text, code] : bad) {
    issues.clear();
    EXPECT_FALSE(ParseSetAssignment(text, &c->criteria(), ev, &issues).has_value()) << text;
    ASSERT_FALSE(issues.empty()) << text;
    EXPECT_EQ(issues[0].code, code) << text << ": " << issues[0].message;
  }
}

// ----------------------------------------------------- the shipped example

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(WhatIfExample, DialogueScenarioMatchesReadme) {
  const std::string dir = CCHC_SOURCE_DIR;
  auto c = Compile(ReadFile(dir + "/examples/thai-nguyen-2026/criteria.cchc"));
  EvidenceLoad ev = LoadEvidenceJson(ReadFile(dir + "/examples/an-khanh-2026/evidence.json"),
                                     "evidence.json", &c->criteria());
  ASSERT_TRUE(ev.ok());
  ScenarioLoad s =
      LoadScenarioJson(ReadFile(dir + "/examples/an-khanh-2026/scenario-dialogue.json"),
                       "scenario-dialogue.json", &c->criteria(), &ev.evidence);
  ASSERT_TRUE(s.ok()) << RenderIssues(s.issues);
  WhatIf w(c->plan(), ev.evidence);
  EXPECT_NEAR(w.base_card().percent, 77.998985, 1e-6);
  Scorecard after = w.Apply(s.scenario.effects, nullptr);
  EXPECT_NEAR(after.percent, 78.316244, 1e-6);
  EXPECT_NEAR(after.points, 76.6415, 1e-9);
  EXPECT_EQ(after.band, "Khá");
  EXPECT_DOUBLE_EQ(ItemOf(*c, after, "7.2.1").points, 2.5);
  EXPECT_DOUBLE_EQ(ItemOf(*c, after, "1.1.2").points, 0);
}

}  // namespace
}  // namespace cchc::testutil::whatif_test
