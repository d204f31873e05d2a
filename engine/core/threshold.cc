// Exact ratio comparison by cross-multiplication; decimal tolerance otherwise.
#include "engine/core/threshold.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>

namespace cchc {

namespace {

// 128-bit products: counts up to 2^53 times a decimal scale up to 10^20.
__extension__ typedef __int128 Wide;

constexpr double kDecimalTolerance = 1e-9;
constexpr double kMaxExact = 9007199254740992.0;  // 2^53

// The threshold as p / 10^k from its shortest decimal text (0.95 -> 95/100).
bool AsDecimal(double t, Wide* p, Wide* q) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, t, std::chars_format::fixed);
  if (ec != std::errc()) return false;
  Wide digits = 0, scale = 1;
  bool frac = false, neg = false;
  int count = 0;
  for (const char* c = buf; c != end; ++c) {
    if (*c == '-') {
      neg = true;
    } else if (*c == '.') {
      frac = true;
    } else {
      if (++count > 30) return false;
      digits = digits * 10 + (*c - '0');
      if (frac) scale *= 10;
    }
  }
  *p = neg ? -digits : digits;
  *q = scale;
  return true;
}

bool Whole(double x) { return std::floor(x) == x && std::fabs(x) <= kMaxExact; }

}  // namespace

bool MeetsThreshold(double value, bool is_ratio, double num, double den, double threshold,
                    bool strict) {
  Wide p = 0, q = 1;
  if (is_ratio && den > 0 && Whole(num) && Whole(den) && AsDecimal(threshold, &p, &q)) {
    const Wide lhs = static_cast<Wide>(num) * q;
    const Wide rhs = p * static_cast<Wide>(den);
    return strict ? lhs > rhs : lhs >= rhs;
  }
  const double slack = kDecimalTolerance * std::max(1.0, std::fabs(threshold));
  return strict ? value > threshold + slack : value >= threshold - slack;
}

Threshold MakeThreshold(double threshold) {
  Threshold t;
  t.value = threshold;
  t.decimal = AsDecimal(threshold, &t.p, &t.q);
  return t;
}

bool MeetsThreshold(double value, bool is_ratio, double num, double den, const Threshold& t,
                    bool strict) {
  // The same decisions as above, with AsDecimal's result kept. Whole counts
  // fit 64 bits exactly: converted through int64_t (a double to __int128
  // conversion is a library call).
  if (is_ratio && den > 0 && Whole(num) && Whole(den) && t.decimal) {
    const Wide lhs = static_cast<Wide>(static_cast<int64_t>(num)) * t.q;
    const Wide rhs = t.p * static_cast<Wide>(static_cast<int64_t>(den));
    return strict ? lhs > rhs : lhs >= rhs;
  }
  const double slack = kDecimalTolerance * std::max(1.0, std::fabs(t.value));
  return strict ? value > t.value + slack : value >= t.value - slack;
}

}  // namespace cchc
