// The one comparison rule for every threshold (item bands, count tiers, index
// bands; deadlines compare whole days): docs/criteria-language.md, "Comparing
// with a threshold".
#ifndef CCHC_ENGINE_CORE_THRESHOLD_H_
#define CCHC_ENGINE_CORE_THRESHOLD_H_

namespace cchc {

// Does `value` reach `threshold` (>=, or > when `strict`)?
// - A ratio of two whole counts (`num` / `den`, den > 0) is compared exactly:
//   the threshold as written in decimal (95% = 95/100) is cross-multiplied in
//   integers, so 1152/1200 never rounds onto or off a band.
// - Any other value is a decimal input: it meets the threshold when it equals
//   it in decimal arithmetic, i.e. binary rounding within 1e-9 (relative) is
//   forgiven: 70% + 10% meets >= 80%.
bool MeetsThreshold(double value, bool is_ratio, double num, double den, double threshold,
                    bool strict);

// A threshold with its decimal form worked out once (when the plan is
// compiled), for the same comparison without formatting it per score.
struct Threshold {
  __extension__ typedef __int128 Wide;
  double value = 0;
  bool decimal = false;  // p / q below is the threshold as written
  Wide p = 0, q = 1;
};
Threshold MakeThreshold(double threshold);
bool MeetsThreshold(double value, bool is_ratio, double num, double den, const Threshold& t,
                    bool strict);

}  // namespace cchc

#endif  // CCHC_ENGINE_CORE_THRESHOLD_H_
