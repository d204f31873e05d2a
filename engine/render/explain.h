// Wording an item's explanation (engine/core's Explanation, which is data)
// in the report's language, from one template per rule kind in the label
// tables; and the short name of the branch that applied.
#ifndef CCHC_ENGINE_RENDER_EXPLAIN_H_
#define CCHC_ENGINE_RENDER_EXPLAIN_H_

#include <string>
#include <string_view>

#include "engine/core/plan.h"
#include "engine/core/scorecard.h"
#include "engine/render/labels.h"

namespace cchc {

// "on_time = 96.00 % (1152 of 1200) → >= 95%: 3 of 4 points";
// in Vietnamese "96,00 % (1.152/1.200) → đạt mức ≥ 95 %: 3/4 điểm".
// Empty when the item was scored without explanations.
std::string ExplainItem(const Plan& plan, const ItemScore& s, Lang lang);

// The branch in the report's language: the engine's key (">= 95%", "on
// time", "no cases: full") in English, "đạt mức ≥ 95 %", "đúng hạn", ... in
// Vietnamese. Unknown keys are shown as they are.
std::string BranchLabel(std::string_view branch, Lang lang);

// A number as the language writes it: "1.152,5" in Vietnamese, "1152.5" in
// English (the input is FormatTrim/FormatFixed output).
std::string LocalNumber(std::string_view number, Lang lang);

// A date as the language writes it: "20/01/2026" in Vietnamese, "2026-01-20"
// (ISO) in English.
std::string LocalDate(Date d, Lang lang);

}  // namespace cchc

#endif  // CCHC_ENGINE_RENDER_EXPLAIN_H_
