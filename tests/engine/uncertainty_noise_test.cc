// Noise laws and Sobol factors: the text form of a law and of the per-area
// file (round trips, errors with line and column), each law's multiplier
// moments, and the Sobol estimators against exact indices — a weighted sum of
// independent uniform multipliers, and a product term for the total index.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "engine/uncertainty/noise.h"
#include "engine/uncertainty/random.h"
#include "engine/uncertainty/uncertainty.h"

namespace cchc::uncertainty_noise_test {
namespace {

TEST(Noise, ParsesAndPrintsEachLaw) {
  Noise n;
  std::string why;
  ASSERT_TRUE(ParseNoise("uniform:0.25", &n, &why)) << why;
  EXPECT_EQ(n.law, NoiseLaw::kUniform);
  EXPECT_EQ(n.spread, 0.25);
  EXPECT_EQ(NoiseText(n), "uniform:0.25");
  ASSERT_TRUE(ParseNoise("normal:0.1", &n, &why)) << why;
  EXPECT_EQ(n, NormalNoise(0.1));
  ASSERT_TRUE(ParseNoise("discrete:0.8,1,1.2", &n, &why)) << why;
  EXPECT_EQ(n.values, (std::vector<double>{0.8, 1, 1.2}));
  EXPECT_EQ(NoiseText(n), "discrete:0.8,1,1.2");
  Noise back;
  ASSERT_TRUE(ParseNoise(NoiseText(n), &back, &why));
  EXPECT_EQ(back, n);
  EXPECT_TRUE(NormalNoise(0).IsNone());
  EXPECT_FALSE(n.IsNone());
  for (const char* bad :
       {"uniform", "uniform:", "uniform:-0.1", "uniform:1.5", "normal:abc", "normal:11",
        "discrete:", "discrete:1,,2", "discrete:-1", "gamma:1", "0.1"}) {
    EXPECT_FALSE(ParseNoise(bad, &n, &why)) << bad;
    EXPECT_FALSE(why.empty()) << bad;
  }
  EXPECT_TRUE(ParseNoise("gamma:1", &n, &why) == false && why.find("uniform:X") != why.npos);
}

TEST(Noise, MultipliersHaveTheDocumentedMoments) {
  // uniform:x: mean 1, variance x²/3, range [1 − x, 1 + x]; normal: 1, σ²;
  // discrete: each value a third of the time.
  NoiseRandom r(StreamKey(3, StreamRole::kMonteCarlo, 0, 0));
  const int n = 200000;
  Noise u{NoiseLaw::kUniform, 0.3, {}};
  double sum = 0, sq = 0, lo = 2, hi = 0;
  for (int i = 0; i < n; ++i) {
    const double m = DrawMultiplier(u, &r);
    sum += m;
    sq += m * m;
    lo = std::min(lo, m);
    hi = std::max(hi, m);
  }
  EXPECT_NEAR(sum / n, 1.0, 0.003);
  EXPECT_NEAR(sq / n - (sum / n) * (sum / n), 0.09 / 3, 0.001);
  EXPECT_GE(lo, 0.7);
  EXPECT_LT(hi, 1.3);
  Noise d{NoiseLaw::kDiscrete, 0, {0.5, 1, 2}};
  int count[3] = {0, 0, 0};
  for (int i = 0; i < n; ++i) {
    const double m = DrawMultiplier(d, &r);
    count[m == 0.5 ? 0 : m == 1 ? 1 : 2] += 1;
  }
  for (int c : count) EXPECT_NEAR(c / double(n), 1 / 3.0, 0.005);
  // normal: the same draws as NoiseRandom::Normal.
  NoiseRandom a(11), b(11);
  EXPECT_EQ(DrawMultiplier(NormalNoise(0.2), &a), 1.0 + 0.2 * b.Normal());
}

TEST(Noise, AreaFileGivesPerAreaLawsAndClearErrors) {
  const std::vector<std::string> areas = {"I", "II", "III"};
  std::vector<Noise> laws;
  std::string why;
  ASSERT_TRUE(ParseAreaNoiseFile("# per-area laws\nI uniform:0.2\n\n  III\tnormal:0.3  # hi\n",
                                 "w.txt", areas, NormalNoise(0.1), &laws, &why))
      << why;
  ASSERT_EQ(laws.size(), 3u);
  EXPECT_EQ(NoiseText(laws[0]), "uniform:0.2");
  EXPECT_EQ(laws[1], NormalNoise(0.1));  // unlisted: the fallback
  EXPECT_EQ(laws[2], NormalNoise(0.3));
  EXPECT_FALSE(ParseAreaNoiseFile("I uniform:0.2\nIV uniform:0.1\n", "w.txt", areas,
                                  NormalNoise(0.1), &laws, &why));
  EXPECT_EQ(why.rfind("w.txt:2:1: unknown area \"IV\"", 0), 0u) << why;
  EXPECT_NE(why.find("I, II, III"), std::string::npos);
  EXPECT_FALSE(
      ParseAreaNoiseFile("II  uniform:2\n", "w.txt", areas, NormalNoise(0.1), &laws, &why));
  EXPECT_EQ(why.rfind("w.txt:1:5: ", 0), 0u) << why;
  EXPECT_FALSE(ParseAreaNoiseFile("I uniform:0.1\nI normal:0.1\n", "w.txt", areas, NormalNoise(0.1),
                                  &laws, &why));
  EXPECT_NE(why.find("twice"), std::string::npos);
  EXPECT_FALSE(
      ParseAreaNoiseFile("I uniform:0.1 extra\n", "w.txt", areas, NormalNoise(0.1), &laws, &why));
  EXPECT_NE(why.find("expected `AREA LAW`"), std::string::npos);
}

// Y = Σ c_i m_i, m_i ~ uniform:x_i independent: V_i = c_i² x_i² / 3, so
// S_i = ST_i = c_i² x_i² / Σ_j c_j² x_j² (no interactions).
TEST(Sobol, WeightedSumOfUniformMultipliers) {
  const double c[3] = {1, 2, 3}, x[3] = {0.3, 0.2, 0.1};
  auto make = [&] {
    return SobolModel([&](const uint64_t* keys, double* out) {
      out[0] = 0;
      for (int i = 0; i < 3; ++i) {
        NoiseRandom r(keys[i]);
        out[0] += c[i] * DrawMultiplier(Noise{NoiseLaw::kUniform, x[i], {}}, &r);
      }
    });
  };
  const SobolSamples s = SampleSobol(make, 3, 1, 20000, 17, 2);
  const SobolEstimate e = EstimateSobol(s, 0, 1, 100, 17);
  const double total = 0.09 + 0.16 + 0.09;
  const double exact[3] = {0.09 / total, 0.16 / total, 0.09 / total};
  double sum = 0;
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(e.first[i].estimate, exact[i], 0.025) << i;
    EXPECT_NEAR(e.total[i].estimate, exact[i], 0.015) << i;
    sum += e.first[i].estimate;
  }
  EXPECT_NEAR(sum, 1.0, 0.04);
}

// Y = X1 + X2 X3, X ~ U(0, 1): V = 19/144; V1 = 12/144, V2 = V3 = 3/144,
// V23 = 1/144; so S = (12, 3, 3)/19 and ST = (12, 4, 4)/19.
TEST(Sobol, ProductTermGivesTheTotalIndex) {
  auto make = [] {
    return SobolModel([](const uint64_t* keys, double* out) {
      out[0] = NoiseRandom(keys[0]).Uniform() +
               NoiseRandom(keys[1]).Uniform() * NoiseRandom(keys[2]).Uniform();
    });
  };
  const SobolSamples s = SampleSobol(make, 3, 1, 40000, 23, 2);
  const SobolEstimate e = EstimateSobol(s, 0, 1, 0, 23);
  EXPECT_NEAR(e.first[0].estimate, 12 / 19.0, 0.02);
  EXPECT_NEAR(e.first[1].estimate, 3 / 19.0, 0.02);
  EXPECT_NEAR(e.first[2].estimate, 3 / 19.0, 0.02);
  EXPECT_NEAR(e.total[0].estimate, 12 / 19.0, 0.015);
  EXPECT_NEAR(e.total[1].estimate, 4 / 19.0, 0.01);
  EXPECT_NEAR(e.total[2].estimate, 4 / 19.0, 0.01);
}

TEST(Sobol, PerOutputIndicesAverageToTheReportedOnes) {
  // Output 0 depends on factor 0 only, output 1 on factor 1 only, output 2 on
  // both equally; output 3 is constant.
  auto make = [] {
    return SobolModel([](const uint64_t* keys, double* out) {
      const double a = NoiseRandom(keys[0]).Uniform(), b = NoiseRandom(keys[1]).Uniform();
      out[0] = a;
      out[1] = b;
      out[2] = a + b;
      out[3] = 5;
    });
  };
  const SobolSamples s = SampleSobol(make, 2, 4, 5000, 9, 1);
  const SobolEstimate e = EstimateSobol(s, 0, 4, 40, 9, /*per_output=*/true);
  ASSERT_EQ(e.output_first.size(), 8u);
  EXPECT_NEAR(e.output_first[0].estimate, 1, 0.05);
  EXPECT_NEAR(e.output_total[1].estimate, 0, 1e-12);
  EXPECT_NEAR(e.output_first[3].estimate, 1, 0.05);
  EXPECT_NEAR(e.output_first[4].estimate, 0.5, 0.05);
  EXPECT_NEAR(e.output_first[5].estimate, 0.5, 0.05);
  EXPECT_TRUE(std::isnan(e.output_first[6].estimate));
  EXPECT_EQ(e.outputs_with_variance, 3u);
  for (int g = 0; g < 2; ++g) {
    const double mean = (e.output_first[g].estimate + e.output_first[2 + g].estimate +
                         e.output_first[4 + g].estimate) /
                        3;
    EXPECT_NEAR(e.first[g].estimate, mean, 1e-12);
    EXPECT_LE(e.output_first[4 + g].low, e.output_first[4 + g].estimate);
    EXPECT_GE(e.output_first[4 + g].high, e.output_first[4 + g].estimate);
  }
}

}  // namespace
}  // namespace cchc::uncertainty_noise_test
