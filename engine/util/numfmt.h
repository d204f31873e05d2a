// Number formatting for reports: fixed decimals, trailing zeros trimmed where
// asked, and a decimal comma or point. Display only: never used in scoring.
#ifndef CCHC_ENGINE_UTIL_NUMFMT_H_
#define CCHC_ENGINE_UTIL_NUMFMT_H_

#include <string>

namespace cchc {

// Rounds half away from zero to `decimals` places and prints with a point.
std::string FormatFixed(double v, int decimals);

// As FormatFixed, then drops trailing zeros and a trailing point: 0.50 -> 0.5.
std::string FormatTrim(double v, int decimals = 4);

// A fraction as a percent with `decimals` places: 0.9625 -> "96.25 %".
std::string FormatPercent(double fraction, int decimals);

// As FormatTrim with a sign: "+0.3125", "-1", and "0" for zero.
std::string FormatSigned(double v, int decimals);

// Shortest text that reads back to exactly v (for JSON and round trips).
std::string FormatExact(double v);

}  // namespace cchc

#endif  // CCHC_ENGINE_UTIL_NUMFMT_H_
