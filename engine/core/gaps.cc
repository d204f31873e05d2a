// Largest self-vs-appraised gaps of one scorecard.
#include "engine/core/gaps.h"

#include <algorithm>
#include <cmath>

namespace cchc {

std::vector<const ItemScore*> LargestGaps(const Scorecard& card, size_t n) {
  std::vector<const ItemScore*> out;
  for (const ItemScore& s : card.items) {
    if (s.appraised && std::fabs(*s.appraised - s.points) > 1e-9) out.push_back(&s);
  }
  std::stable_sort(out.begin(), out.end(), [](const ItemScore* a, const ItemScore* b) {
    return std::fabs(*a->appraised - a->points) > std::fabs(*b->appraised - b->points);
  });
  if (out.size() > n) out.resize(n);
  return out;
}

}  // namespace cchc
