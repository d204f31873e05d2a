// Ranking units by their index under the criteria's declared tie rule:
// shared (1, 1, 3) or dense (1, 1, 2), on unrounded values.
#ifndef CCHC_ENGINE_BATCH_RANKING_H_
#define CCHC_ENGINE_BATCH_RANKING_H_

#include <string>
#include <vector>

#include "criteria/ast.h"

namespace cchc {

// Two indexes closer than this (in percentage points) are equal: it absorbs
// floating-point noise from summing the same points in a different order and
// is far below the 0.01 shown.
constexpr double kTieEpsilon = 1e-9;

struct Ranking {
  std::vector<size_t> order;  // positions, best first; equal values by key
  std::vector<int> rank;      // per position (1-based)
};

// Ranks values highest first. A tie group starts at its highest value and
// takes every following value within kTieEpsilon of that first one (so
// groups never chain). Equal units are listed by `keys` (the unit code),
// then by position. keys.size() must equal values.size().
Ranking RankDescending(const std::vector<double>& values, const std::vector<std::string>& keys,
                       TieRule rule);

// "shared" or "dense".
const char* TieRuleName(TieRule rule);

}  // namespace cchc

#endif  // CCHC_ENGINE_BATCH_RANKING_H_
