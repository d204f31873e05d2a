// Data quality: what does not block scoring but an official must see before
// signing — a record filed under an item that does not select it, a value
// at the edge of its declared range, a date after the evidence's as_of, a
// record no item selects.
#ifndef CCHC_ENGINE_CORE_DATA_QUALITY_H_
#define CCHC_ENGINE_CORE_DATA_QUALITY_H_

#include <string>
#include <vector>

#include "engine/core/plan.h"
#include "engine/core/scorecard.h"
#include "evidence/record.h"

namespace cchc {

// Stable codes, documented in docs/output-formats.md.
inline constexpr const char* kWarnMisfiled = "W601";   // "item" names an item not selecting it
inline constexpr const char* kWarnRangeEdge = "W602";  // a value on a bound of its range
inline constexpr const char* kWarnAfterAsOf = "W603";  // a date after as_of
inline constexpr const char* kWarnUnmatched = "W604";  // no item selects the record

// The warnings of one scored commune, in record order. `card` must have been
// scored with explanations (its items carry their evidence ids).
std::vector<DataWarning> CheckDataQuality(const Plan& plan, const Evidence& evidence,
                                          const Scorecard& card);

}  // namespace cchc

#endif  // CCHC_ENGINE_CORE_DATA_QUALITY_H_
