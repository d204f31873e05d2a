// Evaluates one item of a plan against an evidence index: its applicability,
// its evidence gate, its rule, and the explanation of the points.
#ifndef CCHC_ENGINE_CORE_EVALUATOR_H_
#define CCHC_ENGINE_CORE_EVALUATOR_H_

#include <deque>
#include <span>
#include <string>
#include <vector>

#include "engine/core/evidence_index.h"
#include "engine/core/plan.h"
#include "engine/core/scorecard.h"
#include "engine/core/value.h"

namespace cchc {

class AggregateCache;

// Converts a stored field value to an evaluation value (inline: every
// field read goes through it).
inline EvalValue FromValue(const Value* v) {
  if (v == nullptr) return EvalValue::Missing();
  switch (v->type) {
    case ValueType::kMissing:
      return EvalValue::Missing();
    case ValueType::kNumber:
      return EvalValue::Number(v->number);
    case ValueType::kPercent:
      return EvalValue::Percent(v->number);
    case ValueType::kDate:
      return EvalValue::OfDate(v->date);
    case ValueType::kString:
      return EvalValue::String(v->text);
    case ValueType::kBool:
      return EvalValue::Bool(v->boolean);
  }
  return EvalValue::Missing();
}

// Not thread-safe: one evaluator per thread. Reusable across items and
// indexes (it keeps its buffers to avoid allocation).
class ItemEvaluator {
 public:
  // Compiles the plan's `where` conditions for the record loop (WhereTest).
  explicit ItemEvaluator(const Plan& plan);

  // Scores item `item_index` of the plan. Never throws for bad evidence: a
  // problem becomes status kError with the reason in the explanation.
  ItemScore Evaluate(const EvidenceIndex& index, int item_index);
  // The same into `*out`, which must be a default-constructed ItemScore
  // (scoring fills a card's items in place instead of moving each in).
  void Evaluate(const EvidenceIndex& index, int item_index, ItemScore* out);

  // With explain off (points-only), Evaluate() computes status, points and
  // branch only: no explanation (ItemScore::why) and no evidence ids. Batch
  // scoring and the hot loops that compare scores use it; whatever later
  // renders an explanation must evaluate with explain on.
  void set_explain(bool on) { explain_ = on; }
  bool explain() const { return explain_; }

  // Record positions the last Evaluate() selected (sorted, unique), for
  // unmatched-record reporting. Explaining evaluations only: points-only
  // ones keep at most what the evidence gate needs.
  const std::vector<uint32_t>& last_selected() const { return evidence_; }

  // Points-only evaluations take count(), exists(), sum() and avg() from
  // `cache` when it holds them (null: walk every set). The cache must
  // describe the index passed to Evaluate().
  void set_cache(const AggregateCache* cache) { cache_ = cache; }

  // Evaluates node `node` of item `item` with `record` as the `where`
  // record (for conditions that read only that record's fields).
  EvalValue EvalOn(const EvidenceIndex& index, int item, int node, uint32_t record);

  // A `where` condition of the form `field = literal` (or `!=`, a text or
  // yes/no literal), tested on the stored value without evaluating nodes.
  struct FieldTest {
    int field = -1;  // -1: not of that form
    ValueType type = ValueType::kMissing;
    bool equal = true, boolean = false;
    std::string_view text;
    // 1 selected, 0 not, -1 other types (evaluate the condition instead).
    int Match(const Value* v) const {
      // A missing field makes the comparison missing: not selected.
      if (v == nullptr) return 0;
      if (v->type != type) return -1;
      const bool same =
          type == ValueType::kString ? SameBytes(v->text, text) : v->boolean == boolean;
      return same == equal ? 1 : 0;
    }
  };
  FieldTest SimpleTest(int node) const;

  // Evaluates a node of the current item (for rules.cc).
  EvalValue Eval(int node);
  const Plan& plan() const { return plan_; }
  const EvidenceIndex& index() const { return *index_; }
  double item_max() const { return max_; }
  std::span<const uint32_t> set(const EvalValue& v) const { return Set(v.ref); }
  // Keeps a string alive for the current Evaluate() call.
  std::string_view Keep(std::string s);

 private:
  EvalValue EvalName(const Node& n);
  EvalValue EvalUnary(const Node& n);
  EvalValue EvalBinary(const Node& n);
  EvalValue EvalCall(const Node& n);
  EvalValue EvalWhere(const Node& n);
  // Eval() with the common kinds (a name, a call, a `where`, a number)
  // dispatched by branches at each call site, which predict better than
  // Eval()'s one switch; the same functions run, so the same values come.
  EvalValue EvalDirect(int node) {
    if (node >= 0) {
      const Node& x = plan_.nodes()[static_cast<size_t>(node)];
      if (x.kind == ExprKind::kName) return EvalName(x);
      if (x.kind == ExprKind::kCall) return EvalCall(x);
      if (x.kind == ExprKind::kWhere) return EvalWhere(x);
      if (x.kind == ExprKind::kNumber) return EvalValue::Number(x.number);
    }
    return Eval(node);
  }
  EvalValue EvalRecords(const Node& n, bool track);
  EvalValue FieldOf(uint32_t record, int field) const;
  int NewSet();
  void Track(std::span<const uint32_t> records);

  // A `where` condition compiled for the record loop: a conjunction (`and`)
  // of up to kMaxConjuncts comparisons whose operands are the record's
  // fields, `as_of` or literals. Such a condition is tested per record with
  // no node evaluated; a record whose operands it cannot compare (types that
  // would make an error) is evaluated as written.
  struct Conjunct {
    FieldTest simple;  // simple.field >= 0: `field = literal` on the stored value
    Op op = Op::kNone;
    const Node* lhs = nullptr;  // otherwise: `lhs op rhs`
    const Node* rhs = nullptr;
  };
  static constexpr int kMaxConjuncts = 4;
  struct WhereTest {
    int count = 0;  // 0: not compiled (evaluate the condition)
    Conjunct conjuncts[kMaxConjuncts];
  };
  bool CompileWhere(int node, WhereTest* out) const;
  // 1: record r is selected, 0: not, -1: evaluate the condition instead.
  int TestWhere(const WhereTest& test, uint32_t r);
  EvalValue Operand(const Node& x, uint32_t r) const;
  // A date operand (a date field of record r, or as_of) as days; false for
  // any other operand or value.
  bool DateOperand(const Node& x, uint32_t r, int32_t* days) const;

  const Plan& plan_;
  const EvidenceIndex* index_ = nullptr;
  const CompiledItem* item_ = nullptr;
  double max_ = 0;
  // Per plan node, its WhereTest in where_tests_ for `where` nodes, else -1.
  std::vector<int> where_test_of_;
  std::vector<WhereTest> where_tests_;
  // A binding is evaluated once per Evaluate(): bound_[slot] == generation_
  // when bindings_[slot] holds its value (no clearing per item).
  std::vector<EvalValue> bindings_;
  std::vector<uint32_t> bound_;
  uint32_t generation_ = 0;
  // A record set: a view of one of the index's lists (no copy), or owned.
  struct SetSlot {
    std::vector<uint32_t> owned;
    std::span<const uint32_t> view;
    bool is_view = false;
  };
  std::span<const uint32_t> Set(int id) const {
    const SetSlot& s = sets_[static_cast<size_t>(id)];
    return s.is_view ? s.view : std::span<const uint32_t>(s.owned);
  }
  std::vector<SetSlot> sets_;
  size_t sets_used_ = 0;
  int current_record_ = -1;
  std::vector<uint32_t> evidence_;
  std::deque<std::string> kept_;
  bool explain_ = true;
  const AggregateCache* cache_ = nullptr;
};

inline EvalValue ItemEvaluator::FieldOf(uint32_t record, int field) const {
  if (field < 0) return EvalValue::Missing();
  if (field == Plan::kIdField) return EvalValue::String(index_->record(record).id);
  if (field == Plan::kKindField) return EvalValue::String(index_->record(record).kind);
  return FromValue(index_->field(record, field));
}

inline int ItemEvaluator::NewSet() {
  if (sets_used_ == sets_.size()) sets_.emplace_back();
  sets_[sets_used_].owned.clear();
  sets_[sets_used_].is_view = false;
  return static_cast<int>(sets_used_++);
}

// Renders a value for error reasons: "96.25 %", "2026-01-20", "12", "yes".
std::string Describe(const EvalValue& v);

}  // namespace cchc

#endif  // CCHC_ENGINE_CORE_EVALUATOR_H_
