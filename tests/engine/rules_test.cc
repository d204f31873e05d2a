// Hand-computed scores for every rule kind at its edges: exactly at a
// threshold, just below, missing evidence, zero denominator under each
// policy, not applicable, and caps.
#include <cmath>

#include "criteria/checker.h"
#include "criteria/parser.h"
#include "engine/render/explain.h"
#include "tests/engine/engine_test_util.h"

namespace cchc::testutil::rules_test {
namespace {

// One item per rule kind. Area maxima add up so the file checks clean.
const char* kCriteria = R"(
index "Test" {
  year 2026
  total 30
  bands { "A" >= 90%  "B" >= 80%  "C" else }
}
record plan { topic: string }
record stats { received: count  on_time: count  online: count  score: number  sipas: percent  mean: number }
record dialogue { held: date }
record report { late: bool }
record checklist { met: count }
record flag { done: bool  level: string  points: number }
record case { verified: bool }

area 1 "Rules" max 30 {
  criterion 1.1 "Deadlines and bands" max 12 {
    item 1.1.1 "Deadline" max 1 {
      let plan = latest(records kind "plan" where topic = "cchc")
      score deadline plan.issued by 2026-01-31 { on time: 1  late: 0.5  missing: 0 }
    }
    item 1.1.2 "Steps" max 4 {
      let s = latest(records kind "stats")
      let r = ratio(s.on_time, s.received)
      score bands r { >= 100%: 4  >= 95%: 3  >= 90%: 2  >= 80%: 1  else: 0 }
      when no cases: full
    }
    item 1.1.3 "Proportional" max 2 {
      let s = latest(records kind "stats")
      let r = ratio(s.on_time, s.received)
      score bands r { >= 100%: 2  >= 80%: r * max  else: 0 }
      when no cases: zero
    }
    item 1.1.4 "Linear" max 2.5 {
      let s = latest(records kind "stats")
      let r = ratio(s.online, s.received)
      score linear r target 80%
      when no cases: not applicable
    }
    item 1.1.5 "Count tiers" max 1 {
      score count count(records kind "dialogue") { >= 2: 1  >= 1: 0.5  else: 0 }
      evidence optional
    }
    item 1.1.6 "Deduct" max 1.5 {
      let reports = records kind "report"
      score deduct count(reports where late) each 0.25 floor 0.5
    }
  }
  criterion 1.2 "Others" max 18 {
    item 1.2.1 "Boolean" max 1 {
      score boolean value(records kind "flag", done)
    }
    item 1.2.2 "Checklist" max 1 {
      score checklist value(records kind "checklist", met) of 5
    }
    item 1.2.3 "Scaled" max 2 {
      score scaled value(records kind "stats", score) of 100
    }
    item 1.2.4 "Percent" max 4 {
      assessed by survey
      score percent value(records kind "stats", sipas)
    }
    item 1.2.5 "Likert" max 3 {
      assessed by survey
      score likert value(records kind "stats", mean) of 5
    }
    item 1.2.6 "Levels" max 2 {
      score levels value(records kind "flag", level) { "xuất sắc": max  "tốt": 0.75 * max  "hoàn thành": 0.5 * max  else: 0 }
    }
    item 1.2.7 "Manual" max 1.5 {
      score manual value(records kind "flag", points)
    }
    item 1.2.8 "Not applicable" max 3.5 {
      let cases = records kind "case"
      not applicable when count(cases) = 0
      score bands ratio(count(cases where verified), count(cases)) { >= 100%: 3.5  else: 0 }
      when no cases: zero
    }
  }
}
bonus "Bonus" cap 1 {
  item T1 "Initiatives" max 2 {
    score per count(records kind "dialogue") each 0.75
    evidence optional
  }
}
penalty "Penalty" cap 0.5 {
  item P1 "Late reports" max 3 {
    score per count(records kind "report" where late) each 0.25
    evidence optional
  }
}
)";

class RulesTest : public ::testing::Test {
 protected:
  void SetUp() override { c_ = Compile(kCriteria); }

  // Scores `records` and returns the item.
  ItemScore Score(const std::string& code, std::vector<Record> records) {
    Evidence ev;
    ev.unit = {"T", "Test", "P"};
    ev.records = std::move(records);
    card_ = ScoreAll(*c_, ev);
    return ItemOf(*c_, card_, code);
  }
  std::string Explain(const ItemScore& s) const { return ExplainItem(c_->plan(), s, Lang::kEn); }

  static Record Stats(double received, double on_time, double online = 0) {
    return Rec("S", "stats",
               {{"received", N(received)}, {"on_time", N(on_time)}, {"online", N(online)}});
  }

  std::unique_ptr<const CompiledCriteria> c_;
  Scorecard card_;
};

TEST_F(RulesTest, DeadlineOnTimeExactlyAtDeadline) {
  ItemScore s =
      Score("1.1.1", {Rec("KH", "plan", {{"topic", S("cchc")}, {"issued", D("2026-01-31")}})});
  EXPECT_EQ(s.status, ItemStatus::kScored);
  EXPECT_DOUBLE_EQ(s.points, 1.0);
  EXPECT_EQ(s.branch, "on time");
  EXPECT_EQ(s.evidence, std::vector<std::string>{"KH"});
}

TEST_F(RulesTest, DeadlineOneDayLate) {
  ItemScore s =
      Score("1.1.1", {Rec("KH", "plan", {{"topic", S("cchc")}, {"issued", D("2026-02-01")}})});
  EXPECT_DOUBLE_EQ(s.points, 0.5);
  EXPECT_EQ(s.branch, "late");
  EXPECT_NE(Explain(s).find("1 day(s) after"), std::string::npos) << Explain(s);
}

TEST_F(RulesTest, DeadlineRecordWithoutDateTakesMissingBranch) {
  ItemScore s = Score("1.1.1", {Rec("KH", "plan", {{"topic", S("cchc")}})});
  EXPECT_EQ(s.status, ItemStatus::kScored);
  EXPECT_DOUBLE_EQ(s.points, 0.0);
  EXPECT_EQ(s.branch, "missing");
}

TEST_F(RulesTest, NoRecordIsMissingEvidence) {
  ItemScore s =
      Score("1.1.1", {Rec("KH", "plan", {{"topic", S("other")}, {"issued", D("2026-01-01")}})});
  EXPECT_EQ(s.status, ItemStatus::kMissingEvidence);
  EXPECT_DOUBLE_EQ(s.points, 0.0);
  EXPECT_DOUBLE_EQ(s.lost(), 1.0);
}

TEST_F(RulesTest, AcceptedExplanationPassesTheGate) {
  ItemScore s =
      Score("1.1.1", {Rec("GT", "explanation", {{"item", S("1.1.1")}, {"accepted", B(true)}})});
  EXPECT_EQ(s.status, ItemStatus::kScored);
  EXPECT_EQ(s.branch, "missing");  // explained, but the plan itself is missing
  ItemScore refused =
      Score("1.1.1", {Rec("GT", "explanation", {{"item", S("1.1.1")}, {"accepted", B(false)}})});
  EXPECT_EQ(refused.status, ItemStatus::kMissingEvidence);
}

TEST_F(RulesTest, BandsExactlyAtThresholdAndJustBelow) {
  EXPECT_DOUBLE_EQ(Score("1.1.2", {Stats(100, 95)}).points, 3.0);      // exactly 95 %
  EXPECT_DOUBLE_EQ(Score("1.1.2", {Stats(10000, 9499)}).points, 2.0);  // 94.99 %
  EXPECT_DOUBLE_EQ(Score("1.1.2", {Stats(100, 100)}).points, 4.0);
  EXPECT_DOUBLE_EQ(Score("1.1.2", {Stats(100, 79)}).points, 0.0);
  ItemScore s = Score("1.1.2", {Stats(1251, 1204)});
  EXPECT_DOUBLE_EQ(s.points, 3.0);
  EXPECT_EQ(s.branch, ">= 95%");
  EXPECT_NE(Explain(s).find("96.24 % (1204 of 1251)"), std::string::npos) << Explain(s);
}

TEST_F(RulesTest, ProportionalBand) {
  EXPECT_DOUBLE_EQ(Score("1.1.3", {Stats(100, 90)}).points, 0.9 * 2);
  EXPECT_DOUBLE_EQ(Score("1.1.3", {Stats(100, 80)}).points, 0.8 * 2);
  EXPECT_DOUBLE_EQ(Score("1.1.3", {Stats(1000, 799)}).points, 0.0);
}

TEST_F(RulesTest, ZeroDenominatorUnderEachPolicy) {
  ItemScore full = Score("1.1.2", {Stats(0, 0)});
  EXPECT_EQ(full.status, ItemStatus::kScored);
  EXPECT_DOUBLE_EQ(full.points, 4.0);
  EXPECT_EQ(full.branch, "no cases: full");
  ItemScore zero = Score("1.1.3", {Stats(0, 0)});
  EXPECT_DOUBLE_EQ(zero.points, 0.0);
  EXPECT_EQ(zero.branch, "no cases: zero");
  ItemScore na = Score("1.1.4", {Stats(0, 0)});
  EXPECT_EQ(na.status, ItemStatus::kNotApplicable);
  EXPECT_DOUBLE_EQ(na.max, 0.0);
}

TEST_F(RulesTest, ZeroDenominatorWithoutPolicyIsAnError) {
  // The checker rejects this text; the plan is built from the parsed tree
  // anyway, to show that evaluation still fails safely (an error status with
  // a reason, no score) when a rule has no `when no cases` policy.
  const SourceFile src("test.cchc", R"(
record s { a: count  b: count }
area 1 "A" max 1 { criterion 1.1 "C" max 1 { item 1.1.1 "I" max 1 {
  score bands ratio(value(records kind "s", a), value(records kind "s", b)) { >= 50%: 1  else: 0 }
} } })");
  const ParseResult parsed = ParseCriteria(src);
  ASSERT_TRUE(parsed.ok()) << RenderAll(src, parsed.diagnostics);
  ASSERT_FALSE(CheckCriteria(parsed.criteria).ok());
  const Plan plan(parsed.criteria, src.text());
  Evidence ev;
  ev.records = {Rec("X", "s", {{"a", N(0)}, {"b", N(0)}})};
  const EvidenceIndex index(plan, ev);
  Scorecard card = Scorer(plan).Score(index);
  EXPECT_EQ(card.items[0].status, ItemStatus::kError);
  EXPECT_NE(ExplainItem(plan, card.items[0], Lang::kEn).find("no 'when no cases' policy"),
            std::string::npos)
      << ExplainItem(plan, card.items[0], Lang::kEn);
}

TEST_F(RulesTest, LinearAtAboveAndBelowTarget) {
  EXPECT_DOUBLE_EQ(Score("1.1.4", {Stats(100, 0, 80)}).points, 2.5);
  EXPECT_DOUBLE_EQ(Score("1.1.4", {Stats(100, 0, 95)}).points, 2.5);
  EXPECT_DOUBLE_EQ(Score("1.1.4", {Stats(100, 0, 40)}).points, 1.25);
  EXPECT_DOUBLE_EQ(Score("1.1.4", {Stats(100, 0, 0)}).points, 0.0);
}

TEST_F(RulesTest, CountTiers) {
  Record d1 = Rec("D1", "dialogue"), d2 = Rec("D2", "dialogue");
  EXPECT_DOUBLE_EQ(Score("1.1.5", {d1, d2}).points, 1.0);
  EXPECT_DOUBLE_EQ(Score("1.1.5", {d1}).points, 0.5);
  EXPECT_DOUBLE_EQ(Score("1.1.5", {}).points, 0.0);
  EXPECT_EQ(Score("1.1.5", {}).status, ItemStatus::kScored);  // evidence optional
}

TEST_F(RulesTest, DeductPerCaseWithFloor) {
  auto report = [](const char* id, bool late) { return Rec(id, "report", {{"late", B(late)}}); };
  EXPECT_DOUBLE_EQ(Score("1.1.6", {report("R1", false)}).points, 1.5);
  EXPECT_DOUBLE_EQ(Score("1.1.6", {report("R1", true), report("R2", true)}).points, 1.0);
  ItemScore floored = Score("1.1.6", {report("R1", true), report("R2", true), report("R3", true),
                                      report("R4", true), report("R5", true)});
  EXPECT_DOUBLE_EQ(floored.points, 0.5);
  EXPECT_EQ(floored.branch, "floor");
}

TEST_F(RulesTest, BooleanYesNoMissing) {
  EXPECT_DOUBLE_EQ(Score("1.2.1", {Rec("F", "flag", {{"done", B(true)}})}).points, 1.0);
  EXPECT_DOUBLE_EQ(Score("1.2.1", {Rec("F", "flag", {{"done", B(false)}})}).points, 0.0);
  ItemScore missing = Score("1.2.1", {Rec("F", "flag")});
  EXPECT_DOUBLE_EQ(missing.points, 0.0);
  EXPECT_EQ(missing.branch, "no");
}

TEST_F(RulesTest, ChecklistFraction) {
  EXPECT_DOUBLE_EQ(Score("1.2.2", {Rec("C", "checklist", {{"met", N(4)}})}).points, 0.8);
  EXPECT_DOUBLE_EQ(Score("1.2.2", {Rec("C", "checklist", {{"met", N(7)}})}).points, 1.0);
}

TEST_F(RulesTest, ScaledPercentLikert) {
  EXPECT_DOUBLE_EQ(Score("1.2.3", {Rec("X", "stats", {{"score", N(82.5)}})}).points, 1.65);
  EXPECT_DOUBLE_EQ(Score("1.2.3", {Rec("X", "stats", {{"score", N(120)}})}).points, 2.0);
  EXPECT_NEAR(Score("1.2.4", {Rec("X", "stats", {{"sipas", P(0.853)}})}).points, 0.853 * 4, 1e-12);
  EXPECT_NEAR(Score("1.2.5", {Rec("X", "stats", {{"mean", N(4.1)}})}).points, 4.1 / 5 * 3, 1e-12);
  // Survey items need no evidence: a missing survey scores 0, not missing_evidence.
  ItemScore none = Score("1.2.4", {});
  EXPECT_EQ(none.status, ItemStatus::kScored);
  EXPECT_DOUBLE_EQ(none.points, 0.0);
}

TEST_F(RulesTest, GradedLevels) {
  EXPECT_DOUBLE_EQ(Score("1.2.6", {Rec("F", "flag", {{"level", S("xuất sắc")}})}).points, 2.0);
  EXPECT_DOUBLE_EQ(Score("1.2.6", {Rec("F", "flag", {{"level", S("tốt")}})}).points, 1.5);
  EXPECT_DOUBLE_EQ(Score("1.2.6", {Rec("F", "flag", {{"level", S("kém")}})}).points, 0.0);
}

TEST_F(RulesTest, ManualClampedToMax) {
  EXPECT_DOUBLE_EQ(Score("1.2.7", {Rec("F", "flag", {{"points", N(1.2)}})}).points, 1.2);
  EXPECT_DOUBLE_EQ(Score("1.2.7", {Rec("F", "flag", {{"points", N(9)}})}).points, 1.5);
  EXPECT_DOUBLE_EQ(Score("1.2.7", {Rec("F", "flag", {{"points", N(-1)}})}).points, 0.0);
}

TEST_F(RulesTest, NotApplicableRemovesMaxAndRescales) {
  Score("1.2.8", {});
  const ItemScore& na = ItemOf(*c_, card_, "1.2.8");
  EXPECT_EQ(na.status, ItemStatus::kNotApplicable);
  // 30 max minus 3.5 (N/A) = 26.5; 1.1.4 has no stats record at all, so it
  // is missing evidence (counted in the max), not "no cases".
  EXPECT_EQ(ItemOf(*c_, card_, "1.1.4").status, ItemStatus::kMissingEvidence);
  EXPECT_DOUBLE_EQ(card_.max, 26.5);
  EXPECT_DOUBLE_EQ(card_.declared_max, 30.0);
  EXPECT_NEAR(card_.percent, card_.points / 26.5 * 100.0, 1e-12);
  // With stats showing zero dossiers, 1.1.4 is "no cases -> not applicable".
  Score("1.2.8", {Stats(0, 0)});
  EXPECT_DOUBLE_EQ(card_.max, 24.0);
}

TEST_F(RulesTest, BonusAndPenaltyCaps) {
  // Two dialogues: bonus 1.5 raw, capped at 1. Three late reports: penalty
  // 0.75 raw, capped at 0.5.
  Score("T1",
        {Rec("D1", "dialogue"), Rec("D2", "dialogue"), Rec("R1", "report", {{"late", B(true)}}),
         Rec("R2", "report", {{"late", B(true)}}), Rec("R3", "report", {{"late", B(true)}})});
  EXPECT_DOUBLE_EQ(card_.bonus.raw, 1.5);
  EXPECT_DOUBLE_EQ(card_.bonus.points, 1.0);
  EXPECT_DOUBLE_EQ(card_.penalty.raw, 0.75);
  EXPECT_DOUBLE_EQ(card_.penalty.points, 0.5);
  EXPECT_NEAR(card_.percent, (card_.points + 1.0 - 0.5) / card_.max * 100.0, 1e-12);
}

TEST_F(RulesTest, BandOfIndexAtExactThreshold) {
  IndexMeta meta = c_->criteria().index;
  EXPECT_EQ(BandOf(meta, 90.0), "A");
  EXPECT_EQ(BandOf(meta, 89.999), "B");
  EXPECT_EQ(BandOf(meta, 80.0), "B");
  EXPECT_EQ(BandOf(meta, 0.0), "C");
}

TEST_F(RulesTest, UnmatchedRecordsAreListed) {
  Score("1.1.1", {Rec("KH", "plan", {{"topic", S("cchc")}, {"issued", D("2026-01-10")}}),
                  Rec("X1", "plan", {{"topic", S("other")}}), Rec("Y1", "mystery")});
  EXPECT_EQ(card_.unmatched, (std::vector<std::string>{"X1", "Y1"}));
}

}  // namespace
}  // namespace cchc::testutil::rules_test

namespace cchc::testutil::rules_test {
namespace {

TEST(DateArithmetic, DeadlineRelativeToAsOf) {
  auto c = Compile(R"(
index "T" { total 1 bands { "A" else } }
record report { submitted: date }
area 1 "A" max 1 { criterion 1.1 "C" max 1 { item 1.1.1 "I" max 1 {
  let r = latest(records kind "report", submitted)
  score deadline r.submitted by as_of - 30 { on time: 1  late: 0.5  missing: 0 }
} } })");
  Evidence ev;
  ev.as_of = ParseIsoDate("2026-11-30");
  ev.records = {Rec("R1", "report", {{"submitted", D("2026-10-31")}})};
  EXPECT_DOUBLE_EQ(ScoreAll(*c, ev).items[0].points, 1.0);  // exactly 30 days before
  ev.records = {Rec("R1", "report", {{"submitted", D("2026-11-01")}})};
  EXPECT_DOUBLE_EQ(ScoreAll(*c, ev).items[0].points, 0.5);
  ev.as_of.reset();  // no as-of date: the deadline is missing, an error
  EXPECT_EQ(ScoreAll(*c, ev).items[0].status, ItemStatus::kError);
}

}  // namespace
}  // namespace cchc::testutil::rules_test
