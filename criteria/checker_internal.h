// Shared between the checker's passes (check_structure.cc, check_types.cc,
// check_rules.cc, check_interval.cc): the diagnostic sink, the types the type
// pass infers, and small helpers. Not part of the public API.
#ifndef CCHC_CRITERIA_CHECKER_INTERNAL_H_
#define CCHC_CRITERIA_CHECKER_INTERNAL_H_

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "criteria/ast.h"
#include "criteria/diagnostics.h"

namespace cchc::check {

// Walkers give up below this depth (a long `a + b + c ...` chain is a deep
// left spine even without parentheses) and report E103 once per item.
inline constexpr int kMaxExprDepth = 400;

// Tolerance for comparing sums of points.
inline constexpr double kEpsilon = 1e-9;

class Sink {
 public:
  void Error(DiagCode code, SourceRange r, std::string message) {
    out_.push_back({code, Severity::kError, r, std::move(message)});
  }
  void Warning(DiagCode code, SourceRange r, std::string message) {
    out_.push_back({code, Severity::kWarning, r, std::move(message)});
  }
  std::vector<Diagnostic> Take() { return std::move(out_); }

 private:
  std::vector<Diagnostic> out_;
};

enum class Ty { kUnknown, kNumber, kPercent, kDate, kString, kBool, kRecords, kRecord };

// An inferred type. kUnknown follows an error already reported, so later
// checks stay quiet about it instead of cascading.
struct Type {
  Ty ty = Ty::kUnknown;
  std::string kind;     // kRecords / kRecord: the record kind ("" = every kind)
  bool nonneg = false;  // numbers known to be >= 0 (counts, count fields)
};

std::string TypeName(const Type& t);
bool IsNumeric(Ty t);  // number or percent

// What the type pass learned, read by the rule pass: the type of each
// expression node, by the node's address. Open addressing over a dense list
// of nodes and types: a node-based map spent a quarter of the checker
// allocating.
class TypeInfo {
 public:
  void Set(const Expr* e, const Type& t);  // inserts or replaces
  const Type* Find(const Expr* e) const;

 private:
  size_t Slot(const Expr* e) const;  // e's slot, or the empty one where it would go
  void Grow();

  std::vector<uint32_t> slots_;  // a power of two in size; 1 + index into nodes_, 0: empty
  std::vector<const Expr*> nodes_;
  std::vector<Type> types_;  // types_[i] is the type of nodes_[i]
};

// Items of the areas and of the bonus/penalty blocks, in file order.
template <typename F>
void ForEachItem(const Criteria& c, F&& f) {
  for (const Area& a : c.areas)
    for (const Criterion& cr : a.criteria)
      for (const Item& it : cr.items) f(it);
  if (c.bonus)
    for (const Item& it : c.bonus->items) f(it);
  if (c.penalty)
    for (const Item& it : c.penalty->items) f(it);
}

// Shortest decimal that reads back as v ("1", "0.5", "2.25"); "inf" / "-inf".
std::string Num(double v);
// A fraction as a percent: 0.805 -> "80.5%".
std::string Pct(double fraction);

// Levenshtein distance, capped: returns cap + 1 as soon as it exceeds cap.
int EditDistance(std::string_view a, std::string_view b, int cap);
// The candidate closest to `name` within distance 2, or "".
std::string Closest(std::string_view name, const std::vector<std::string>& candidates);
// "; did you mean 'x'?" or "".
std::string DidYouMean(std::string_view name, const std::vector<std::string>& candidates);

// Structural equality of two expressions (ignoring ranges).
bool SameExpr(const Expr& a, const Expr& b, int depth = 0);

// The passes. Each appends to the sink.
void CheckStructure(const Criteria& c, Sink& sink);
void CheckNamesAndTypes(const Criteria& c, TypeInfo& info, Sink& sink);
void CheckRules(const Criteria& c, const TypeInfo& info, Sink& sink);

// ---------------------------------------------------------------- intervals

inline constexpr double kInf = std::numeric_limits<double>::infinity();

struct Interval {
  double lo = -kInf, hi = kInf;
  static Interval Point(double v) { return {v, v}; }
  static Interval All() { return {}; }
  bool empty() const { return lo > hi; }
};

// Evaluates a numeric expression of an item with interval arithmetic. Names
// take the intervals of their bindings; `override_expr`, when set, is an
// expression (a bands subject) known to lie in `override_range` here.
class IntervalEval {
 public:
  IntervalEval(const Criteria& c, const TypeInfo& info, double item_max)
      : c_(c), info_(info), max_(item_max) {}

  void Bind(const std::string& name, Interval v) { names_[name] = v; }
  void SetOverride(const Expr* e, Interval v) {
    override_expr_ = e;
    override_range_ = v;
  }
  void ClearOverride() { override_expr_ = nullptr; }

  Interval Eval(const Expr& e, int depth = 0) const;

 private:
  Interval Leaf(const Expr& e, Interval v) const;
  Interval FieldBounds(const std::string& kind, const std::string& field) const;
  Interval Call(const Expr& e, int depth) const;

  const Criteria& c_;
  const TypeInfo& info_;
  double max_;
  std::unordered_map<std::string, Interval> names_;
  const Expr* override_expr_ = nullptr;
  Interval override_range_;
};

Interval Add(Interval a, Interval b);
Interval Sub(Interval a, Interval b);
Interval Mul(Interval a, Interval b);
Interval Div(Interval a, Interval b);
Interval Intersect(Interval a, Interval b);
Interval Hull(Interval a, Interval b);
// "[0.5, 2]".
std::string FormatInterval(Interval v);

}  // namespace cchc::check

#endif  // CCHC_CRITERIA_CHECKER_INTERNAL_H_
