// The result of scoring one commune: every item with its points, status,
// branch, evidence and explanation, summed to criteria, areas, the index and
// its band. Rounding happens only when rendering.
#ifndef CCHC_ENGINE_CORE_SCORECARD_H_
#define CCHC_ENGINE_CORE_SCORECARD_H_

#include <optional>
#include <string>
#include <vector>

#include "engine/core/plan.h"
#include "evidence/record.h"

namespace cchc {

enum class ItemStatus { kScored, kNotApplicable, kMissingEvidence, kError };
const char* ItemStatusName(ItemStatus s);  // "scored", "not_applicable", ...

struct ItemScore {
  int index = -1;  // into Plan::items()
  ItemGroup group = ItemGroup::kArea;
  ItemStatus status = ItemStatus::kScored;
  double points = 0;                  // 0 unless scored
  double max = 0;                     // the item's max (0 when not applicable)
  std::string branch;                 // short: "on time", ">= 95%", "no cases: full", ...
  std::string explanation;            // the values, the branch and the points
  std::vector<std::string> evidence;  // record ids used
  std::optional<double> appraised;    // the council's points, when given
  std::string appraisal_note;

  // Points the item costs the index: max - points for an area item, the
  // points incurred for a penalty item, 0 for a bonus item.
  double lost() const {
    return group == ItemGroup::kArea ? max - points : group == ItemGroup::kPenalty ? points : 0;
  }
};

struct GroupScore {
  std::string code, name;
  double points = 0;
  double max = 0;           // applicable max
  double declared_max = 0;  // as written in the criteria
  double percent() const { return max > 0 ? points / max * 100.0 : 0.0; }
  std::optional<double> appraised;
};

struct Adjustments {
  double raw = 0;     // sum before the cap
  double points = 0;  // after the cap
  double cap = 0;
};

struct Scorecard {
  Unit unit;
  int year = 0;
  std::vector<ItemScore> items;  // plan order: area items, then bonus, penalty
  std::vector<GroupScore> criteria;
  std::vector<GroupScore> areas;
  Adjustments bonus, penalty;
  double points = 0;  // area items' points (without bonus / penalty)
  double max = 0;     // applicable max
  double declared_max = 0;
  double percent = 0;  // the index, unrounded: (points + bonus - penalty) / max * 100
  std::string band;
  std::optional<double> appraised_percent;  // when any appraisal is given
  std::optional<double> appraised_points;
  std::vector<std::string> unmatched;  // record ids no item selects
};

}  // namespace cchc

#endif  // CCHC_ENGINE_CORE_SCORECARD_H_
