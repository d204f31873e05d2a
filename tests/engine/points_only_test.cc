// Points-only scoring (no explanation, evidence ids or unmatched list)
// gives every item the same status, points, max and branch as explained
// scoring, on the example commune and on 60 synthetic ones.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "cli/commands/load.h"
#include "engine/core/evidence_index.h"
#include "engine/core/scorer.h"
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

}  // namespace
}  // namespace cchc::points_only_test
