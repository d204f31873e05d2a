// The evidence index: one commune's records laid out once against a plan
// (records grouped by kind, field values by the plan's field ids), so that
// evaluation looks fields up by position. Scenarios edit a copy cheaply.
#ifndef CCHC_ENGINE_CORE_EVIDENCE_INDEX_H_
#define CCHC_ENGINE_CORE_EVIDENCE_INDEX_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/core/plan.h"
#include "evidence/record.h"

namespace cchc {

class EvidenceIndex {
 public:
  // The index references, never copies: `plan` and `evidence` must outlive
  // it (and every copy of it), and `evidence` must not change while it lives.
  // Records of kinds the plan does not know keep kind id -1.
  EvidenceIndex(const Plan& plan, const Evidence& evidence);
  // A temporary would dangle at once.
  EvidenceIndex(const Plan&, Evidence&&) = delete;
  EvidenceIndex(Plan&&, const Evidence&) = delete;

  const Plan& plan() const { return *plan_; }
  // The evidence the index was built from (unit, appraisals, file records);
  // scenario edits change the index, not this.
  const Evidence& evidence() const { return *evidence_; }
  std::optional<Date> as_of() const { return as_of_; }

  // Live record positions of a kind (-1: every live record), in file order.
  const std::vector<uint32_t>& OfKind(int kind) const {
    return kind < 0 ? all_ : by_kind_[static_cast<size_t>(kind)];
  }
  const Record& record(uint32_t r) const { return *records_[r]; }
  int kind(uint32_t r) const { return kinds_[r]; }
  // The value of field `field` (a plan field id >= 2) of record r, or null.
  // Ids 0 and 1 (id, kind) are read from record(r) directly.
  const Value* field(uint32_t r, int field) const {
    return slots_[static_cast<size_t>(r) * stride_ + static_cast<size_t>(field)];
  }
  // Position of the live record with this id, or -1.
  int Find(const std::string& id) const;

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

  void Slot(uint32_t r);
  void Touch(int kind);
  void RebuildLists();
  void Log(Undo u) {
    if (logging_) undo_.push_back(u);
  }

  const Plan* plan_;
  const Evidence* evidence_;
  std::optional<Date> as_of_;
  size_t stride_;
  std::vector<const Record*> records_;
  std::vector<int> kinds_;
  std::vector<bool> live_;
  std::vector<const Value*> slots_;  // records_.size() * stride_
  std::vector<std::vector<uint32_t>> by_kind_;
  std::vector<uint32_t> all_;
  // Live records by id, sorted; views point at the records' own ids, so
  // copying the index (for a scenario) copies no strings.
  std::vector<std::pair<std::string_view, uint32_t>> by_id_;
  std::vector<int> touched_;
  // Per kind (+1), the field names (copied) and ids of the last record
  // slotted, in order (Slot's memo).
  std::vector<std::vector<std::pair<std::string, int>>> names_;
  std::vector<Undo> undo_;
  bool logging_ = false;
};

}  // namespace cchc

#endif  // CCHC_ENGINE_CORE_EVIDENCE_INDEX_H_
