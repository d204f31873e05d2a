// Points-only scoring (no explanation, evidence ids or unmatched list)
// gives every item the same status, points, max and branch as explained
// scoring, on the example commune and on 60 synthetic ones; a scorecard
// reused from commune to commune (as batch workers do) ends as a fresh one.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "cli/commands/load.h"
#include "engine/core/evidence_index.h"
#include "engine/core/scorer.h"
#include "engine/render/score.h"
#include "engine/synth/synth.h"

namespace cchc::points_only_test {
namespace {

const std::string kSrc = CCHC_SOURCE_DIR;

struct Example {
  std::unique_ptr<const CompiledCriteria> criteria;
  Evidence evidence;
};

const Example& Load() {
  static Example* e = [] {
    auto* x = new Example;
    std::ostringstream err;
    x->criteria = LoadCriteria(kSrc + "/examples/thai-nguyen-2026/criteria.cchc", err);
    EXPECT_TRUE(x->criteria) << err.str();
    EXPECT_TRUE(LoadEvidence(kSrc + "/examples/an-khanh-2026/evidence.json",
                             x->criteria->criteria(), &x->evidence, err))
        << err.str();
    return x;
  }();
  return *e;
}

void ExpectSameScores(const Plan& plan, const Evidence& evidence) {
  EvidenceIndex index(plan, evidence);
  Scorer explained(plan), quick(plan);
  quick.set_explain(false);
  const Scorecard a = explained.Score(index);
  const Scorecard b = quick.Score(index);
  ASSERT_EQ(a.items.size(), b.items.size());
  for (size_t i = 0; i < a.items.size(); ++i) {
    const ItemScore& x = a.items[i];
    const ItemScore& y = b.items[i];
    EXPECT_EQ(x.status, y.status) << evidence.unit.code << " item " << i;
    EXPECT_EQ(x.points, y.points) << evidence.unit.code << " item " << i;
    EXPECT_EQ(x.max, y.max) << evidence.unit.code << " item " << i;
    EXPECT_EQ(x.branch, y.branch) << evidence.unit.code << " item " << i;
    EXPECT_EQ(x.appraised, y.appraised) << evidence.unit.code << " item " << i;
    EXPECT_TRUE(y.why.kind == Explanation::Kind::kNone || y.status == ItemStatus::kError);
    EXPECT_TRUE(y.evidence.empty());
  }
  EXPECT_EQ(a.percent, b.percent);
  EXPECT_EQ(a.band, b.band);
  EXPECT_EQ(a.appraised_percent, b.appraised_percent);
  EXPECT_TRUE(b.unmatched.empty());
}

TEST(PointsOnly, ExampleScoresAsExplained) {
  const Example& ex = Load();
  ExpectSameScores(ex.criteria->plan(), ex.evidence);
  // The example has explained items, evidence ids and unmatched records: the
  // comparison above is not vacuous.
  EvidenceIndex index(ex.criteria->plan(), ex.evidence);
  Scorer explained(ex.criteria->plan());
  const Scorecard card = explained.Score(index);
  size_t with_evidence = 0;
  for (const ItemScore& s : card.items) with_evidence += !s.evidence.empty();
  EXPECT_GT(with_evidence, 10u);
}

TEST(PointsOnly, SyntheticCommunesScoreAsExplained) {
  const Example& ex = Load();
  SynthConfig config;
  config.units = 60;
  config.seed = 14;
  int seen = 0;
  Synthesize(ex.criteria->plan(), ex.evidence, config, [&](const SynthUnit& u) {
    ExpectSameScores(ex.criteria->plan(), u.evidence);
    ++seen;
  });
  EXPECT_EQ(seen, 60);
}

// Scorer::ScoreInto over a card that held another commune gives what
// Score gives: the JSON (every explanation, evidence id, appraisal, note and
// the unmatched list) and the unrounded numbers. The sequence goes from
// communes with appraisals and explanations to one with neither and back,
// so that anything left over from the previous commune would show.
TEST(PointsOnly, AReusedCardEqualsAFreshOne) {
  const Example& ex = Load();
  const Plan& plan = ex.criteria->plan();
  std::vector<Evidence> communes{ex.evidence};
  SynthConfig config;
  config.units = 8;
  config.seed = 3;
  Synthesize(plan, ex.evidence, config,
             [&](const SynthUnit& u) { communes.push_back(u.evidence); });
  Evidence bare;  // no records, no appraisal
  bare.unit.code = "BARE";
  bare.year = ex.evidence.year;
  communes.push_back(bare);
  communes.push_back(ex.evidence);
  size_t appraised = 0;
  for (const Evidence& e : communes) appraised += !e.appraisals.empty();
  ASSERT_GE(appraised, 2u);
  RenderOptions options;
  options.precision = 12;
  for (const bool explain : {true, false}) {
    Scorer reused(plan), fresh(plan);
    reused.set_explain(explain);
    fresh.set_explain(explain);
    Scorecard card;
    for (size_t k = 0; k < communes.size(); ++k) {
      const std::string where = communes[k].unit.code + (explain ? " explained" : " points only") +
                                " #" + std::to_string(k);
      EvidenceIndex index(plan, communes[k]);
      reused.ScoreInto(index, &card);
      const Scorecard expected = fresh.Score(index);
      EXPECT_EQ(RenderScoreJson(plan, card, options), RenderScoreJson(plan, expected, options))
          << where;
      ASSERT_EQ(card.items.size(), expected.items.size()) << where;
      for (size_t i = 0; i < card.items.size(); ++i) {
        const ItemScore& x = card.items[i];
        const ItemScore& y = expected.items[i];
        EXPECT_EQ(x.status, y.status) << where << " item " << i;
        EXPECT_EQ(x.points, y.points) << where << " item " << i;
        EXPECT_EQ(x.branch, y.branch) << where << " item " << i;
        EXPECT_EQ(x.why.kind, y.why.kind) << where << " item " << i;
        EXPECT_EQ(x.why.error, y.why.error) << where << " item " << i;
        EXPECT_EQ(x.evidence, y.evidence) << where << " item " << i;
        EXPECT_EQ(x.appraised, y.appraised) << where << " item " << i;
        EXPECT_EQ(x.appraisal_note, y.appraisal_note) << where << " item " << i;
      }
      EXPECT_EQ(card.unit.code, expected.unit.code) << where;
      EXPECT_EQ(card.percent, expected.percent) << where;
      EXPECT_EQ(card.band, expected.band) << where;
      EXPECT_EQ(card.appraised_percent, expected.appraised_percent) << where;
      EXPECT_EQ(card.unmatched, expected.unmatched) << where;
      if (::testing::Test::HasFailure()) return;
    }
  }
}

}  // namespace
}  // namespace cchc::points_only_test
