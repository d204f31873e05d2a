// Compiled `where` conditions (a conjunction of comparisons of fields,
// `as_of` and literals, tested per record without evaluating nodes) select
// exactly what the evaluator selects: each item has a twin whose condition
// is written `(...) = true`, which is never compiled, and both must give the
// same status, points, branch, evidence and error over records with missing
// fields and values of the wrong type (`evidence optional`, so that an error
// is not hidden by the evidence gate).
#include <string>
#include <vector>

#include "engine/render/explain.h"
#include "tests/engine/engine_test_util.h"

namespace cchc::testutil::where_test {
namespace {

const char* kCriteria = R"(
index "Where" {
  year 2026
  total 80
  bands { "A" >= 90%  "B" else }
}
record task { status: string  due: date  done_on: date  plan: string  ok: bool  n: number }

area 1 "Compiled" max 40 {
  criterion 1.1 "Conditions" max 40 {
    item 1.1.1 "Field and literal" max 10 {
      score per count(records kind "task" where status = "done") each 1
      evidence optional
    }
    item 1.1.2 "Conjunction" max 10 {
      score per count(records kind "task" where status = "done" and done_on <= due) each 1
      evidence optional
    }
    item 1.1.3 "As of" max 10 {
      score per count(records kind "task" where due <= as_of and plan != "x" and ok = true) each 1
      evidence optional
    }
    item 1.1.4 "Id, kind, numbers" max 10 {
      score per count(records kind "task" where kind = "task" and id != "t1" and n >= 2 and "x" != plan) each 1
      evidence optional
    }
  }
}
area 2 "Evaluated" max 40 {
  criterion 2.1 "The same, never compiled" max 40 {
    item 2.1.1 "Field and literal" max 10 {
      score per count(records kind "task" where (status = "done") = true) each 1
      evidence optional
    }
    item 2.1.2 "Conjunction" max 10 {
      score per count(records kind "task" where (status = "done" and done_on <= due) = true) each 1
      evidence optional
    }
    item 2.1.3 "As of" max 10 {
      score per count(records kind "task" where (due <= as_of and plan != "x" and ok = true) = true) each 1
      evidence optional
    }
    item 2.1.4 "Id, kind, numbers" max 10 {
      score per count(records kind "task" where (kind = "task" and id != "t1" and n >= 2 and "x" != plan) = true) each 1
      evidence optional
    }
  }
}
)";

class WhereTest : public ::testing::Test {
 protected:
  void SetUp() override { c_ = Compile(kCriteria); }

  // Scores the records with and without explanations and checks each
  // compiled item against its twin.
  void ExpectTwinsAgree(std::vector<Record> records, bool with_as_of = true) {
    ASSERT_NE(c_, nullptr);
    Evidence ev;
    ev.unit = {"T", "Test", "P"};
    if (with_as_of) ev.as_of = ParseIsoDate("2026-06-30");
    ev.records = std::move(records);
    for (bool explain : {true, false}) {
      EvidenceIndex index(c_->plan(), ev);
      Scorer scorer(c_->plan());
      scorer.set_explain(explain);
      const Scorecard card = scorer.Score(index);
      for (int k = 1; k <= 4; ++k) {
        const std::string code = "1.1." + std::to_string(k);
        const std::string twin = "2.1." + std::to_string(k);
        const ItemScore& a = ItemOf(*c_, card, code);
        const ItemScore& b = ItemOf(*c_, card, twin);
        SCOPED_TRACE(code + (explain ? " explained" : " points-only"));
        EXPECT_EQ(a.status, b.status);
        EXPECT_DOUBLE_EQ(a.points, b.points);
        EXPECT_EQ(a.branch, b.branch);
        EXPECT_EQ(a.evidence, b.evidence);
        EXPECT_EQ(a.why.error, b.why.error);
        ++checked_;
      }
    }
  }

  std::unique_ptr<const CompiledCriteria> c_;
  int checked_ = 0;
};

TEST_F(WhereTest, WellTypedRecordsSelectTheSame) {
  ExpectTwinsAgree({
      Rec("t1", "task",
          {{"status", S("done")},
           {"due", D("2026-03-01")},
           {"done_on", D("2026-02-20")},
           {"plan", S("cchc")},
           {"ok", B(true)},
           {"n", N(3)}}),
      Rec("t2", "task",
          {{"status", S("done")},
           {"due", D("2026-03-01")},
           {"done_on", D("2026-03-02")},
           {"plan", S("x")},
           {"ok", B(true)},
           {"n", N(2)}}),
      Rec("t3", "task",
          {{"status", S("open")}, {"due", D("2026-09-01")}, {"plan", S("b")}, {"ok", B(false)}}),
      Rec("t4", "task",
          {{"status", S("done")},
           {"due", D("2026-01-01")},
           {"done_on", D("2026-01-01")},
           {"plan", S("dao_tao")},
           {"ok", B(true)},
           {"n", N(7)}}),
  });
  EXPECT_EQ(checked_, 8);
  const Scorecard card = ScoreAll(*c_, [] {
    Evidence ev;
    ev.as_of = ParseIsoDate("2026-06-30");
    ev.records = {Rec("t1", "task", {{"status", S("done")}})};
    return ev;
  }());
  EXPECT_DOUBLE_EQ(ItemOf(*c_, card, "1.1.1").points, 1.0);  // hand-computed
}

TEST_F(WhereTest, MissingFieldsAndNoAsOfSelectTheSame) {
  const std::vector<Record> records = {
      Rec("t1", "task", {{"due", D("2026-03-01")}}),
      Rec("t2", "task", {{"status", S("done")}, {"done_on", D("2026-02-01")}}),
      Rec("t3", "task", {{"status", S("done")}, {"due", D("2026-03-01")}, {"plan", S("z")}}),
      Rec("t4", "task", {{"n", N(5)}, {"plan", S("q")}}),
  };
  ExpectTwinsAgree(records);
  ExpectTwinsAgree(records, /*with_as_of=*/false);
}

TEST_F(WhereTest, ValuesOfTheWrongTypeGiveTheSameError) {
  // A text where a date is expected, a number where a text is, a text where
  // a yes/no is: the comparison is an error, said as the evaluator says it,
  // even after a missing conjunct.
  ExpectTwinsAgree({
      Rec("t1", "task",
          {{"status", N(1)},
           {"due", S("soon")},
           {"done_on", D("2026-01-01")},
           {"ok", S("yes")},
           {"n", S("two")},
           {"plan", N(4)}}),
      Rec("t2", "task", {{"status", S("done")}, {"due", D("2026-01-01")}, {"done_on", S("x")}}),
  });
  ExpectTwinsAgree({
      Rec("t1", "task", {{"due", D("2026-01-01")}, {"ok", N(1)}}),
      Rec("t2", "task", {{"status", S("done")}, {"done_on", N(3)}}),
  });
  Evidence ev;
  ev.records = {
      Rec("t1", "task", {{"status", S("done")}, {"due", S("soon")}, {"done_on", D("2026-01-01")}})};
  const Scorecard card = ScoreAll(*c_, ev);
  Scorer scorer(c_->plan());
  EvidenceIndex index(c_->plan(), ev);
  const Scorecard explained = scorer.Score(index);
  const ItemScore& s = ItemOf(*c_, explained, "1.1.2");
  EXPECT_EQ(s.status, ItemStatus::kError);
  EXPECT_EQ(s.why.error, "cannot compare 2026-01-01 with \"soon\"");
}

}  // namespace
}  // namespace cchc::testutil::where_test
