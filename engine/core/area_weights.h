// Area weights as data: the official scheme weighs each area by its
// applicable max (the index is points / max); another scheme gives each area
// a weight w_a, and the index becomes the w-weighted mean of the area
// percentages, plus bonus and minus penalty. Formulas: docs/weights.md.
#ifndef CCHC_ENGINE_CORE_AREA_WEIGHTS_H_
#define CCHC_ENGINE_CORE_AREA_WEIGHTS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "criteria/ast.h"
#include "engine/core/scorecard.h"

namespace cchc {

struct AreaWeights {
  std::string name = "max";    // "max", "equal", or the file the weights came from
  std::vector<double> weight;  // per area (criteria order); empty: by max
  // Per criterion, flat in criteria order (area by area); empty: each area's
  // percentage is its points / max. Otherwise an area's percentage is
  // Σ w_c pct_c / Σ w_c over its criteria with something applicable.
  std::vector<double> criterion;
  bool by_max() const { return weight.empty() && criterion.empty(); }
};

// The criteria's own scheme (`weights:` in the index): by max (empty
// weights, name "max"), "equal", or each area's declared `weight` (name
// "criteria"). The official index is computed under it.
AreaWeights DeclaredAreaWeights(const Criteria& c);

// The named schemes: "max" (each area by its applicable max: today's index)
// and "equal" (every area weight 1). False for any other name.
bool NamedAreaWeights(std::string_view name, size_t areas, AreaWeights* out);

// Those, and "equal-criteria": every area weight 1 and every criterion
// weight 1 within its area.
bool NamedWeights(std::string_view name, const Criteria& c, AreaWeights* out);

// A weights file: one `AREA WEIGHT` line per area, and optionally one
// `CRITERION WEIGHT` line per criterion (all or none), the two separated by
// blanks or a comma (so a spreadsheet's `area,weight` CSV export reads as is;
// a first line `area,weight` is a header), `#` comments, blank lines.
// Every area listed once, weights finite and ≥ 0, at least one > 0 (and
// within each area, at least one criterion weight > 0). False
// with *error = "PATH:LINE:COL: what; how to fix" (LINE:COL omitted when the
// problem is the file as a whole).
bool ParseAreaWeightsFile(std::string_view text, const std::string& path,
                          const std::vector<Area>& areas, AreaWeights* out, std::string* error);

// Each area's percentage under w's criterion weights, from per-criterion
// points and applicable max (flat, criteria order): nullopt when nothing in
// the area applies; points / max without criterion weights, or when every
// applicable criterion of the area weighs 0.
std::vector<std::optional<double>> AreaPercents(const Criteria& c, const AreaWeights& w,
                                                const std::vector<double>& criterion_points,
                                                const std::vector<double>& criterion_max);

// The index under `w` from per-criterion points and applicable max (flat,
// criteria order), the area points and applicable max, and the capped bonus
// and penalty: WeightedPercent over AreaPercents, each area weighing its
// applicable max when w gives criterion weights but no area weights.
double IndexUnder(const Criteria& c, const AreaWeights& w,
                  const std::vector<double>& criterion_points,
                  const std::vector<double>& criterion_max, double points, double max, double bonus,
                  double penalty);

// The index (percent) under `w`, from a unit's per-area percentages (nullopt:
// nothing applicable in the area), its area points and applicable max, and
// its capped bonus and penalty. By max: (points + bonus − penalty) / max ×
// 100, exactly the scorer's index. Otherwise Σ w_a pct_a / Σ w_a over the
// applicable areas, plus (bonus − penalty) / max × 100; when those w_a are
// all 0, points / max. Clamped to [0, 100] (to [0, ∞) with `bonus above
// total: yes`); 0 when max is 0.
double WeightedPercent(const IndexMeta& meta, const AreaWeights& w,
                       const std::vector<std::optional<double>>& area_percent, double points,
                       double max, double bonus, double penalty);

// A scorecard's index and band under `w` (rank left 0). The first form
// ignores criterion weights; the second applies them.
AlternativeIndex AlternativeOf(const IndexMeta& meta, const AreaWeights& w, const Scorecard& card);
AlternativeIndex AlternativeOf(const Criteria& c, const AreaWeights& w, const Scorecard& card);

}  // namespace cchc

#endif  // CCHC_ENGINE_CORE_AREA_WEIGHTS_H_
