// Local sensitivity: distances to the next threshold exactly at the boundary
// (94 of 100 on time under a >= 95 % band is one dossier; a plan issued 9
// days late is 9 days earlier; one more record for a count tier), points
// lost, tornado moves, and readable step descriptions.
#include "engine/analysis/sensitivity.h"

#include "engine/render/analysis.h"
#include "tests/engine/engine_test_util.h"

namespace cchc::testutil::sensitivity_test {
namespace {

const char* kCriteria = R"(
index "T" {
  year 2026
  total 10
  bands { "A" >= 85%  "B" >= 65%  "C" else }
}
record stats { received: count  on_time: count  mean: number }
record doc { topic: string }
record dialogue { held: date }

area 1 "Area" max 10 {
  criterion 1.1 "Crit" max 10 {
    item 1.1.1 "Steps" max 4 {
      let s = latest(records kind "stats")
      let r = ratio(s.on_time, s.received)
      score bands r { >= 100%: 4  >= 95%: 3  >= 90%: 2  >= 80%: 1  else: 0 }
    }
    item 1.1.2 "Deadline" max 2 {
      let d = latest(records kind "doc" where topic = "plan")
      score deadline d.issued by 2026-01-31 { on time: 2  late: 1  missing: 0 }
    }
    item 1.1.3 "Dialogues" max 2 {
      score count count(records kind "dialogue") { >= 2: 2  >= 1: 1  else: 0 }
      evidence optional
    }
    item 1.1.4 "Likert" max 2 {
      assessed by survey
      score likert value(records kind "stats", mean) of 5
    }
  }
}
)";

Evidence BaseEvidence() {
  Evidence ev;
  ev.year = 2026;
  ev.records = {Rec("S", "stats", {{"received", N(100)}, {"on_time", N(94)}, {"mean", N(3.9)}}),
                Rec("PLAN", "doc", {{"topic", S("plan")}, {"issued", D("2026-02-09")}}),
                Rec("DT-1", "dialogue", {{"held", D("2026-06-01")}})};
  return ev;
}

const InputSensitivity* Find(const SensitivityReport& r, const std::string& record,
                             const std::string& field) {
  for (const InputSensitivity& s : r.inputs) {
    if (s.input.record_id == record && s.input.field == field) return &s;
  }
  return nullptr;
}

TEST(Sensitivity, DistancesExactlyAtTheBoundary) {
  auto c = Compile(kCriteria);
  Evidence ev = BaseEvidence();
  WhatIf w(c->plan(), ev);
  SensitivityReport r = AnalyzeSensitivity(w);

  // 94 / 100 -> 95 / 100 reaches >= 95 %: one more dossier, +1 point = +10 pp.
  const InputSensitivity* on_time = Find(r, "S", "on_time");
  ASSERT_NE(on_time, nullptr);
  EXPECT_EQ(on_time->input.kind, InputKind::kCount);
  ASSERT_TRUE(on_time->up.has_value());
  EXPECT_DOUBLE_EQ(on_time->up->delta, 1);
  EXPECT_DOUBLE_EQ(on_time->up->to, 95);
  EXPECT_DOUBLE_EQ(on_time->up->gain, 10);
  EXPECT_EQ(on_time->up->item, "1.1.1");
  EXPECT_EQ(DescribeStep(on_time->input, *on_time->up, Lang::kEn), "1 more on_time in S (94 → 95)");
  EXPECT_EQ(DescribeStep(on_time->input, *on_time->up, Lang::kVi),
            "tăng S.on_time thêm 1 (94 → 95)");
  EXPECT_FALSE(on_time->down.has_value());  // fewer on time never helps

  // The denominator: 100 -> 98 would give 94 / 98 = 95.9 % (>= 95 %), but
  // receiving fewer dossiers is not advice: counts only move up.
  const InputSensitivity* received = Find(r, "S", "received");
  ASSERT_NE(received, nullptr);
  EXPECT_FALSE(received->down.has_value());

  // Issued 2026-02-09, deadline 2026-01-31: 9 days earlier.
  const InputSensitivity* issued = Find(r, "PLAN", "issued");
  ASSERT_NE(issued, nullptr);
  EXPECT_EQ(issued->input.kind, InputKind::kDate);
  ASSERT_TRUE(issued->down.has_value());
  EXPECT_DOUBLE_EQ(issued->down->delta, -9);
  EXPECT_DOUBLE_EQ(issued->down->gain, 10);
  EXPECT_EQ(issued->down->branch_before, "late");
  EXPECT_EQ(DescribeStep(issued->input, *issued->down, Lang::kEn),
            "PLAN.issued 9 days earlier (2026-02-09 → 2026-01-31)");
  EXPECT_FALSE(issued->up.has_value());

  // One dialogue -> the >= 2 tier needs 1 more record.
  const InputSensitivity* dialogues = nullptr;
  for (const InputSensitivity& s : r.inputs) {
    if (s.input.kind == InputKind::kRecordCount && s.input.record_kind == "dialogue")
      dialogues = &s;
  }
  ASSERT_NE(dialogues, nullptr);
  ASSERT_TRUE(dialogues->up.has_value());
  EXPECT_DOUBLE_EQ(dialogues->up->delta, 1);
  EXPECT_EQ(DescribeStep(dialogues->input, *dialogues->up, Lang::kEn),
            "1 more \"dialogue\" record (1 → 2)");
  EXPECT_FALSE(dialogues->down.has_value());  // deleting evidence is not advice

  // A Likert mean 3.9 of 5 is proportional; full points at exactly 5.
  const InputSensitivity* mean = Find(r, "S", "mean");
  ASSERT_NE(mean, nullptr);
  ASSERT_TRUE(mean->up.has_value());
  EXPECT_NEAR(mean->up->to, 5.0, 1e-9);
  EXPECT_NEAR(mean->up->gain, 1.1 / 5 * 2 * 10, 1e-9);
}

TEST(Sensitivity, PointsLostLargestFirstAndTornado) {
  auto c = Compile(kCriteria);
  Evidence ev = BaseEvidence();
  WhatIf w(c->plan(), ev);
  SensitivityReport r = AnalyzeSensitivity(w);
  // Lost: 1.1.1 2, 1.1.2 1, 1.1.3 1, 1.1.4 2 - 1.56 = 0.44.
  ASSERT_EQ(r.points_lost.size(), 4u);
  EXPECT_DOUBLE_EQ(r.points_lost[0]->lost(), 2);
  EXPECT_EQ(c->plan().items()[static_cast<size_t>(r.points_lost[0]->index)].item->code, "1.1.1");
  EXPECT_NEAR(r.points_lost[3]->lost(), 0.44, 1e-9);
  // Tornado: +10 % of on_time (94 -> 103.4 of 100, capped ratio) crosses 95 % and 100 %.
  const InputSensitivity* on_time = Find(r, "S", "on_time");
  ASSERT_NE(on_time, nullptr);
  EXPECT_DOUBLE_EQ(on_time->tornado_plus, 20);
  EXPECT_DOUBLE_EQ(on_time->tornado_minus, -10);  // 84.6 %: >= 80 % -> 1 point
  // Sorted by effect, largest first.
  for (size_t i = 1; i < r.inputs.size(); ++i) {
    auto effect = [](const InputSensitivity& s) {
      double e = s.tornado_span();
      if (s.up) e = std::max(e, s.up->gain);
      if (s.down) e = std::max(e, s.down->gain);
      return e;
    };
    EXPECT_GE(effect(r.inputs[i - 1]), effect(r.inputs[i]) - 1e-12);
  }
}

}  // namespace
}  // namespace cchc::testutil::sensitivity_test

namespace cchc::testutil::sensitivity_test {
namespace {

// Large evidence: the number of inputs analysed is capped, and the inputs of
// items that lost points are the ones kept, even when an item that is
// already full comes first.
TEST(Sensitivity, InputsAreCappedKeepingThoseOfItemsThatLostPoints) {
  auto c = Compile(R"(
index "T" { total 4 bands { "A" >= 50%  "B" else } }
record dialogue { participants: count }
record stats { received: count  on_time: count }
area 1 "A" max 4 { criterion 1.1 "C" max 4 {
  item 1.1.1 "Full" max 2 {
    score count sum(records kind "dialogue", participants) { >= 10: 2  else: 0 }
  }
  item 1.1.2 "Losing" max 2 {
    let s = latest(records kind "stats")
    score bands ratio(s.on_time, s.received) { >= 100%: 2  >= 80%: 1  else: 0 }
    when no cases: zero
  }
} })");
  Evidence ev;
  for (int i = 0; i < 20; ++i) {
    ev.records.push_back(Rec("D" + std::to_string(i), "dialogue", {{"participants", N(30)}}));
  }
  ev.records.push_back(Rec("S", "stats", {{"received", N(100)}, {"on_time", N(90)}}));
  WhatIf w(c->plan(), ev);
  SensitivityReport capped = AnalyzeSensitivity(w, 100000, /*max_inputs=*/3);
  EXPECT_EQ(capped.inputs_found,
            20u + 1 + 2 + 1);  // participants x20, dialogue count, 2 stats fields, stats count
  ASSERT_EQ(capped.inputs.size(), 3u);
  for (const InputSensitivity& s : capped.inputs) {
    EXPECT_EQ(s.input.items, std::vector<std::string>{"1.1.2"})
        << s.input.record_id << "." << s.input.field;
  }
}

}  // namespace
}  // namespace cchc::testutil::sensitivity_test
