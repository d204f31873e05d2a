// The compiled plan: a checked criteria set lowered once into flat expression
// nodes with names resolved to slots, so that scoring a commune, a scenario or
// a Monte Carlo sample never re-parses or re-resolves anything.
#ifndef CCHC_ENGINE_CORE_PLAN_H_
#define CCHC_ENGINE_CORE_PLAN_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "criteria/ast.h"
#include "criteria/hash_bytes.h"
#include "engine/core/threshold.h"

namespace cchc {

enum class Fn : uint8_t {
  kNone,
  kCount,
  kExists,
  kSum,
  kAvg,
  kMin,
  kMax,
  kMin2,
  kMax2,
  kLatest,
  kEarliest,
  kRatio,
  kDays,
  kValue,
};

// How a kName node is resolved.
enum class NameRef : uint8_t { kBinding, kField, kAsOf, kUnknown };

// One compiled expression node. Children are indices into Plan::nodes().
struct Node {
  ExprKind kind = ExprKind::kNumber;
  Op op = Op::kNone;
  Fn fn = Fn::kNone;
  NameRef ref = NameRef::kUnknown;
  bool boolean = false;
  double number = 0;
  Date date;
  std::string_view text;  // string literal / name (points into the Criteria)
  int slot = -1;          // binding slot, field id, or kind id (kRecords; -1: any)
  int field = -1;         // field id of a set aggregate's field argument
  int a = -1, b = -1;     // children
  SourceRange range;
};

// Where an item sits in the index.
enum class ItemGroup : uint8_t { kArea, kBonus, kPenalty };

struct CompiledBand {
  Band::Cmp cmp = Band::Cmp::kGe;
  double threshold = 0;
  bool threshold_is_percent = false;
  Threshold limit;  // the threshold with its decimal form (bands, count)
  std::string_view label;
  int points = -1;     // node
  std::string branch;  // the branch name of a hit: ">= 95%" (bands, count), "\"Tốt\"" (levels)
};

struct CompiledItem {
  const Item* item = nullptr;
  ItemGroup group = ItemGroup::kArea;
  int area = -1, criterion = -1;  // indices into the criteria (kArea only)
  std::vector<int> bindings;      // node per binding slot, in order
  std::vector<int> na_when;       // nodes
  RuleKind rule = RuleKind::kBoolean;
  int subject = -1, param = -1, floor = -1;
  int on_time = -1, late = -1, missing = -1, yes = -1, no = -1;
  std::vector<CompiledBand> bands;
  int else_points = -1;
  bool evidence_required = true;
  std::vector<int> kinds;     // record kinds the item selects; empty + any_kind
  bool any_kind = false;      // selects `records` of every kind
  std::string compile_error;  // non-empty: the item cannot be evaluated
};

// A small open-addressing map from names to ids, for the hot look-ups of
// records' field names and kinds while indexing evidence, and of appraised
// items' codes (linear probing; the first id inserted for a name stays).
class NameTable {
 public:
  void Insert(std::string_view name, int id);
  int Find(std::string_view name) const {
    if (slots_.empty()) return -1;
    const size_t mask = slots_.size() - 1;
    for (size_t i = Hash(name) & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.id < 0) return -1;
      if (SameBytes(s.name, name)) return s.id;
    }
  }

 private:
  struct Slot {
    std::string name;
    int id = -1;
  };
  static size_t Hash(std::string_view s) { return static_cast<size_t>(HashBytes(s)); }
  void Grow();
  std::vector<Slot> slots_;
  size_t size_ = 0;
};

// Hash for string maps looked up by string_view without allocating.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using NameMap = std::unordered_map<std::string, int, StringHash, std::equal_to<>>;

class Plan {
 public:
  // `criteria` must outlive the plan; it should have passed CheckCriteria.
  // `source_text` (optional) lets explanations quote the rule as written.
  Plan(const Criteria& criteria, std::string_view source_text = {});
  Plan(const Plan&) = delete;
  Plan& operator=(const Plan&) = delete;

  const Criteria& criteria() const { return criteria_; }
  const std::vector<Node>& nodes() const { return nodes_; }
  const std::vector<CompiledItem>& items() const { return items_; }

  // Field names the plan reads, by id. Ids 0 and 1 are always "id" and "kind".
  const std::vector<std::string>& fields() const { return fields_; }
  int FieldId(std::string_view name) const {  // -1 when the plan never reads it
    return field_ids_.Find(name);
  }
  // Declared record kinds by id; "explanation" is always present.
  const std::vector<std::string>& kinds() const { return kinds_; }
  int KindId(std::string_view kind) const { return kind_ids_.Find(kind); }  // -1 when unknown
  int explanation_kind() const { return explanation_kind_; }
  int accepted_field() const { return accepted_field_; }
  int item_field() const { return item_field_; }
  int issued_field() const { return issued_field_; }

  // The source text of a node ("" without source text).
  std::string_view SourceOf(int node) const;
  // Index of the item with this code, or -1.
  int ItemIndex(std::string_view code) const { return item_ids_.Find(code); }

  static constexpr int kIdField = 0;
  static constexpr int kKindField = 1;

 private:
  struct Scope;
  int Lower(const Expr& e, Scope& scope);
  int InternField(std::string_view name);
  int InternKind(std::string_view kind);
  void CompileItem(const Item& item, ItemGroup group, int area, int criterion);
  int StaticSetKind(int node, const Scope& scope) const;

  const Criteria& criteria_;
  std::string_view source_;
  std::vector<Node> nodes_;
  std::vector<CompiledItem> items_;
  std::vector<std::string> fields_;
  NameTable field_ids_;
  std::vector<std::string> kinds_;
  NameTable kind_ids_;
  NameTable item_ids_;
  int explanation_kind_ = -1, accepted_field_ = -1, item_field_ = -1, issued_field_ = -1;
};

}  // namespace cchc

#endif  // CCHC_ENGINE_CORE_PLAN_H_
