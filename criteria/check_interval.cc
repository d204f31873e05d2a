// Interval arithmetic over the criteria expressions: the [lo, hi] range of
// values a numeric expression can take, used to prove a rule's points stay
// within [0, max] (E303/E304) and that max is reachable (W305).
#include <algorithm>
#include <cmath>

#include "criteria/checker_internal.h"

namespace cchc::check {

namespace {

// 0 * inf is 0 here: a factor known to be 0 wins over an unbounded one.
double MulBound(double a, double b) {
  if (a == 0 || b == 0) return 0;
  return a * b;
}

const Interval kNonNeg{0, kInf};

}  // namespace

Interval Add(Interval a, Interval b) { return {a.lo + b.lo, a.hi + b.hi}; }

Interval Sub(Interval a, Interval b) { return {a.lo - b.hi, a.hi - b.lo}; }

Interval Mul(Interval a, Interval b) {
  const double p[] = {MulBound(a.lo, b.lo), MulBound(a.lo, b.hi), MulBound(a.hi, b.lo),
                      MulBound(a.hi, b.hi)};
  return {*std::min_element(p, p + 4), *std::max_element(p, p + 4)};
}

Interval Div(Interval a, Interval b) {
  if (b.lo > 0 || b.hi < 0) {
    return Mul(a, Interval{1 / b.hi, 1 / b.lo});
  }
  // The divisor may be 0: only the sign survives.
  if (a.lo >= 0 && b.lo >= 0) return kNonNeg;
  return Interval::All();
}

Interval Intersect(Interval a, Interval b) { return {std::max(a.lo, b.lo), std::min(a.hi, b.hi)}; }

Interval Hull(Interval a, Interval b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return {std::min(a.lo, b.lo), std::max(a.hi, b.hi)};
}

std::string FormatInterval(Interval v) {
  if (v.lo == v.hi) return Num(v.lo);
  return "[" + Num(v.lo) + ", " + Num(v.hi) + "]";
}

Interval IntervalEval::FieldBounds(const std::string& kind, const std::string& field) const {
  const FieldDecl* f = FindField(c_, kind, field);
  if (f && (f->type == FieldType::kCount || f->type == FieldType::kPercent)) return kNonNeg;
  return Interval::All();
}

// A named value (binding, field, aggregate) of percent type is a share: at
// least 0 unless its definition says more.
Interval IntervalEval::Leaf(const Expr& e, Interval v) const {
  const Type* t = info_.Find(&e);
  if (t && (t->nonneg || t->ty == Ty::kPercent)) v = Intersect(v, kNonNeg);
  return v;
}

Interval IntervalEval::Eval(const Expr& e, int depth) const {
  if (depth > kMaxExprDepth) return Interval::All();
  if (override_expr_ && e.kind == override_expr_->kind && SameExpr(e, *override_expr_)) {
    return override_range_;
  }
  switch (e.kind) {
    case ExprKind::kNumber:
    case ExprKind::kPercent:
      return Interval::Point(e.number);
    case ExprKind::kMaxRef:
      return Interval::Point(max_);
    case ExprKind::kName: {
      auto it = names_.find(e.text);
      return Leaf(e, it == names_.end() ? Interval::All() : it->second);
    }
    case ExprKind::kField: {
      const Type* obj = e.args.empty() || !e.args[0] ? nullptr : info_.Find(e.args[0].get());
      if (obj && obj->ty == Ty::kRecord) return Leaf(e, FieldBounds(obj->kind, e.text));
      return Leaf(e, Interval::All());
    }
    case ExprKind::kUnary:
      if (e.op == Op::kNeg && !e.args.empty() && e.args[0]) {
        Interval a = Eval(*e.args[0], depth + 1);
        return {-a.hi, -a.lo};
      }
      return Interval::All();
    case ExprKind::kBinary: {
      if (e.args.size() < 2 || !e.args[0] || !e.args[1]) return Interval::All();
      Interval a = Eval(*e.args[0], depth + 1), b = Eval(*e.args[1], depth + 1);
      switch (e.op) {
        case Op::kAdd:
          return Add(a, b);
        case Op::kSub:
          return Sub(a, b);
        case Op::kMul:
          return Mul(a, b);
        case Op::kDiv:
          return Div(a, b);
        default:
          return Interval::All();
      }
    }
    case ExprKind::kCall:
      return Leaf(e, Call(e, depth));
    default:
      return Interval::All();
  }
}

Interval IntervalEval::Call(const Expr& e, int depth) const {
  for (const ExprPtr& a : e.args) {
    if (!a) return Interval::All();
  }
  const std::string& f = e.text;
  if (f == "count") return kNonNeg;
  if (e.args.size() == 2 && (f == "min" || f == "max")) {
    const Type* t0 = info_.Find(e.args[0].get());
    if (!t0 || t0->ty != Ty::kRecords) {
      Interval a = Eval(*e.args[0], depth + 1), b = Eval(*e.args[1], depth + 1);
      if (f == "min") return {std::min(a.lo, b.lo), std::min(a.hi, b.hi)};
      return {std::max(a.lo, b.lo), std::max(a.hi, b.hi)};
    }
  }
  if (e.args.size() == 2 &&
      (f == "sum" || f == "avg" || f == "min" || f == "max" || f == "value")) {
    const Type* set = info_.Find(e.args[0].get());
    if (set && set->ty == Ty::kRecords && e.args[1]->kind == ExprKind::kName) {
      return FieldBounds(set->kind, e.args[1]->text);
    }
    return Interval::All();
  }
  if (f == "ratio" && e.args.size() == 2) {
    // ratio(count(S where C), count(S)) is a share of S: at most 100 %.
    const Expr& a = *e.args[0];
    const Expr& b = *e.args[1];
    if (a.kind == ExprKind::kCall && b.kind == ExprKind::kCall && a.text == "count" &&
        b.text == "count" && a.args.size() == 1 && b.args.size() == 1 && a.args[0] && b.args[0] &&
        a.args[0]->kind == ExprKind::kWhere && !a.args[0]->args.empty() && a.args[0]->args[0] &&
        SameExpr(*a.args[0]->args[0], *b.args[0])) {
      return {0, 1};
    }
    return Div(Eval(a, depth + 1), Eval(b, depth + 1));
  }
  return Interval::All();
}

}  // namespace cchc::check
