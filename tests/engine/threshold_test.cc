// The threshold worked out once at plan time (MakeThreshold) decides exactly
// as the comparison that works it out per call, on hand-picked and random
// ratios, counts and decimal values.
#include "engine/core/threshold.h"

#include <random>

#include "tests/engine/engine_test_util.h"

namespace cchc::threshold_test {
namespace {

bool Both(double value, bool is_ratio, double num, double den, double threshold, bool strict) {
  const bool plain = MeetsThreshold(value, is_ratio, num, den, threshold, strict);
  const bool kept = MeetsThreshold(value, is_ratio, num, den, MakeThreshold(threshold), strict);
  EXPECT_EQ(plain, kept) << value << " " << num << "/" << den << " vs " << threshold;
  return kept;
}

TEST(PrecomputedThreshold, HandPickedCases) {
  EXPECT_TRUE(Both(1152.0 / 1200, true, 1152, 1200, 0.96, false));
  EXPECT_FALSE(Both(1151.0 / 1200, true, 1151, 1200, 0.96, false));
  EXPECT_FALSE(Both(1152.0 / 1200, true, 1152, 1200, 0.96, true));
  EXPECT_TRUE(Both(7.0 / 10, true, 7, 10, 0.7, false));
  EXPECT_FALSE(Both(0.999999999, true, 999999999, 1000000000, 1.0, false));
  EXPECT_TRUE(Both(0.7 + 0.1, false, 0, 0, 0.8, false));
  EXPECT_TRUE(Both(3, false, 0, 0, 3, false));
  EXPECT_FALSE(Both(3, false, 0, 0, 3, true));
  EXPECT_TRUE(Both(0.5, true, 0.5, 1, 0.5, false));  // a fractional numerator: decimal
}

TEST(PrecomputedThreshold, RandomRatiosAndValues) {
  std::mt19937 rng(14);
  const double thresholds[] = {0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.96, 0.999, 1, 1.05, 2, 12.5, 100};
  for (int i = 0; i < 20000; ++i) {
    const double t = thresholds[std::uniform_int_distribution<size_t>(0, 12)(rng)];
    const double den = std::uniform_int_distribution<int>(0, 1300)(rng);
    const double num = std::uniform_int_distribution<int>(0, 1400)(rng);
    const bool strict = std::bernoulli_distribution(0.3)(rng);
    Both(den > 0 ? num / den : 0, true, num, den, t, strict);
    Both(std::uniform_real_distribution<double>(0, 2)(rng), false, 0, 0, t, strict);
  }
}

}  // namespace
}  // namespace cchc::threshold_test
