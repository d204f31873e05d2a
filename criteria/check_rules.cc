// Rule checks (E3xx): band tables in descending order without gaps, rule
// parameters above 0, and an interval analysis of every branch's points
// against [0, max]; W307 for a ratio() without a `when no cases:` policy.
#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "criteria/checker_internal.h"

namespace cchc::check {

namespace {

const Expr* FindRatio(const Expr& e, int depth) {
  if (depth > kMaxExprDepth) return nullptr;
  if (e.kind == ExprKind::kCall && e.text == "ratio") return &e;
  for (const ExprPtr& a : e.args) {
    if (!a) continue;
    if (const Expr* r = FindRatio(*a, depth + 1)) return r;
  }
  return nullptr;
}

// The `records` literals of an expression, counted.
int RecordsLiterals(const Expr& e, int depth) {
  if (depth > kMaxExprDepth) return 0;
  int n = e.kind == ExprKind::kRecords ? 1 : 0;
  for (const ExprPtr& a : e.args) {
    if (a) n += RecordsLiterals(*a, depth + 1);
  }
  return n;
}

std::string ThresholdValue(const Band& b) {
  if (!b.threshold) return "?";
  return b.threshold->kind == ExprKind::kPercent ? Pct(b.threshold->number)
                                                 : Num(b.threshold->number);
}

std::string Threshold(const Band& b) {
  return (b.cmp == Band::Cmp::kGt ? "> " : ">= ") + ThresholdValue(b);
}

bool HasNumericThreshold(const Band& b) {
  return (b.cmp == Band::Cmp::kGe || b.cmp == Band::Cmp::kGt) && b.threshold &&
         (b.threshold->kind == ExprKind::kNumber || b.threshold->kind == ExprKind::kPercent);
}

class RuleChecker {
 public:
  RuleChecker(const Criteria& c, const TypeInfo& info, Sink& sink)
      : c_(c), info_(info), sink_(sink) {}

  void Run() {
    ForEachItem(c_, [this](const Item& it) { CheckItem(it); });
  }

 private:
  void CheckItem(const Item& it) {
    NoCasePolicy(it);
    if (!it.rule) return;
    const Rule& r = *it.rule;
    if (r.kind == RuleKind::kBands || r.kind == RuleKind::kCount) BandOrder(r);
    if (r.kind == RuleKind::kLevels) Levels(r);
    if (!(it.max > 0)) return;  // E204 already; the points have no scale.
    IntervalEval ev(c_, info_, it.max);
    for (const Binding& b : it.bindings) {
      if (b.value) ev.Bind(b.name, ev.Eval(*b.value));
    }
    item_ = &it;
    best_ = -kInf;
    unsure_ = false;
    Points(r, ev);
    if (!unsure_ && best_ < it.max - kEpsilon && best_ > -kInf) {
      sink_.Warning(DiagCode::kMaxUnreachable, r.range,
                    "at most " + Num(std::max(best_, 0.0)) + " of " + Num(it.max) +
                        " points can be earned by this rule");
    }
  }

  void NoCasePolicy(const Item& it) {
    if (it.no_cases != NoCasePolicy::kUnset) return;
    const Expr* ratio = nullptr;
    for (const Binding& b : it.bindings) {
      if (!ratio && b.value) ratio = FindRatio(*b.value, 0);
    }
    for (const ExprPtr& e : it.not_applicable_when) {
      if (!ratio && e) ratio = FindRatio(*e, 0);
    }
    if (!ratio && it.rule) {
      const Rule& r = *it.rule;
      for (const ExprPtr* e :
           {&r.subject, &r.param, &r.floor, &r.on_time, &r.late, &r.missing, &r.yes, &r.no}) {
        if (!ratio && *e) ratio = FindRatio(**e, 0);
      }
      for (const Band& b : r.bands) {
        if (!ratio && b.points) ratio = FindRatio(*b.points, 0);
      }
    }
    if (ratio && it.evidence != EvidencePolicy::kOptional && it.assessment == Assessment::kSelf) {
      // One records selector: the ratio's denominator can only count it, so
      // with no records the evidence gate gives 0 before "no cases" is seen.
      int selectors = 0;
      for (const Binding& b : it.bindings) selectors += b.value ? RecordsLiterals(*b.value, 0) : 0;
      for (const ExprPtr& e : it.not_applicable_when) selectors += e ? RecordsLiterals(*e, 0) : 0;
      if (it.rule && it.rule->subject) selectors += RecordsLiterals(*it.rule->subject, 0);
      if (selectors == 1) {
        sink_.Warning(DiagCode::kOnlyEvidence, ratio->range,
                      "the denominator of this ratio counts item " + it.code +
                          "'s only evidence: with no records the item is missing evidence (0 "
                          "points); declare `when no cases:` to say what no cases means");
      }
    }
    if (ratio) {
      sink_.Warning(DiagCode::kNoCasePolicy, ratio->range,
                    "ratio() is \"no cases\" when its denominator is 0, and item " + it.code +
                        " has no `when no cases:` policy (full, zero or not applicable); it "
                        "would be scored as an error");
    }
  }

  // ------------------------------------------------------------ tables

  void BandOrder(const Rule& r) {
    const Band* prev = nullptr;
    bool has_else = false;
    for (const Band& b : r.bands) {
      if (b.cmp == Band::Cmp::kElse) has_else = true;
      if (!HasNumericThreshold(b)) continue;
      if (prev) {
        const double pv = prev->threshold->number, v = b.threshold->number;
        if (v == pv && b.cmp == prev->cmp) {
          sink_.Error(DiagCode::kBandsOverlap, b.range,
                      "two bands with the same threshold " + Threshold(b) +
                          "; the second can never be reached");
        } else if (v > pv || (v == pv && b.cmp == Band::Cmp::kGt)) {
          sink_.Error(DiagCode::kBandsOrder, b.range,
                      "band " + Threshold(b) + " comes after " + Threshold(*prev) +
                          "; bands go from the highest threshold to the lowest");
        }
      }
      prev = &b;
    }
    if (!has_else) {
      const Band* last = r.bands.empty() ? nullptr : &r.bands.back();
      sink_.Error(DiagCode::kBandsGap, last ? last->range : r.range,
                  last && HasNumericThreshold(*last)
                      ? "no `else` branch: values below " + ThresholdValue(*last) +
                            " get no points; add `else: 0`"
                      : std::string("no `else` branch: add `else: 0`"));
    }
  }

  void Levels(const Rule& r) {
    std::unordered_set<std::string> labels;
    bool has_else = false;
    for (const Band& b : r.bands) {
      if (b.cmp == Band::Cmp::kElse) {
        has_else = true;
      } else if (b.cmp == Band::Cmp::kLabel && !labels.insert(b.label).second) {
        sink_.Error(DiagCode::kBandsOverlap, b.range,
                    "level \"" + b.label + "\" is listed twice; the second can never be reached");
      }
    }
    if (!has_else) {
      sink_.Error(DiagCode::kBandsGap, r.bands.empty() ? r.range : r.bands.back().range,
                  "no `else` branch: a level not listed gets no points; add `else: 0`");
    }
  }

  // ------------------------------------------------------------ points

  // One branch giving points in `v`, written at `at`.
  void Branch(Interval v, SourceRange at, const char* what) {
    if (v.empty()) return;
    const double max = item_->max;
    const bool exact = v.lo == v.hi;
    if (v.hi > max + kEpsilon) {
      sink_.Error(
          DiagCode::kPointsAboveMax, at,
          std::string(what) +
              (exact ? " gives " + Num(v.hi) + " points"
               : std::isinf(v.hi)
                   ? " can give unbounded points (range " + FormatInterval(v) + ")"
                   : " can give up to " + Num(v.hi) + " points (range " + FormatInterval(v) + ")") +
              ", above item " + item_->code + "'s max " + Num(max));
    }
    if (v.lo < -kEpsilon) {
      sink_.Error(DiagCode::kPointsBelowZero, at,
                  std::string(what) +
                      (exact ? " gives " + Num(v.lo) + " points"
                             : " can give " +
                                   (std::isinf(v.lo) ? std::string("unboundedly negative")
                                                     : "as little as " + Num(v.lo)) +
                                   " points (range " + FormatInterval(v) + ")") +
                      ", below 0");
    }
    best_ = std::max(best_, v.hi);
  }

  // A branch written as a points expression; skipped when its type is wrong
  // (E405 said so) to avoid a second, confusing diagnostic.
  void BranchExpr(const IntervalEval& ev, const Expr* e, const char* what) {
    if (!e) return;
    const Type* t = info_.Find(e);
    if (!t || !IsNumeric(t->ty)) {
      unsure_ = true;
      return;
    }
    Branch(ev.Eval(*e), e->range, what);
  }

  // A value known to be > 0 (a target, a total, a per-case amount).
  Interval Positive(const IntervalEval& ev, const Expr* e, const std::string& what) {
    if (!e) return Interval::All();
    Interval v = ev.Eval(*e);
    if (v.hi <= 0) {
      sink_.Error(DiagCode::kBadParam, e->range,
                  what + " must be above 0, got " + FormatInterval(v));
    }
    return v;
  }

  // clamp(x, 0, 1) * max: never out of [0, max]; max needs x to reach 1.
  void Share(Interval x) {
    if (x.empty()) return;
    best_ = std::max(best_, std::clamp(x.hi, 0.0, 1.0) * item_->max);
  }

  void Points(const Rule& r, IntervalEval& ev) {
    const double max = item_->max;
    switch (r.kind) {
      case RuleKind::kDeadline:
        BranchExpr(ev, r.on_time.get(), "the `on time` branch");
        BranchExpr(ev, r.late.get(), "the `late` branch");
        BranchExpr(ev, r.missing.get(), "the `missing` branch");
        return;
      case RuleKind::kBoolean:
        if (r.yes) {
          BranchExpr(ev, r.yes.get(), "the `yes` branch");
        } else {
          best_ = std::max(best_, max);
        }
        if (r.no) BranchExpr(ev, r.no.get(), "the `no` branch");
        return;
      case RuleKind::kLevels:
        for (const Band& b : r.bands) BranchExpr(ev, b.points.get(), "this level");
        return;
      case RuleKind::kBands:
      case RuleKind::kCount:
        Bands(r, ev);
        return;
      case RuleKind::kLinear:
      case RuleKind::kChecklist:
      case RuleKind::kScaled:
      case RuleKind::kLikert: {
        const char* what = r.kind == RuleKind::kLinear ? "the target" : "the total after `of`";
        Interval t = Intersect(Positive(ev, r.param.get(), what), {kEpsilon, kInf});
        if (!r.subject || t.empty()) return;
        Share(Div(ev.Eval(*r.subject), t));
        return;
      }
      case RuleKind::kPercent:
        if (r.subject) Share(ev.Eval(*r.subject));
        return;
      case RuleKind::kManual:
        if (r.subject) Share(Div(ev.Eval(*r.subject), Interval::Point(max)));
        return;
      case RuleKind::kDeduct: {
        Interval each = Positive(ev, r.param.get(), "the points deducted for each case");
        Interval floor = Interval::Point(0);
        if (r.floor) {
          floor = ev.Eval(*r.floor);
          Branch(floor, r.floor->range, "the floor");
        }
        if (!r.subject) return;
        // max - cases * each, never below the floor: with cases >= 0 (a
        // missing count is 0) and each > 0 (E306) only the floor can leave
        // [0, max], and it was checked above.
        Interval cases = Intersect(ev.Eval(*r.subject), {0, kInf});
        Interval after = Sub(Interval::Point(max), Mul(cases, Intersect(each, {0, kInf})));
        best_ = std::max({best_, floor.hi, after.hi});
        return;
      }
      case RuleKind::kPerCase: {
        Interval each = Positive(ev, r.param.get(), "the points for each case");
        if (!r.subject) return;
        Interval v = Mul(ev.Eval(*r.subject), each);
        v = {std::min(max, v.lo), std::min(max, v.hi)};
        Branch(v, r.range, "this rule");
        return;
      }
    }
  }

  void Bands(const Rule& r, IntervalEval& ev) {
    const Expr* subject = r.subject.get();
    const Interval known = subject ? ev.Eval(*subject) : Interval::All();
    double upper = kInf;   // the previous band's threshold
    double lowest = kInf;  // the lowest threshold seen
    for (const Band& b : r.bands) {
      if (b.cmp == Band::Cmp::kElse) {
        if (subject) ev.SetOverride(subject, Intersect(known, {-kInf, lowest}));
        if (!Intersect(known, {-kInf, lowest}).empty() || !subject) {
          BranchExpr(ev, b.points.get(), "the `else` branch");
        }
        ev.ClearOverride();
        continue;
      }
      if (!HasNumericThreshold(b)) {
        BranchExpr(ev, b.points.get(), "this band");
        continue;
      }
      const double t = b.threshold->number;
      Interval here = Intersect(known, {t, t <= upper ? upper : kInf});
      upper = t;
      lowest = std::min(lowest, t);
      if (here.empty()) continue;  // unreachable: bands out of order, or E300
      if (subject) ev.SetOverride(subject, here);
      const std::string what = "the band " + Threshold(b);
      BranchExpr(ev, b.points.get(), what.c_str());
      ev.ClearOverride();
    }
  }

  const Criteria& c_;
  const TypeInfo& info_;
  Sink& sink_;
  const Item* item_ = nullptr;
  double best_ = 0;      // the most points a branch can give
  bool unsure_ = false;  // a branch could not be evaluated: no W305
};

}  // namespace

void CheckRules(const Criteria& c, const TypeInfo& info, Sink& sink) {
  RuleChecker(c, info, sink).Run();
}

}  // namespace cchc::check
