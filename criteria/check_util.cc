// Small helpers shared by the checker's passes: the type table, number
// spelling, name suggestions, structural expression equality.
#include <algorithm>
#include <cstdint>
#include <cstdlib>

#include "criteria/checker_internal.h"
#include "criteria/formatter.h"

namespace cchc::check {

size_t TypeInfo::Slot(const Expr* e) const {
  const size_t mask = slots_.size() - 1;
  // Nodes are heap blocks: the low bits carry nothing; the product's
  // middle bits mix all the others.
  const uint64_t h = (reinterpret_cast<uintptr_t>(e) >> 4) * 0x9E3779B97F4A7C15u;
  size_t i = static_cast<size_t>(h >> 32);
  for (i &= mask; slots_[i] != 0 && nodes_[slots_[i] - 1] != e; i = (i + 1) & mask) {
  }
  return i;
}

void TypeInfo::Grow() {
  slots_.assign(std::max<size_t>(1024, slots_.size() * 2), 0);
  nodes_.reserve(slots_.size() / 2);  // no reallocation before the next Grow
  types_.reserve(slots_.size() / 2);
  for (size_t k = 0; k < nodes_.size(); ++k) slots_[Slot(nodes_[k])] = static_cast<uint32_t>(k + 1);
}

void TypeInfo::Set(const Expr* e, const Type& t) {
  if ((nodes_.size() + 1) * 2 > slots_.size()) Grow();  // at most half full
  const size_t slot = Slot(e);
  if (slots_[slot] != 0) {
    types_[slots_[slot] - 1] = t;
    return;
  }
  nodes_.push_back(e);
  types_.push_back(t);
  slots_[slot] = static_cast<uint32_t>(nodes_.size());
}

const Type* TypeInfo::Find(const Expr* e) const {
  if (slots_.empty()) return nullptr;
  const size_t slot = Slot(e);
  return slots_[slot] != 0 ? &types_[slots_[slot] - 1] : nullptr;
}

std::string TypeName(const Type& t) {
  switch (t.ty) {
    case Ty::kUnknown:
      return "unknown";
    case Ty::kNumber:
      return "number";
    case Ty::kPercent:
      return "percent";
    case Ty::kDate:
      return "date";
    case Ty::kString:
      return "string";
    case Ty::kBool:
      return "bool";
    case Ty::kRecords:
      return t.kind.empty() ? "records" : "records of kind \"" + t.kind + "\"";
    case Ty::kRecord:
      return t.kind.empty() ? "record" : "record of kind \"" + t.kind + "\"";
  }
  return "?";
}

bool IsNumeric(Ty t) { return t == Ty::kNumber || t == Ty::kPercent; }

std::string Num(double v) { return FormatNumber(v); }

std::string Pct(double fraction) { return FormatPercent(fraction); }

int EditDistance(std::string_view a, std::string_view b, int cap) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > cap) return cap + 1;
  std::vector<int> prev(m + 1), cur(m + 1);
  for (int j = 0; j <= m; ++j) prev[j] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= m; ++j) {
      const int sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > cap) return cap + 1;
    std::swap(prev, cur);
  }
  return std::min(prev[m], cap + 1);
}

std::string Closest(std::string_view name, const std::vector<std::string>& candidates) {
  std::string best;
  int best_d = 3;
  for (const std::string& c : candidates) {
    if (c == name) continue;
    const int d = EditDistance(name, c, 2);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

}  // namespace cchc::check

namespace cchc {
std::string NearestName(std::string_view name, const std::vector<std::string>& candidates) {
  return check::Closest(name, candidates);
}
}  // namespace cchc

namespace cchc::check {

std::string DidYouMean(std::string_view name, const std::vector<std::string>& candidates) {
  std::string c = Closest(name, candidates);
  return c.empty() ? "" : "; did you mean '" + c + "'?";
}

bool SameExpr(const Expr& a, const Expr& b, int depth) {
  if (depth > kMaxExprDepth) return false;
  if (a.kind != b.kind || a.op != b.op || a.text != b.text || a.args.size() != b.args.size()) {
    return false;
  }
  switch (a.kind) {
    case ExprKind::kNumber:
    case ExprKind::kPercent:
      if (a.number != b.number) return false;
      break;
    case ExprKind::kDate:
      if (a.date != b.date) return false;
      break;
    case ExprKind::kBool:
      if (a.boolean != b.boolean) return false;
      break;
    default:
      break;
  }
  for (size_t i = 0; i < a.args.size(); ++i) {
    if (!a.args[i] || !b.args[i]) {
      if (a.args[i] != b.args[i]) return false;
      continue;
    }
    if (!SameExpr(*a.args[i], *b.args[i], depth + 1)) return false;
  }
  return true;
}

}  // namespace cchc::check
