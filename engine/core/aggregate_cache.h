// Incremental aggregates: every count(), exists(), sum(), avg(), min(), max(),
// latest(), earliest() and value() of a plan over a plainly filtered record
// set, kept up to date per record change instead of re-walking the set.
#ifndef CCHC_ENGINE_CORE_AGGREGATE_CACHE_H_
#define CCHC_ENGINE_CORE_AGGREGATE_CACHE_H_

#include <cstdint>
#include <vector>

#include "engine/core/evaluator.h"
#include "engine/core/evidence_index.h"
#include "engine/core/plan.h"
#include "engine/core/value.h"

namespace cchc {

// A set is "plainly filtered" when it is `records kind K` followed by up to
// kMaxConds `where` conditions (directly or through `let` bindings) that
// read only the current record's fields, literals and `as_of`. Such a
// condition's outcome for a record depends on that record alone, so each
// record contributes to an aggregate independently of the others.
//
// Exactness: counts are integers; a sum or average is served only while
// every value it adds is a whole number of magnitude below 2^40 (then any
// order of additions gives the same double as the evaluator's walk). Any
// other value, a condition that errors, or a value that is not a number
// makes the aggregate unusable until it leaves: the evaluator then walks the
// set as before, so results are always the full evaluation's.
//
// latest / earliest / value / min / max keep the chosen record (the walk's
// order: for latest, dated beats undated, then the date, then the smaller id,
// undated ones by position; for min / max the value, ties by position). When
// the chosen record leaves, the choice is unknown until a record that is
// certainly best enters (the same record with the same key, or a strictly
// better one); meanwhile the evaluator walks, as it does while min / max see
// both numbers and dates. Every move of the chosen record bumps the version,
// since the item reads its fields.
class AggregateCache {
 public:
  static constexpr int kMaxConds = 4;

  explicit AggregateCache(const Plan& plan);
  AggregateCache(const AggregateCache&) = delete;
  AggregateCache& operator=(const AggregateCache&) = delete;

  // Recomputes every aggregate over `index` (an index of the same plan) and
  // makes that state the reference (see Changed).
  void Reset(const EvidenceIndex& index);

  // Record r's contributions: Leave() while it still holds its old state
  // (before Replace or Remove), Enter() once it holds the new one (after
  // Replace or Add).
  void Leave(const EvidenceIndex& index, uint32_t r) { Update(index, r, -1); }
  void Enter(const EvidenceIndex& index, uint32_t r) { Update(index, r, +1); }

  // One record state's contributions, measured once and then moved in and
  // out without evaluating its conditions again: for record states that
  // stay the same while they are reused (the task search's precomputed ones).
  struct Entry {
    int8_t level = 0;  // conditions passed
    uint8_t what = 0;  // kNone, kError, kExact, kInexact, kNotNumber
    bool percent = false;
    bool dated = false;   // chosen-record aggregates: the ordering field is a date
    int32_t record = -1;  // chosen-record aggregates: the record's position (-1 unknown)
    double value = 0;     // sum/avg/min/max: the value (a date's day number)
    bool operator==(const Entry& o) const {
      return level == o.level && what == o.what && percent == o.percent && dated == o.dated &&
             record == o.record && value == o.value;
    }
  };
  struct Contribution {
    int kind = -2;               // the record's kind id; -2 not measured yet
    std::vector<Entry> entries;  // the aggregates of its kind, then those over every kind
  };
  // Measures record r of `index` as it is now.
  void Measure(const EvidenceIndex& index, uint32_t r, Contribution* out);
  // Leave / Enter by a measured contribution, and a record changing from one
  // measured state to another (only the aggregates it moves are touched).
  void Apply(const Contribution& c, int sign);
  void Move(const Contribution& from, const Contribution& to);

  // Appends (unsorted, unique) the items an edit of records of `kinds`
  // (kind ids, -1 for unknown kinds) may have changed: items whose cached
  // aggregates differ from the reference, and items that read those kinds
  // other than through cached aggregates (or through the evidence gate's
  // explanations). With `update_reference`, the current state becomes the
  // reference.
  void Changed(const std::vector<int>& kinds, bool update_reference, std::vector<int>* items);
  // Puts every aggregate changed since the reference back to it.
  void Restore();

  // The value of aggregate node `node` and whether a set the walk would
  // have tracked as evidence is non-empty; false when the node is not
  // cached or not usable now (evaluate it instead). latest / earliest /
  // value / min / max give the chosen record (kRecord) or Missing.
  bool Lookup(int node, EvalValue* value, bool* tracked_nonempty) const;

  // Number of cached aggregate nodes (for tests).
  size_t size() const { return aggs_.size(); }

 private:
  struct State {
    int32_t counts[kMaxConds + 1] = {};  // records passing the first j conditions
    int32_t errors = 0;                  // records whose condition errors
    int32_t seen = 0, percents = 0;      // sum/avg: values added, of them percents
    int32_t unusable = 0;                // values that are not whole numbers, or not numbers
    uint32_t version = 0;                // bumped by every unusable contribution's move
    double acc = 0;                      // sum of the usable values
    // Chosen-record aggregates: the record and its ordering key; while
    // `unknown`, the key of the record that left (every member is at most it).
    int32_t best = -1;
    int32_t dates = 0;  // min/max: date values (seen: numbers)
    double best_key = 0;
    bool best_dated = false;
    bool unknown = false;
    bool operator==(const State& o) const;
  };
  struct Agg {
    int node = -1, item = -1, kind = -1;  // kind: -1 every record
    Fn fn = Fn::kCount;
    int field = -1;  // sum/avg
    int conds[kMaxConds] = {};
    ItemEvaluator::FieldTest tests[kMaxConds];  // plain field tests of the conditions
    int nconds = 0;
    uint8_t tracked = 0;  // bit j: the set after j conditions is tracked evidence
  };
  struct Chain {
    int kind = -1;
    int conds[kMaxConds] = {};
    int nconds = 0;
    uint8_t tracked = 0;
  };

  bool Resolve(const CompiledItem& ci, int node, Chain* chain) const;
  bool Local(int node) const;
  void Scan(int item);
  void Generic(const CompiledItem& ci, int node, std::vector<char>* seen, std::vector<int>* kinds,
               bool* any) const;
  enum What : uint8_t { kNone, kError, kExact, kInexact, kNotNumber };
  void Update(const EvidenceIndex& index, uint32_t r, int sign);
  Entry Compute(const EvidenceIndex& index, uint32_t r, const Agg& a);
  void Add(int agg, const Entry& e, int sign, const EvidenceIndex* index);
  void AddOrdered(const Agg& a, State* s, const Entry& e, int sign, const EvidenceIndex* index);
  static bool Ordered(Fn fn) {
    return fn == Fn::kLatest || fn == Fn::kEarliest || fn == Fn::kValue || fn == Fn::kMin ||
           fn == Fn::kMax;
  }
  const std::vector<int>& AggsOfKind(int kind) const {
    return by_kind_[static_cast<size_t>(kind + 1)];
  }

  const Plan& plan_;
  ItemEvaluator evaluator_;  // conditions that are not a plain field test
  std::vector<Agg> aggs_;
  std::vector<State> state_, reference_;
  std::vector<int> agg_of_node_;           // node -> agg or -1
  std::vector<std::vector<int>> by_kind_;  // kind + 1 -> aggs over it (0: every record)
  std::vector<std::vector<int>> walkers_;  // kind + 1 -> items walking it themselves
  std::vector<char> item_mark_;            // scratch for Changed
  std::vector<int> touched_;               // aggregates changed since the reference
  std::vector<char> touched_mark_;
};

}  // namespace cchc

#endif  // CCHC_ENGINE_CORE_AGGREGATE_CACHE_H_
