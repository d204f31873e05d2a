// A small evaluator for `require` conditions: literals, the record's fields,
// arithmetic, comparisons and logic. Anything else leaves the record unjudged.
#include "evidence/invariant.h"

#include <cmath>

namespace cchc::evidence_internal {

namespace {

constexpr int kMaxDepth = 64;

std::optional<Value> Eval(const Expr& e, const Record& r, int depth);

std::optional<bool> Truth(const Expr& e, const Record& r, int depth) {
  std::optional<Value> v = Eval(e, r, depth);
  if (!v || v->type != ValueType::kBool) return std::nullopt;
  return v->boolean;
}

bool Numeric(const Value& v) {
  return v.type == ValueType::kNumber || v.type == ValueType::kPercent;
}

std::optional<Value> Compare(Op op, const Value& a, const Value& b) {
  int c = 0;
  if (Numeric(a) && Numeric(b)) {
    c = a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
  } else if (a.type == ValueType::kDate && b.type == ValueType::kDate) {
    c = a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
  } else if (a.type == b.type && (op == Op::kEq || op == Op::kNe)) {
    c = a.type == ValueType::kString ? (a.text == b.text ? 0 : 1)
                                     : (a.boolean == b.boolean ? 0 : 1);
  } else {
    return std::nullopt;
  }
  switch (op) {
    case Op::kEq:
      return Value::Bool(c == 0);
    case Op::kNe:
      return Value::Bool(c != 0);
    case Op::kLt:
      return Value::Bool(c < 0);
    case Op::kLe:
      return Value::Bool(c <= 0);
    case Op::kGt:
      return Value::Bool(c > 0);
    case Op::kGe:
      return Value::Bool(c >= 0);
    default:
      return std::nullopt;
  }
}

std::optional<Value> Binary(const Expr& e, const Record& r, int depth) {
  if (e.op == Op::kAnd || e.op == Op::kOr) {
    std::optional<bool> a = Truth(*e.args[0], r, depth + 1);
    std::optional<bool> b = Truth(*e.args[1], r, depth + 1);
    // false and unknown is false; true or unknown is true.
    if (e.op == Op::kAnd) {
      if ((a && !*a) || (b && !*b)) return Value::Bool(false);
      if (a && b) return Value::Bool(true);
    } else {
      if ((a && *a) || (b && *b)) return Value::Bool(true);
      if (a && b) return Value::Bool(false);
    }
    return std::nullopt;
  }
  std::optional<Value> a = Eval(*e.args[0], r, depth + 1);
  std::optional<Value> b = Eval(*e.args[1], r, depth + 1);
  if (!a || !b) return std::nullopt;
  if (e.op >= Op::kEq && e.op <= Op::kGe) return Compare(e.op, *a, *b);
  if (!Numeric(*a) || !Numeric(*b)) return std::nullopt;
  const bool percent = a->type == ValueType::kPercent && b->type == ValueType::kPercent;
  double x = 0;
  switch (e.op) {
    case Op::kAdd:
      x = a->number + b->number;
      break;
    case Op::kSub:
      x = a->number - b->number;
      break;
    case Op::kMul:
      x = a->number * b->number;
      break;
    case Op::kDiv:
      if (b->number == 0) return std::nullopt;
      x = a->number / b->number;
      break;
    default:
      return std::nullopt;
  }
  if (!std::isfinite(x)) return std::nullopt;
  return percent && (e.op == Op::kAdd || e.op == Op::kSub) ? Value::Percent(x) : Value::Number(x);
}

std::optional<Value> Eval(const Expr& e, const Record& r, int depth) {
  if (depth > kMaxDepth) return std::nullopt;
  for (const ExprPtr& a : e.args) {
    if (!a) return std::nullopt;
  }
  switch (e.kind) {
    case ExprKind::kNumber:
      return Value::Number(e.number);
    case ExprKind::kPercent:
      return Value::Percent(e.number);
    case ExprKind::kDate:
      return Value::OfDate(e.date);
    case ExprKind::kString:
      return Value::String(e.text);
    case ExprKind::kBool:
      return Value::Bool(e.boolean);
    case ExprKind::kName: {
      const Value* v = r.Find(e.text);
      if (v == nullptr || v->missing()) return std::nullopt;
      return *v;
    }
    case ExprKind::kUnary: {
      std::optional<Value> a = Eval(*e.args[0], r, depth + 1);
      if (!a) return std::nullopt;
      if (e.op == Op::kNot) {
        if (a->type != ValueType::kBool) return std::nullopt;
        return Value::Bool(!a->boolean);
      }
      if (!Numeric(*a)) return std::nullopt;
      a->number = -a->number;
      return a;
    }
    case ExprKind::kBinary:
      if (e.args.size() < 2) return std::nullopt;
      return Binary(e, r, depth);
    default:
      return std::nullopt;
  }
}

}  // namespace

std::optional<bool> EvalInvariant(const Expr& cond, const Record& record) {
  return Truth(cond, record, 0);
}

}  // namespace cchc::evidence_internal
