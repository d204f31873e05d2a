// Task impact: hand-computed gains on a small criteria set (two tasks worth
// nothing alone that reach a band together; a bonus cap), the exact search
// against brute force (budget and target band; 1 vs 2 threads), and the
// shipped example's README figures.
#include "engine/analysis/tasks.h"

#include <bit>
#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

#include "evidence/loader.h"
#include "evidence/scenario_loader.h"
#include "tests/engine/engine_test_util.h"

namespace cchc::testutil::tasks_test {
namespace {

// Base 3 / 10 = 30 %, band C (see whatif_test.cc for the same set).
const char* kCriteria = R"(
index "T" {
  year 2026
  total 10
  bands { "A" >= 85%  "B" >= 65%  "C" else }
}
record stats { received: count  on_time: count }
record task { status: string }
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
  ev.records = {Rec("S", "stats", {{"received", N(100)}, {"on_time", N(94)}}),
                Rec("T-1", "task", {{"status", S("done")}}),
                Rec("T-2", "task", {{"status", S("open")}}),
                Rec("T-3", "task", {{"status", S("open")}}),
                Rec("PLAN", "doc", {{"topic", S("plan")}, {"issued", D("2026-02-09")}})};
  return ev;
}

// X, Y: finish T-2, T-3 (nothing alone, 1.1.2 +4 together); P, Q: awards
// (+1 each alone, +1 together under the cap); Z: 100 % on time (+2);
// W: the plan on time (+1); N: a done task re-set to done (no effect).
const char* kTasks = R"({"plan": "test", "tasks": [
  {"id": "X", "effort": 3, "effects": [{"op": "set", "id": "T-2", "fields": {"status": "done"}}]},
  {"id": "Y", "effort": 4, "effects": [{"op": "set", "id": "T-3", "fields": {"status": "done"}}]},
  {"id": "P", "effort": 2, "effects": [{"op": "add", "record": {"id": "AW-1", "kind": "award", "level": "xa"}}]},
  {"id": "Q", "effort": 2, "effects": [{"op": "add", "record": {"id": "AW-2", "kind": "award", "level": "tinh"}}]},
  {"id": "Z", "effort": 5, "effects": [{"op": "set", "id": "S", "fields": {"on_time": 100}}]},
  {"id": "W", "effort": 6, "effects": [{"op": "set", "id": "PLAN", "fields": {"issued": "2026-01-20"}}]},
  {"id": "N", "effort": 1, "effects": [{"op": "set", "id": "T-1", "fields": {"status": "done"}}]}
]})";

struct Fixture {
  std::unique_ptr<const CompiledCriteria> c = Compile(kCriteria);
  Evidence ev = BaseEvidence();
  TaskList tasks;
  Fixture() {
    TasksLoad load = LoadTasksJson(kTasks, "t.json", &c->criteria(), &ev);
    EXPECT_TRUE(load.ok()) << RenderIssues(load.issues);
    tasks = std::move(load.tasks);
  }
  std::vector<std::string> Ids(const TaskSet& s) const {
    std::vector<std::string> out;
    for (int t : s.tasks) out.push_back(tasks.tasks[static_cast<size_t>(t)].id);
    return out;
  }
};

const TaskGain& GainOf(const Fixture& f, const TaskAnalysis& a, const std::string& id) {
  for (const TaskGain& g : a.ranked) {
    if (f.tasks.tasks[static_cast<size_t>(g.task)].id == id) return g;
  }
  ADD_FAILURE() << id;
  return a.ranked.front();
}

TEST(Tasks, GainsAloneRankingAndNoEffect) {
  Fixture f;
  WhatIf w(f.c->plan(), f.ev);
  TaskAnalysis a = AnalyzeTasks(w, f.tasks, {}).value();
  EXPECT_DOUBLE_EQ(a.base_percent, 30.0);
  EXPECT_DOUBLE_EQ(GainOf(f, a, "Z").gain, 20.0);
  EXPECT_DOUBLE_EQ(GainOf(f, a, "Z").gain_points, 2.0);
  EXPECT_DOUBLE_EQ(GainOf(f, a, "Z").per_effort, 4.0);
  EXPECT_EQ(GainOf(f, a, "Z").items, std::vector<std::string>{"1.1.1"});
  EXPECT_DOUBLE_EQ(GainOf(f, a, "W").gain, 10.0);
  EXPECT_DOUBLE_EQ(GainOf(f, a, "P").gain, 10.0);
  EXPECT_DOUBLE_EQ(GainOf(f, a, "Q").gain, 10.0);
  EXPECT_EQ(GainOf(f, a, "Q").items.size(), 2u);  // T1 and T2 both change
  EXPECT_DOUBLE_EQ(GainOf(f, a, "X").gain, 0.0);
  EXPECT_DOUBLE_EQ(GainOf(f, a, "Y").gain, 0.0);
  EXPECT_TRUE(GainOf(f, a, "N").items.empty());
  EXPECT_FALSE(GainOf(f, a, "Z").changes_band);
  // Best first; ties on gain by gain per effort (P, Q: 5/day > W: 1.67/day).
  ASSERT_EQ(a.ranked.size(), 7u);
  EXPECT_EQ(f.tasks.tasks[static_cast<size_t>(a.ranked[0].task)].id, "Z");
  EXPECT_EQ(f.tasks.tasks[static_cast<size_t>(a.ranked[1].task)].id, "P");
  EXPECT_EQ(f.tasks.tasks[static_cast<size_t>(a.ranked[2].task)].id, "Q");
  EXPECT_EQ(f.tasks.tasks[static_cast<size_t>(a.ranked[3].task)].id, "W");
  // Greedy: the largest marginal gain first; all tasks together reach 100 %.
  ASSERT_EQ(a.greedy.size(), 7u);
  EXPECT_EQ(f.tasks.tasks[static_cast<size_t>(a.greedy[0].task)].id, "Z");
  EXPECT_DOUBLE_EQ(a.greedy.back().percent_after, 100.0);
}

TEST(Tasks, TwoTasksWorthNothingAloneReachABandTogether) {
  Fixture f;
  WhatIf w(f.c->plan(), f.ev);
  const auto& x = f.tasks.tasks[0].effects;
  const auto& y = f.tasks.tasks[1].effects;
  Scorecard both = w.ApplyAll({&x, &y}, nullptr);
  EXPECT_DOUBLE_EQ(both.percent, 70.0);
  EXPECT_EQ(both.band, "B");
  TaskOptions o;
  o.target_band = "B";
  TaskAnalysis a = AnalyzeTasks(w, f.tasks, o).value();
  ASSERT_TRUE(a.cheapest_for_band.has_value());
  EXPECT_EQ(f.Ids(*a.cheapest_for_band), (std::vector<std::string>{"X", "Y"}));
  EXPECT_DOUBLE_EQ(a.cheapest_for_band->effort, 7);
  EXPECT_DOUBLE_EQ(a.cheapest_for_band->gain, 40);
  EXPECT_TRUE(a.exhaustive);
  EXPECT_EQ(a.subsets_scored, 128);
}

TEST(Tasks, ATaskWithNoEffectAloneNamesThePartnerItNeeds) {
  Fixture f;
  WhatIf w(f.c->plan(), f.ev);
  TaskAnalysis a = AnalyzeTasks(w, f.tasks, {}).value();
  // X and Y are worth nothing alone and 40 points together (the test above):
  // each names the other, adding 40 to the other's own gain of 0.
  int named = 0;
  for (const TaskGain& g : a.ranked) {
    const std::string& id = f.tasks.tasks[static_cast<size_t>(g.task)].id;
    if (id != "X" && id != "Y") continue;
    ASSERT_TRUE(g.partner.has_value()) << id;
    EXPECT_EQ(f.tasks.tasks[static_cast<size_t>(*g.partner)].id, id == "X" ? "Y" : "X");
    EXPECT_DOUBLE_EQ(g.gain_with_partner, 40);
    ++named;
  }
  EXPECT_EQ(named, 2);
  // A task with an effect alone names no partner.
  for (const TaskGain& g : a.ranked) {
    if (!g.items.empty()) {
      EXPECT_FALSE(g.partner.has_value());
    }
  }
}

TEST(Tasks, BudgetAndBandHandComputed) {
  Fixture f;
  WhatIf w(f.c->plan(), f.ev);
  SubsetSearchResult r5 = SearchSubsets(w, f.tasks, 5.0, std::string("A"), 2).value();
  ASSERT_TRUE(r5.best_for_budget);
  EXPECT_EQ(f.Ids(*r5.best_for_budget), std::vector<std::string>{"Z"});  // +20 for 5
  // A (>= 85 %) needs 8.5 of 10: X + Y + Z = 9 for 12 days; + P is 10 for 14.
  ASSERT_TRUE(r5.cheapest_for_band);
  EXPECT_EQ(f.Ids(*r5.cheapest_for_band), (std::vector<std::string>{"X", "Y", "Z"}));
  EXPECT_DOUBLE_EQ(r5.cheapest_for_band->percent, 90.0);
  // The cap: P and Q together are worth P alone, so a budget of 4 takes
  // one of them (same index, less effort than both): {P}, the smaller mask.
  SubsetSearchResult r4 = SearchSubsets(w, f.tasks, 4.0, std::nullopt, 1).value();
  ASSERT_TRUE(r4.best_for_budget);
  EXPECT_EQ(f.Ids(*r4.best_for_budget), std::vector<std::string>{"P"});
  EXPECT_DOUBLE_EQ(r4.best_for_budget->gain, 10);
  // Already in the band: the empty set, effort 0.
  SubsetSearchResult rc = SearchSubsets(w, f.tasks, std::nullopt, std::string("C"), 1).value();
  ASSERT_TRUE(rc.cheapest_for_band);
  EXPECT_TRUE(rc.cheapest_for_band->tasks.empty());
}

TEST(Tasks, UnreachableBandSaysSo) {
  Fixture f;
  f.tasks.tasks.resize(2);  // only X and Y: at most 70 %
  WhatIf w(f.c->plan(), f.ev);
  TaskOptions o;
  o.target_band = "A";
  TaskAnalysis a = AnalyzeTasks(w, f.tasks, o).value();
  EXPECT_TRUE(a.exhaustive);
  EXPECT_FALSE(a.target_reachable);
  EXPECT_FALSE(a.cheapest_for_band.has_value());
}

// Brute force: every subset applied with WhatIf::ApplyAll in task order.
struct Brute {
  uint32_t mask = 0;
  double effort = 0, percent = 0;
  bool valid = false;
};

TEST(Tasks, ExactSearchEqualsBruteForceOnRandomPlans) {
  auto c = Compile(kCriteria);
  Evidence ev = BaseEvidence();
  std::mt19937 rng(7);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  for (int round = 0; round < 12; ++round) {
    // 10 random tasks that overlap on records (several set S or the tasks).
    std::string text = R"({"tasks": [)";
    const int n = 10;
    for (int t = 0; t < n; ++t) {
      std::string effect;
      switch (pick(5)) {
        case 0:
          effect = R"({"op": "set", "id": "S", "fields": {"on_time": )" +
                   std::to_string(88 + pick(13)) + "}}";
          break;
        case 1:
          effect = R"({"op": "set", "id": "T-)" + std::to_string(2 + pick(2)) +
                   R"(", "fields": {"status": "done"}})";
          break;
        case 2:
          effect = R"({"op": "set", "id": "PLAN", "fields": {"issued": "2026-01-)" +
                   std::to_string(10 + pick(20)) + R"("}})";
          break;
        case 3:
          effect = R"({"op": "add", "record": {"id": "AW-)" + std::to_string(t) +
                   R"(", "kind": "award", "level": ")" + (pick(2) ? "tinh" : "xa") + R"("}})";
          break;
        default:
          effect = R"({"op": "set", "id": "T-1", "fields": {"status": ")" +
                   std::string(pick(2) ? "done" : "open") + R"("}})";
          break;
      }
      text += std::string(t ? "," : "") + R"({"id": "K)" + std::to_string(t) + R"(", "effort": )" +
              std::to_string(1 + pick(6)) + R"(, "effects": [)" + effect + "]}";
    }
    text += "]}";
    TasksLoad load = LoadTasksJson(text, "r.json", &c->criteria(), &ev);
    ASSERT_TRUE(load.ok()) << RenderIssues(load.issues);
    WhatIf w(c->plan(), ev);
    const double budget = 4 + pick(12);
    const std::string band = pick(2) ? "A" : "B";
    const int target_rank = BandRank(c->criteria().index, band);
    Brute best_budget, best_band;
    for (uint32_t mask = 0; mask < (1u << n); ++mask) {
      std::vector<const std::vector<Effect>*> lists;
      double effort = 0;
      for (int t = 0; t < n; ++t) {
        if (mask >> t & 1) {
          lists.push_back(&load.tasks.tasks[static_cast<size_t>(t)].effects);
          effort += load.tasks.tasks[static_cast<size_t>(t)].effort;
        }
      }
      const Scorecard card = w.ApplyAll(lists, nullptr);
      const Brute b{mask, effort, card.percent, true};
      auto fewer = [](const Brute& x, const Brute& y) {
        if (std::popcount(x.mask) != std::popcount(y.mask))
          return std::popcount(x.mask) < std::popcount(y.mask);
        return x.mask < y.mask;
      };
      if (effort <= budget + 1e-9) {
        const bool better =
            !best_budget.valid || b.percent > best_budget.percent + 1e-9 ||
            (std::fabs(b.percent - best_budget.percent) <= 1e-9 &&
             (b.effort < best_budget.effort - 1e-9 ||
              (std::fabs(b.effort - best_budget.effort) <= 1e-9 && fewer(b, best_budget))));
        if (better) best_budget = b;
      }
      if (BandRank(c->criteria().index, card.band) <= target_rank) {
        const bool better =
            !best_band.valid || b.effort < best_band.effort - 1e-9 ||
            (std::fabs(b.effort - best_band.effort) <= 1e-9 &&
             (b.percent > best_band.percent + 1e-9 ||
              (std::fabs(b.percent - best_band.percent) <= 1e-9 && fewer(b, best_band))));
        if (better) best_band = b;
      }
    }
    auto mask_of = [](const TaskSet& s) {
      uint32_t m = 0;
      for (int t : s.tasks) m |= 1u << t;
      return m;
    };
    SubsetSearchResult one = SearchSubsets(w, load.tasks, budget, band, 1).value();
    SubsetSearchResult two = SearchSubsets(w, load.tasks, budget, band, 2).value();
    EXPECT_EQ(one.subsets, 1 << n);
    EXPECT_EQ(two.subsets, 1 << n);
    ASSERT_TRUE(one.best_for_budget.has_value());  // the empty set always fits
    EXPECT_EQ(mask_of(*one.best_for_budget), best_budget.mask) << "round " << round;
    EXPECT_NEAR(one.best_for_budget->percent, best_budget.percent, 1e-9);
    EXPECT_EQ(one.cheapest_for_band.has_value(), best_band.valid) << "round " << round;
    if (best_band.valid && one.cheapest_for_band) {
      EXPECT_EQ(mask_of(*one.cheapest_for_band), best_band.mask) << "round " << round;
      EXPECT_DOUBLE_EQ(one.cheapest_for_band->effort, best_band.effort);
    }
    // Threads change nothing.
    ASSERT_TRUE(two.best_for_budget.has_value());
    EXPECT_EQ(one.best_for_budget->tasks, two.best_for_budget->tasks);
    EXPECT_EQ(one.best_for_budget->percent, two.best_for_budget->percent);
    EXPECT_EQ(one.cheapest_for_band.has_value(), two.cheapest_for_band.has_value());
    if (one.cheapest_for_band && two.cheapest_for_band) {
      EXPECT_EQ(one.cheapest_for_band->tasks, two.cheapest_for_band->tasks);
    }
  }
}

// ----------------------------------------------------- the shipped example

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Example {
  std::unique_ptr<const CompiledCriteria> c;
  EvidenceLoad ev;
  TasksLoad tasks;
  Example() {
    const std::string dir = CCHC_SOURCE_DIR;
    c = Compile(ReadFile(dir + "/examples/thai-nguyen-2026/criteria.cchc"));
    ev = LoadEvidenceJson(ReadFile(dir + "/examples/an-khanh-2026/evidence.json"), "evidence.json",
                          &c->criteria());
    EXPECT_TRUE(ev.ok());
    tasks = LoadTasksJson(ReadFile(dir + "/examples/an-khanh-2026/tasks.json"), "tasks.json",
                          &c->criteria(), &ev.evidence);
    EXPECT_TRUE(tasks.ok()) << RenderIssues(tasks.issues);
  }
  int Index(const std::string& id) const {
    for (size_t t = 0; t < tasks.tasks.tasks.size(); ++t) {
      if (tasks.tasks.tasks[t].id == id) return static_cast<int>(t);
    }
    return -1;
  }
  std::vector<std::string> Ids(const TaskSet& s) const {
    std::vector<std::string> out;
    for (int t : s.tasks) out.push_back(tasks.tasks.tasks[static_cast<size_t>(t)].id);
    return out;
  }
};

TEST(TasksExample, ReadmeFigures) {
  Example x;
  ASSERT_EQ(x.tasks.tasks.tasks.size(), 18u);
  WhatIf w(x.c->plan(), x.ev.evidence);
  TaskOptions o;
  o.budget = 40;
  o.target_band = "Tốt";
  TaskAnalysis a = AnalyzeTasks(w, x.tasks.tasks, o).value();
  // Gains alone: NV11, NV10, NV18, then the rest at 0.
  ASSERT_GE(a.ranked.size(), 3u);
  EXPECT_EQ(x.tasks.tasks.tasks[static_cast<size_t>(a.ranked[0].task)].id, "NV11");
  EXPECT_NEAR(a.ranked[0].gain, 0.304569, 1e-6);
  EXPECT_EQ(x.tasks.tasks.tasks[static_cast<size_t>(a.ranked[1].task)].id, "NV10");
  EXPECT_NEAR(a.ranked[1].gain, 0.253807, 1e-6);
  EXPECT_EQ(x.tasks.tasks.tasks[static_cast<size_t>(a.ranked[2].task)].id, "NV18");
  EXPECT_NEAR(a.ranked[2].gain, 0.101523, 1e-6);
  EXPECT_DOUBLE_EQ(a.ranked[3].gain, 0);
  // NV08 + NV14: nothing alone, +1.015228 pp together (3.1.1).
  const auto& nv08 = x.tasks.tasks.tasks[static_cast<size_t>(x.Index("NV08"))].effects;
  const auto& nv14 = x.tasks.tasks.tasks[static_cast<size_t>(x.Index("NV14"))].effects;
  EXPECT_NEAR(w.Apply(nv08, nullptr).percent, w.base_card().percent, 1e-12);
  EXPECT_NEAR(w.Apply(nv14, nullptr).percent, w.base_card().percent, 1e-12);
  EXPECT_NEAR(w.ApplyAll({&nv08, &nv14}, nullptr).percent - w.base_card().percent, 1.015228, 1e-6);
  // Cheapest set reaching Tốt and the best set for 40 person-days.
  ASSERT_TRUE(a.cheapest_for_band.has_value());
  EXPECT_EQ(x.Ids(*a.cheapest_for_band),
            (std::vector<std::string>{"NV10", "NV12", "NV14", "NV18"}));
  EXPECT_DOUBLE_EQ(a.cheapest_for_band->effort, 38);
  EXPECT_NEAR(a.cheapest_for_band->percent, 80.046362, 1e-6);
  ASSERT_TRUE(a.best_for_budget.has_value());
  EXPECT_EQ(x.Ids(*a.best_for_budget), (std::vector<std::string>{"NV08", "NV12", "NV14", "NV17"}));
  EXPECT_NEAR(a.best_for_budget->percent, 80.706261, 1e-6);
  EXPECT_EQ(a.subsets_scored, 1 << 18);
  // Budgets 20, 30 (the cheaper of the tie) and 60.
  SubsetSearchResult b20 = SearchSubsets(w, x.tasks.tasks, 20.0, std::nullopt, 2).value();
  EXPECT_EQ(x.Ids(*b20.best_for_budget), std::vector<std::string>{"NV11"});
  SubsetSearchResult b30 = SearchSubsets(w, x.tasks.tasks, 30.0, std::nullopt, 2).value();
  EXPECT_EQ(x.Ids(*b30.best_for_budget), (std::vector<std::string>{"NV08", "NV14"}));
  SubsetSearchResult b60 = SearchSubsets(w, x.tasks.tasks, 60.0, std::nullopt, 2).value();
  EXPECT_EQ(x.Ids(*b60.best_for_budget),
            (std::vector<std::string>{"NV08", "NV10", "NV11", "NV14"}));
  EXPECT_NEAR(b60.best_for_budget->percent, 81.264636, 1e-6);
  // All tasks: 81.704569 %, Tốt.
  EXPECT_NEAR(a.greedy.back().percent_after, 81.704569, 1e-6);
}

}  // namespace
}  // namespace cchc::testutil::tasks_test
