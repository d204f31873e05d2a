// Self-assessed vs appraised points: the items whose appraisal differs most
// from the self-score, for `score` (one unit) and `batch` (every unit).
#ifndef CCHC_ENGINE_CORE_GAPS_H_
#define CCHC_ENGINE_CORE_GAPS_H_

#include <cstddef>
#include <vector>

#include "engine/core/scorecard.h"

namespace cchc {

// Items with an appraisal that differs from the self-score (|appraised -
// points| > 1e-9), largest |gap| first, ties in plan order; at most `n`.
std::vector<const ItemScore*> LargestGaps(const Scorecard& card, size_t n);

}  // namespace cchc

#endif  // CCHC_ENGINE_CORE_GAPS_H_
