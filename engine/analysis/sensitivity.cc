// Local sensitivity by re-scoring: each input is moved through what-if
// effects (field set, records cloned), searched by doubling then bisection
// for the first move that lifts an item into a better branch. Advice only
// moves inputs the commune controls (no `given` field) in the direction of
// more work done: numbers up, dates earlier.
#include "engine/analysis/sensitivity.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "criteria/date.h"
#include "engine/util/numfmt.h"

namespace cchc {

const char* InputKindName(InputKind k) {
  switch (k) {
    case InputKind::kNumber:
      return "number";
    case InputKind::kCount:
      return "count";
    case InputKind::kPercent:
      return "percent";
    case InputKind::kDate:
      return "date";
    case InputKind::kRecordCount:
      return "records";
  }
  return "?";
}

double InputSensitivity::tornado_span() const {
  return std::max(std::fabs(tornado_minus), std::fabs(tornado_plus));
}

std::vector<SensitivityInput> FindInputs(const WhatIf& whatif) {
  const Plan& plan = whatif.plan();
  const EvidenceIndex& index = whatif.base_index();
  const Scorecard& card = whatif.base_card();
  std::map<std::pair<std::string, std::string>, size_t> seen;
  std::vector<SensitivityInput> out;
  auto add = [&](SensitivityInput in, const std::string& item) {
    auto key = std::make_pair(in.record_id.empty() ? "#" + in.record_kind : in.record_id, in.field);
    auto [it, fresh] = seen.emplace(key, out.size());
    if (fresh) out.push_back(std::move(in));
    auto& items = out[it->second].items;
    if (std::find(items.begin(), items.end(), item) == items.end()) items.push_back(item);
  };
  for (const ItemScore& s : card.items) {
    const CompiledItem& ci = plan.items()[static_cast<size_t>(s.index)];
    const std::string& code = ci.item->code;
    for (const std::string& id : s.evidence) {
      const int pos = index.Find(id);
      if (pos < 0) continue;
      const Record& r = index.record(static_cast<uint32_t>(pos));
      for (const auto& [name, value] : r.fields) {
        if (plan.FieldId(name) < 2) continue;
        SensitivityInput in;
        in.record_id = r.id;
        in.record_kind = r.kind;
        in.field = name;
        const FieldDecl* decl = FindField(plan.criteria(), r.kind, name);
        // Set by the province or by law: not the commune's to change.
        if (decl != nullptr && decl->given) continue;
        switch (value.type) {
          case ValueType::kNumber:
            in.kind =
                decl && decl->type == FieldType::kCount ? InputKind::kCount : InputKind::kNumber;
            in.value = value.number;
            break;
          case ValueType::kPercent:
            in.kind = InputKind::kPercent;
            in.value = value.number;
            break;
          case ValueType::kDate:
            in.kind = InputKind::kDate;
            in.value = value.date.days;
            break;
          default:
            continue;
        }
        add(std::move(in), code);
      }
    }
    for (int k : ci.kinds) {
      if (k == plan.explanation_kind()) continue;
      SensitivityInput in;
      in.kind = InputKind::kRecordCount;
      in.record_kind = plan.kinds()[static_cast<size_t>(k)];
      in.value = static_cast<double>(index.OfKind(k).size());
      add(std::move(in), code);
    }
  }
  return out;
}

namespace {

class Prober {
 public:
  Prober(WhatIf& whatif, const SensitivityInput& in) : w_(whatif), in_(in) {}

  // The scorecard with the input moved by `delta`.
  const Scorecard& At(double delta) {
    std::vector<Effect> effects;
    if (in_.kind == InputKind::kRecordCount) {
      const int kind = w_.plan().KindId(in_.record_kind);
      const auto& recs = w_.base_index().OfKind(kind);
      const long n = std::lround(delta);
      if (n > 0 && !recs.empty()) {
        const Record& last = w_.base_index().record(recs.back());
        for (long i = 1; i <= n; ++i) {
          Effect e;
          e.op = Effect::Op::kAdd;
          e.record = last;
          e.record.id = last.id + "~" + std::to_string(i);
          effects.push_back(std::move(e));
        }
      }
      for (long i = 0; i < -n && i < static_cast<long>(recs.size()); ++i) {
        Effect e;
        e.op = Effect::Op::kRemove;
        e.id = w_.base_index().record(recs[recs.size() - 1 - static_cast<size_t>(i)]).id;
        effects.push_back(std::move(e));
      }
    } else {
      Effect e;
      e.op = Effect::Op::kSet;
      e.id = in_.record_id;
      const double v = in_.value + delta;
      Value value = in_.kind == InputKind::kPercent ? Value::Percent(v)
                    : in_.kind == InputKind::kDate
                        ? Value::OfDate(Date{static_cast<int32_t>(std::lround(v))})
                        : Value::Number(v);
      e.record.fields.emplace_back(in_.field, value);
      effects.push_back(std::move(e));
    }
    return w_.Rescored({&effects}, nullptr);
  }

  // The item of the input lifted into a better branch at `delta`, or null.
  // An improvement lifts an item into a better branch and raises the index
  // (a move that helps one item but costs more elsewhere is not one).
  const ItemScore* Improved(const Scorecard& card) const {
    const Scorecard& base = w_.base_card();
    if (card.percent <= base.percent + 1e-12) return nullptr;
    for (size_t i = 0; i < card.items.size(); ++i) {
      const ItemScore& a = base.items[i];
      const ItemScore& b = card.items[i];
      if (b.branch != a.branch && b.points > a.points + 1e-12 && b.group == ItemGroup::kArea)
        return &b;
      if (b.branch != a.branch && b.group == ItemGroup::kPenalty && b.points < a.points - 1e-12)
        return &b;
      if (b.branch != a.branch && b.group == ItemGroup::kBonus && b.points > a.points + 1e-12)
        return &b;
    }
    return nullptr;
  }

  std::optional<ThresholdStep> Search(int dir, double max_search) {
    const bool integral = in_.kind != InputKind::kPercent && in_.kind != InputKind::kNumber;
    const double unit = in_.kind == InputKind::kPercent ? 0.001 : 1.0;
    double bound = max_search;
    switch (in_.kind) {
      case InputKind::kPercent:
        bound = dir > 0 ? 1.0 - in_.value : in_.value;
        break;
      case InputKind::kDate:
        bound = 366;
        break;
      case InputKind::kCount:
        bound = dir > 0 ? max_search : in_.value;
        break;
      // More records of a kind (a second dialogue conference); deleting
      // evidence is not advice, and each probe clones records, so bounded.
      case InputKind::kRecordCount:
        bound = dir > 0 ? std::max(20.0, 4 * in_.value) : 0;
        break;
      case InputKind::kNumber:
        bound = std::max(100.0, 10 * std::fabs(in_.value));
        break;
    }
    if (bound < unit * 0.5) return std::nullopt;
    double lo = 0, hi = -1;
    for (double d = unit;; d *= 2) {
      const double step = std::min(d, bound);
      if (Improved(At(dir * step))) {
        hi = step;
        break;
      }
      lo = step;
      if (step >= bound) break;
    }
    if (hi < 0) return std::nullopt;
    const double precision = integral ? 1.0 : in_.kind == InputKind::kPercent ? 1e-4 : 0.01;
    while (hi - lo > precision) {
      double mid = (lo + hi) / 2;
      if (integral) mid = std::floor(mid);
      if (mid <= lo) break;
      if (Improved(At(dir * mid)))
        hi = mid;
      else
        lo = mid;
    }
    if (!integral) hi = Snap(dir, lo, hi);
    Scorecard card = At(dir * hi);
    const ItemScore* item = Improved(card);
    if (!item) return std::nullopt;
    ThresholdStep s;
    s.delta = dir * hi;
    s.to = in_.value + s.delta;
    s.gain = card.percent - w_.base_card().percent;
    s.gain_points =
        (card.points + card.bonus.points - card.penalty.points) -
        (w_.base_card().points + w_.base_card().bonus.points - w_.base_card().penalty.points);
    s.item = w_.plan().items()[static_cast<size_t>(item->index)].item->code;
    s.branch_before = w_.base_card().items[static_cast<size_t>(item->index)].branch;
    s.branch_after = item->branch;
    return s;
  }

  // The roundest move in (lo, hi] that still improves: bisection stops
  // within its precision of the threshold, so 3.9 -> 5 reads as +1.1, not
  // +1.1016. Rounds the target value in the input's display units.
  double Snap(int dir, double lo, double hi) {
    const double scale = in_.kind == InputKind::kPercent ? 100.0 : 1.0;
    for (int d = 0; d <= 6; ++d) {
      const double p = std::pow(10.0, d);
      const double from = (in_.value + dir * lo) * scale * p,
                   to = (in_.value + dir * hi) * scale * p;
      const double target = (dir > 0 ? std::floor(from) + 1 : std::ceil(from) - 1) / p / scale;
      const double delta = dir * (target - in_.value);
      if (delta <= lo || delta > hi + 1e-12 ||
          (dir > 0 ? target * scale * p > to + 1e-9 : target * scale * p < to - 1e-9))
        continue;
      if (Improved(At(dir * delta))) return delta;
    }
    return hi;
  }

  double Tornado(int dir) {
    double d = 0;
    switch (in_.kind) {
      case InputKind::kDate:
        d = 7;
        break;
      // Whole records only: a kind with fewer than 5 records has no ±10 % move.
      case InputKind::kRecordCount:
        d = std::round(std::fabs(in_.value) * 0.1);
        break;
      default:
        d = std::fabs(in_.value) * 0.1;
        break;
    }
    if (d == 0) return 0;
    double delta = dir * d;
    if ((in_.kind == InputKind::kCount || in_.kind == InputKind::kRecordCount) &&
        in_.value + delta < 0)
      return 0;
    if (in_.kind == InputKind::kPercent)
      delta = std::clamp(in_.value + delta, 0.0, 1.0) - in_.value;
    return At(delta).percent - w_.base_card().percent;
  }

 private:
  WhatIf& w_;
  const SensitivityInput& in_;
};

}  // namespace

SensitivityReport AnalyzeSensitivity(WhatIf& whatif, double max_search, size_t max_inputs) {
  SensitivityReport r;
  r.base_percent = whatif.base_card().percent;
  for (const ItemScore& s : whatif.base_card().items) {
    if (s.lost() > 1e-12) r.points_lost.push_back(&s);
  }
  std::stable_sort(r.points_lost.begin(), r.points_lost.end(),
                   [](const ItemScore* a, const ItemScore* b) { return a->lost() > b->lost(); });
  std::vector<SensitivityInput> inputs = FindInputs(whatif);
  r.inputs_found = inputs.size();
  if (inputs.size() > max_inputs) {
    // Keep the inputs of items that can still gain: they are what the
    // office can act on.
    std::set<std::string> losing;
    for (const ItemScore* s : r.points_lost) {
      losing.insert(whatif.plan().items()[static_cast<size_t>(s->index)].item->code);
    }
    std::stable_partition(inputs.begin(), inputs.end(), [&](const SensitivityInput& in) {
      return std::any_of(in.items.begin(), in.items.end(),
                         [&](const std::string& code) { return losing.count(code) > 0; });
    });
    inputs.resize(max_inputs);
  }
  for (SensitivityInput& in : inputs) {
    InputSensitivity s;
    s.input = std::move(in);
    Prober p(whatif, s.input);
    // Only moves that mean doing more work, or doing it sooner: more cases,
    // records, points; earlier dates. Never "resolve fewer" or "file later".
    const bool dated = s.input.kind == InputKind::kDate;
    if (!dated) s.up = p.Search(+1, max_search);
    if (dated) s.down = p.Search(-1, max_search);
    s.tornado_minus = p.Tornado(-1);
    s.tornado_plus = p.Tornado(+1);
    r.inputs.push_back(std::move(s));
  }
  auto effect = [](const InputSensitivity& s) {
    double e = s.tornado_span();
    if (s.up) e = std::max(e, s.up->gain);
    if (s.down) e = std::max(e, s.down->gain);
    return e;
  };
  std::stable_sort(
      r.inputs.begin(), r.inputs.end(),
      [&](const InputSensitivity& a, const InputSensitivity& b) { return effect(a) > effect(b); });
  return r;
}

std::string FormatInputValue(const SensitivityInput& in, double v) {
  switch (in.kind) {
    case InputKind::kDate:
      return FormatIsoDate(Date{static_cast<int32_t>(std::lround(v))});
    case InputKind::kPercent:
      return FormatPercent(v, 2);
    case InputKind::kCount:
    case InputKind::kRecordCount:
      return FormatTrim(v, 0);
    case InputKind::kNumber:
      return FormatTrim(v, 4);
  }
  return {};
}

}  // namespace cchc
