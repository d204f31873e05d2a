// The evidence index: one commune's records laid out once against a plan
// (record lists by kind; per kind, a row of the plan's fields its records
// carry, so a field is found by position; ids in a hash table). Scenarios
// edit a copy cheaply.
#ifndef CCHC_ENGINE_CORE_EVIDENCE_INDEX_H_
#define CCHC_ENGINE_CORE_EVIDENCE_INDEX_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/core/id_table.h"
#include "engine/core/plan.h"
#include "evidence/record.h"

namespace cchc {

class EvidenceIndex {
 public:
  // The index references, never copies: `plan` and `evidence` must outlive
  // it (and every copy of it), and `evidence` must not change while it lives.
  // Records of kinds the plan does not know keep kind id -1.
  EvidenceIndex(const Plan& plan, const Evidence& evidence);
  // Lays the index out again over `evidence` (same plan), as the constructor
  // would, reusing the memory it holds: for a loop indexing many communes one
  // after another. Edits, checkpoints and touched kinds are forgotten.
  void Rebuild(const Evidence& evidence);
  void Rebuild(Evidence&&) = delete;
  // A temporary would dangle at once.
  EvidenceIndex(const Plan&, Evidence&&) = delete;
  EvidenceIndex(Plan&&, const Evidence&) = delete;

  const Plan& plan() const { return *plan_; }
  // The evidence the index was built from (unit, appraisals, file records);
  // scenario edits change the index, not this.
  const Evidence& evidence() const { return *evidence_; }
  std::optional<Date> as_of() const { return as_of_; }

  // Live record positions of a kind (-1: every live record), in file order.
  // Valid until the next edit.
  std::span<const uint32_t> OfKind(int kind) const {
    if (kind < 0) return all_;
    const size_t k = static_cast<size_t>(kind);
    return {grouped_.data() + group_begin_[k], grouped_.data() + group_begin_[k + 1]};
  }
  const Record& record(uint32_t r) const { return *records_[r]; }
  int kind(uint32_t r) const { return kinds_[r]; }
  // The value of field `field` (a plan field id >= 2) of record r, or null.
  // Ids 0 and 1 (id, kind) are read from record(r) directly. Column() is -1
  // when no record of the kind carries the field.
  const Value* field(uint32_t r, int field) const {
    const int c = Column(kinds_[r], field);
    return c < 0 ? nullptr : table_[base_[r] + static_cast<uint32_t>(c)];
  }
  // The same by a column of the record's kind (Column(kind(r), field),
  // which must be >= 0): loops over records of one kind look it up once.
  int Column(int kind, int field) const {
    return columns_[static_cast<size_t>(kind + 1) * nfields_ + static_cast<size_t>(field)];
  }
  const Value* At(uint32_t r, int column) const {
    return table_[base_[r] + static_cast<uint32_t>(column)];
  }
  // Position of the live record with this id, or -1.
  int Find(std::string_view id) const { return ids_.Find(records_, id); }

  // Scenario edits. The index stays consistent; each returns false when the
  // record id is unknown (Replace/Remove) or already present (Add).
  bool Add(const Record* record);
  bool Replace(const std::string& id, const Record* record);
  bool Remove(const std::string& id);

  // Kinds (ids, -1 for unknown kinds) touched by edits since construction
  // or the last Checkpoint().
  const std::vector<int>& touched_kinds() const { return touched_; }

  // Starts logging edits; Rollback() undoes every edit since, restoring the
  // index exactly (record order included). Lets a scenario edit one scratch
  // index in place instead of copying the base for every scenario.
  void Checkpoint();
  void Rollback();

 private:
  struct Undo {
    enum class Op { kAdded, kReplaced, kRemoved } op;
    uint32_t pos;
    const Record* old;  // kReplaced
    int old_kind;       // kReplaced
  };

  // A field value the plan reads: rows_[r] spans slots_[begin, begin + count)
  // (the values in file order: the source the table is laid out from).
  struct Slot {
    int field;
    const Value* value;
  };
  struct Row {
    uint32_t begin = 0, count = 0, capacity = 0;
  };

  void SlotRecord(uint32_t r);
  bool Place(uint32_t r);
  void Layout();       // adds the columns the records need, then LayoutTable()
  void LayoutTable();  // rows by the current columns
  void Touch(int kind);
  void RebuildLists();
  void ListInsert(int kind, uint32_t pos);
  void ListErase(int kind, uint32_t pos);
  void Log(Undo u) {
    if (logging_) undo_.push_back(u);
  }

  const Plan* plan_;
  const Evidence* evidence_;
  std::optional<Date> as_of_;
  std::vector<const Record*> records_;
  std::vector<int> kinds_;
  std::vector<char> live_;
  std::vector<Row> rows_;
  std::vector<Slot> slots_;
  // Per kind (+1), the column of each plan field (-1: no record of the kind
  // carries it), and the row width; columns are only ever added. Record r's
  // values are table_[base_[r], base_[r] + width of its kind).
  size_t nfields_ = 0;
  std::vector<int16_t> columns_;
  std::vector<uint16_t> width_;
  std::vector<uint32_t> base_;
  std::vector<const Value*> table_;
  // Live positions of every known kind, grouped by kind (each group in file
  // order): kind k is grouped_[group_begin_[k], group_begin_[k + 1]).
  std::vector<uint32_t> grouped_;
  std::vector<uint32_t> group_begin_;
  std::vector<uint32_t> all_;
  // Live records by id; the table holds positions, so copying the index
  // (for a scenario) copies no strings.
  IdTable ids_;
  std::vector<int> touched_;
  // Per kind (+1), the field names (copied) and ids of the last record
  // slotted, in order (SlotRecord's memo).
  std::vector<std::vector<std::pair<std::string, int>>> names_;
  std::vector<Undo> undo_;
  bool logging_ = false;
};

}  // namespace cchc

#endif  // CCHC_ENGINE_CORE_EVIDENCE_INDEX_H_
