// Damerau–Levenshtein (optimal string alignment) over code points.
#include "cli/commands/suggest.h"

#include <algorithm>

namespace cchc {
namespace {

// Splits UTF-8 into code points (each a lead byte and its continuation
// bytes); invalid bytes stand alone.
std::vector<std::string_view> CodePoints(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = i + 1;
    while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) ++j;
    out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

size_t EditDistance(std::string_view a, std::string_view b) {
  const std::vector<std::string_view> x = CodePoints(a), y = CodePoints(b);
  const size_t n = x.size(), m = y.size();
  std::vector<std::vector<size_t>> d(n + 1, std::vector<size_t>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      const size_t cost = x[i - 1] == y[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

std::string ClosestName(std::string_view typed, const std::vector<std::string>& candidates) {
  const size_t length = CodePoints(typed).size();
  const size_t limit = length <= 4 ? 1 : length <= 8 ? 2 : 3;
  std::string best;
  size_t best_distance = limit + 1;
  for (const std::string& c : candidates) {
    const size_t d = EditDistance(typed, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  if (!best.empty()) return best;
  // A prefix of exactly one name ("--form" for "--format").
  std::string only;
  for (const std::string& c : candidates) {
    if (!typed.empty() && c.size() > typed.size() && c.compare(0, typed.size(), typed) == 0) {
      if (!only.empty()) return "";
      only = c;
    }
  }
  return only;
}

}  // namespace cchc
