// Scoring and aggregation.
#include "engine/core/scorer.h"

#include <algorithm>

#include "engine/core/area_weights.h"
#include "engine/core/threshold.h"

namespace cchc {

const char* ItemStatusName(ItemStatus s) {
  switch (s) {
    case ItemStatus::kScored:
      return "scored";
    case ItemStatus::kNotApplicable:
      return "not_applicable";
    case ItemStatus::kMissingEvidence:
      return "missing_evidence";
    case ItemStatus::kError:
      return "error";
  }
  return "?";
}

std::string BandOf(const IndexMeta& meta, double percent) {
  for (const BandDecl& b : meta.bands) {
    // Compared unrounded, with the threshold as a percent (90% -> 90.0).
    if (b.is_else || MeetsThreshold(percent, false, 0, 0, b.min_percent * 100.0, false)) {
      return b.label;
    }
  }
  return "";
}

namespace {

// Returns *s to a default-constructed ItemScore's values (what the evaluator
// expects to fill), keeping the memory of its strings and vectors.
void ResetItem(ItemScore* s) {
  static const Explanation kNoExplanation;
  s->index = -1;
  s->group = ItemGroup::kArea;
  s->status = ItemStatus::kScored;
  s->points = s->max = 0;
  s->branch.clear();
  s->why = kNoExplanation;
  s->evidence.clear();
  s->appraised.reset();
  s->appraisal_note.clear();
}

}  // namespace

Scorecard Scorer::Score(const EvidenceIndex& index) {
  Scorecard card;
  ScoreInto(index, &card);
  return card;
}

void Scorer::ScoreInto(const EvidenceIndex& index, Scorecard* out) {
  const Evidence& evidence = index.evidence();
  Scorecard& card = *out;
  card.unit = evidence.unit;
  card.year = evidence.year;
  card.unmatched.clear();
  card.warnings.clear();
  card.alternative.reset();
  const size_t n = plan_.items().size();
  const size_t kept = std::min(card.items.size(), n);
  for (size_t i = 0; i < kept; ++i) ResetItem(&card.items[i]);
  card.items.resize(n);
  const bool explain = evaluator_.explain();
  std::vector<char> selected(explain ? evidence.records.size() : 0, 0);
  for (size_t i = 0; i < n; ++i) {
    evaluator_.Evaluate(index, static_cast<int>(i), &card.items[i]);
    if (!explain) continue;
    for (uint32_t r : evaluator_.last_selected()) {
      if (r < selected.size()) selected[r] = 1;
    }
  }
  for (const Appraisal& a : evidence.appraisals) {
    const int i = plan_.ItemIndex(a.item);
    if (i < 0) continue;  // the loader warns about unknown items
    card.items[static_cast<size_t>(i)].appraised = a.points;
    card.items[static_cast<size_t>(i)].appraisal_note = a.note;
  }
  // Records no item selects (explanations filed under a known item count as
  // selected): likely mis-tagged. Points-only cards skip the list.
  for (size_t r = 0; r < selected.size(); ++r) {
    if (selected[r]) continue;
    const Record& rec = evidence.records[r];
    if (rec.kind == "explanation") {
      const Value* item = rec.Find("item");
      if (item && item->type == ValueType::kString && plan_.ItemIndex(item->text) >= 0) continue;
    }
    card.unmatched.push_back(rec.id);
  }
  Aggregate(plan_, &card);
}

bool Scorer::Depends(int i, const std::vector<int>& kinds) const {
  const CompiledItem& ci = plan_.items()[static_cast<size_t>(i)];
  if (ci.any_kind) return true;
  for (int k : kinds) {
    if (k == plan_.explanation_kind() && ci.evidence_required) return true;
    if (std::find(ci.kinds.begin(), ci.kinds.end(), k) != ci.kinds.end()) return true;
  }
  return false;
}

void Scorer::Rescore(const EvidenceIndex& index, const std::vector<int>& touched_kinds,
                     Scorecard* card, std::vector<int>* rescored) {
  for (ItemScore& s : card->items) {
    if (!Depends(s.index, touched_kinds)) continue;
    if (rescored) rescored->push_back(s.index);
    std::optional<double> appraised = s.appraised;
    std::string note = std::move(s.appraisal_note);
    s = evaluator_.Evaluate(index, s.index);
    s.appraised = appraised;
    s.appraisal_note = std::move(note);
  }
  Aggregate(plan_, card);
}

void Scorer::RescoreItems(const EvidenceIndex& index, const std::vector<int>& items,
                          Scorecard* card) {
  for (int i : items) {
    ItemScore& s = card->items[static_cast<size_t>(i)];
    std::optional<double> appraised = s.appraised;
    std::string note = std::move(s.appraisal_note);
    s = evaluator_.Evaluate(index, i);
    s.appraised = appraised;
    s.appraisal_note = std::move(note);
  }
  Aggregate(plan_, card);
}

void Aggregate(const Plan& plan, Scorecard* card) {
  const Criteria& c = plan.criteria();
  std::vector<size_t> criterion_base;  // first criterion slot of each area
  criterion_base.reserve(c.areas.size());
  size_t criteria_count = 0;
  for (const Area& a : c.areas) {
    criterion_base.push_back(criteria_count);
    criteria_count += a.criteria.size();
  }
  // A card aggregated before (a re-score) keeps its groups: only the numbers
  // are reset.
  if (card->areas.size() != c.areas.size() || card->criteria.size() != criteria_count) {
    card->areas.clear();
    card->criteria.clear();
    card->areas.reserve(c.areas.size());
    card->criteria.reserve(criteria_count);
    for (const Area& a : c.areas) {
      GroupScore& g = card->areas.emplace_back();
      g.code = a.code;
      g.name = a.name;
      for (const Criterion& cr : a.criteria) {
        GroupScore& cg = card->criteria.emplace_back();
        cg.code = cr.code;
        cg.name = cr.name;
      }
    }
  }
  for (size_t a = 0; a < c.areas.size(); ++a) {
    GroupScore& g = card->areas[a];
    g.points = g.max = 0;
    g.declared_max = c.areas[a].max;
    g.appraised.reset();
    for (size_t k = 0; k < c.areas[a].criteria.size(); ++k) {
      GroupScore& cg = card->criteria[criterion_base[a] + k];
      cg.points = cg.max = 0;
      cg.declared_max = c.areas[a].criteria[k].max;
      cg.appraised.reset();
    }
  }
  card->points = card->max = card->declared_max = 0;
  card->bonus = Adjustments{0, 0, c.bonus ? c.bonus->cap : 0};
  card->penalty = Adjustments{0, 0, c.penalty ? c.penalty->cap : 0};
  bool any_appraisal = false;
  double appraised_points = 0, appraised_bonus = 0, appraised_penalty = 0;
  // Per criterion (flat), the appraised points: criterion weights need them.
  std::vector<double> criterion_appraised(card->criteria.size(), 0.0);
  // Summed in locals (in item order, as before), stored after the loop.
  double points = 0, max = 0, declared_max = 0, bonus_raw = 0, penalty_raw = 0;
  for (const ItemScore& s : card->items) {
    const CompiledItem& ci = plan.items()[static_cast<size_t>(s.index)];
    const double appraised = s.appraised.value_or(s.points);
    any_appraisal = any_appraisal || s.appraised.has_value();
    if (ci.group == ItemGroup::kBonus) {
      bonus_raw += s.points;
      appraised_bonus += appraised;
      continue;
    }
    if (ci.group == ItemGroup::kPenalty) {
      penalty_raw += s.points;
      appraised_penalty += appraised;
      continue;
    }
    GroupScore& area = card->areas[static_cast<size_t>(ci.area)];
    const size_t k =
        criterion_base[static_cast<size_t>(ci.area)] + static_cast<size_t>(ci.criterion);
    GroupScore& crit = card->criteria[k];
    area.points += s.points;
    area.max += s.max;
    area.appraised = area.appraised.value_or(0) + appraised;
    crit.points += s.points;
    crit.max += s.max;
    criterion_appraised[k] += appraised;
    points += s.points;
    max += s.max;
    declared_max += ci.item->max;
    appraised_points += appraised;
  }
  card->points = points;
  card->max = max;
  card->declared_max = declared_max;
  card->bonus.raw = bonus_raw;
  card->penalty.raw = penalty_raw;
  card->bonus.points = std::min(card->bonus.raw, card->bonus.cap);
  card->penalty.points = std::min(card->penalty.raw, card->penalty.cap);
  const double total = c.index.total > 0 ? c.index.total : 100.0;
  // The criteria's weight scheme (`weights:`); by max, the index is points / max.
  const AreaWeights weights = DeclaredAreaWeights(c);
  auto index_of = [&](double points, double bonus, double penalty, bool appraised = false) {
    if (card->max <= 0) return 0.0;
    if (!weights.criterion.empty()) {
      std::vector<double> criterion_points, criterion_max;
      for (size_t k = 0; k < card->criteria.size(); ++k) {
        criterion_points.push_back(appraised ? criterion_appraised[k] : card->criteria[k].points);
        criterion_max.push_back(card->criteria[k].max);
      }
      return IndexUnder(c, weights, criterion_points, criterion_max, points, card->max, bonus,
                        penalty);
    }
    if (!weights.by_max()) {
      std::vector<std::optional<double>> area_percent;
      for (const GroupScore& g : card->areas) {
        const double p = appraised ? g.appraised.value_or(g.points) : g.points;
        area_percent.push_back(g.max > 0 ? std::optional<double>(p / g.max * 100.0) : std::nullopt);
      }
      return WeightedPercent(c.index, weights, area_percent, points, card->max, bonus, penalty);
    }
    double pct = (points + bonus - penalty) / card->max * 100.0;
    if (!c.index.bonus_above_total) pct = std::min(pct, 100.0);
    (void)total;
    return std::max(pct, 0.0);
  };
  card->percent = index_of(card->points, card->bonus.points, card->penalty.points);
  card->band = BandOf(c.index, card->percent);
  if (any_appraisal) {
    card->appraised_points = appraised_points;
    card->appraised_percent = index_of(appraised_points, std::min(appraised_bonus, card->bonus.cap),
                                       std::min(appraised_penalty, card->penalty.cap), true);
  } else {
    card->appraised_points.reset();
    card->appraised_percent.reset();
  }
}

}  // namespace cchc
