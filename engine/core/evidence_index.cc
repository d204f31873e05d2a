// Building and editing the evidence index.
#include "engine/core/evidence_index.h"

#include <algorithm>
#include <cstring>
#include <memory>

namespace cchc {

EvidenceIndex::EvidenceIndex(const Plan& plan, const Evidence& evidence)
    : plan_(&plan), nfields_(plan.fields().size()) {
  Rebuild(evidence);
}

void EvidenceIndex::Rebuild(const Evidence& evidence) {
  const Plan& plan = *plan_;
  evidence_ = &evidence;
  as_of_ = evidence.as_of;
  touched_.clear();
  names_.clear();
  undo_.clear();
  logging_ = false;
  const size_t n = evidence.records.size();
  records_.clear();
  kinds_.clear();
  slots_.clear();
  records_.reserve(n + 8);
  kinds_.reserve(n + 8);
  live_.assign(n, 1);
  rows_.assign(n, Row{});
  ids_.Reset(n + 8);
  // Records of a kind mostly repeat the previous one's kind and field names
  // in the same order: compare with those (kept per kind: the previous
  // record of the kind and where its field ids start in `ids`) before
  // hashing the names. The first record of a kind mostly starts as the
  // record before it does (id, kind, issued, issuer, title...): that one is
  // tried second.
  struct Memo {
    const Record* record = nullptr;
    size_t ids = 0;
  };
  std::vector<Memo> memo(plan.kinds().size() + 1);
  Memo last;
  size_t total_fields = 0;
  for (const Record& r : evidence.records) total_fields += r.fields.size();
  auto ids = std::make_unique_for_overwrite<int[]>(total_fields);
  slots_.reserve(total_fields);
  columns_.assign((plan.kinds().size() + 1) * nfields_, -1);
  width_.assign(plan.kinds().size() + 1, 0);
  std::string_view last_kind;
  int last_kind_id = -1;
  size_t next_ids = 0;
  for (const Record& r : evidence.records) {
    const uint32_t pos = static_cast<uint32_t>(records_.size());
    records_.push_back(&r);
    if (pos == 0 || !SameBytes(r.kind, last_kind)) {
      last_kind = r.kind;
      last_kind_id = plan.KindId(r.kind);
    }
    kinds_.push_back(last_kind_id);
    // The loader rejects duplicate ids; if any slip through, the first wins.
    if (!ids_.Insert(records_, pos)) live_[pos] = 0;
    const size_t k = static_cast<size_t>(last_kind_id + 1);
    Memo& m = memo[k];
    const size_t nf = r.fields.size();
    const auto* fields = r.fields.data();
    const auto* seen_fields = m.record ? m.record->fields.data() : nullptr;
    const size_t seen = m.record ? std::min(nf, m.record->fields.size()) : 0;
    const int* seen_ids = ids.get() + m.ids;
    const auto* last_fields = last.record ? last.record->fields.data() : nullptr;
    const size_t last_seen = last.record ? std::min(nf, last.record->fields.size()) : 0;
    const int* last_ids = ids.get() + last.ids;
    int* mine = ids.get() + next_ids;
    int16_t* cols = columns_.data() + k * nfields_;
    uint16_t& width = width_[k];
    const uint32_t row_begin = static_cast<uint32_t>(slots_.size());
    for (size_t i = 0; i < nf; ++i) {
      const std::string& name = fields[i].first;
      int f;
      if (i < seen && SameBytes(seen_fields[i].first, name)) {
        f = seen_ids[i];
      } else if (i < last_seen && SameBytes(last_fields[i].first, name)) {
        f = last_ids[i];
      } else {
        f = plan.FieldId(name);
      }
      mine[i] = f;
      if (f >= 2 && !fields[i].second.missing()) {
        slots_.push_back(Slot{f, &fields[i].second});
        int16_t& c = cols[f];
        if (c < 0) c = static_cast<int16_t>(width++);
      }
    }
    Row& row = rows_[pos];
    row.begin = row_begin;
    row.count = row.capacity = static_cast<uint32_t>(slots_.size()) - row_begin;
    m.record = &r;
    m.ids = next_ids;
    last = m;
    next_ids += nf;
  }
  LayoutTable();
  RebuildLists();
}

void EvidenceIndex::Layout() {
  const size_t n = records_.size();
  for (size_t r = 0; r < n; ++r) {
    const size_t k = static_cast<size_t>(kinds_[r] + 1);
    const Row& row = rows_[r];
    for (uint32_t i = row.begin; i < row.begin + row.count; ++i) {
      int16_t& c = columns_[k * nfields_ + static_cast<size_t>(slots_[i].field)];
      if (c < 0) c = static_cast<int16_t>(width_[k]++);
    }
  }
  LayoutTable();
}

void EvidenceIndex::LayoutTable() {
  const size_t n = records_.size();
  base_.resize(n);
  uint32_t size = 0;
  for (size_t r = 0; r < n; ++r) {
    base_[r] = size;
    size += width_[static_cast<size_t>(kinds_[r] + 1)];
  }
  table_.assign(size, nullptr);
  // Every column a record's values need exists now: no Place() checks.
  for (size_t r = 0; r < n; ++r) {
    const Row& row = rows_[r];
    const Value** out = table_.data() + base_[r];
    const int16_t* cols = columns_.data() + static_cast<size_t>(kinds_[r] + 1) * nfields_;
    for (uint32_t i = row.begin; i < row.begin + row.count; ++i) {
      out[cols[slots_[i].field]] = slots_[i].value;  // the last one given wins
    }
  }
}

bool EvidenceIndex::Place(uint32_t r) {
  const Row& row = rows_[r];
  const Value** out = table_.data() + base_[r];
  std::fill(out, out + width_[static_cast<size_t>(kinds_[r] + 1)], nullptr);
  for (uint32_t i = row.begin; i < row.begin + row.count; ++i) {
    const int c = Column(kinds_[r], slots_[i].field);
    if (c < 0) return false;
    out[c] = slots_[i].value;  // the last one given wins
  }
  return true;
}

void EvidenceIndex::SlotRecord(uint32_t r) {
  const Record& rec = *records_[r];
  if (rows_.size() <= r) rows_.resize(static_cast<size_t>(r) + 1);
  // Edits mostly re-slot records of a kind whose field names come in the
  // same order: compare with the last ones (copies) before hashing.
  if (names_.empty()) names_.resize(plan_->kinds().size() + 1);
  auto& seen = names_[static_cast<size_t>(kinds_[r] + 1)];
  // The row is rewritten in place when the values fit its room, appended
  // otherwise (the room only grows, so repeated edits stay bounded).
  Row& row = rows_[r];
  uint32_t count = 0;
  auto put = [&](int f, const Value* v) {
    if (count < row.capacity) {
      slots_[row.begin + count] = Slot{f, v};
    } else {
      if (row.begin + row.capacity != slots_.size()) {  // move the row to the end
        const uint32_t begin = static_cast<uint32_t>(slots_.size());
        slots_.resize(begin + count);
        std::copy_n(slots_.begin() + row.begin, count, slots_.begin() + begin);
        row.begin = begin;
      }
      slots_.push_back(Slot{f, v});
      row.capacity = count + 1;
    }
    ++count;
  };
  for (size_t i = 0; i < rec.fields.size(); ++i) {
    const auto& [name, value] = rec.fields[i];
    int f;
    if (i < seen.size() && seen[i].first == name) {
      f = seen[i].second;
    } else {
      f = plan_->FieldId(name);
      if (i < seen.size())
        seen[i] = {name, f};
      else if (i == seen.size())
        seen.emplace_back(name, f);
    }
    if (f >= 2 && !value.missing()) put(f, &value);
  }
  row.count = count;
  // A new record gets a row at the end; a field its kind never had, or a
  // changed kind (a row of another width), lays the table out again.
  if (base_.size() <= r) {
    base_.resize(static_cast<size_t>(r) + 1);
    base_[r] = static_cast<uint32_t>(table_.size());
    table_.resize(table_.size() + width_[static_cast<size_t>(kinds_[r] + 1)]);
  }
  const size_t end = r + 1 < base_.size() ? base_[r + 1] : table_.size();
  if (end - base_[r] != width_[static_cast<size_t>(kinds_[r] + 1)] || !Place(r)) Layout();
}

void EvidenceIndex::RebuildLists() {
  const size_t kinds = plan_->kinds().size();
  std::vector<uint32_t>& begin = group_begin_;
  begin.assign(kinds + 1, 0);
  all_.clear();
  all_.reserve(records_.size());
  for (uint32_t r = 0; r < records_.size(); ++r) {
    if (!live_[r]) continue;
    all_.push_back(r);
    if (kinds_[r] >= 0) ++begin[static_cast<size_t>(kinds_[r]) + 1];
  }
  for (size_t k = 1; k <= kinds; ++k) begin[k] += begin[k - 1];
  grouped_.resize(begin[kinds]);
  // Counting sort: each group fills from its start, in file order, which
  // leaves begin[k] at the start of group k + 1; shifting puts it back.
  for (uint32_t r : all_) {
    if (kinds_[r] >= 0) grouped_[begin[static_cast<size_t>(kinds_[r])]++] = r;
  }
  for (size_t k = kinds; k-- > 1;) begin[k] = begin[k - 1];
  if (kinds > 0) begin[0] = 0;
}

void EvidenceIndex::ListInsert(int kind, uint32_t pos) {
  const size_t k = static_cast<size_t>(kind);
  auto first = grouped_.begin() + group_begin_[k];
  auto last = grouped_.begin() + group_begin_[k + 1];
  grouped_.insert(std::lower_bound(first, last, pos), pos);
  for (size_t j = k + 1; j < group_begin_.size(); ++j) ++group_begin_[j];
}

void EvidenceIndex::ListErase(int kind, uint32_t pos) {
  const size_t k = static_cast<size_t>(kind);
  auto first = grouped_.begin() + group_begin_[k];
  auto last = grouped_.begin() + group_begin_[k + 1];
  auto it = std::lower_bound(first, last, pos);
  if (it == last || *it != pos) return;
  grouped_.erase(it);
  for (size_t j = k + 1; j < group_begin_.size(); ++j) --group_begin_[j];
}

void EvidenceIndex::Touch(int kind) {
  if (std::find(touched_.begin(), touched_.end(), kind) == touched_.end()) {
    touched_.push_back(kind);
  }
}

bool EvidenceIndex::Add(const Record* record) {
  if (ids_.Find(records_, record->id) >= 0) return false;
  const uint32_t pos = static_cast<uint32_t>(records_.size());
  records_.push_back(record);
  kinds_.push_back(plan_->KindId(record->kind));
  live_.push_back(1);
  ids_.Insert(records_, pos);
  SlotRecord(pos);
  all_.push_back(pos);
  if (kinds_[pos] >= 0) ListInsert(kinds_[pos], pos);
  Touch(kinds_[pos]);
  Log({Undo::Op::kAdded, pos, nullptr, -1});
  return true;
}

bool EvidenceIndex::Replace(const std::string& id, const Record* record) {
  const int found = ids_.Find(records_, id);
  if (found < 0 || record->id != id) return false;
  const uint32_t pos = static_cast<uint32_t>(found);
  Touch(kinds_[pos]);
  const int old_kind = kinds_[pos];
  Log({Undo::Op::kReplaced, pos, records_[pos], old_kind});
  // Looked up only when the kind changes (compared with the plan's name).
  if (old_kind < 0 || record->kind != plan_->kinds()[static_cast<size_t>(old_kind)])
    kinds_[pos] = plan_->KindId(record->kind);
  records_[pos] = record;  // the same id: the id table is unchanged
  SlotRecord(pos);
  if (kinds_[pos] != old_kind) RebuildLists();
  Touch(kinds_[pos]);
  return true;
}

bool EvidenceIndex::Remove(const std::string& id) {
  const int found = ids_.Find(records_, id);
  if (found < 0) return false;
  const uint32_t pos = static_cast<uint32_t>(found);
  live_[pos] = 0;
  Touch(kinds_[pos]);
  ids_.Erase(records_, id, pos);
  Log({Undo::Op::kRemoved, pos, nullptr, -1});
  all_.erase(std::remove(all_.begin(), all_.end(), pos), all_.end());
  if (kinds_[pos] >= 0) ListErase(kinds_[pos], pos);
  return true;
}

void EvidenceIndex::Checkpoint() {
  undo_.clear();
  touched_.clear();
  logging_ = true;
}

void EvidenceIndex::Rollback() {
  logging_ = false;
  for (auto u = undo_.rbegin(); u != undo_.rend(); ++u) {
    const uint32_t pos = u->pos;
    const Record& rec = *records_[pos];
    switch (u->op) {
      case Undo::Op::kAdded:  // always the last position: later adds were undone first
        ids_.Erase(records_, rec.id, pos);
        if (!all_.empty() && all_.back() == pos) all_.pop_back();
        if (kinds_[pos] >= 0) ListErase(kinds_[pos], pos);
        records_.pop_back();
        kinds_.pop_back();
        live_.pop_back();
        table_.resize(base_[pos]);
        base_.pop_back();
        break;
      case Undo::Op::kReplaced: {
        const bool kind_changed = kinds_[pos] != u->old_kind;
        records_[pos] = u->old;
        kinds_[pos] = u->old_kind;
        SlotRecord(pos);
        if (kind_changed) RebuildLists();
        break;
      }
      case Undo::Op::kRemoved:
        live_[pos] = 1;
        ids_.Insert(records_, pos);
        all_.insert(std::lower_bound(all_.begin(), all_.end(), pos), pos);
        if (kinds_[pos] >= 0) ListInsert(kinds_[pos], pos);
        break;
    }
  }
  undo_.clear();
  touched_.clear();
}

}  // namespace cchc
