// A batch under another area weight scheme: beside the official index
// (RankAlternative, for `batch --weights`) or in its place (ReweighBatch, the
// nominal batch of `uncertainty --weights`).
#include <string>
#include <vector>

#include "engine/batch/batch.h"
#include "engine/batch/ranking.h"
#include "engine/core/scorer.h"

namespace cchc {
namespace {

double PercentUnder(const Criteria& c, const AreaWeights& w, const BatchUnit& u) {
  if (!w.criterion.empty()) {
    return IndexUnder(c, w, u.criterion_points, u.criterion_max, u.points, u.max, u.bonus,
                      u.penalty);
  }
  return WeightedPercent(c.index, w, u.area_percent, u.points, u.max, u.bonus, u.penalty);
}

}  // namespace

void RankAlternative(const Plan& plan, const AreaWeights& w, BatchResult* r) {
  const IndexMeta& meta = plan.criteria().index;
  std::vector<double> percents;
  std::vector<std::string> codes;
  for (BatchUnit& u : r->units) {
    AlternativeIndex alt;
    alt.scheme = w.name;
    alt.percent = PercentUnder(plan.criteria(), w, u);
    alt.band = BandOf(meta, alt.percent);
    percents.push_back(alt.percent);
    codes.push_back(u.unit.code);
    u.alternative = std::move(alt);
  }
  const Ranking ranking = RankDescending(percents, codes, meta.ties);
  for (size_t i = 0; i < r->units.size(); ++i) r->units[i].alternative->rank = ranking.rank[i];
}

void ReweighBatch(const Plan& plan, const AreaWeights& w, size_t max_gaps, BatchResult* r) {
  const IndexMeta& meta = plan.criteria().index;
  for (BatchUnit& u : r->units) {
    u.percent = PercentUnder(plan.criteria(), w, u);
    u.band = BandOf(meta, u.percent);
  }
  FinishBatch(plan, max_gaps, r);
}

}  // namespace cchc
