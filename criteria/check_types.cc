// Names and types (E4xx): per-item scopes of `let` bindings, record kinds and
// fields, the function table, and the operand types of every operator and
// rule. Records every expression's type for the rules pass.
#include <algorithm>
#include <string>
#include <string_view>

#include "criteria/checker_internal.h"

namespace cchc::check {

namespace {

Type Make(Ty ty, bool nonneg = false) { return Type{ty, "", nonneg}; }

Type FromField(FieldType f) {
  switch (f) {
    case FieldType::kNumber:
      return Make(Ty::kNumber);
    case FieldType::kCount:
      return Make(Ty::kNumber, true);
    case FieldType::kPercent:
      return Make(Ty::kPercent, true);
    case FieldType::kDate:
      return Make(Ty::kDate);
    case FieldType::kString:
      return Make(Ty::kString);
    case FieldType::kBool:
      return Make(Ty::kBool);
  }
  return Make(Ty::kUnknown);
}

// "a number" / "an unknown"... for messages.
std::string A(const Type& t) {
  const std::string n = TypeName(t);
  return (n[0] == 'u' ? "an " : "a ") + n;
}

bool IsComparison(Op op) {
  return op == Op::kEq || op == Op::kNe || op == Op::kLt || op == Op::kLe || op == Op::kGt ||
         op == Op::kGe;
}

// The range of the field name at the end of `obj.field`, or the whole range
// when the model carries no usable offsets.
SourceRange FieldNameRange(const Expr& e) {
  const uint32_t n = static_cast<uint32_t>(e.text.size());
  if (e.range.end >= e.range.begin + n && n > 0) return {e.range.end - n, e.range.end};
  return e.range;
}

SourceRange CallNameRange(const Expr& e) {
  const uint32_t n = static_cast<uint32_t>(e.text.size());
  if (e.range.end >= e.range.begin + n && n > 0) return {e.range.begin, e.range.begin + n};
  return e.range;
}

struct Function {
  const char* name;
  int min_args, max_args;
};

constexpr Function kFunctions[] = {
    {"count", 1, 1}, {"exists", 1, 1}, {"sum", 2, 2},    {"avg", 2, 2},
    {"min", 2, 2},   {"max", 2, 2},    {"latest", 1, 2}, {"earliest", 1, 2},
    {"ratio", 2, 2}, {"days", 2, 2},   {"value", 2, 2},
};

const Function* FindFunction(const std::string& name) {
  for (const Function& f : kFunctions) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

class TypeChecker {
 public:
  TypeChecker(const Criteria& c, TypeInfo& info, Sink& sink) : c_(c), info_(info), sink_(sink) {}

  void Run() {
    for (const RecordDecl& r : c_.records) CheckRecord(r);
    ForEachItem(c_, [this](const Item& it) { CheckItem(it); });
  }

 private:
  struct Bound {
    std::string name;
    Type type;
    bool used = false;
    SourceRange name_range;
  };
  // A `where` condition's field scope: the filtered records' kind. Lenient
  // scopes (an undeclared kind, a left side that already failed) resolve
  // unknown bare names silently: the cause is reported once, elsewhere.
  struct FieldScope {
    std::string kind;
    bool lenient = false;
  };

  // ------------------------------------------------------------ records

  // Field constraints fit the field's type; `require` conditions are bools
  // over the kind's own fields.
  void CheckRecord(const RecordDecl& r) {
    for (const FieldDecl& f : r.fields) {
      const bool numeric = f.type == FieldType::kNumber || f.type == FieldType::kCount ||
                           f.type == FieldType::kPercent;
      if (f.has_range && !numeric) {
        sink_.Error(DiagCode::kTypeMismatch, f.range_range,
                    "a range `in LO..HI` needs a number, count or percent field; '" + f.name +
                        "' is a " + FieldTypeName(f.type));
      } else if (f.has_range && f.lo > f.hi) {
        sink_.Error(DiagCode::kBadParam, f.range_range,
                    "the range of '" + f.name + "' is empty: " + Num(f.lo) + " > " + Num(f.hi));
      } else if (f.has_range && f.type == FieldType::kCount && f.lo < 0) {
        sink_.Error(DiagCode::kBadParam, f.range_range,
                    "a count is never negative; start the range of '" + f.name + "' at 0");
      } else if (f.has_range && f.type == FieldType::kPercent && (f.lo < 0 || f.hi > 1)) {
        sink_.Error(DiagCode::kBadParam, f.range_range,
                    "a percent lies in 0%..100%; narrow the range of '" + f.name + "'");
      }
      if (!f.one_of.empty() && f.type != FieldType::kString) {
        sink_.Error(
            DiagCode::kTypeMismatch, f.one_of_range,
            "`one of` needs a string field; '" + f.name + "' is a " + FieldTypeName(f.type));
      }
    }
    for (const Invariant& inv : r.invariants) {
      if (!inv.cond) continue;
      fields_.push_back(FieldScope{r.kind, false});
      const Type t = Infer(*inv.cond, 0);
      fields_.pop_back();
      if (t.ty != Ty::kUnknown && t.ty != Ty::kBool) {
        sink_.Error(DiagCode::kTypeMismatch, inv.cond->range,
                    "a `require` condition must be a bool, got " + A(t));
      }
    }
  }

  // The declaration a bare name resolves to inside `where` (or `require`).
  const FieldDecl* ScopedField(const Expr& e) const {
    if (e.kind != ExprKind::kName) return nullptr;
    for (auto s = fields_.rbegin(); s != fields_.rend(); ++s) {
      if (s->lenient) continue;
      if (const FieldDecl* f = FindField(c_, s->kind, e.text)) return f;
    }
    return nullptr;
  }

  // `topic = "kiem_tra"` where topic is `one of ...` without "kiem_tra": a
  // typo that would silently select nothing.
  void CheckEnumLiteral(const Expr& field, const Expr& literal) {
    const FieldDecl* f = ScopedField(field);
    if (f == nullptr || f->one_of.empty() || literal.kind != ExprKind::kString) return;
    if (std::find(f->one_of.begin(), f->one_of.end(), literal.text) != f->one_of.end()) return;
    std::string all;
    for (const std::string& v : f->one_of) all += (all.empty() ? "\"" : ", \"") + v + "\"";
    sink_.Error(DiagCode::kTypeMismatch, literal.range,
                "\"" + literal.text + "\" is not a value of '" + f->name + "' (one of " + all +
                    ")" + DidYouMean(literal.text, f->one_of));
  }

  // ------------------------------------------------------------ items

  void CheckItem(const Item& it) {
    item_ = &it;
    scope_.clear();
    too_deep_ = false;
    for (size_t i = 0; i < it.bindings.size(); ++i) {
      const Binding& b = it.bindings[i];
      // Later bindings are not visible yet; remember them for the message.
      later_.clear();
      for (size_t j = i; j < it.bindings.size(); ++j) later_.push_back(it.bindings[j].name);
      Type t = b.value ? Infer(*b.value, 0) : Make(Ty::kUnknown);
      for (const Bound& prev : scope_) {
        if (prev.name == b.name) {
          sink_.Error(DiagCode::kDuplicateBinding, b.name_range,
                      "'" + b.name + "' is already defined by an earlier `let` in item " + it.code);
          break;
        }
      }
      scope_.push_back({b.name, t, false, b.name_range});
    }
    later_.clear();
    for (const ExprPtr& cond : it.not_applicable_when) {
      if (cond) Expect(*cond, Ty::kBool, "a `not applicable when` condition");
    }
    if (it.rule) CheckRule(*it.rule);
    for (const Bound& b : scope_) {
      if (!b.used) {
        sink_.Warning(DiagCode::kUnusedBinding, b.name_range,
                      "'" + b.name + "' is never used in item " + item_->code);
      }
    }
  }

  // Infers e and reports E405 unless it has type `want` (number accepts
  // percent and the other way round).
  Type Expect(const Expr& e, Ty want, std::string_view what) {
    Type t = Infer(e, 0);
    if (t.ty == Ty::kUnknown) return t;
    const bool ok = t.ty == want || (IsNumeric(want) && IsNumeric(t.ty));
    if (!ok) {
      sink_.Error(DiagCode::kTypeMismatch, e.range,
                  std::string(what) + " must be " + A(Make(want)) + ", got " + A(t));
    }
    return t;
  }

  void Points(const ExprPtr& e) {
    if (e) Expect(*e, Ty::kNumber, "points");
  }

  void CheckRule(const Rule& r) {
    if (!r.subject) return;
    switch (r.kind) {
      case RuleKind::kDeadline:
        Expect(*r.subject, Ty::kDate, "the subject of `deadline`");
        if (r.param) Expect(*r.param, Ty::kDate, "the deadline after `by`");
        Points(r.on_time);
        Points(r.late);
        Points(r.missing);
        return;
      case RuleKind::kBands:
      case RuleKind::kCount: {
        const bool count = r.kind == RuleKind::kCount;
        Type s = Infer(*r.subject, 0);
        if (s.ty != Ty::kUnknown && !(count ? s.ty == Ty::kNumber : IsNumeric(s.ty))) {
          sink_.Error(DiagCode::kTypeMismatch, r.subject->range,
                      count ? "the subject of `count` tiers must be a number, got " + A(s)
                            : "the subject of `bands` must be a number or a percent, got " + A(s));
        }
        for (const Band& b : r.bands) {
          if (b.threshold) Threshold(*b.threshold, s, count);
          Points(b.points);
        }
        return;
      }
      case RuleKind::kLevels:
        Expect(*r.subject, Ty::kString, "the subject of `levels`");
        for (const Band& b : r.bands) Points(b.points);
        return;
      case RuleKind::kBoolean:
        Expect(*r.subject, Ty::kBool, "the subject of `boolean`");
        Points(r.yes);
        Points(r.no);
        return;
      case RuleKind::kLinear: {
        Type s = Expect(*r.subject, Ty::kNumber, "the subject of `linear`");
        if (r.param) {
          Expect(*r.param, Ty::kNumber, "the target");
          if (s.ty == Ty::kPercent) PercentVsNumber(*r.param);
        }
        return;
      }
      case RuleKind::kDeduct:
      case RuleKind::kPerCase:
        Expect(*r.subject, Ty::kNumber, "the number of cases");
        if (r.param) Expect(*r.param, Ty::kNumber, "the points of each case");
        if (r.floor) Expect(*r.floor, Ty::kNumber, "the floor");
        return;
      case RuleKind::kChecklist:
      case RuleKind::kScaled:
      case RuleKind::kLikert:
        Expect(*r.subject, Ty::kNumber,
               std::string("the subject of `") + RuleKindName(r.kind) + "`");
        if (r.param) Expect(*r.param, Ty::kNumber, "the total after `of`");
        return;
      case RuleKind::kPercent:
        Expect(*r.subject, Ty::kPercent, "the subject of `percent`");
        return;
      case RuleKind::kManual:
        Expect(*r.subject, Ty::kNumber, "the subject of `manual`");
        return;
    }
  }

  void Threshold(const Expr& t, const Type& subject, bool count) {
    Type tt = Infer(t, 0);
    if (tt.ty == Ty::kUnknown) return;
    if (!IsNumeric(tt.ty)) {
      sink_.Error(DiagCode::kTypeMismatch, t.range,
                  "a band threshold must be a number or a percent, got " + A(tt));
    } else if (count && tt.ty == Ty::kPercent) {
      sink_.Error(DiagCode::kTypeMismatch, t.range,
                  "`count` tiers compare a number of cases; " + Pct(t.number) +
                      " is a percent (use `bands` for shares)");
    } else if (subject.ty == Ty::kPercent) {
      PercentVsNumber(t);
    }
  }

  // W408 when `e` is a plain number literal above 1 set against a percent.
  void PercentVsNumber(const Expr& e) {
    if (e.kind == ExprKind::kNumber && e.number > 1) {
      sink_.Warning(DiagCode::kPercentVsNumber, e.range,
                    "a percent is compared with the plain number " + Num(e.number) +
                        "; did you mean " + Num(e.number) + "%?");
    }
  }

  // ------------------------------------------------------------ expressions

  Type Infer(const Expr& e, int depth) {
    if (depth > kMaxExprDepth) {
      if (!too_deep_) {
        too_deep_ = true;
        sink_.Error(DiagCode::kNestingTooDeep, e.range,
                    "expression nested too deeply to check (more than " +
                        std::to_string(kMaxExprDepth) + " levels)");
      }
      return Make(Ty::kUnknown);
    }
    Type t = InferUncached(e, depth);
    info_.Set(&e, t);
    return t;
  }

  Type InferUncached(const Expr& e, int depth) {
    switch (e.kind) {
      case ExprKind::kNumber:
        return Make(Ty::kNumber, e.number >= 0);
      case ExprKind::kPercent:
        return Make(Ty::kPercent, e.number >= 0);
      case ExprKind::kDate:
        return Make(Ty::kDate);
      case ExprKind::kString:
        return Make(Ty::kString);
      case ExprKind::kBool:
        return Make(Ty::kBool);
      case ExprKind::kMaxRef:
        return Make(Ty::kNumber, true);
      case ExprKind::kName:
        return Name(e);
      case ExprKind::kField:
        return Field(e, depth);
      case ExprKind::kRecords:
        return Records(e);
      case ExprKind::kWhere:
        return Where(e, depth);
      case ExprKind::kUnary:
        return Unary(e, depth);
      case ExprKind::kBinary:
        return Binary(e, depth);
      case ExprKind::kCall:
        return Call(e, depth);
    }
    return Make(Ty::kUnknown);
  }

  bool KindDeclared(const std::string& kind) const {
    return kind.empty() || FindRecord(c_, kind) != nullptr;
  }

  std::vector<std::string> FieldNames(const std::string& kind) const {
    std::vector<std::string> out;
    if (const RecordDecl* r = FindRecord(c_, kind)) {
      for (const FieldDecl& f : r->fields) out.push_back(f.name);
    }
    for (const FieldDecl& f : CommonFields()) out.push_back(f.name);
    return out;
  }

  Type Name(const Expr& e) {
    // Inside `where`: a field of the filtered kind first (innermost scope
    // first), then a binding.
    bool lenient = false;
    for (auto s = fields_.rbegin(); s != fields_.rend(); ++s) {
      if (s->lenient) {
        lenient = true;
        continue;
      }
      if (const FieldDecl* f = FindField(c_, s->kind, e.text)) return FromField(f->type);
    }
    for (auto b = scope_.rbegin(); b != scope_.rend(); ++b) {
      if (b->name == e.text) {
        b->used = true;
        return b->type;
      }
    }
    if (e.text == "as_of") return Make(Ty::kDate);
    if (lenient) return Make(Ty::kUnknown);
    if (std::find(later_.begin(), later_.end(), e.text) != later_.end()) {
      sink_.Error(DiagCode::kUnknownName, e.range,
                  "'" + e.text + "' is used before its `let`; a binding may only use earlier ones");
      return Make(Ty::kUnknown);
    }
    std::vector<std::string> known = {"as_of"};
    for (const Bound& b : scope_) known.push_back(b.name);
    for (const FieldScope& s : fields_) {
      for (std::string& f : FieldNames(s.kind)) known.push_back(std::move(f));
    }
    if (!fields_.empty()) {
      // Inside `where` a bare name is meant as a field first.
      const std::string& kind = fields_.back().kind;
      sink_.Error(DiagCode::kUnknownField, e.range,
                  (kind.empty() ? "records of every kind have no field '" + e.text + "'"
                                : "record kind \"" + kind + "\" has no field '" + e.text + "'") +
                      " and no binding has that name" + DidYouMean(e.text, known));
      return Make(Ty::kUnknown);
    }
    sink_.Error(DiagCode::kUnknownName, e.range,
                "unknown name '" + e.text + "'" + DidYouMean(e.text, known));
    return Make(Ty::kUnknown);
  }

  Type Field(const Expr& e, int depth) {
    if (e.args.empty() || !e.args[0]) return Make(Ty::kUnknown);
    Type obj = Infer(*e.args[0], depth + 1);
    switch (obj.ty) {
      case Ty::kUnknown:
        return obj;
      case Ty::kRecord:
        return LookupField(obj.kind, e.text, FieldNameRange(e));
      case Ty::kRecords:
        sink_.Error(DiagCode::kTypeMismatch, e.range,
                    "'." + e.text +
                        "' needs one record, but this is a set of records; use "
                        "latest(...) or value(..., " +
                        e.text + ")");
        return Make(Ty::kUnknown);
      default:
        sink_.Error(DiagCode::kTypeMismatch, e.range,
                    "'." + e.text + "' needs a record, got " + A(obj));
        return Make(Ty::kUnknown);
    }
  }

  // A field of `kind` named at `r`; E401 when it does not exist.
  Type LookupField(const std::string& kind, const std::string& name, SourceRange r) {
    if (const FieldDecl* f = FindField(c_, kind, name)) return FromField(f->type);
    if (!KindDeclared(kind)) return Make(Ty::kUnknown);  // E402 said it already
    sink_.Error(DiagCode::kUnknownField, r,
                (kind.empty() ? "records of every kind have no field '" + name + "'"
                              : "record kind \"" + kind + "\" has no field '" + name + "'") +
                    DidYouMean(name, FieldNames(kind)));
    return Make(Ty::kUnknown);
  }

  Type Records(const Expr& e) {
    if (!KindDeclared(e.text)) {
      std::vector<std::string> kinds;
      for (const RecordDecl& r : c_.records) kinds.push_back(r.kind);
      sink_.Error(DiagCode::kUnknownKind, e.range,
                  "unknown record kind \"" + e.text + "\"" + DidYouMean(e.text, kinds) +
                      (kinds.empty() ? " (no `record` is declared)" : ""));
    }
    return Type{Ty::kRecords, e.text, false};
  }

  Type Where(const Expr& e, int depth) {
    if (e.args.size() < 2 || !e.args[0] || !e.args[1]) return Make(Ty::kUnknown);
    Type set = Infer(*e.args[0], depth + 1);
    FieldScope scope;
    if (set.ty == Ty::kRecords) {
      scope.kind = set.kind;
      scope.lenient = !KindDeclared(set.kind);
    } else {
      scope.lenient = true;
      if (set.ty != Ty::kUnknown) {
        sink_.Error(DiagCode::kTypeMismatch, e.args[0]->range,
                    "`where` needs a set of records on its left, got " + A(set));
      }
    }
    fields_.push_back(scope);
    Type cond = Infer(*e.args[1], depth + 1);
    fields_.pop_back();
    if (cond.ty != Ty::kUnknown && cond.ty != Ty::kBool) {
      sink_.Error(DiagCode::kTypeMismatch, e.args[1]->range,
                  "a `where` condition must be a bool, got " + A(cond));
    }
    return set.ty == Ty::kRecords ? set : Make(Ty::kUnknown);
  }

  Type Unary(const Expr& e, int depth) {
    if (e.args.empty() || !e.args[0]) return Make(Ty::kUnknown);
    Type a = Infer(*e.args[0], depth + 1);
    if (a.ty == Ty::kUnknown) return e.op == Op::kNot ? Make(Ty::kBool) : a;
    if (e.op == Op::kNot) {
      if (a.ty != Ty::kBool) {
        sink_.Error(DiagCode::kTypeMismatch, e.range, "`not` needs a bool, got " + A(a));
      }
      return Make(Ty::kBool);
    }
    if (!IsNumeric(a.ty)) {
      sink_.Error(DiagCode::kTypeMismatch, e.range, "'-' needs a number, got " + A(a));
      return Make(Ty::kUnknown);
    }
    return Make(a.ty);
  }

  Type Binary(const Expr& e, int depth) {
    if (e.args.size() < 2 || !e.args[0] || !e.args[1]) return Make(Ty::kUnknown);
    Type a = Infer(*e.args[0], depth + 1);
    Type b = Infer(*e.args[1], depth + 1);
    const std::string op = OpSpelling(e.op);
    if (e.op == Op::kAnd || e.op == Op::kOr) {
      for (const Type* t : {&a, &b}) {
        if (t->ty != Ty::kUnknown && t->ty != Ty::kBool) {
          sink_.Error(DiagCode::kTypeMismatch, e.range,
                      "`" + op + "` needs bools, got " + A(a) + " and " + A(b));
          break;
        }
      }
      return Make(Ty::kBool);
    }
    if (IsComparison(e.op)) {
      if (e.op == Op::kEq || e.op == Op::kNe) {
        CheckEnumLiteral(*e.args[0], *e.args[1]);
        CheckEnumLiteral(*e.args[1], *e.args[0]);
      }
      Compare(e, a, b);
      return Make(Ty::kBool);
    }
    // Arithmetic.
    if (a.ty == Ty::kUnknown || b.ty == Ty::kUnknown) return Make(Ty::kUnknown);
    // A date shifted by a number of days: as_of - 30, plan.issued + 15.
    if (a.ty == Ty::kDate && b.ty == Ty::kNumber && (e.op == Op::kAdd || e.op == Op::kSub)) {
      return Make(Ty::kDate);
    }
    if (!IsNumeric(a.ty) || !IsNumeric(b.ty)) {
      std::string hint = a.ty == Ty::kDate && b.ty == Ty::kDate && e.op == Op::kSub
                             ? "; use days(d1, d2) for the days between two dates"
                             : "";
      sink_.Error(DiagCode::kTypeMismatch, e.range,
                  "'" + op + "' needs numbers, got " + A(a) + " and " + A(b) + hint);
      return Make(Ty::kUnknown);
    }
    const bool pa = a.ty == Ty::kPercent, pb = b.ty == Ty::kPercent;
    Ty ty = Ty::kNumber;
    bool nonneg = a.nonneg && b.nonneg;
    switch (e.op) {
      case Op::kAdd:
        ty = pa && pb ? Ty::kPercent : Ty::kNumber;
        break;
      case Op::kSub:
        ty = pa && pb ? Ty::kPercent : Ty::kNumber;
        nonneg = false;
        break;
      case Op::kMul:
        ty = pa && pb ? Ty::kPercent : Ty::kNumber;
        break;
      case Op::kDiv:
        ty = pa && !pb ? Ty::kPercent : Ty::kNumber;
        break;
      default:
        break;
    }
    return Make(ty, nonneg);
  }

  void Compare(const Expr& e, const Type& a, const Type& b) {
    if (a.ty == Ty::kUnknown || b.ty == Ty::kUnknown) return;
    const std::string op = OpSpelling(e.op);
    if (IsNumeric(a.ty) && IsNumeric(b.ty)) {
      if (a.ty == Ty::kPercent && b.ty == Ty::kNumber) PercentVsNumber(*e.args[1]);
      if (b.ty == Ty::kPercent && a.ty == Ty::kNumber) PercentVsNumber(*e.args[0]);
      return;
    }
    if (a.ty == b.ty && (a.ty == Ty::kDate || a.ty == Ty::kString || a.ty == Ty::kBool)) {
      if (a.ty != Ty::kDate && e.op != Op::kEq && e.op != Op::kNe) {
        sink_.Error(DiagCode::kTypeMismatch, e.range,
                    "'" + op + "' does not order " + TypeName(a) + "s; use = or !=");
      }
      return;
    }
    sink_.Error(DiagCode::kTypeMismatch, e.range,
                "cannot compare " + A(a) + " with " + A(b) + " ('" + op + "')");
  }

  // ------------------------------------------------------------ calls

  Type Call(const Expr& e, int depth) {
    const Function* fn = FindFunction(e.text);
    if (!fn) {
      std::vector<std::string> names;
      for (const Function& f : kFunctions) names.push_back(f.name);
      sink_.Error(DiagCode::kUnknownFunction, CallNameRange(e),
                  "unknown function '" + e.text + "'" + DidYouMean(e.text, names));
      // Still check the arguments, but a bare name may be a field: stay quiet.
      for (const ExprPtr& a : e.args) {
        if (a && a->kind != ExprKind::kName) Infer(*a, depth + 1);
      }
      return Make(Ty::kUnknown);
    }
    const int n = static_cast<int>(e.args.size());
    if (n < fn->min_args || n > fn->max_args) {
      const std::string want =
          fn->min_args == fn->max_args
              ? std::to_string(fn->min_args)
              : std::to_string(fn->min_args) + " or " + std::to_string(fn->max_args);
      sink_.Error(DiagCode::kArity, e.range,
                  e.text + "() takes " + want + " argument" + (want == "1" ? "" : "s") + ", got " +
                      std::to_string(n));
      for (const ExprPtr& a : e.args) {
        if (a && a->kind != ExprKind::kName) Infer(*a, depth + 1);
      }
      return Make(Ty::kUnknown);
    }
    for (const ExprPtr& a : e.args) {
      if (!a) return Make(Ty::kUnknown);
    }
    const std::string& f = e.text;
    if (f == "count" || f == "exists") {
      SetArg(e, 0, depth);
      return f == "count" ? Make(Ty::kNumber, true) : Make(Ty::kBool);
    }
    if (f == "ratio") {
      Type a = ArgOf(e, 0, Ty::kNumber, depth);
      Type b = ArgOf(e, 1, Ty::kNumber, depth);
      return Make(Ty::kPercent, a.nonneg && b.nonneg);
    }
    if (f == "days") {
      ArgOf(e, 0, Ty::kDate, depth);
      ArgOf(e, 1, Ty::kDate, depth);
      return Make(Ty::kNumber);
    }
    if (f == "min" || f == "max") {
      Type a = Infer(*e.args[0], depth + 1);
      if (a.ty == Ty::kRecords) {
        Type t = FieldArg(e, a, depth);
        if (t.ty != Ty::kUnknown && !IsNumeric(t.ty) && t.ty != Ty::kDate) {
          sink_.Error(DiagCode::kTypeMismatch, e.args[1]->range,
                      f + "(S, f) needs a number, percent or date field, got " + A(t));
          return Make(Ty::kUnknown);
        }
        return t;
      }
      Type b = ArgOf(e, 1, Ty::kNumber, depth);
      if (a.ty != Ty::kUnknown && !IsNumeric(a.ty)) {
        sink_.Error(DiagCode::kTypeMismatch, e.args[0]->range,
                    f + "(a, b) needs numbers (or a set of records and a field), got " + A(a));
        return Make(Ty::kUnknown);
      }
      return Make(a.ty == Ty::kPercent && b.ty == Ty::kPercent ? Ty::kPercent : Ty::kNumber,
                  a.nonneg && b.nonneg);
    }
    // The rest take a set first, then maybe a field name.
    Type set = SetArg(e, 0, depth);
    if (f == "latest" || f == "earliest") {
      if (n == 2) {
        Type t = FieldArg(e, set, depth);
        if (t.ty != Ty::kUnknown && t.ty != Ty::kDate) {
          sink_.Error(DiagCode::kTypeMismatch, e.args[1]->range,
                      f + "(S, f) orders by a date field, got " + A(t));
        }
      }
      return set.ty == Ty::kRecords ? Type{Ty::kRecord, set.kind, false} : Make(Ty::kUnknown);
    }
    Type t = FieldArg(e, set, depth);
    if ((f == "sum" || f == "avg") && t.ty != Ty::kUnknown && !IsNumeric(t.ty)) {
      sink_.Error(DiagCode::kTypeMismatch, e.args[1]->range,
                  f + "() needs a number or percent field, got " + A(t) + " field '" +
                      e.args[1]->text + "'");
      return Make(Ty::kUnknown);
    }
    return t;  // sum, avg, value
  }

  Type ArgOf(const Expr& e, size_t i, Ty want, int depth) {
    Type t = Infer(*e.args[i], depth + 1);
    if (t.ty == Ty::kUnknown) return t;
    if (!(t.ty == want || (IsNumeric(want) && IsNumeric(t.ty)))) {
      sink_.Error(DiagCode::kTypeMismatch, e.args[i]->range,
                  e.text + "() needs " + A(Make(want)) + " here, got " + A(t));
      return Make(Ty::kUnknown);
    }
    return t;
  }

  Type SetArg(const Expr& e, size_t i, int depth) {
    Type t = Infer(*e.args[i], depth + 1);
    if (t.ty != Ty::kUnknown && t.ty != Ty::kRecords) {
      sink_.Error(DiagCode::kTypeMismatch, e.args[i]->range,
                  e.text + "() needs a set of records, got " + A(t));
      return Make(Ty::kUnknown);
    }
    return t;
  }

  // The field-name argument (always the second) of sum/avg/min/max/value/
  // latest/earliest: a bare name looked up in the set's kind, not a binding.
  Type FieldArg(const Expr& e, const Type& set, int depth) {
    const Expr& f = *e.args[1];
    if (f.kind != ExprKind::kName) {
      Infer(f, depth + 1);
      sink_.Error(DiagCode::kTypeMismatch, f.range,
                  e.text + "()'s second argument must be a field name of the records");
      return Make(Ty::kUnknown);
    }
    if (set.ty != Ty::kRecords) return Make(Ty::kUnknown);
    Type t = LookupField(set.kind, f.text, f.range);
    info_.Set(&f, t);
    return t;
  }

  const Criteria& c_;
  TypeInfo& info_;
  Sink& sink_;
  const Item* item_ = nullptr;
  std::vector<Bound> scope_;
  std::vector<std::string> later_;
  std::vector<FieldScope> fields_;
  bool too_deep_ = false;
};

}  // namespace

void CheckNamesAndTypes(const Criteria& c, TypeInfo& info, Sink& sink) {
  TypeChecker(c, info, sink).Run();
}

}  // namespace cchc::check
