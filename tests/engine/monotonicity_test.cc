// Property tests: evidence that only adds on-time work never lowers an item.
// Random scenarios (seeded, reproducible) over a small criteria set with one
// rule of each monotone kind, and over the shipped example's tasks.
#include <random>

#include "engine/analysis/whatif.h"
#include "engine/render/explain.h"
#include "tests/engine/engine_test_util.h"

namespace cchc::testutil::monotonicity_test {
namespace {

const char* kCriteria = R"(
index "T" { total 10  bands { "A" >= 90%  "B" else } }
record dossier { on_time: bool }
record report { late: bool }
record plan { topic: string }
record task { status: string }
area 1 "A" max 10 {
  criterion 1.1 "C" max 10 {
    item 1.1.1 "On-time share, steps" max 4 {
      let d = records kind "dossier"
      let r = ratio(count(d where on_time), count(d))
      score bands r { >= 100%: 4  >= 95%: 3  >= 90%: 2  >= 80%: 1  else: 0 }
      when no cases: zero
    }
    item 1.1.2 "On-time share, linear" max 2 {
      let d = records kind "dossier"
      score linear ratio(count(d where on_time), count(d)) target 90%
      when no cases: zero
    }
    item 1.1.3 "Late reports" max 1 {
      score deduct count(records kind "report" where late) each 0.25
    }
    item 1.1.4 "Plan on time" max 1 {
      let p = earliest(records kind "plan" where topic = "cchc")
      score deadline p.issued by 2026-01-31 { on time: 1  late: 0.5  missing: 0 }
    }
    item 1.1.5 "Tasks done" max 2 {
      let t = records kind "task"
      let done = ratio(count(t where status = "done"), count(t))
      score bands done { >= 100%: 2  >= 80%: done * max  else: 0 }
      when no cases: zero
    }
  }
}
)";

TEST(Monotonicity, AddingOnTimeEvidenceNeverLowersAnItem) {
  auto c = Compile(kCriteria);
  std::mt19937 rng(20261128);  // fixed seed: a failure is reproducible
  for (int round = 0; round < 300; ++round) {
    Evidence base;
    const int n = std::uniform_int_distribution<int>(0, 30)(rng);
    for (int i = 0; i < n; ++i) {
      base.records.push_back(Rec("D" + std::to_string(i), "dossier",
                                 {{"on_time", B(std::bernoulli_distribution(0.85)(rng))}}));
    }
    for (int i = 0; i < 4; ++i) {
      base.records.push_back(Rec("R" + std::to_string(i), "report",
                                 {{"late", B(std::bernoulli_distribution(0.3)(rng))}}));
      base.records.push_back(
          Rec("T" + std::to_string(i), "task",
              {{"status", S(std::bernoulli_distribution(0.6)(rng) ? "done" : "open")}}));
    }
    if (std::bernoulli_distribution(0.5)(rng)) {
      base.records.push_back(
          Rec("P0", "plan", {{"topic", S("cchc")}, {"issued", D("2026-02-10")}}));
    }
    WhatIf whatif(c->plan(), base);
    // Only on-time additions: on-time dossiers, on-time reports, a plan
    // issued before the deadline, tasks marked done.
    std::vector<Effect> effects;
    const int k = std::uniform_int_distribution<int>(1, 6)(rng);
    for (int j = 0; j < k; ++j) {
      Effect e;
      switch (std::uniform_int_distribution<int>(0, 3)(rng)) {
        case 0:
          e.op = Effect::Op::kAdd;
          e.record = Rec("ND" + std::to_string(j), "dossier", {{"on_time", B(true)}});
          break;
        case 1:
          e.op = Effect::Op::kAdd;
          e.record = Rec("NR" + std::to_string(j), "report", {{"late", B(false)}});
          break;
        case 2:
          e.op = Effect::Op::kAdd;
          e.record = Rec("NP" + std::to_string(j), "plan",
                         {{"topic", S("cchc")}, {"issued", D("2026-01-15")}});
          break;
        default:
          e.op = Effect::Op::kSet;
          e.id = "T" + std::to_string(std::uniform_int_distribution<int>(0, 3)(rng));
          e.record.fields = {{"status", S("done")}};
          break;
      }
      effects.push_back(std::move(e));
    }
    Scorecard after = whatif.Apply(effects, nullptr);
    const Scorecard& before = whatif.base_card();
    for (size_t i = 0; i < before.items.size(); ++i) {
      EXPECT_GE(after.items[i].points, before.items[i].points - 1e-12)
          << "round " << round << " item " << c->plan().items()[i].item->code << ": "
          << ExplainItem(c->plan(), before.items[i], Lang::kEn) << " -> "
          << ExplainItem(c->plan(), after.items[i], Lang::kEn);
    }
    EXPECT_GE(after.percent, before.percent - 1e-12) << "round " << round;
  }
}

TEST(Monotonicity, IncrementalRescoreEqualsFullScore) {
  auto c = Compile(kCriteria);
  Evidence base;
  for (int i = 0; i < 10; ++i)
    base.records.push_back(Rec("D" + std::to_string(i), "dossier", {{"on_time", B(i % 4 != 0)}}));
  base.records.push_back(Rec("T0", "task", {{"status", S("open")}}));
  WhatIf whatif(c->plan(), base);
  std::vector<Effect> effects(2);
  effects[0].op = Effect::Op::kAdd;
  effects[0].record = Rec("D99", "dossier", {{"on_time", B(true)}});
  effects[1].op = Effect::Op::kSet;
  effects[1].id = "T0";
  effects[1].record.fields = {{"status", S("done")}};
  Scorecard incremental = whatif.Apply(effects, nullptr);
  Evidence edited = base;
  edited.records.push_back(effects[0].record);
  edited.records[10].Set("status", S("done"));
  Scorecard full = ScoreAll(*c, edited);
  ASSERT_EQ(incremental.items.size(), full.items.size());
  for (size_t i = 0; i < full.items.size(); ++i) {
    EXPECT_EQ(incremental.items[i].points, full.items[i].points);
    EXPECT_EQ(incremental.items[i].status, full.items[i].status);
  }
  EXPECT_EQ(incremental.percent, full.percent);
}

}  // namespace
}  // namespace cchc::testutil::monotonicity_test
