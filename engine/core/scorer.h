// Scoring a commune: every item evaluated over the evidence index, then summed
// into criteria, areas, the capped bonus and penalty, the index and its band.
#ifndef CCHC_ENGINE_CORE_SCORER_H_
#define CCHC_ENGINE_CORE_SCORER_H_

#include <string>
#include <vector>

#include "engine/core/evaluator.h"
#include "engine/core/evidence_index.h"
#include "engine/core/plan.h"
#include "engine/core/scorecard.h"

namespace cchc {

class Scorer {
 public:
  explicit Scorer(const Plan& plan) : plan_(plan), evaluator_(plan) {}

  // Scores every item. The unit, appraisals and the unmatched-record list
  // come from the evidence the index was built from (index.evidence()).
  // Points-only (set_explain(false)): no explanations, evidence ids or
  // unmatched list.
  Scorecard Score(const EvidenceIndex& index);
  // Score() into *card, reusing the memory an earlier score left in it (its
  // items' strings and vectors): for a loop scoring many communes. *card ends
  // equal to Score(index) whatever it held.
  void ScoreInto(const EvidenceIndex& index, Scorecard* card);

  // Re-scores only the items that select a kind in `touched_kinds` (or every
  // kind), then re-aggregates. The unmatched list is left as it was. When
  // `rescored` is given, the indices of the re-evaluated items are appended.
  void Rescore(const EvidenceIndex& index, const std::vector<int>& touched_kinds, Scorecard* card,
               std::vector<int>* rescored = nullptr);

  // Re-evaluates exactly `items` (item indices), then re-aggregates.
  void RescoreItems(const EvidenceIndex& index, const std::vector<int>& items, Scorecard* card);

  // Points-only evaluations read count(), exists(), sum() and avg() from
  // `cache` (see ItemEvaluator::set_cache); null walks the sets.
  void set_cache(const AggregateCache* cache) { evaluator_.set_cache(cache); }

  // Off (points-only): items get status, points and branch only (see
  // ItemEvaluator).
  void set_explain(bool on) { evaluator_.set_explain(on); }

  // True when item `i` reads records of one of the kinds.
  bool Depends(int i, const std::vector<int>& kinds) const;

 private:
  const Plan& plan_;
  ItemEvaluator evaluator_;
};

// Sums items into criteria, areas, bonus, penalty, the index and its band.
void Aggregate(const Plan& plan, Scorecard* card);

// The band of an index percentage under the criteria's declared bands.
std::string BandOf(const IndexMeta& meta, double percent);

}  // namespace cchc

#endif  // CCHC_ENGINE_CORE_SCORER_H_
