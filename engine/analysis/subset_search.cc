// The exhaustive search over task subsets. Subsets are visited in Gray-code
// order, so each step toggles one task: only the records that task touches
// are swapped in the index (their states are precomputed per combination of
// the tasks touching them), their aggregates updated, and only the items
// those change are re-evaluated. Two threads split the space on the highest task.
#include <algorithm>
#include <bit>
#include <cmath>
#include <deque>
#include <map>

#include "engine/analysis/tasks.h"
#include "engine/core/aggregate_cache.h"
#include "engine/core/area_weights.h"
#include "engine/core/evaluator.h"
#include "engine/core/scorer.h"
#include "engine/util/parallel_for.h"
#include "engine/util/vi_text.h"

namespace cchc {
namespace {

// One record that some task touches, with its state under every combination
// of the tasks that touch it.
struct TouchedRecord {
  std::string id;
  std::vector<int> tasks;             // ascending
  std::vector<const Record*> states;  // by local mask; null = absent
};

struct Prepared {
  std::deque<Record> owned;
  std::vector<TouchedRecord> records;
  std::vector<std::vector<std::pair<int, int>>> task_records;  // task -> (record, bit)
  std::vector<double> effort;
};

bool SameValue(const Value& a, const Value& b) {
  if (a.type != b.type) return false;
  switch (a.type) {
    case ValueType::kMissing:
      return true;
    case ValueType::kNumber:
    case ValueType::kPercent:
      return a.number == b.number;
    case ValueType::kDate:
      return a.date.days == b.date.days;
    case ValueType::kString:
      return a.text == b.text;
    case ValueType::kBool:
      return a.boolean == b.boolean;
  }
  return false;
}

// Same id, kind and field values (a missing value counts as absent; field
// order does not matter).
bool SameRecord(const Record& a, const Record& b) {
  if (a.id != b.id || a.kind != b.kind) return false;
  auto covered = [](const Record& x, const Record& y) {
    for (const auto& [name, value] : x.fields) {
      if (value.missing()) continue;
      const Value* other = y.Find(name);
      if (!other || !SameValue(value, *other)) return false;
    }
    return true;
  };
  return covered(a, b) && covered(b, a);
}

Prepared Prepare(const WhatIf& whatif, const TaskList& list) {
  Prepared p;
  const EvidenceIndex& base = whatif.base_index();
  std::map<std::string, int> by_id;
  const int n = static_cast<int>(list.tasks.size());
  p.task_records.resize(static_cast<size_t>(n));
  for (int t = 0; t < n; ++t) {
    p.effort.push_back(list.tasks[static_cast<size_t>(t)].effort);
    for (const Effect& e : list.tasks[static_cast<size_t>(t)].effects) {
      const std::string& id = e.op == Effect::Op::kAdd ? e.record.id : e.id;
      auto [it, fresh] = by_id.emplace(id, static_cast<int>(p.records.size()));
      if (fresh) p.records.push_back({id, {}, {}});
      auto& tasks = p.records[static_cast<size_t>(it->second)].tasks;
      if (tasks.empty() || tasks.back() != t) tasks.push_back(t);
    }
  }
  for (size_t r = 0; r < p.records.size(); ++r) {
    TouchedRecord& rec = p.records[r];
    const int k = static_cast<int>(rec.tasks.size());
    for (int b = 0; b < k; ++b) {
      p.task_records[static_cast<size_t>(rec.tasks[static_cast<size_t>(b)])].emplace_back(
          static_cast<int>(r), b);
    }
    const int base_pos = base.Find(rec.id);
    const Record* base_rec =
        base_pos >= 0 ? &base.record(static_cast<uint32_t>(base_pos)) : nullptr;
    rec.states.resize(size_t{1} << k);
    for (uint32_t mask = 0; mask < (1u << k); ++mask) {
      std::optional<Record> state;
      if (base_rec) state = *base_rec;
      for (int b = 0; b < k; ++b) {
        if (!(mask >> b & 1)) continue;
        for (const Effect& e :
             list.tasks[static_cast<size_t>(rec.tasks[static_cast<size_t>(b)])].effects) {
          const std::string& id = e.op == Effect::Op::kAdd ? e.record.id : e.id;
          if (id != rec.id) continue;
          if (e.op == Effect::Op::kAdd) {
            if (!state) state = e.record;
          } else if (e.op == Effect::Op::kRemove) {
            state.reset();
          } else if (state) {
            for (const auto& [name, value] : e.record.fields) state->Set(name, value);
          }
        }
      }
      // A state equal to the base, or to the state without one of its
      // tasks, shares that pointer: a toggle that changes nothing is then
      // seen as such and re-evaluates nothing (done tasks re-setting what
      // the evidence already says are common).
      if (mask == 0 && base_rec) {
        rec.states[mask] = base_rec;
      } else if (state && base_rec && SameRecord(*state, *base_rec)) {
        rec.states[mask] = base_rec;
      } else if (state) {
        const Record* same = nullptr;
        for (int b = 0; b < k && !same; ++b) {
          const Record* other = (mask >> b & 1) ? rec.states[mask ^ (1u << b)] : nullptr;
          if (other && SameRecord(*state, *other)) same = other;
        }
        if (same) {
          rec.states[mask] = same;
        } else {
          p.owned.push_back(std::move(*state));
          rec.states[mask] = &p.owned.back();
        }
      }
    }
  }
  return p;
}

struct Candidate {
  uint32_t mask = 0;
  double effort = 0;
  double percent = 0;
  bool valid = false;
};

// Budget: highest index, then lower effort, fewer tasks, smaller mask.
bool BetterForBudget(const Candidate& a, const Candidate& b) {
  if (!b.valid) return a.valid;
  if (std::fabs(a.percent - b.percent) > 1e-9) return a.percent > b.percent;
  if (std::fabs(a.effort - b.effort) > 1e-9) return a.effort < b.effort;
  if (std::popcount(a.mask) != std::popcount(b.mask))
    return std::popcount(a.mask) < std::popcount(b.mask);
  return a.mask < b.mask;
}

// Target band: lowest effort, then higher index, fewer tasks, smaller mask.
bool BetterForBand(const Candidate& a, const Candidate& b) {
  if (!b.valid) return a.valid;
  if (std::fabs(a.effort - b.effort) > 1e-9) return a.effort < b.effort;
  if (std::fabs(a.percent - b.percent) > 1e-9) return a.percent > b.percent;
  if (std::popcount(a.mask) != std::popcount(b.mask))
    return std::popcount(a.mask) < std::popcount(b.mask);
  return a.mask < b.mask;
}

// The index as the scorer computes it, from the items alone (under the
// criteria's area weights when they are not by max).
// What the index reads of an item, packed (the visit loop reads every item).
struct Slim {
  ItemGroup group = ItemGroup::kArea;
  int index = -1;
  double points = 0, max = 0;
};

Slim SlimOf(const ItemScore& s) { return Slim{s.group, s.index, s.points, s.max}; }

double IndexPercent(const Plan& plan, const AreaWeights& weights, const std::vector<Slim>& items) {
  double points = 0, max = 0, bonus = 0, penalty = 0;
  std::vector<double> area_points, area_max, criterion_points, criterion_max;
  std::vector<size_t> criterion_base;  // per area: its first criterion's flat index
  if (!weights.by_max()) {
    area_points.assign(plan.criteria().areas.size(), 0.0);
    area_max.assign(plan.criteria().areas.size(), 0.0);
  }
  if (!weights.criterion.empty()) {
    for (const Area& a : plan.criteria().areas) {
      criterion_base.push_back(criterion_points.size());
      criterion_points.insert(criterion_points.end(), a.criteria.size(), 0.0);
    }
    criterion_max.assign(criterion_points.size(), 0.0);
  }
  for (const Slim& s : items) {
    if (s.group == ItemGroup::kArea) {
      points += s.points;
      max += s.max;
      if (!weights.by_max()) {
        const CompiledItem& ci = plan.items()[static_cast<size_t>(s.index)];
        const size_t a = static_cast<size_t>(ci.area);
        area_points[a] += s.points;
        area_max[a] += s.max;
        if (!criterion_base.empty()) {
          const size_t k = criterion_base[a] + static_cast<size_t>(ci.criterion);
          criterion_points[k] += s.points;
          criterion_max[k] += s.max;
        }
      }
    } else if (s.group == ItemGroup::kBonus) {
      bonus += s.points;
    } else {
      penalty += s.points;
    }
  }
  const Criteria& c = plan.criteria();
  if (c.bonus) bonus = std::min(bonus, c.bonus->cap);
  if (c.penalty) penalty = std::min(penalty, c.penalty->cap);
  if (max <= 0) return 0;
  if (!weights.criterion.empty()) {
    return IndexUnder(c, weights, criterion_points, criterion_max, points, max, bonus, penalty);
  }
  if (!weights.by_max()) {
    std::vector<std::optional<double>> area_percent;
    for (size_t a = 0; a < area_max.size(); ++a) {
      area_percent.push_back(area_max[a] > 0
                                 ? std::optional<double>(area_points[a] / area_max[a] * 100.0)
                                 : std::nullopt);
    }
    return WeightedPercent(c.index, weights, area_percent, points, max, bonus, penalty);
  }
  double pct = (points + bonus - penalty) / max * 100.0;
  if (!c.index.bonus_above_total) pct = std::min(pct, 100.0);
  return std::max(pct, 0.0);
}

// The index by max from the items' points, kept as one array per sum in
// item order (the additions IndexPercent makes, in the same order, so the
// same doubles) for the visit loop, which reads every item per subset.
class ByMaxIndex {
 public:
  explicit ByMaxIndex(const std::vector<Slim>& items) {
    for (const Slim& s : items) {
      std::vector<double>& list = s.group == ItemGroup::kArea    ? points_
                                  : s.group == ItemGroup::kBonus ? bonus_
                                                                 : penalty_;
      at_.push_back(list.size());
      list.push_back(s.points);
      if (s.group == ItemGroup::kArea) max_.push_back(s.max);
    }
  }
  void Set(int i, const Slim& s) {
    const size_t k = at_[static_cast<size_t>(i)];
    if (s.group == ItemGroup::kArea) {
      points_[k] = s.points;
      max_[k] = s.max;
    } else {
      (s.group == ItemGroup::kBonus ? bonus_ : penalty_)[k] = s.points;
    }
  }
  double Percent(const Criteria& c) const {
    double points = 0, max = 0, bonus = 0, penalty = 0;
    for (double p : points_) points += p;
    for (double m : max_) max += m;
    for (double b : bonus_) bonus += b;
    for (double p : penalty_) penalty += p;
    if (c.bonus) bonus = std::min(bonus, c.bonus->cap);
    if (c.penalty) penalty = std::min(penalty, c.penalty->cap);
    if (max <= 0) return 0;
    double pct = (points + bonus - penalty) / max * 100.0;
    if (!c.index.bonus_above_total) pct = std::min(pct, 100.0);
    return std::max(pct, 0.0);
  }

 private:
  std::vector<size_t> at_;  // item -> position in its group's arrays
  std::vector<double> points_, max_, bonus_, penalty_;
};

struct Worker {
  Candidate budget_best, band_best;
  long long visited = 0;
};

void Run(const WhatIf& whatif, const Prepared& p, int n, uint32_t fixed_high, int free_bits,
         std::optional<double> budget, int target_rank, Worker* out) {
  const Plan& plan = whatif.plan();
  EvidenceIndex index = whatif.base_index();
  ItemEvaluator evaluator(plan);
  evaluator.set_explain(false);  // points and branches only, in the hot loop
  // The aggregates follow each swapped record, so an item's counts cost
  // what changed, not a walk of its records.
  AggregateCache cache(plan);
  cache.Reset(index);
  evaluator.set_cache(&cache);
  std::vector<Slim> items;
  for (const ItemScore& s : whatif.base_card().items) items.push_back(SlimOf(s));
  ByMaxIndex by_max(items);
  const AreaWeights weights = DeclaredAreaWeights(plan.criteria());
  std::vector<uint32_t> local(p.records.size(), 0);
  // Each record state's contributions to the aggregates, measured the first
  // time the index holds it, and where each touched record sits (-1 absent).
  std::vector<std::vector<AggregateCache::Contribution>> measured(p.records.size());
  std::vector<int> where(p.records.size(), -1);
  for (size_t r = 0; r < p.records.size(); ++r) {
    measured[r].resize(p.records[r].states.size());
    where[r] = index.Find(p.records[r].id);
  }
  auto contribution = [&](size_t r, uint32_t state) -> const AggregateCache::Contribution& {
    AggregateCache::Contribution& c = measured[r][state];
    if (c.kind == -2) cache.Measure(index, static_cast<uint32_t>(where[r]), &c);
    return c;
  };
  std::vector<int> kinds, changed;
  uint32_t mask = 0;
  // The index and its band follow the items: a toggle that re-evaluates no
  // item (a task whose records end as they were, or inert tasks) keeps them.
  bool items_changed = true;
  double percent = 0;
  int rank = -1;
  auto toggle = [&](int t) {
    mask ^= 1u << t;
    kinds.clear();
    for (auto [r, bit] : p.task_records[static_cast<size_t>(t)]) {
      const size_t ri = static_cast<size_t>(r);
      const TouchedRecord& rec = p.records[ri];
      const uint32_t from = local[ri];
      local[ri] ^= 1u << bit;
      const uint32_t to = local[ri];
      const Record* before = rec.states[from];
      const Record* after = rec.states[to];
      if (before == after) continue;
      const AggregateCache::Contribution* old = before ? &contribution(ri, from) : nullptr;
      if (before && after) {
        index.Replace(rec.id, after);
      } else if (after) {
        index.Add(after);
        where[ri] = index.Find(rec.id);
      } else {
        index.Remove(rec.id);
        where[ri] = -1;
      }
      if (old) kinds.push_back(old->kind);
      if (!after) {
        cache.Apply(*old, -1);
        continue;
      }
      const AggregateCache::Contribution& now = contribution(ri, to);
      kinds.push_back(now.kind);
      if (old)
        cache.Move(*old, now);
      else
        cache.Apply(now, +1);
    }
    if (kinds.empty()) return;
    changed.clear();
    cache.Changed(kinds, /*update_reference=*/true, &changed);
    for (int i : changed) {
      items[static_cast<size_t>(i)] = SlimOf(evaluator.Evaluate(index, i));
      by_max.Set(i, items[static_cast<size_t>(i)]);
    }
    if (!changed.empty()) items_changed = true;
  };
  auto visit = [&] {
    ++out->visited;
    if (items_changed) {
      percent =
          weights.by_max() ? by_max.Percent(plan.criteria()) : IndexPercent(plan, weights, items);
      if (target_rank >= 0) {
        rank = BandRank(plan.criteria().index, BandOf(plan.criteria().index, percent));
      }
      items_changed = false;
    }
    const bool in_band = target_rank >= 0 && rank >= 0 && rank <= target_rank;
    if (!budget && !in_band) return;  // neither set can take this subset
    Candidate c;
    c.mask = mask;
    c.valid = true;
    c.percent = percent;
    // In task order, as a select rather than a branch on each bit (the bits
    // of a Gray code are as good as random to the branch predictor).
    for (int t = 0; t < n; ++t) {
      c.effort += (mask >> t & 1) ? p.effort[static_cast<size_t>(t)] : 0.0;
    }
    if (budget && c.effort <= *budget + 1e-9 && BetterForBudget(c, out->budget_best))
      out->budget_best = c;
    if (in_band && BetterForBand(c, out->band_best)) out->band_best = c;
  };
  for (int t = free_bits; t < n; ++t) {
    if (fixed_high >> (t - free_bits) & 1) toggle(t);
  }
  visit();
  const uint64_t steps = uint64_t{1} << free_bits;
  for (uint64_t i = 1; i < steps; ++i) {
    toggle(std::countr_zero(i));
    visit();
  }
}

TaskSet ToSet(const Candidate& c, int n, double base_percent, const IndexMeta& meta) {
  TaskSet s;
  for (int t = 0; t < n; ++t) {
    if (c.mask >> t & 1) s.tasks.push_back(t);
  }
  s.effort = c.effort;
  s.percent = c.percent;
  s.gain = c.percent - base_percent;
  s.band = BandOf(meta, c.percent);
  return s;
}

}  // namespace

int BandRank(const IndexMeta& meta, const std::string& label) {
  for (size_t i = 0; i < meta.bands.size(); ++i) {
    if (meta.bands[i].label == label) return static_cast<int>(i);
  }
  return -1;
}

const BandDecl* FindBand(const IndexMeta& meta, std::string_view typed) {
  for (const BandDecl& b : meta.bands) {
    if (SameNameVi(b.label, typed)) return &b;
  }
  return nullptr;
}

std::optional<SubsetSearchResult> SearchSubsets(const WhatIf& whatif, const TaskList& tasks,
                                                std::optional<double> budget,
                                                std::optional<std::string> target_band,
                                                int threads) {
  if (tasks.tasks.size() > kMaxTasks) return std::nullopt;
  SubsetSearchResult result;
  const int n = static_cast<int>(tasks.tasks.size());
  const Prepared p = Prepare(whatif, tasks);
  const IndexMeta& meta = whatif.plan().criteria().index;
  const int target_rank = target_band ? BandRank(meta, *target_band) : -1;
  // The space splits into a power of two of parts, one per thread.
  const int max_parts = static_cast<int>(ParallelWorkers(threads, size_t{1} << 16));
  int split_bits = 0;
  while ((1 << (split_bits + 1)) <= max_parts && split_bits + 1 <= n) ++split_bits;
  const int parts = 1 << split_bits;
  std::vector<Worker> workers(static_cast<size_t>(parts));
  ParallelFor(workers.size(), parts, [&](size_t w, size_t) {
    Run(whatif, p, n, static_cast<uint32_t>(w), n - split_bits, budget, target_rank, &workers[w]);
  });
  Candidate best_budget, best_band;
  for (const Worker& w : workers) {
    result.subsets += w.visited;
    if (w.budget_best.valid && BetterForBudget(w.budget_best, best_budget))
      best_budget = w.budget_best;
    if (w.band_best.valid && BetterForBand(w.band_best, best_band)) best_band = w.band_best;
  }
  const double base = whatif.base_card().percent;
  if (best_budget.valid) result.best_for_budget = ToSet(best_budget, n, base, meta);
  if (best_band.valid) result.cheapest_for_band = ToSet(best_band, n, base, meta);
  return result;
}

}  // namespace cchc
