// Expression evaluation over the evidence index. Missing values, "no cases"
// and errors are values that propagate; nothing here throws.
#include "engine/core/evaluator.h"

#include <algorithm>
#include <cmath>

#include "engine/core/aggregate_cache.h"
#include "engine/util/numfmt.h"

namespace cchc {

std::string Describe(const EvalValue& v) {
  using T = EvalValue::T;
  switch (v.type) {
    case T::kMissing:
      return "missing";
    case T::kNoCase:
      return "no cases";
    case T::kError:
      return "error";
    case T::kNumber:
      return FormatTrim(v.number, 4);
    case T::kPercent: {
      std::string s = FormatFixed(v.number * 100, 2) + " %";
      if (v.has_ratio)
        s += " (" + FormatTrim(v.ratio_num, 4) + " of " + FormatTrim(v.ratio_den, 4) + ")";
      return s;
    }
    case T::kDate:
      return FormatIsoDate(v.date);
    case T::kString:
      return "\"" + std::string(v.text) + "\"";
    case T::kBool:
      return v.boolean ? "yes" : "no";
    case T::kSet:
      return "records";
    case T::kRecord:
      return "a record";
  }
  return "?";
}

ItemEvaluator::ItemEvaluator(const Plan& plan)
    : plan_(plan), where_test_of_(plan.nodes().size(), -1) {
  const std::vector<Node>& nodes = plan.nodes();
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].kind != ExprKind::kWhere || nodes[i].b < 0) continue;
    WhereTest t;
    if (!CompileWhere(nodes[i].b, &t)) continue;
    where_test_of_[i] = static_cast<int>(where_tests_.size());
    where_tests_.push_back(t);
  }
}

std::string_view ItemEvaluator::Keep(std::string s) {
  kept_.push_back(std::move(s));
  return kept_.back();
}

EvalValue ItemEvaluator::EvalOn(const EvidenceIndex& index, int item, int node, uint32_t record) {
  const CompiledItem& ci = plan_.items()[static_cast<size_t>(item)];
  index_ = &index;
  item_ = &ci;
  max_ = ci.item->max;
  sets_used_ = 0;
  if (!kept_.empty()) kept_.clear();
  current_record_ = static_cast<int>(record);
  EvalValue v = Eval(node);
  current_record_ = -1;
  return v;
}

void ItemEvaluator::Track(std::span<const uint32_t> records) {
  // Points-only: the evidence gate only asks whether anything was selected.
  if (!explain_) {
    if (evidence_.empty() && !records.empty()) evidence_.push_back(records.front());
    return;
  }
  evidence_.insert(evidence_.end(), records.begin(), records.end());
}

EvalValue ItemEvaluator::Eval(int node) {
  if (node < 0) return EvalValue::Missing();
  const Node& n = plan_.nodes()[static_cast<size_t>(node)];
  switch (n.kind) {
    case ExprKind::kNumber:
      return EvalValue::Number(n.number);
    case ExprKind::kPercent:
      return EvalValue::Percent(n.number);
    case ExprKind::kDate:
      return EvalValue::OfDate(n.date);
    case ExprKind::kString:
      return EvalValue::String(n.text);
    case ExprKind::kBool:
      return EvalValue::Bool(n.boolean);
    case ExprKind::kMaxRef:
      return EvalValue::Number(max_);
    case ExprKind::kName:
      return EvalName(n);
    case ExprKind::kField: {
      EvalValue obj = EvalDirect(n.a);
      if (obj.special()) return obj;
      if (obj.type != EvalValue::T::kRecord) {
        return EvalValue::Error(
            Keep("'." + std::string(n.text) + "' needs one record, not " + Describe(obj)));
      }
      return FieldOf(static_cast<uint32_t>(obj.ref), n.slot);
    }
    case ExprKind::kUnary:
      return EvalUnary(n);
    case ExprKind::kBinary:
      return EvalBinary(n);
    case ExprKind::kCall:
      return EvalCall(n);
    case ExprKind::kRecords:
      return EvalRecords(n, /*track=*/true);
    case ExprKind::kWhere:
      return EvalWhere(n);
  }
  return EvalValue::Error("unknown expression");
}

EvalValue ItemEvaluator::EvalName(const Node& n) {
  switch (n.ref) {
    case NameRef::kBinding: {
      const size_t slot = static_cast<size_t>(n.slot);
      if (bound_[slot] != generation_) {
        // Bindings never read the current `where` record: evaluate outside it.
        const int saved = current_record_;
        current_record_ = -1;
        bindings_[slot] = EvalDirect(item_->bindings[slot]);
        current_record_ = saved;
        bound_[slot] = generation_;
      }
      return bindings_[slot];
    }
    case NameRef::kField:
      if (current_record_ < 0) return EvalValue::Missing();
      return FieldOf(static_cast<uint32_t>(current_record_), n.slot);
    case NameRef::kAsOf:
      return index_->as_of() ? EvalValue::OfDate(*index_->as_of()) : EvalValue::Missing();
    case NameRef::kUnknown:
      break;
  }
  return EvalValue::Error(Keep("unknown name '" + std::string(n.text) + "'"));
}

EvalValue ItemEvaluator::EvalUnary(const Node& n) {
  EvalValue v = Eval(n.a);
  if (n.op == Op::kNot) {
    if (v.type == EvalValue::T::kBool) return EvalValue::Bool(!v.boolean);
    if (v.special()) return v;
    return EvalValue::Error(Keep("'not' needs yes/no, not " + Describe(v)));
  }
  if (v.numeric()) {
    v.number = -v.number;
    v.has_ratio = false;
    return v;
  }
  if (v.special()) return v;
  return EvalValue::Error(Keep("'-' needs a number, not " + Describe(v)));
}

namespace {

// Of two special operands, the one that explains best: error, no cases, missing.
EvalValue Worse(const EvalValue& a, const EvalValue& b) {
  using T = EvalValue::T;
  for (T t : {T::kError, T::kNoCase, T::kMissing}) {
    if (a.type == t) return a;
    if (b.type == t) return b;
  }
  return a;
}

enum class Cmp { kTrue, kFalse, kIncomparable, kUnknownOp };

// `a op b` for two values that are not special (both the evaluator's binary
// operator and the compiled `where` tests compare through this).
Cmp Compare(Op op, const EvalValue& a, const EvalValue& b) {
  using T = EvalValue::T;
  int cmp = 0;
  if (a.numeric() && b.numeric()) {
    cmp = a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
  } else if (a.type == T::kDate && b.type == T::kDate) {
    cmp = a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
  } else if (a.type == T::kString && b.type == T::kString) {
    // Equality (the common `where status = "done"`) rejects on length first.
    if (op == Op::kEq || op == Op::kNe)
      return (a.text == b.text) == (op == Op::kEq) ? Cmp::kTrue : Cmp::kFalse;
    const int c = a.text.compare(b.text);
    cmp = c < 0 ? -1 : c > 0 ? 1 : 0;
  } else if (a.type == T::kBool && b.type == T::kBool) {
    cmp = a.boolean == b.boolean ? 0 : a.boolean ? 1 : -1;
  } else {
    return Cmp::kIncomparable;
  }
  bool r = false;
  switch (op) {
    case Op::kEq:
      r = cmp == 0;
      break;
    case Op::kNe:
      r = cmp != 0;
      break;
    case Op::kLt:
      r = cmp < 0;
      break;
    case Op::kLe:
      r = cmp <= 0;
      break;
    case Op::kGt:
      r = cmp > 0;
      break;
    case Op::kGe:
      r = cmp >= 0;
      break;
    default:
      return Cmp::kUnknownOp;
  }
  return r ? Cmp::kTrue : Cmp::kFalse;
}

// `a op b` for two dates as days (op a comparison, as IsComparison says).
bool DaysMeet(Op op, int32_t a, int32_t b) {
  switch (op) {
    case Op::kEq:
      return a == b;
    case Op::kNe:
      return a != b;
    case Op::kLt:
      return a < b;
    case Op::kLe:
      return a <= b;
    case Op::kGt:
      return a > b;
    default:
      return a >= b;  // kGe
  }
}

bool IsComparison(Op op) {
  return op == Op::kEq || op == Op::kNe || op == Op::kLt || op == Op::kLe || op == Op::kGt ||
         op == Op::kGe;
}

// An operand a compiled `where` test reads directly: a field of the record,
// `as_of`, or a literal.
bool IsPlainOperand(const Node& x) {
  switch (x.kind) {
    case ExprKind::kNumber:
    case ExprKind::kPercent:
    case ExprKind::kDate:
    case ExprKind::kString:
    case ExprKind::kBool:
      return true;
    case ExprKind::kName:
      return x.ref == NameRef::kField || x.ref == NameRef::kAsOf;
    default:
      return false;
  }
}

}  // namespace

EvalValue ItemEvaluator::EvalBinary(const Node& n) {
  using T = EvalValue::T;
  if (n.op == Op::kAnd || n.op == Op::kOr) {
    EvalValue a = Eval(n.a);
    const bool is_and = n.op == Op::kAnd;
    // Short-circuit, with missing as "unknown" (Kleene logic).
    if (a.type == T::kBool && a.boolean != is_and) return a;
    EvalValue b = Eval(n.b);
    if (a.type == T::kError || b.type == T::kError) return Worse(a, b);
    if ((a.type != T::kBool && !a.special()) || (b.type != T::kBool && !b.special())) {
      return EvalValue::Error(Keep(std::string("'") + OpSpelling(n.op) + "' needs yes/no values"));
    }
    if (b.type == T::kBool && b.boolean != is_and) return b;
    if (a.special()) return a;
    if (b.special()) return b;
    return EvalValue::Bool(is_and);
  }
  EvalValue a = EvalDirect(n.a);
  EvalValue b = EvalDirect(n.b);
  if (a.special() || b.special()) return Worse(a, b);
  switch (n.op) {
    case Op::kAdd:
    case Op::kSub:
      if (a.type == T::kDate && b.numeric() && b.type == T::kNumber) {
        return EvalValue::OfDate(
            Date{a.date.days + static_cast<int32_t>(n.op == Op::kAdd ? b.number : -b.number)});
      }
      [[fallthrough]];
    case Op::kMul:
    case Op::kDiv: {
      if (!a.numeric() || !b.numeric()) {
        return EvalValue::Error(Keep(std::string("'") + OpSpelling(n.op) + "' needs numbers, not " +
                                     Describe(a) + " and " + Describe(b)));
      }
      double r = 0;
      T type = T::kNumber;
      switch (n.op) {
        case Op::kAdd:
          r = a.number + b.number;
          break;
        case Op::kSub:
          r = a.number - b.number;
          break;
        case Op::kMul:
          r = a.number * b.number;
          break;
        default:
          if (b.number == 0) return EvalValue::Error("division by zero");
          r = a.number / b.number;
          break;
      }
      // As the checker types them: percent op percent stays a percent
      // (except division), and a percent divided by a number too.
      if (n.op != Op::kDiv && a.type == T::kPercent && b.type == T::kPercent) type = T::kPercent;
      if (n.op == Op::kDiv && a.type == T::kPercent && b.type == T::kNumber) type = T::kPercent;
      if (!std::isfinite(r)) return EvalValue::Error("a number out of range");
      EvalValue v = type == T::kPercent ? EvalValue::Percent(r) : EvalValue::Number(r);
      return v;
    }
    default:
      break;
  }
  // Comparisons.
  switch (Compare(n.op, a, b)) {
    case Cmp::kTrue:
      return EvalValue::Bool(true);
    case Cmp::kFalse:
      return EvalValue::Bool(false);
    case Cmp::kIncomparable:
      return EvalValue::Error(Keep("cannot compare " + Describe(a) + " with " + Describe(b)));
    case Cmp::kUnknownOp:
      break;
  }
  return EvalValue::Error("unknown operator");
}

EvalValue ItemEvaluator::EvalRecords(const Node& n, bool track) {
  const int id = NewSet();
  sets_[static_cast<size_t>(id)].view = index_->OfKind(n.slot);
  sets_[static_cast<size_t>(id)].is_view = true;
  if (track) Track(Set(id));
  EvalValue v;
  v.type = EvalValue::T::kSet;
  v.ref = id;
  return v;
}

ItemEvaluator::FieldTest ItemEvaluator::SimpleTest(int node) const {
  FieldTest t;
  const Node& c = plan_.nodes()[static_cast<size_t>(node)];
  if (c.kind != ExprKind::kBinary || (c.op != Op::kEq && c.op != Op::kNe)) return t;
  const Node& a = plan_.nodes()[static_cast<size_t>(c.a)];
  const Node& b = plan_.nodes()[static_cast<size_t>(c.b)];
  if (a.kind != ExprKind::kName || a.ref != NameRef::kField || a.slot < 2) return t;
  if (b.kind == ExprKind::kString) {
    t.type = ValueType::kString;
    t.text = b.text;
  } else if (b.kind == ExprKind::kBool) {
    t.type = ValueType::kBool;
    t.boolean = b.boolean;
  } else {
    return t;
  }
  t.field = a.slot;
  t.equal = c.op == Op::kEq;
  return t;
}

bool ItemEvaluator::CompileWhere(int node, WhereTest* out) const {
  // The conjuncts in evaluation order: `a and b` evaluates a, then b, and
  // stops at the first false one, whatever the nesting.
  int stack[16];
  int depth = 0;
  stack[depth++] = node;
  out->count = 0;
  while (depth > 0) {
    const Node& c = plan_.nodes()[static_cast<size_t>(stack[--depth])];
    if (c.kind == ExprKind::kBinary && c.op == Op::kAnd) {
      if (depth + 2 > 16 || c.a < 0 || c.b < 0) return false;
      stack[depth++] = c.b;  // popped after a's conjuncts
      stack[depth++] = c.a;
      continue;
    }
    if (out->count == kMaxConjuncts) return false;
    if (c.kind != ExprKind::kBinary || !IsComparison(c.op) || c.a < 0 || c.b < 0) return false;
    Conjunct& k = out->conjuncts[out->count++];
    k.simple = SimpleTest(static_cast<int>(&c - plan_.nodes().data()));
    k.op = c.op;
    k.lhs = &plan_.nodes()[static_cast<size_t>(c.a)];
    k.rhs = &plan_.nodes()[static_cast<size_t>(c.b)];
    if (k.simple.field < 0 && (!IsPlainOperand(*k.lhs) || !IsPlainOperand(*k.rhs))) return false;
  }
  return out->count > 0;
}

EvalValue ItemEvaluator::Operand(const Node& x, uint32_t r) const {
  switch (x.kind) {
    case ExprKind::kNumber:
      return EvalValue::Number(x.number);
    case ExprKind::kPercent:
      return EvalValue::Percent(x.number);
    case ExprKind::kDate:
      return EvalValue::OfDate(x.date);
    case ExprKind::kString:
      return EvalValue::String(x.text);
    case ExprKind::kBool:
      return EvalValue::Bool(x.boolean);
    default:
      break;
  }
  if (x.ref == NameRef::kAsOf) {
    return index_->as_of() ? EvalValue::OfDate(*index_->as_of()) : EvalValue::Missing();
  }
  return FieldOf(r, x.slot);
}

bool ItemEvaluator::DateOperand(const Node& x, uint32_t r, int32_t* days) const {
  if (x.kind != ExprKind::kName) return false;
  if (x.ref == NameRef::kAsOf) {
    if (!index_->as_of()) return false;
    *days = index_->as_of()->days;
    return true;
  }
  if (x.ref != NameRef::kField || x.slot < 2) return false;
  const Value* v = index_->field(r, x.slot);
  if (v == nullptr || v->type != ValueType::kDate) return false;
  *days = v->date.days;
  return true;
}

int ItemEvaluator::TestWhere(const WhereTest& test, uint32_t r) {
  // As the evaluator would: the first false conjunct decides (those after it
  // are not evaluated); a missing one leaves the result missing (not
  // selected) but the rest are still evaluated, and may be errors.
  bool all_true = true;
  for (int j = 0; j < test.count; ++j) {
    const Conjunct& k = test.conjuncts[j];
    if (k.simple.field >= 0) {
      const Value* v = index_->field(r, k.simple.field);
      if (v == nullptr) {  // missing
        all_true = false;
        continue;
      }
      const int hit = k.simple.Match(v);
      if (hit < 0) return -1;
      if (hit == 0) return 0;
      continue;
    }
    // Two dates (the common `done_on <= due`, `due <= as_of`): compared on
    // the stored days, as Compare() compares dates.
    int32_t da = 0, db = 0;
    if (DateOperand(*k.lhs, r, &da) && DateOperand(*k.rhs, r, &db)) {
      if (!DaysMeet(k.op, da, db)) return 0;
      continue;
    }
    const EvalValue a = Operand(*k.lhs, r);
    const EvalValue b = Operand(*k.rhs, r);
    if (a.special() || b.special()) {
      // Fields, as_of and literals are never errors or "no cases": missing.
      all_true = false;
      continue;
    }
    switch (Compare(k.op, a, b)) {
      case Cmp::kTrue:
        break;
      case Cmp::kFalse:
        return 0;
      default:
        return -1;  // an error, said as the evaluator says it
    }
  }
  return all_true ? 1 : 0;
}

EvalValue ItemEvaluator::EvalWhere(const Node& n) {
  const Node& left = plan_.nodes()[static_cast<size_t>(n.a)];
  const bool selector = left.kind == ExprKind::kRecords;
  // A selector's records are the index's list of the kind (no set made for
  // them); any other left side is a set the evaluator made.
  std::span<const uint32_t> of_kind;
  int in = -1;
  if (selector) {
    of_kind = index_->OfKind(left.slot);
  } else {
    EvalValue v = Eval(n.a);
    if (v.special()) return v;
    if (v.type != EvalValue::T::kSet) {
      return EvalValue::Error(Keep("'where' needs records on its left, not " + Describe(v)));
    }
    in = v.ref;
  }
  auto input = [&] { return selector ? of_kind : Set(in); };
  const int out = NewSet();
  const int saved = current_record_;
  const int compiled = where_test_of_[static_cast<size_t>(&n - plan_.nodes().data())];
  // sets_ may grow while evaluating conditions: index, don't hold references
  // across Eval().
  const size_t size = input().size();
  size_t i = 0;
  while (i < size) {
    if (compiled >= 0) {
      // Tested without evaluating nodes (nothing here grows sets_).
      const WhereTest& test = where_tests_[static_cast<size_t>(compiled)];
      const std::span<const uint32_t> records = input();
      std::vector<uint32_t>& selected = sets_[static_cast<size_t>(out)].owned;
      if (test.count == 1 && test.conjuncts[0].simple.field >= 0) {
        // The common `where topic = "cchc"`: the field's column is looked
        // up once per kind (a set is mostly of one kind).
        const FieldTest& t = test.conjuncts[0].simple;
        const EvidenceIndex& index = *index_;
        int kind = -2, column = -1;
        for (; i < size; ++i) {
          const uint32_t r = records[i];
          if (index.kind(r) != kind) {
            kind = index.kind(r);
            column = index.Column(kind, t.field);
          }
          const int hit = t.Match(column < 0 ? nullptr : index.At(r, column));
          if (hit < 0) break;
          if (hit == 1) selected.push_back(r);
        }
      } else {
        for (; i < size; ++i) {
          const int hit = TestWhere(test, records[i]);
          if (hit < 0) break;
          if (hit == 1) selected.push_back(records[i]);
        }
      }
      if (i == size) break;
    }
    const uint32_t r = input()[i++];
    current_record_ = static_cast<int>(r);
    EvalValue c = Eval(n.b);
    if (c.type == EvalValue::T::kError) {
      current_record_ = saved;
      return c;
    }
    if (c.type == EvalValue::T::kBool && c.boolean)
      sets_[static_cast<size_t>(out)].owned.push_back(r);
  }
  current_record_ = saved;
  if (selector) Track(Set(out));
  EvalValue v;
  v.type = EvalValue::T::kSet;
  v.ref = out;
  return v;
}

EvalValue ItemEvaluator::EvalCall(const Node& n) {
  using T = EvalValue::T;
  auto need_set = [&](const EvalValue& s) -> bool { return s.type == T::kSet; };
  auto set_error = [&](const EvalValue& s) {
    return s.special() ? s
                       : EvalValue::Error(
                             Keep(std::string(n.text) + "() needs records, not " + Describe(s)));
  };
  switch (n.fn) {
    case Fn::kCount:
    case Fn::kExists:
    case Fn::kSum:
    case Fn::kAvg:
    case Fn::kMin:
    case Fn::kMax:
    case Fn::kLatest:
    case Fn::kEarliest:
    case Fn::kValue:
      if (cache_ != nullptr && !explain_) {
        EvalValue v;
        bool tracked = false;
        if (cache_->Lookup(static_cast<int>(&n - plan_.nodes().data()), &v, &tracked)) {
          // Points-only tracking only asks whether any evidence was found.
          if (tracked && evidence_.empty()) evidence_.push_back(0);
          // value / min / max: the chosen record's field.
          if ((n.fn == Fn::kValue || n.fn == Fn::kMin || n.fn == Fn::kMax) &&
              v.type == EvalValue::T::kRecord)
            return FieldOf(static_cast<uint32_t>(v.ref), n.field);
          return v;
        }
      }
      break;
    default:
      break;
  }
  switch (n.fn) {
    case Fn::kCount:
    case Fn::kExists: {
      EvalValue s = EvalDirect(n.a);
      if (!need_set(s)) return set_error(s);
      const size_t c = Set(s.ref).size();
      return n.fn == Fn::kCount ? EvalValue::Number(static_cast<double>(c))
                                : EvalValue::Bool(c > 0);
    }
    case Fn::kSum:
    case Fn::kAvg:
    case Fn::kMin:
    case Fn::kMax: {
      EvalValue s = EvalDirect(n.a);
      if (!need_set(s)) return set_error(s);
      double acc = 0;
      size_t seen = 0;
      EvalValue best;
      bool percent = false;
      for (uint32_t r : Set(s.ref)) {
        EvalValue v = FieldOf(r, n.field);
        if (v.type == T::kMissing) continue;
        if (n.fn == Fn::kMin || n.fn == Fn::kMax) {
          const bool dates = v.type == T::kDate;
          if (!v.numeric() && !dates) {
            return EvalValue::Error(
                Keep(std::string(n.text) + "() over a field that is not a number or date"));
          }
          if (best.type == T::kMissing) {
            best = v;
          } else if (dates && best.type == T::kDate) {
            if ((n.fn == Fn::kMin) == (v.date < best.date)) best = v;
          } else if (v.numeric() && best.numeric()) {
            if ((n.fn == Fn::kMin) == (v.number < best.number)) best = v;
          }
          continue;
        }
        if (!v.numeric()) {
          return EvalValue::Error(
              Keep(std::string(n.text) + "() over a field that is not a number"));
        }
        percent = percent || v.type == T::kPercent;
        acc += v.number;
        ++seen;
      }
      if (n.fn == Fn::kMin || n.fn == Fn::kMax) return best;
      if (n.fn == Fn::kSum) return percent ? EvalValue::Percent(acc) : EvalValue::Number(acc);
      if (seen == 0) return EvalValue::Missing();
      return percent ? EvalValue::Percent(acc / static_cast<double>(seen))
                     : EvalValue::Number(acc / static_cast<double>(seen));
    }
    case Fn::kMin2:
    case Fn::kMax2: {
      EvalValue a = EvalDirect(n.a), b = EvalDirect(n.b);
      if (a.special() || b.special()) return Worse(a, b);
      if (!a.numeric() || !b.numeric())
        return EvalValue::Error(Keep(std::string(n.text) + "() needs numbers"));
      const bool pick_a = (n.fn == Fn::kMin2) == (a.number <= b.number);
      EvalValue v = pick_a ? a : b;
      v.has_ratio = false;
      return v;
    }
    case Fn::kLatest:
    case Fn::kEarliest:
    case Fn::kValue: {
      EvalValue s = EvalDirect(n.a);
      if (!need_set(s)) return set_error(s);
      const int by = n.fn == Fn::kValue ? plan_.issued_field() : n.field;
      const bool latest = n.fn != Fn::kEarliest;
      int best = -1;
      EvalValue best_date;
      for (uint32_t r : Set(s.ref)) {
        EvalValue d = FieldOf(r, by);
        if (best < 0) {
          best = static_cast<int>(r);
          best_date = d;
          continue;
        }
        // Dated records beat undated ones; ties go to the smaller id.
        bool better = false;
        if (d.type == T::kDate && best_date.type != T::kDate) {
          better = true;
        } else if (d.type == T::kDate && best_date.type == T::kDate) {
          if (d.date != best_date.date) {
            better = latest ? d.date > best_date.date : d.date < best_date.date;
          } else {
            better = index_->record(r).id < index_->record(static_cast<uint32_t>(best)).id;
          }
        } else if (d.type != T::kDate && best_date.type != T::kDate) {
          better = latest;  // undated: the last in file order is the latest
        }
        if (better) {
          best = static_cast<int>(r);
          best_date = d;
        }
      }
      if (best < 0) return EvalValue::Missing();
      if (n.fn == Fn::kValue) return FieldOf(static_cast<uint32_t>(best), n.field);
      EvalValue v;
      v.type = T::kRecord;
      v.ref = best;
      return v;
    }
    case Fn::kRatio: {
      EvalValue a = EvalDirect(n.a), b = EvalDirect(n.b);
      if (a.special() || b.special()) return Worse(a, b);
      if (!a.numeric() || !b.numeric()) return EvalValue::Error("ratio() needs numbers");
      if (b.number == 0) return EvalValue::NoCase();
      EvalValue v = EvalValue::Percent(a.number / b.number);
      v.has_ratio = true;
      v.ratio_num = a.number;
      v.ratio_den = b.number;
      return v;
    }
    case Fn::kDays: {
      EvalValue a = EvalDirect(n.a), b = EvalDirect(n.b);
      if (a.special() || b.special()) return Worse(a, b);
      if (a.type != T::kDate || b.type != T::kDate)
        return EvalValue::Error("days() needs two dates");
      return EvalValue::Number(b.date.days - a.date.days);
    }
    case Fn::kNone:
      break;
  }
  return EvalValue::Error(Keep("unknown function '" + std::string(n.text) + "'"));
}

}  // namespace cchc
