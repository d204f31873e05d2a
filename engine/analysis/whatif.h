// What-if scoring: a commune's evidence with a scenario's effects applied,
// re-scored incrementally (aggregates updated per edited record, only the
// items they change re-evaluated), and the difference per item, area and total.
#ifndef CCHC_ENGINE_ANALYSIS_WHATIF_H_
#define CCHC_ENGINE_ANALYSIS_WHATIF_H_

#include <deque>
#include <string>
#include <vector>

#include "engine/core/aggregate_cache.h"
#include "engine/core/evidence_index.h"
#include "engine/core/plan.h"
#include "engine/core/scorecard.h"
#include "engine/core/scorer.h"
#include "evidence/scenario.h"

namespace cchc {

class WhatIf {
 public:
  // `plan` and `base` must outlive this object. Scores the base once.
  WhatIf(const Plan& plan, const Evidence& base);
  WhatIf(const WhatIf&) = delete;
  WhatIf& operator=(const WhatIf&) = delete;

  const Scorecard& base_card() const { return base_card_; }
  const EvidenceIndex& base_index() const { return base_index_; }
  const Plan& plan() const { return plan_; }

  // Applies `effects` in order to a copy of the base and returns its
  // scorecard. An effect naming an unknown record (set, remove) or adding an
  // id that exists is skipped and described in `problems` (may be null).
  Scorecard Apply(const std::vector<Effect>& effects, std::vector<std::string>* problems);
  // The same for several effect lists applied one after another (a task set).
  Scorecard ApplyAll(const std::vector<const std::vector<Effect>*>& lists,
                     std::vector<std::string>* problems);
  // As ApplyAll, for hot loops: the effects edit one scratch index in place
  // (undone afterwards), only the re-evaluated items of a scratch card are
  // refreshed, and items carry status, points and branch but no explanation
  // text or evidence ids unless `explain`. The reference is valid until the
  // next call of Apply, ApplyAll or Rescored.
  const Scorecard& Rescored(const std::vector<const std::vector<Effect>*>& lists,
                            std::vector<std::string>* problems, bool explain = false);

 private:
  void ApplyOne(const Effect& e, std::vector<std::string>* problems);

  const Plan& plan_;
  const Evidence& base_;
  EvidenceIndex base_index_;
  Scorer scorer_;        // explains
  Scorer quick_scorer_;  // points and branches only
  Scorecard base_card_;
  std::deque<Record> owned_;  // records the effects create (stable addresses)
  EvidenceIndex work_;        // scratch: the base plus the effects
  AggregateCache cache_;      // work_'s aggregates, kept per edited record
  Scorecard scratch_;         // scratch: the re-scored card
  std::vector<int> dirty_;    // items of scratch_ that differ from base_card_
  bool scratch_explained_ = true;
};

// The change between two scorecards of the same plan.
struct ItemDelta {
  int index = -1;
  double before = 0, after = 0;
  ItemStatus status_before = ItemStatus::kScored, status_after = ItemStatus::kScored;
};
struct ScoreDiff {
  std::vector<ItemDelta> items;                  // only items whose points or status changed
  std::vector<std::pair<double, double>> areas;  // points before/after, all areas
  double percent_before = 0, percent_after = 0;
  std::string band_before, band_after;
};
ScoreDiff Diff(const Scorecard& before, const Scorecard& after);

}  // namespace cchc

#endif  // CCHC_ENGINE_ANALYSIS_WHATIF_H_
