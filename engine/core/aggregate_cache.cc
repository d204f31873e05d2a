// Incremental aggregates: which aggregate nodes of a plan can be kept per
// record (found once from the plan), and their per-record bookkeeping.
#include "engine/core/aggregate_cache.h"

#include <algorithm>
#include <cmath>

namespace cchc {

bool AggregateCache::State::operator==(const State& o) const {
  return std::equal(std::begin(counts), std::end(counts), std::begin(o.counts)) &&
         errors == o.errors && seen == o.seen && percents == o.percents && unusable == o.unusable &&
         version == o.version && acc == o.acc && best == o.best && dates == o.dates &&
         best_key == o.best_key && best_dated == o.best_dated && unknown == o.unknown;
}

AggregateCache::AggregateCache(const Plan& plan)
    : plan_(plan), evaluator_(plan), agg_of_node_(plan.nodes().size(), -1) {
  evaluator_.set_explain(false);
  const size_t items = plan.items().size();
  by_kind_.resize(plan.kinds().size() + 1);
  walkers_.resize(plan.kinds().size() + 1);
  item_mark_.assign(items, 0);
  for (size_t i = 0; i < items; ++i) Scan(static_cast<int>(i));
  for (size_t a = 0; a < aggs_.size(); ++a)
    by_kind_[static_cast<size_t>(aggs_[a].kind + 1)].push_back(static_cast<int>(a));
  state_.assign(aggs_.size(), State{});
  reference_ = state_;
  touched_mark_.assign(aggs_.size(), 0);
}

bool AggregateCache::Local(int node) const {
  if (node < 0) return true;
  const Node& n = plan_.nodes()[static_cast<size_t>(node)];
  switch (n.kind) {
    case ExprKind::kNumber:
    case ExprKind::kPercent:
    case ExprKind::kDate:
    case ExprKind::kString:
    case ExprKind::kBool:
    case ExprKind::kMaxRef:
      return true;
    case ExprKind::kName:
      return n.ref == NameRef::kField || n.ref == NameRef::kAsOf;
    case ExprKind::kUnary:
      return Local(n.a);
    case ExprKind::kBinary:
      return Local(n.a) && Local(n.b);
    case ExprKind::kCall:
      return (n.fn == Fn::kMin2 || n.fn == Fn::kMax2 || n.fn == Fn::kRatio || n.fn == Fn::kDays) &&
             Local(n.a) && Local(n.b);
    default:
      return false;  // record sets, `.field` of a chosen record
  }
}

// The chain behind a set node: its kind and conditions, and which of its
// prefixes the evaluator's walk tracks as evidence (a `records` evaluated on
// its own: prefix 0; a `where` straight on `records`: prefix 1).
bool AggregateCache::Resolve(const CompiledItem& ci, int node, Chain* chain) const {
  if (node < 0) return false;
  const Node& n = plan_.nodes()[static_cast<size_t>(node)];
  switch (n.kind) {
    case ExprKind::kRecords:
      *chain = Chain{};
      chain->kind = n.slot;
      chain->tracked = 1;
      return true;
    case ExprKind::kName:
      if (n.ref != NameRef::kBinding || n.slot < 0 ||
          static_cast<size_t>(n.slot) >= ci.bindings.size())
        return false;
      return Resolve(ci, ci.bindings[static_cast<size_t>(n.slot)], chain);
    case ExprKind::kWhere: {
      const Node& left = plan_.nodes()[static_cast<size_t>(n.a)];
      const bool selector = left.kind == ExprKind::kRecords;
      if (selector) {
        *chain = Chain{};
        chain->kind = left.slot;
      } else if (!Resolve(ci, n.a, chain)) {
        return false;
      }
      if (chain->nconds == kMaxConds || !Local(n.b)) return false;
      chain->conds[chain->nconds++] = n.b;
      if (selector) chain->tracked |= 1u << 1;
      return true;
    }
    default:
      return false;
  }
}

void AggregateCache::Scan(int item) {
  const CompiledItem& ci = plan_.items()[static_cast<size_t>(item)];
  if (!ci.compile_error.empty()) return;
  std::vector<int> roots(ci.na_when.begin(), ci.na_when.end());
  for (int r : {ci.subject, ci.param, ci.floor, ci.on_time, ci.late, ci.missing, ci.yes, ci.no,
                ci.else_points})
    roots.push_back(r);
  for (const CompiledBand& b : ci.bands) roots.push_back(b.points);
  // Every node the item can evaluate, through its bindings.
  std::vector<char> seen_binding(ci.bindings.size(), 0);
  std::vector<int> stack;
  for (int r : roots)
    if (r >= 0) stack.push_back(r);
  while (!stack.empty()) {
    const int id = stack.back();
    stack.pop_back();
    const Node& n = plan_.nodes()[static_cast<size_t>(id)];
    if (n.kind == ExprKind::kName && n.ref == NameRef::kBinding && n.slot >= 0 &&
        static_cast<size_t>(n.slot) < ci.bindings.size() &&
        !seen_binding[static_cast<size_t>(n.slot)]) {
      seen_binding[static_cast<size_t>(n.slot)] = 1;
      stack.push_back(ci.bindings[static_cast<size_t>(n.slot)]);
    }
    if (n.kind == ExprKind::kCall && agg_of_node_[static_cast<size_t>(id)] < 0) {
      const bool counts = n.fn == Fn::kCount || n.fn == Fn::kExists;
      const bool sums = (n.fn == Fn::kSum || n.fn == Fn::kAvg) && n.field >= 2;
      Chain chain;
      const bool chosen = Ordered(n.fn) && (n.field >= 2 || (n.fn != Fn::kMin && n.fn != Fn::kMax));
      if ((counts || sums || chosen) && Resolve(ci, n.a, &chain)) {
        Agg a;
        a.node = id;
        a.item = item;
        a.kind = chain.kind;
        a.fn = n.fn;
        // Chosen-record aggregates: the field that orders the records.
        a.field = n.fn == Fn::kValue ? plan_.issued_field() : n.field;
        std::copy(std::begin(chain.conds), std::end(chain.conds), std::begin(a.conds));
        a.nconds = chain.nconds;
        for (int j = 0; j < a.nconds; ++j) a.tests[j] = evaluator_.SimpleTest(a.conds[j]);
        a.tracked = chain.tracked;
        agg_of_node_[static_cast<size_t>(id)] = static_cast<int>(aggs_.size());
        aggs_.push_back(a);
      }
    }
    if (n.a >= 0) stack.push_back(n.a);
    if (n.b >= 0) stack.push_back(n.b);
  }
  // The kinds the item still walks itself: every `records` reachable other
  // than through a cached aggregate's set.
  std::vector<char> seen(ci.bindings.size(), 0);
  bool any = false;
  std::vector<int> kinds;
  for (int r : roots) Generic(ci, r, &seen, &kinds, &any);
  // The evidence gate reads the accepted explanations of a self-assessed item.
  if (ci.evidence_required && plan_.explanation_kind() >= 0)
    kinds.push_back(plan_.explanation_kind());
  std::sort(kinds.begin(), kinds.end());
  kinds.erase(std::unique(kinds.begin(), kinds.end()), kinds.end());
  // Walking every record: an edit of any kind may change the item.
  if (any) {
    for (auto& list : walkers_) list.push_back(item);
  } else {
    for (int k : kinds) walkers_[static_cast<size_t>(k + 1)].push_back(item);
  }
}

void AggregateCache::Generic(const CompiledItem& ci, int node, std::vector<char>* seen,
                             std::vector<int>* kinds, bool* any) const {
  if (node < 0) return;
  if (agg_of_node_[static_cast<size_t>(node)] >= 0) return;
  const Node& n = plan_.nodes()[static_cast<size_t>(node)];
  if (n.kind == ExprKind::kRecords) {
    if (n.slot < 0)
      *any = true;
    else
      kinds->push_back(n.slot);
  }
  if (n.kind == ExprKind::kName && n.ref == NameRef::kBinding && n.slot >= 0 &&
      static_cast<size_t>(n.slot) < ci.bindings.size() && !(*seen)[static_cast<size_t>(n.slot)]) {
    (*seen)[static_cast<size_t>(n.slot)] = 1;
    Generic(ci, ci.bindings[static_cast<size_t>(n.slot)], seen, kinds, any);
  }
  Generic(ci, n.a, seen, kinds, any);
  Generic(ci, n.b, seen, kinds, any);
}

void AggregateCache::Reset(const EvidenceIndex& index) {
  std::fill(state_.begin(), state_.end(), State{});
  for (uint32_t r : index.OfKind(-1)) Update(index, r, +1);
  reference_ = state_;
  for (int a : touched_) touched_mark_[static_cast<size_t>(a)] = 0;
  touched_.clear();
}

void AggregateCache::Update(const EvidenceIndex& index, uint32_t r, int sign) {
  const int kind = index.kind(r);
  if (kind >= 0) {
    for (int a : AggsOfKind(kind))
      Add(a, Compute(index, r, aggs_[static_cast<size_t>(a)]), sign, &index);
  }
  for (int a : AggsOfKind(-1))
    Add(a, Compute(index, r, aggs_[static_cast<size_t>(a)]), sign, &index);
}

AggregateCache::Entry AggregateCache::Compute(const EvidenceIndex& index, uint32_t r,
                                              const Agg& a) {
  Entry e;
  int level = 0;
  for (; level < a.nconds; ++level) {
    const ItemEvaluator::FieldTest& test = a.tests[level];
    int hit = test.field >= 0 ? test.Match(index.field(r, test.field)) : -1;
    if (hit < 0) {
      const EvalValue v = evaluator_.EvalOn(index, a.item, a.conds[level], r);
      if (v.type == EvalValue::T::kError) {
        e.level = static_cast<int8_t>(level);
        e.what = kError;
        return e;
      }
      hit = v.type == EvalValue::T::kBool && v.boolean ? 1 : 0;
    }
    if (hit == 0) break;
  }
  e.level = static_cast<int8_t>(level);
  if (level == a.nconds && Ordered(a.fn)) {
    const Value* by = a.field >= 2 ? index.field(r, a.field) : nullptr;
    e.record = static_cast<int32_t>(r);
    e.dated = by != nullptr && by->type == ValueType::kDate;
    e.value = e.dated ? by->date.days : 0;
    e.what = kExact;
    if (a.fn != Fn::kMin && a.fn != Fn::kMax) return e;
    // min / max skip missing values; anything but a number or date errors.
    if (by == nullptr) {
      e.what = kNone;
    } else if (by->type == ValueType::kNumber || by->type == ValueType::kPercent) {
      e.value = by->number;
    } else if (!e.dated) {
      e.what = kNotNumber;
    }
    return e;
  }
  if (level < a.nconds || (a.fn != Fn::kSum && a.fn != Fn::kAvg)) return e;
  const Value* v = index.field(r, a.field);
  if (v == nullptr) return e;  // missing: skipped by sum and avg
  if (v->type != ValueType::kNumber && v->type != ValueType::kPercent) {
    e.what = kNotNumber;  // the walk reports an error
    return e;
  }
  e.percent = v->type == ValueType::kPercent;
  e.value = v->number;
  // Whole numbers below 2^31 add exactly in any order (partial sums stay
  // integers far below 2^53); anything else is left to the walk.
  const bool whole = v->number == std::floor(v->number) && std::fabs(v->number) < 2147483648.0;
  e.what = whole ? kExact : kInexact;
  return e;
}

void AggregateCache::AddOrdered(const Agg& a, State* s, const Entry& e, int sign,
                                const EvidenceIndex* index) {
  if (e.level < a.nconds || e.what == kNone) return;  // not in the set, or no value
  if (e.what == kNotNumber) {                         // min / max over text: the walk errors
    s->unusable += sign;
    ++s->version;
    return;
  }
  const bool extreme = a.fn == Fn::kMin || a.fn == Fn::kMax;
  if (extreme) (e.dated ? s->dates : s->seen) += sign;
  // A measured contribution's position may not be the record's now.
  if (e.record < 0 || index == nullptr) {
    s->unknown = true;
    ++s->version;
    return;
  }
  const bool later = a.fn == Fn::kLatest || a.fn == Fn::kValue || a.fn == Fn::kMax;
  // 1: e comes before the kept key in the walk's order, 0: after (or, for
  // min / max, of the other type), -1: same date, different records (ids
  // decide).
  auto beats = [&]() -> int {
    if (e.dated != s->best_dated) return extreme ? 0 : e.dated ? 1 : 0;
    if (extreme || e.dated) {
      if (e.value != s->best_key)
        return (later ? e.value > s->best_key : e.value < s->best_key) ? 1 : 0;
      if (!extreme) return e.record == s->best ? 0 : -1;
    }
    // Undated latest / earliest, and min / max ties: by position (min keeps
    // the first, max takes the last).
    return (later ? e.record > s->best : e.record < s->best) ? 1 : 0;
  };
  auto take = [&] {
    s->best = e.record;
    s->best_key = e.value;
    s->best_dated = e.dated;
    s->unknown = false;
    ++s->version;
  };
  if (sign < 0) {
    if (s->unknown) {
      ++s->version;
    } else if (e.record == s->best) {
      s->unknown = true;  // the key stays: every member left is at most it
      ++s->version;
    }
    return;
  }
  // Same date, different records: the smaller id comes first. The kept
  // record is still at its position (its id never changes there), also
  // after it left.
  auto by_id = [&] {
    return index->record(static_cast<uint32_t>(e.record)).id <
                   index->record(static_cast<uint32_t>(s->best)).id
               ? 1
               : 0;
  };
  if (!s->unknown) {
    int b = s->best < 0 ? 1 : beats();
    if (b < 0) b = by_id();
    if (b == 1) take();
    return;
  }
  // Unknown: the record that left coming back unchanged, or one before it,
  // is the choice again.
  const bool same = e.record == s->best && e.dated == s->best_dated && e.value == s->best_key;
  int b = same ? 1 : beats();
  if (b < 0) b = by_id();
  if (b == 1) {
    take();
  } else {
    ++s->version;
  }
}

void AggregateCache::Add(int agg, const Entry& e, int sign, const EvidenceIndex* index) {
  const Agg& a = aggs_[static_cast<size_t>(agg)];
  State* s = &state_[static_cast<size_t>(agg)];
  if (!touched_mark_[static_cast<size_t>(agg)]) {
    touched_mark_[static_cast<size_t>(agg)] = 1;
    touched_.push_back(agg);
  }
  for (int j = 0; j <= e.level && j <= a.nconds; ++j) s->counts[j] += sign;
  if (Ordered(a.fn) && e.what != kError) {
    AddOrdered(a, s, e, sign, index);
    return;
  }
  switch (e.what) {
    case kNone:
      return;
    case kError:
      s->errors += sign;
      ++s->version;
      return;
    case kNotNumber:
      s->unusable += sign;
      ++s->version;
      return;
    default:  // kExact, kInexact
      s->seen += sign;
      if (e.percent) s->percents += sign;
      if (e.what == kExact) {
        s->acc += sign * e.value;
      } else {
        s->unusable += sign;
        ++s->version;
      }
      return;
  }
}

void AggregateCache::Measure(const EvidenceIndex& index, uint32_t r, Contribution* out) {
  out->kind = index.kind(r);
  out->entries.clear();
  if (out->kind >= 0) {
    for (int a : AggsOfKind(out->kind))
      out->entries.push_back(Compute(index, r, aggs_[static_cast<size_t>(a)]));
  }
  for (int a : AggsOfKind(-1))
    out->entries.push_back(Compute(index, r, aggs_[static_cast<size_t>(a)]));
  // Reused later, possibly at another position: the chosen record is then
  // unknown (see AddOrdered).
  for (Entry& e : out->entries) e.record = -1;
}

void AggregateCache::Apply(const Contribution& c, int sign) {
  size_t i = 0;
  if (c.kind >= 0) {
    for (int a : AggsOfKind(c.kind)) Add(a, c.entries[i++], sign, nullptr);
  }
  for (int a : AggsOfKind(-1)) Add(a, c.entries[i++], sign, nullptr);
}

void AggregateCache::Move(const Contribution& from, const Contribution& to) {
  if (from.kind != to.kind) {
    Apply(from, -1);
    Apply(to, +1);
    return;
  }
  size_t i = 0;
  auto move = [&](int a) {
    const Entry& x = from.entries[i];
    const Entry& y = to.entries[i];
    ++i;
    // Equal exact contributions cancel; what the walk would see differently
    // (errors, fractions, non-numbers) is moved, which bumps the version.
    // The chosen record's other fields are read too: always moved.
    if (x == y && x.what != kError && x.what != kInexact && x.what != kNotNumber &&
        !Ordered(aggs_[static_cast<size_t>(a)].fn))
      return;
    Add(a, x, -1, nullptr);
    Add(a, y, +1, nullptr);
  };
  if (from.kind >= 0) {
    for (int a : AggsOfKind(from.kind)) move(a);
  }
  for (int a : AggsOfKind(-1)) move(a);
}

bool AggregateCache::Lookup(int node, EvalValue* value, bool* tracked_nonempty) const {
  if (node < 0 || static_cast<size_t>(node) >= agg_of_node_.size()) return false;
  const int i = agg_of_node_[static_cast<size_t>(node)];
  if (i < 0) return false;
  const Agg& a = aggs_[static_cast<size_t>(i)];
  const State& s = state_[static_cast<size_t>(i)];
  if (s.errors != 0) return false;
  const int32_t members = s.counts[a.nconds];
  switch (a.fn) {
    case Fn::kCount:
      *value = EvalValue::Number(static_cast<double>(members));
      break;
    case Fn::kExists:
      *value = EvalValue::Bool(members > 0);
      break;
    case Fn::kSum:
      if (s.unusable != 0) return false;
      *value = s.percents > 0 ? EvalValue::Percent(s.acc) : EvalValue::Number(s.acc);
      break;
    case Fn::kAvg:
      if (s.unusable != 0) return false;
      if (s.seen == 0) {
        *value = EvalValue::Missing();
      } else {
        const double avg = s.acc / static_cast<double>(s.seen);
        *value = s.percents > 0 ? EvalValue::Percent(avg) : EvalValue::Number(avg);
      }
      break;
    case Fn::kMin:
    case Fn::kMax:
      if (s.unusable != 0 || (s.seen > 0 && s.dates > 0)) return false;  // the walk decides
      [[fallthrough]];
    case Fn::kLatest:
    case Fn::kEarliest:
    case Fn::kValue:
      if (s.unknown) return false;
      if (s.best < 0) {
        *value = EvalValue::Missing();
      } else {
        value->type = EvalValue::T::kRecord;
        value->ref = s.best;
      }
      break;
    default:
      return false;
  }
  *tracked_nonempty = false;
  for (int j = 0; j <= a.nconds; ++j) {
    if ((a.tracked >> j & 1) && s.counts[j] > 0) *tracked_nonempty = true;
  }
  return true;
}

void AggregateCache::Changed(const std::vector<int>& kinds, bool update_reference,
                             std::vector<int>* items) {
  const size_t first = items->size();
  auto mark = [&](int item) {
    if (!item_mark_[static_cast<size_t>(item)]) {
      item_mark_[static_cast<size_t>(item)] = 1;
      items->push_back(item);
    }
  };
  for (int a : touched_) {
    State& now = state_[static_cast<size_t>(a)];
    State& ref = reference_[static_cast<size_t>(a)];
    if (now == ref) continue;
    mark(aggs_[static_cast<size_t>(a)].item);
    if (update_reference) ref = now;
  }
  if (update_reference) {
    for (int a : touched_) touched_mark_[static_cast<size_t>(a)] = 0;
    touched_.clear();
  }
  for (int k : kinds) {
    for (int item : walkers_[static_cast<size_t>(k + 1)]) mark(item);
  }
  for (size_t j = first; j < items->size(); ++j) item_mark_[static_cast<size_t>((*items)[j])] = 0;
}

void AggregateCache::Restore() {
  for (int a : touched_) {
    state_[static_cast<size_t>(a)] = reference_[static_cast<size_t>(a)];
    touched_mark_[static_cast<size_t>(a)] = 0;
  }
  touched_.clear();
}

}  // namespace cchc
