// Uncertainty: reproducibility, zero noise collapsing every interval onto the
// base, a hand-computed weight-noise sample, a dominant unit ranked [1, 1],
// each noise group moving only its items, band probabilities, and the Sobol
// estimators on analytic functions with known indices.
#include "engine/uncertainty/uncertainty.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "engine/batch/batch.h"
#include "engine/batch/ranking.h"
#include "engine/uncertainty/random.h"
#include "engine_test_util.h"

namespace cchc::uncertainty_test {
namespace {

using testutil::Compile;

// Two areas of max 5: I holds one self-assessed item (points = a), II one
// survey item (points = b); bonus of one self-assessed item (points = c).
const char* kCriteria = R"(index "Test" {
  province "P"
  year 2026
  total 10
  precision 2
  ties: shared
  bands {
    "A" >= 90%
    "B" >= 50%
    "C" else
  }
}
record fact "F" {
  a: number
  b: number
  c: number
}
area I "One" max 5 {
  criterion 1.1 "C" max 5 {
    item 1.1.1 "Self" max 5 {
      let f = latest(records kind "fact")
      score scaled f.a of 5
    }
  }
}
area II "Two" max 5 {
  criterion 2.1 "C" max 5 {
    item 2.1.1 "Survey" max 5 {
      assessed by survey
      let f = latest(records kind "fact")
      score scaled f.b of 5
    }
  }
}
bonus "Thưởng" cap 1 {
  item T.1 "Bonus" max 1 {
    let f = latest(records kind "fact")
    score scaled f.c of 1
  }
}
)";

std::string Unit(const std::string& code, double a, double b, double c = 0,
                 double appraised_a = -1) {
  std::string s = R"({"unit": {"code": ")" + code + R"(", "name": "Xã )" + code +
                  R"("}, "year": 2026, "records": [{"id": "f", "kind": "fact", "a": )" +
                  std::to_string(a) + R"(, "b": )" + std::to_string(b) + R"(, "c": )" +
                  std::to_string(c) + "}]";
  if (appraised_a >= 0) {
    s += R"(, "appraisal": [{"item": "1.1.1", "points": )" + std::to_string(appraised_a) + "}]";
  }
  return s + "}";
}

class MemoryInputs : public BatchInputs {
 public:
  explicit MemoryInputs(std::vector<std::string> texts) : texts_(std::move(texts)) {}
  size_t size() const override { return texts_.size(); }
  std::string Name(size_t i) const override { return "u" + std::to_string(i) + ".json"; }
  bool Read(size_t i, std::string*, std::string_view* text, std::string*) const override {
    *text = texts_[i];
    return true;
  }

 private:
  std::vector<std::string> texts_;
};

struct Fixture {
  std::unique_ptr<const CompiledCriteria> c = Compile(kCriteria);
  BatchResult batch;
  explicit Fixture(std::vector<std::string> units) {
    MemoryInputs inputs(std::move(units));
    batch = ScoreBatch(c->plan(), inputs, BatchConfig{});
    EXPECT_TRUE(batch.failed.empty());
  }
  UncertaintyResult Run(const UncertaintyConfig& config) const {
    EXPECT_EQ(ValidateUncertaintyConfig(config, batch.units.size()), "");
    return AnalyzeUncertainty(c->plan(), batch, config);
  }
};

Fixture Spread() {
  return Fixture({Unit("X1", 4, 5, 1, 3), Unit("X2", 1, 2), Unit("X3", 3, 3, 0.5, 2),
                  Unit("X4", 5, 1), Unit("X5", 2.5, 4.5, 0, 2.5), Unit("X6", 4.5, 4.5)});
}

UncertaintyConfig WeightsOnly(double sd, int samples = 1000) {
  UncertaintyConfig c;
  c.groups = {NoiseGroup::kWeights};
  c.weight_noise = NormalNoise(sd);
  c.samples = samples;
  return c;
}

void ExpectSameUnits(const UncertaintyResult& a, const UncertaintyResult& b) {
  ASSERT_EQ(a.units.size(), b.units.size());
  for (size_t i = 0; i < a.units.size(); ++i) {
    const UnitUncertainty &x = a.units[i], &y = b.units[i];
    EXPECT_EQ(x.unit, y.unit);
    EXPECT_EQ(x.mean, y.mean);
    EXPECT_EQ(x.median, y.median);
    EXPECT_EQ(x.p5, y.p5);
    EXPECT_EQ(x.p95, y.p95);
    EXPECT_EQ(x.rank_p5, y.rank_p5);
    EXPECT_EQ(x.rank_median, y.rank_median);
    EXPECT_EQ(x.rank_p95, y.rank_p95);
    EXPECT_EQ(x.band_probability, y.band_probability);
  }
  EXPECT_EQ(a.mean_rank_shift, b.mean_rank_shift);
}

TEST(Uncertainty, SameSeedSameResultAnyJobs) {
  Fixture f = Spread();
  UncertaintyConfig config;
  config.samples = 300;
  config.seed = 42;
  config.sobol = true;
  config.bootstrap = 50;
  const UncertaintyResult a = f.Run(config);
  config.jobs = 2;
  const UncertaintyResult b = f.Run(config);
  ExpectSameUnits(a, b);
  ASSERT_TRUE(a.sobol && b.sobol);
  for (size_t g = 0; g < a.sobol->factors.size(); ++g) {
    EXPECT_EQ(a.sobol->factors[g].index_first.estimate, b.sobol->factors[g].index_first.estimate);
    EXPECT_EQ(a.sobol->factors[g].rank_total.low, b.sobol->factors[g].rank_total.low);
  }
  config.seed = 43;
  const UncertaintyResult c = f.Run(config);
  bool any_differs = false;
  for (size_t i = 0; i < a.units.size(); ++i) any_differs |= a.units[i].mean != c.units[i].mean;
  EXPECT_TRUE(any_differs);
}

TEST(Uncertainty, ZeroNoiseCollapsesOnTheBase) {
  Fixture f = Spread();
  UncertaintyConfig config;
  config.samples = 200;
  config.survey_noise = NormalNoise(0);
  config.accept = 1;
  config.weight_noise = NormalNoise(0);
  const UncertaintyResult r = f.Run(config);
  ASSERT_EQ(r.units.size(), 6u);
  for (const UnitUncertainty& u : r.units) {
    const BatchUnit& b = f.batch.units[u.unit];
    EXPECT_EQ(u.base, b.percent);
    for (double v : {u.mean, u.median, u.p5, u.p95}) EXPECT_NEAR(v, b.percent, 1e-9);
    EXPECT_EQ(u.rank_p5, b.rank);
    EXPECT_EQ(u.rank_median, b.rank);
    EXPECT_EQ(u.rank_p95, b.rank);
    const auto& bands = f.c->criteria().index.bands;
    for (size_t k = 0; k < bands.size(); ++k) {
      EXPECT_EQ(u.band_probability[k], bands[k].label == b.band ? 1.0 : 0.0) << b.unit.code;
    }
  }
  EXPECT_EQ(r.mean_rank_shift, 0);
  // Units come in base rank order.
  for (size_t i = 1; i < r.units.size(); ++i)
    EXPECT_LE(r.units[i - 1].base_rank, r.units[i].base_rank);
}

TEST(Uncertainty, DominantUnitKeepsRankOneUnderWeightNoise) {
  // A beats B in both areas: no weights can swap them.
  Fixture f({Unit("A", 4, 5), Unit("B", 1, 2)});
  const UncertaintyResult r = f.Run(WeightsOnly(0.5));
  ASSERT_EQ(r.units.size(), 2u);
  const UnitUncertainty &a = r.units[0], &b = r.units[1];
  EXPECT_EQ(f.batch.units[a.unit].unit.code, "A");
  EXPECT_NEAR(a.base, 90, 1e-9);
  EXPECT_NEAR(b.base, 30, 1e-9);
  EXPECT_EQ(a.rank_p5, 1);
  EXPECT_EQ(a.rank_p95, 1);
  EXPECT_EQ(b.rank_p5, 2);
  EXPECT_EQ(b.rank_p95, 2);
  EXPECT_EQ(r.mean_rank_shift, 0);
  // A's index (4 w1 + 5 w2) / (5 w1 + 5 w2) stays within its areas' shares.
  EXPECT_GE(a.p5, 80 - 1e-9);
  EXPECT_LE(a.p95, 100 + 1e-9);
  EXPECT_LT(a.p5, a.p95);  // the weights do move it
}

TEST(Uncertainty, OneWeightSampleMatchesTheHandFormula) {
  Fixture f({Unit("A", 4, 5), Unit("B", 1, 2)});
  UncertaintyConfig config = WeightsOnly(0.3, 1);
  config.seed = 7;
  const UncertaintyResult r = f.Run(config);
  // The same draws as the model: group "weights" (2) of sample 0.
  NoiseRandom rng(StreamKey(7, StreamRole::kMonteCarlo, 0, 2));
  const double w1 = std::max(0.0, 1 + 0.3 * rng.Normal());
  const double w2 = std::max(0.0, 1 + 0.3 * rng.Normal());
  const double a = 100 * (4 * w1 + 5 * w2) / (5 * w1 + 5 * w2);
  const double b = 100 * (1 * w1 + 2 * w2) / (5 * w1 + 5 * w2);
  EXPECT_NE(w1, w2);
  EXPECT_NEAR(r.units[0].median, a, 1e-9);
  EXPECT_NEAR(r.units[0].p5, a, 1e-9);
  EXPECT_NEAR(r.units[1].p95, b, 1e-9);
}

TEST(Uncertainty, SurveyErrorMovesOnlySurveyItemsWithinMax) {
  // S: survey item at its max (can only fall); Z: survey item at 0 (cannot move).
  Fixture f({Unit("S", 2, 5), Unit("Z", 3, 0)});
  UncertaintyConfig config;
  config.groups = {NoiseGroup::kSurvey};
  config.survey_noise = NormalNoise(0.2);
  const UncertaintyResult r = f.Run(config);
  EXPECT_EQ(r.survey_items, 1u);
  const UnitUncertainty& s = r.units[f.batch.units[r.units[0].unit].unit.code == "S" ? 0 : 1];
  const UnitUncertainty& z = r.units[f.batch.units[r.units[0].unit].unit.code == "S" ? 1 : 0];
  EXPECT_NEAR(s.base, 70, 1e-9);
  EXPECT_LE(s.p95, 70 + 1e-9);
  // p5: the survey item at 5 × (1 - 1.645 × 0.2) ≈ 3.36, index ≈ 53.6.
  EXPECT_NEAR(s.p5, 53.55, 1.5);
  EXPECT_GT(s.median, 69);  // about half the draws are clamped at max
  EXPECT_NEAR(z.p5, 30, 1e-9);
  EXPECT_NEAR(z.p95, 30, 1e-9);
}

TEST(Uncertainty, RejectedEvidenceFallsToTheAppraisedScoreOrZero) {
  // accept 0: every scored self-assessed item is rejected. P's council gave
  // 2 of its 4 points; Q has no appraisal, so its 4 points go to 0.
  Fixture f({Unit("P", 4, 3, 0, 2), Unit("Q", 4, 3)});
  UncertaintyConfig config;
  config.groups = {NoiseGroup::kAppraisal};
  config.accept = 0;
  config.samples = 10;
  const UncertaintyResult r = f.Run(config);
  EXPECT_EQ(r.appraisal_items, 2u);
  for (const UnitUncertainty& u : r.units) {
    const bool p = f.batch.units[u.unit].unit.code == "P";
    EXPECT_NEAR(u.base, 70, 1e-9);
    EXPECT_NEAR(u.median, p ? 50 : 30, 1e-9);
    EXPECT_NEAR(u.p5, u.p95, 1e-9);
    EXPECT_EQ(u.rank_median, p ? 1 : 2);
  }
  // accept 1: nothing is rejected.
  config.accept = 1;
  for (const UnitUncertainty& u : f.Run(config).units) EXPECT_NEAR(u.p5, 70, 1e-9);
}

TEST(Uncertainty, MovedItemsCountOnlyTheGroupsThatVary) {
  // Spread(): survey items with points > 0 in all 6 units; self-assessed
  // items whose alternative differs: X1 (area 4 vs 3, bonus 1 vs 0), X2 (1),
  // X3 (3 vs 2, bonus), X4 (5), X5 (2.5 vs 2.5: no move), X6 (4.5).
  Fixture f = Spread();
  UncertaintyConfig config = WeightsOnly(0.1, 10);
  UncertaintyResult r = f.Run(config);
  EXPECT_EQ(r.survey_items, 0u);
  EXPECT_EQ(r.appraisal_items, 0u);
  config.groups = {NoiseGroup::kSurvey, NoiseGroup::kWeights};
  r = f.Run(config);
  EXPECT_EQ(r.survey_items, 6u);
  EXPECT_EQ(r.appraisal_items, 0u);
  config.groups = {NoiseGroup::kAppraisal};
  r = f.Run(config);
  EXPECT_EQ(r.survey_items, 0u);
  EXPECT_EQ(r.appraisal_items, 7u);
}

TEST(Uncertainty, BonusIsCappedUnderAppraisalNoise) {
  // X: bonus 1 (the cap), rejected half the time; the index moves by 10 pp.
  Fixture f({Unit("X", 3, 3, 1)});
  UncertaintyConfig config;
  config.groups = {NoiseGroup::kAppraisal};
  config.accept = 0.5;
  const UncertaintyResult r = f.Run(config);
  ASSERT_EQ(r.units.size(), 1u);
  EXPECT_NEAR(r.units[0].base, 70, 1e-9);
  // Both items (3 points of area I, the bonus) are rejected independently.
  EXPECT_NEAR(r.units[0].p95, 70, 1e-9);
  EXPECT_NEAR(r.units[0].p5, 30, 1e-9);
  EXPECT_NEAR(r.units[0].mean, 0.25 * 70 + 0.25 * 60 + 0.25 * 40 + 0.25 * 30, 2.0);
}

TEST(Uncertainty, BandProbabilitiesSumToOne) {
  Fixture f = Spread();
  UncertaintyConfig config;
  config.survey_noise = NormalNoise(0.3);
  config.weight_noise = NormalNoise(0.4);
  config.accept = 0.7;
  const UncertaintyResult r = f.Run(config);
  bool some_split = false;
  for (const UnitUncertainty& u : r.units) {
    double sum = u.unbanded;
    int nonzero = 0;
    for (double p : u.band_probability) {
      EXPECT_GE(p, 0);
      sum += p;
      nonzero += p > 0;
    }
    EXPECT_NEAR(sum, 1.0, 1e-12);
    EXPECT_EQ(u.unbanded, 0);  // the bands end with "else"
    some_split |= nonzero > 1;
    EXPECT_LE(u.p5, u.median);
    EXPECT_LE(u.median, u.p95);
    EXPECT_LE(u.rank_p5, u.rank_median);
    EXPECT_LE(u.rank_median, u.rank_p95);
  }
  EXPECT_TRUE(some_split);
  EXPECT_GT(r.mean_rank_shift, 0);
}

TEST(Uncertainty, RankValuesMatchesRankDescending) {
  const std::vector<double> v = {80, 90, 80, 70, 90 + 1e-12, 10, 70};
  const std::vector<std::string> keys = {"a", "b", "c", "d", "e", "f", "g"};
  for (TieRule rule : {TieRule::kShared, TieRule::kDense}) {
    std::vector<int> ranks(v.size());
    std::vector<uint32_t> order;
    RankValues(v.data(), v.size(), rule, ranks.data(), &order);
    EXPECT_EQ(ranks, RankDescending(v, keys, rule).rank);
  }
}

TEST(Uncertainty, ConfigAndGroupsAreValidated) {
  UncertaintyConfig c;
  EXPECT_EQ(ValidateUncertaintyConfig(c, 92), "");
  c.samples = 0;
  EXPECT_NE(ValidateUncertaintyConfig(c, 92), "");
  c = {};
  c.accept = 1.5;
  EXPECT_NE(ValidateUncertaintyConfig(c, 92), "");
  c = {};
  c.survey_noise = NormalNoise(-0.1);
  EXPECT_NE(ValidateUncertaintyConfig(c, 92), "");
  c = {};
  c.weight_noise = NormalNoise(std::nan(""));
  EXPECT_NE(ValidateUncertaintyConfig(c, 92), "");
  c = {};
  c.samples = kMaxUncertaintySamples;
  EXPECT_NE(ValidateUncertaintyConfig(c, 3321), "");  // too many values
  std::vector<NoiseGroup> g;
  std::string why;
  EXPECT_TRUE(ParseNoiseGroups("weights,survey", &g, &why));
  EXPECT_EQ(g, (std::vector<NoiseGroup>{NoiseGroup::kSurvey, NoiseGroup::kWeights}));
  EXPECT_FALSE(ParseNoiseGroups("weights,weights", &g, &why));
  EXPECT_FALSE(ParseNoiseGroups("survey,", &g, &why));
  EXPECT_FALSE(ParseNoiseGroups("noise", &g, &why));
  EXPECT_NE(why.find("noise"), std::string::npos);
}

// Y = X1 + 2 X2 with X1, X2 ~ U(0, 1) independent: V1 = 1/12, V2 = 4/12, so
// S1 = 1/5, S2 = 4/5, and with no interaction the totals equal the firsts.
TEST(Sobol, AdditiveToyFunction) {
  auto make = [] {
    return SobolModel([](const uint64_t* keys, double* out) {
      out[0] = NoiseRandom(keys[0]).Uniform() + 2 * NoiseRandom(keys[1]).Uniform();
    });
  };
  const SobolSamples s = SampleSobol(make, 2, 1, 20000, 11, 2);
  const SobolEstimate e = EstimateSobol(s, 0, 1, 200, 11);
  ASSERT_EQ(e.first.size(), 2u);
  EXPECT_EQ(e.outputs_with_variance, 1u);
  EXPECT_NEAR(e.first[0].estimate, 0.2, 0.03);
  EXPECT_NEAR(e.first[1].estimate, 0.8, 0.03);
  EXPECT_NEAR(e.total[0].estimate, 0.2, 0.03);
  EXPECT_NEAR(e.total[1].estimate, 0.8, 0.03);
  for (const auto* v : {&e.first[0], &e.first[1], &e.total[0], &e.total[1]}) {
    EXPECT_LE(v->low, v->estimate);
    EXPECT_GE(v->high, v->estimate);
    EXPECT_LT(v->low, v->high);
    EXPECT_LT(v->high - v->low, 0.1);
  }
  // The true values lie within the bootstrap intervals (widened by rounding).
  EXPECT_LE(e.total[1].low, 0.8 + 0.01);
  EXPECT_GE(e.total[1].high, 0.8 - 0.01);
}

// Y = X1 · X2 with X ~ U(-1/2, 1/2): all variance is interaction, so the
// first-order indices are 0 and the totals 1.
TEST(Sobol, PureInteraction) {
  auto make = [] {
    return SobolModel([](const uint64_t* keys, double* out) {
      out[0] = (NoiseRandom(keys[0]).Uniform() - 0.5) * (NoiseRandom(keys[1]).Uniform() - 0.5);
    });
  };
  const SobolSamples s = SampleSobol(make, 2, 1, 20000, 5, 1);
  const SobolEstimate e = EstimateSobol(s, 0, 1, 0, 5);
  for (int g = 0; g < 2; ++g) {
    EXPECT_NEAR(e.first[g].estimate, 0.0, 0.05);
    EXPECT_NEAR(e.total[g].estimate, 1.0, 0.05);
    EXPECT_EQ(e.first[g].low, e.first[g].estimate);  // no resamples: no width
  }
}

TEST(Sobol, ConstantOutputsAreLeftOutOfTheAverage) {
  // Output 0 varies with group 0 only; output 1 is constant.
  auto make = [] {
    return SobolModel([](const uint64_t* keys, double* out) {
      out[0] = 87.3 + NoiseRandom(keys[0]).Normal();
      out[1] = 87.3;
    });
  };
  const SobolSamples s = SampleSobol(make, 2, 2, 2000, 3, 1);
  const SobolEstimate e = EstimateSobol(s, 0, 2, 50, 3);
  EXPECT_EQ(e.outputs_with_variance, 1u);
  EXPECT_NEAR(e.first[0].estimate, 1.0, 0.1);
  EXPECT_NEAR(e.total[1].estimate, 0.0, 1e-12);
  const SobolEstimate none = EstimateSobol(s, 1, 2, 50, 3);
  EXPECT_EQ(none.outputs_with_variance, 0u);
  EXPECT_TRUE(std::isnan(none.first[0].estimate));
}

TEST(Uncertainty, SobolSingleGroupExplainsEverything) {
  Fixture f = Spread();
  UncertaintyConfig config = WeightsOnly(0.3, 500);
  config.sobol = true;
  config.bootstrap = 100;
  const UncertaintyResult r = f.Run(config);
  ASSERT_TRUE(r.sobol);
  ASSERT_EQ(r.sobol->factors.size(), 1u);
  EXPECT_EQ(r.sobol->evaluations, 1500u);
  // X3 and X6 score the same share in both areas: weights cannot move them.
  EXPECT_EQ(r.sobol->units_with_variance, 4u);
  const SobolFactorResult& g = r.sobol->factors[0];
  EXPECT_EQ(g.factor.group, NoiseGroup::kWeights);
  EXPECT_EQ(r.warnings.size(), 1u);  // a single factor
  EXPECT_NEAR(g.index_first.estimate, 1.0, 0.1);
  EXPECT_NEAR(g.index_total.estimate, 1.0, 0.1);
  EXPECT_LE(g.index_first.low, g.index_first.high);
}

TEST(Uncertainty, SobolRanksTheDominantGroupFirst) {
  // Weight noise far larger than survey noise on units whose area shares differ.
  Fixture f({Unit("W1", 1, 5), Unit("W2", 5, 1), Unit("W3", 2, 4), Unit("W4", 4, 2)});
  UncertaintyConfig config;
  config.groups = {NoiseGroup::kSurvey, NoiseGroup::kWeights};
  config.survey_noise = NormalNoise(0.01);
  config.weight_noise = NormalNoise(0.5);
  config.samples = 1000;
  config.sobol = true;
  config.bootstrap = 50;
  const UncertaintyResult r = f.Run(config);
  ASSERT_TRUE(r.sobol);
  const auto& g = r.sobol->factors;
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(g[0].name, "survey");
  EXPECT_GT(g[1].index_first.estimate, 0.9);
  EXPECT_GT(g[1].index_total.estimate, 0.9);
  EXPECT_LT(g[0].index_total.estimate, 0.05);
  EXPECT_GT(g[0].index_total.estimate, 0.0);
}

// COINr's recipe, weight × U(1 − x, 1 + x), on two units and two areas of
// max 5: A scores (5, 1), B (2, 3). A ranks first iff 3 w1 > 2 w2, i.e.
// w1 / w2 > 2/3. With x = 0.5 (w ∈ [0.5, 1.5]) the square's part below that
// line has area ∫_{0.75}^{1.5} (2/3 w2 − 1/2) dw2 = 0.1875: A's rank is 2 in
// 18.75 % of samples, so its rank interval is [1, 2], mean rank 1.1875. With
// x = 0.2 (w ∈ [0.8, 1.2]) w1 / w2 ≥ 2/3 always: ranks [1, 1] and [2, 2].
TEST(Uncertainty, CoinrUniformWeightNoiseRankInterval) {
  Fixture f({Unit("A", 5, 1), Unit("B", 2, 3)});
  UncertaintyConfig config = WeightsOnly(0, 20000);
  config.weight_noise = Noise{NoiseLaw::kUniform, 0.5, {}};
  const UncertaintyResult r = f.Run(config);
  ASSERT_EQ(r.units.size(), 2u);
  const UnitUncertainty &a = r.units[0], &b = r.units[1];
  ASSERT_EQ(f.batch.units[a.unit].unit.code, "A");  // 60 against 50
  EXPECT_EQ(a.rank_p5, 1);
  EXPECT_EQ(a.rank_median, 1);
  EXPECT_EQ(a.rank_p95, 2);
  EXPECT_EQ(b.rank_p5, 1);
  EXPECT_EQ(b.rank_p95, 2);
  EXPECT_NEAR(a.mean_rank, 1.1875, 0.01);
  EXPECT_NEAR(b.mean_rank, 1.8125, 0.01);
  EXPECT_NEAR(r.mean_rank_shift, 0.1875, 0.01);
  // I_A = 20 + 80 w1 / (w1 + w2) lies in [40, 80].
  EXPECT_GE(a.p5, 40 - 1e-9);
  EXPECT_LE(a.p95, 80 + 1e-9);
  config.weight_noise.spread = 0.2;
  const UncertaintyResult narrow = f.Run(config);
  EXPECT_EQ(narrow.units[0].rank_p95, 1);
  EXPECT_EQ(narrow.units[1].rank_p5, 2);
  EXPECT_EQ(narrow.units[0].mean_rank, 1);
}

TEST(Uncertainty, OneUniformSampleMatchesTheHandFormulaPerArea) {
  // Area I uniform ±0.4, area II discrete {0.5, 2}: one stream, areas in order.
  Fixture f({Unit("A", 4, 5), Unit("B", 1, 2)});
  UncertaintyConfig config = WeightsOnly(0, 1);
  config.seed = 9;
  config.area_weight_noise = {Noise{NoiseLaw::kUniform, 0.4, {}},
                              Noise{NoiseLaw::kDiscrete, 0, {0.5, 2}}};
  config.keep_samples = true;
  const UncertaintyResult r = f.Run(config);
  NoiseRandom rng(StreamKey(9, StreamRole::kMonteCarlo, 0, 2));
  const double w1 = 0.6 + 0.8 * rng.Uniform();
  const double w2 = rng.Below(2) == 0 ? 0.5 : 2.0;
  ASSERT_EQ(r.sample_weights.size(), 2u);
  EXPECT_EQ(r.sample_weights[0], w1);
  EXPECT_EQ(r.sample_weights[1], w2);
  EXPECT_NEAR(r.units[0].median, 100 * (4 * w1 + 5 * w2) / (5 * w1 + 5 * w2), 1e-9);
  EXPECT_NEAR(r.units[1].median, 100 * (1 * w1 + 2 * w2) / (5 * w1 + 5 * w2), 1e-9);
}

// The index is additive in the item noises when nothing is clamped (survey
// points well below max, uniform ±0.2; the bonus below its cap): per-item
// factors then sum to their group's index, unit by unit.
TEST(Uncertainty, ItemFactorsSumToTheGroupedIndicesForAnAdditiveModel) {
  Fixture f({Unit("P", 4, 2, 0.5, 1), Unit("Q", 3, 1.5, 0.8), Unit("R", 2, 3, 0.6, 1),
             Unit("S", 1, 2.5, 0.4)});
  UncertaintyConfig config;
  config.groups = {NoiseGroup::kSurvey, NoiseGroup::kAppraisal};
  config.survey_noise = Noise{NoiseLaw::kUniform, 0.2, {}};
  config.accept = 0.7;
  config.samples = 40000;
  config.sobol = true;
  config.bootstrap = 0;
  config.jobs = 2;
  const UncertaintyResult grouped = f.Run(config);
  config.factors = FactorLevel::kItems;
  ASSERT_EQ(SobolFactors(f.c->plan(), f.batch, config).size(), 3u);
  const UncertaintyResult items = f.Run(config);
  ASSERT_TRUE(grouped.sobol && items.sobol);
  ASSERT_EQ(grouped.sobol->factors.size(), 2u);
  ASSERT_EQ(items.sobol->factors.size(), 3u);
  EXPECT_EQ(items.sobol->factors[0].name, "survey:2.1.1");
  EXPECT_EQ(items.sobol->factors[1].name, "appraisal:1.1.1");
  EXPECT_EQ(items.sobol->factors[2].name, "appraisal:T.1");
  EXPECT_EQ(items.sobol->evaluations, 200000u);
  EXPECT_TRUE(items.warnings.empty());
  for (size_t i = 0; i < grouped.units.size(); ++i) {
    const UnitUncertainty &g = grouped.units[i], &x = items.units[i];
    ASSERT_EQ(g.sobol_first.size(), 2u);
    ASSERT_EQ(x.sobol_first.size(), 3u);
    EXPECT_NEAR(x.sobol_first[0].estimate, g.sobol_first[0].estimate, 0.03);
    EXPECT_NEAR(x.sobol_first[1].estimate + x.sobol_first[2].estimate, g.sobol_first[1].estimate,
                0.03);
    EXPECT_NEAR(x.sobol_total[1].estimate + x.sobol_total[2].estimate, g.sobol_total[1].estimate,
                0.02);
    EXPECT_NEAR(g.sobol_first[0].estimate + g.sobol_first[1].estimate, 1.0, 0.03);
  }
  const SobolFactorResult& s = grouped.sobol->factors[1];
  EXPECT_NEAR(
      items.sobol->factors[1].index_total.estimate + items.sobol->factors[2].index_total.estimate,
      s.index_total.estimate, 0.02);
}

TEST(Uncertainty, AreaFactorsGiveOneIndexPerAreaWeight) {
  Fixture f = Spread();
  UncertaintyConfig config = WeightsOnly(0.3, 2000);
  config.sobol = true;
  config.bootstrap = 20;
  config.factors = FactorLevel::kAreas;
  const UncertaintyResult r = f.Run(config);
  ASSERT_TRUE(r.sobol);
  ASSERT_EQ(r.sobol->factors.size(), 2u);
  EXPECT_EQ(r.sobol->factors[0].name, "weights:I");
  EXPECT_EQ(r.sobol->factors[1].name, "weights:II");
  EXPECT_TRUE(r.warnings.empty());
  // Two areas: a unit's index is a function of w1 / w2, so each weight
  // explains about half and they interact; totals ≥ firsts.
  for (const SobolFactorResult& x : r.sobol->factors) {
    EXPECT_GT(x.index_first.estimate, 0.3);
    EXPECT_LT(x.index_first.estimate, 0.7);
    EXPECT_GE(x.index_total.estimate, x.index_first.estimate - 0.05);
  }
  // X3 and X6 do not vary: no per-unit index.
  for (const UnitUncertainty& u : r.units) {
    const std::string& code = f.batch.units[u.unit].unit.code;
    ASSERT_EQ(u.sobol_first.size(), 2u);
    EXPECT_EQ(std::isnan(u.sobol_first[0].estimate), code == "X3" || code == "X6") << code;
  }
}

TEST(Uncertainty, StandardErrorsMatchTheKeptSamples) {
  Fixture f = Spread();
  UncertaintyConfig config;
  config.samples = 400;
  config.keep_samples = true;
  const UncertaintyResult r = f.Run(config);
  ASSERT_EQ(r.samples, 400);
  ASSERT_EQ(r.sample_index.size(), 400u * 6);
  ASSERT_EQ(r.sample_rank.size(), 400u * 6);
  ASSERT_EQ(r.sample_weights.size(), 400u * 2);
  const UnitUncertainty& u = r.units[0];
  std::vector<double> v;
  double rank_sum = 0;
  for (size_t s = 0; s < 400; ++s) {
    v.push_back(r.sample_index[s * 6 + u.unit]);
    rank_sum += r.sample_rank[s * 6 + u.unit];
  }
  double mean = 0;
  for (double x : v) mean += x / 400;
  double var = 0;
  for (double x : v) var += (x - mean) * (x - mean) / 399;
  EXPECT_NEAR(u.mean, mean, 1e-9);
  EXPECT_NEAR(u.se_mean, std::sqrt(var / 400), 1e-12);
  EXPECT_NEAR(u.mean_rank, rank_sum / 400, 1e-12);
  // Median: n p = 200, 1.96 √100 = 19.6: order statistics 180 and 220.
  std::sort(v.begin(), v.end());
  EXPECT_NEAR(u.se_median, (v[219] - v[179]) / (2 * 1.959963984540054), 1e-12);
  // p5: n p = 20, 1.96 √19 = 8.54: order statistics 11 and 29.
  EXPECT_NEAR(u.se_p5, (v[28] - v[10]) / (2 * 1.959963984540054), 1e-12);
  EXPECT_GT(r.max_se, 0);
  EXPECT_TRUE(r.target_met);
}

TEST(Uncertainty, TargetSeExtendsTheSameSamplesUpToTheCap) {
  // Continuous noise only: with appraisal a unit with one movable item has an
  // atom of exactly 1 − accept = 5 % below its base, and its p5 sits on the
  // gap, a quantile no sample size pins down (its SE honestly stays large).
  Fixture f = Spread();
  UncertaintyConfig config;
  config.groups = {NoiseGroup::kSurvey, NoiseGroup::kWeights};
  config.samples = 100;
  const double first_se = f.Run(config).max_se;
  config.target_se = first_se / 3;  // about 9× the samples: 100 → 200 → … → 1600
  const UncertaintyResult r = f.Run(config);
  EXPECT_TRUE(r.target_met);
  EXPECT_LE(r.max_se, config.target_se);
  EXPECT_GT(r.samples, 100);
  EXPECT_EQ(r.samples % 100, 0);
  // The same as asking for that many samples at once.
  UncertaintyConfig direct;
  direct.groups = config.groups;
  direct.samples = r.samples;
  ExpectSameUnits(r, f.Run(direct));
  // A target out of reach stops at the cap, and says so.
  config.target_se = 1e-9;
  config.max_samples = 300;
  const UncertaintyResult capped = f.Run(config);
  EXPECT_EQ(capped.samples, 300);
  EXPECT_FALSE(capped.target_met);
  EXPECT_GT(capped.max_se, 1e-9);
}

}  // namespace
}  // namespace cchc::uncertainty_test
