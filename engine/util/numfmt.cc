// Number formatting for reports.
#include "engine/util/numfmt.h"

#include <charconv>
#include <cmath>

namespace cchc {

std::string FormatFixed(double v, int decimals) {
  if (!std::isfinite(v)) return "—";
  static const double kScale[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10};
  decimals = decimals < 0 ? 0 : decimals > 10 ? 10 : decimals;
  const double scale = kScale[decimals];
  // Round half away from zero on the decimal value, nudged by a relative
  // epsilon so 0.125 -> 0.13 despite binary representation.
  double r = std::round(v * scale * (1 + 1e-12)) / scale;
  if (r == 0) r = 0;  // no "-0.00"
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, r, std::chars_format::fixed, decimals);
  return std::string(buf, res.ptr);
}

std::string FormatTrim(double v, int decimals) {
  std::string s = FormatFixed(v, decimals);
  if (s.find('.') == std::string::npos) return s;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::string FormatPercent(double fraction, int decimals) {
  return FormatFixed(fraction * 100, decimals) + " %";
}

std::string FormatSigned(double v, int decimals) {
  std::string s = FormatTrim(v, decimals);
  if (s == "0" || s == "-0") return "0";
  return v > 0 ? "+" + s : s;
}

std::string FormatExact(double v) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

}  // namespace cchc
