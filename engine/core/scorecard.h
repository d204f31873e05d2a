// The result of scoring one commune: every item with its points, status,
// branch, evidence and explanation, summed to criteria, areas, the index and
// its band. Rounding happens only when rendering.
#ifndef CCHC_ENGINE_CORE_SCORECARD_H_
#define CCHC_ENGINE_CORE_SCORECARD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "criteria/date.h"
#include "engine/core/plan.h"
#include "evidence/record.h"

namespace cchc {

enum class ItemStatus : uint8_t { kScored, kNotApplicable, kMissingEvidence, kError };
const char* ItemStatusName(ItemStatus s);  // "scored", "not_applicable", ...

// A value as an explanation shows it, copied out of the evaluation.
struct ShownValue {
  enum class Type : uint8_t { kMissing, kNoCase, kNumber, kPercent, kDate, kText, kBool, kOther };
  Type type = Type::kMissing;
  double number = 0;       // kNumber; kPercent as a fraction
  bool has_ratio = false;  // kPercent from a ratio whose parts are known
  double ratio_num = 0, ratio_den = 0;
  Date date;             // kDate
  bool boolean = false;  // kBool
  std::string text;      // kText
};

// Why an item got its points, as data and no words: engine/render says it in
// the report's language. Filled only when the evaluator explains.
struct Explanation {
  enum class Kind : uint8_t {
    kNone,             // points-only scoring
    kError,            // `error` says why the item cannot be scored
    kNotApplicable,    // an applicability condition (`condition`) held
    kMissingEvidence,  // the evidence gate: nothing found, nothing accepted
    kRule,             // the rule's `outcome` gave the points
  };
  // The rule's branch: which case of which rule kind applied.
  enum class Outcome : uint8_t {
    kNoCases,  // the subject is a ratio over zero cases
    kOnTime,
    kLate,
    kNotIssued,  // deadline
    kBand,
    kBelowBands,
    kLevel,
    kNotListed,    // bands, count, levels
    kElseMissing,  // bands, count, levels: the subject is missing
    kShare,
    kShareMissing,  // linear, checklist, scaled, likert, percent
    kYes,
    kNo,  // boolean (the subject may be missing: no)
    kDeducted,
    kNoDeduction,  // deduct (no deduction: the subject is missing)
    kGiven,
    kGivenMissing,  // manual
    kPerCase,
    kPerCaseMissing,  // per case
  };
  Kind kind = Kind::kNone;
  RuleKind rule = RuleKind::kBoolean;
  Outcome outcome = Outcome::kNoCases;
  std::string subject;  // the subject's source text ("input" when unknown)
  ShownValue value;     // the subject's value
  double points = 0;    // the rule's points, before any clamp
  double max = 0;
  double threshold = 0;                            // kBand: the threshold met
  bool threshold_percent = false, strict = false;  // "95 %", ">" rather than ">="
  std::string level;                               // kLevel: the level met
  Date deadline;                                   // deadline rules
  int late_days = 0;                               // kLate
  ShownValue param;  // linear: the target; checklist, scaled, likert: the "of" value
  double share = 0;  // kShare: the fraction of max given
  double each = 0;   // deduct, per case: points per case
  double floor = 0;
  bool floored = false, capped = false, clamped = false;
  bool branch_no_cases = false;                // the branch's points were a ratio over zero cases
  NoCasePolicy policy = NoCasePolicy::kUnset;  // applied when the rule had no cases
  bool kept_within = false;                    // the points were kept within [0, max]
  std::string error;                           // kError: the reason
  std::string condition;                       // kNotApplicable: the condition's source text
  double declared_max = 0;  // kNotApplicable and policy kNotApplicable: removed from the max

  bool no_cases() const {
    return kind == Kind::kRule && (outcome == Outcome::kNoCases || branch_no_cases);
  }
};

struct ItemScore {
  int index = -1;  // into Plan::items()
  ItemGroup group = ItemGroup::kArea;
  ItemStatus status = ItemStatus::kScored;
  double points = 0;                  // 0 unless scored
  double max = 0;                     // the item's max (0 when not applicable)
  std::string branch;                 // short: "on time", ">= 95%", "no cases: full", ...
  Explanation why;                    // the values, the branch and the points, as data
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
  // Views of the criteria's area or criterion (the plan's criteria outlive
  // every card scored under them): a card copies no names.
  std::string_view code, name;
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

// A data-quality warning (engine/core/data_quality.h): scoring went on, but
// an official should look at this record.
struct DataWarning {
  std::string code;  // "W601"
  std::string record;
  std::string field;  // empty for a whole-record warning
  std::string message;
};

// The index under another area weight scheme (`--weights`), shown beside the
// official one (engine/core/area_weights.h).
struct AlternativeIndex {
  std::string scheme;  // AreaWeights::name: "equal", "max" or a file
  double percent = 0;  // unrounded
  std::string band;
  int rank = 0;  // in a batch, under the same scheme; 0 otherwise
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
  std::vector<std::string> unmatched;           // record ids no item selects
  std::vector<DataWarning> warnings;            // filled by the score command (CheckDataQuality)
  std::optional<AlternativeIndex> alternative;  // filled by the score command (--weights)
};

}  // namespace cchc

#endif  // CCHC_ENGINE_CORE_SCORECARD_H_
