// Ranking with declared ties.
#include "engine/batch/ranking.h"

#include <algorithm>
#include <numeric>

namespace cchc {

Ranking RankDescending(const std::vector<double>& values, const std::vector<std::string>& keys,
                       TieRule rule) {
  Ranking r;
  const size_t n = values.size();
  r.order.resize(n);
  std::iota(r.order.begin(), r.order.end(), size_t{0});
  auto by_key = [&](size_t a, size_t b) { return keys[a] != keys[b] ? keys[a] < keys[b] : a < b; };
  std::sort(r.order.begin(), r.order.end(), [&](size_t a, size_t b) {
    return values[a] != values[b] ? values[a] > values[b] : by_key(a, b);
  });
  r.rank.assign(n, 0);
  int group = 0;
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && values[r.order[i]] - values[r.order[j]] <= kTieEpsilon) ++j;
    std::sort(r.order.begin() + static_cast<long>(i), r.order.begin() + static_cast<long>(j),
              by_key);
    ++group;
    const int rank = rule == TieRule::kDense ? group : static_cast<int>(i) + 1;
    for (size_t k = i; k < j; ++k) r.rank[r.order[k]] = rank;
    i = j;
  }
  return r;
}

const char* TieRuleName(TieRule rule) { return rule == TieRule::kDense ? "dense" : "shared"; }

}  // namespace cchc
