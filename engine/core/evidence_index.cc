// Building and editing the evidence index.
#include "engine/core/evidence_index.h"

#include <algorithm>

namespace cchc {

namespace {

using IdEntry = std::pair<std::string_view, uint32_t>;

bool IdLess(const IdEntry& a, std::string_view b) { return a.first < b; }

}  // namespace

EvidenceIndex::EvidenceIndex(const Plan& plan, const Evidence& evidence)
    : plan_(&plan), evidence_(&evidence), as_of_(evidence.as_of), stride_(plan.fields().size()) {
  const size_t n = evidence.records.size();
  records_.reserve(n + 8);
  kinds_.reserve(n + 8);
  live_.assign(n, true);
  slots_.reserve((n + 8) * stride_);
  slots_.assign(n * stride_, nullptr);
  by_kind_.resize(plan.kinds().size());
  by_id_.reserve(n + 8);
  // Records of a kind mostly repeat the previous one's kind and field names
  // in the same order: compare with those before hashing the names.
  std::string_view last_kind;
  int last_kind_id = -1;
  std::vector<std::vector<std::pair<std::string_view, int>>> names(plan.kinds().size() + 1);
  for (const Record& r : evidence.records) {
    const uint32_t pos = static_cast<uint32_t>(records_.size());
    records_.push_back(&r);
    if (pos == 0 || r.kind != last_kind) {
      last_kind = r.kind;
      last_kind_id = plan.KindId(r.kind);
    }
    kinds_.push_back(last_kind_id);
    by_id_.emplace_back(r.id, pos);
    auto& seen = names[static_cast<size_t>(last_kind_id + 1)];
    const Value** row = &slots_[static_cast<size_t>(pos) * stride_];
    for (size_t i = 0; i < r.fields.size(); ++i) {
      const auto& [name, value] = r.fields[i];
      int f;
      if (i < seen.size() && seen[i].first == name) {
        f = seen[i].second;
      } else {
        f = plan.FieldId(name);
        if (i < seen.size()) {
          seen[i] = {name, f};
        } else if (i == seen.size()) {
          seen.emplace_back(name, f);
        }
      }
      if (f >= 2 && !value.missing()) row[f] = &value;
    }
  }
  // Sorted by id, ties (duplicate ids) in file order: what a stable sort by
  // id gives, without its buffer. Files are often sorted already.
  auto less = [](const IdEntry& a, const IdEntry& b) {
    return a.first < b.first || (a.first == b.first && a.second < b.second);
  };
  if (!std::is_sorted(by_id_.begin(), by_id_.end(), less))
    std::sort(by_id_.begin(), by_id_.end(), less);
  // The loader rejects duplicate ids; if any slip through, the first wins.
  auto dup = std::unique(by_id_.begin(), by_id_.end(),
                         [](const IdEntry& a, const IdEntry& b) { return a.first == b.first; });
  for (auto it = dup; it != by_id_.end(); ++it) live_[it->second] = false;
  by_id_.erase(dup, by_id_.end());
  RebuildLists();
}

void EvidenceIndex::Slot(uint32_t r) {
  const Record& rec = *records_[r];
  if (slots_.size() < (static_cast<size_t>(r) + 1) * stride_) {
    slots_.resize((static_cast<size_t>(r) + 1) * stride_, nullptr);
  }
  const Value** row = &slots_[static_cast<size_t>(r) * stride_];
  std::fill(row, row + stride_, nullptr);
  // Edits mostly re-slot records of a kind whose field names come in the
  // same order: compare with the last ones (copies) before hashing.
  if (names_.empty()) names_.resize(plan_->kinds().size() + 1);
  auto& seen = names_[static_cast<size_t>(kinds_[r] + 1)];
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
    if (f >= 2 && !value.missing()) row[f] = &value;
  }
}

void EvidenceIndex::RebuildLists() {
  for (auto& list : by_kind_) list.clear();
  all_.clear();
  for (uint32_t r = 0; r < records_.size(); ++r) {
    if (!live_[r]) continue;
    all_.push_back(r);
    if (kinds_[r] >= 0) by_kind_[static_cast<size_t>(kinds_[r])].push_back(r);
  }
}

int EvidenceIndex::Find(const std::string& id) const {
  auto it = std::lower_bound(by_id_.begin(), by_id_.end(), std::string_view(id), IdLess);
  return it != by_id_.end() && it->first == id ? static_cast<int>(it->second) : -1;
}

void EvidenceIndex::Touch(int kind) {
  if (std::find(touched_.begin(), touched_.end(), kind) == touched_.end()) {
    touched_.push_back(kind);
  }
}

bool EvidenceIndex::Add(const Record* record) {
  auto it = std::lower_bound(by_id_.begin(), by_id_.end(), std::string_view(record->id), IdLess);
  if (it != by_id_.end() && it->first == record->id) return false;
  const uint32_t pos = static_cast<uint32_t>(records_.size());
  records_.push_back(record);
  kinds_.push_back(plan_->KindId(record->kind));
  live_.push_back(true);
  by_id_.insert(it, IdEntry(record->id, pos));
  Slot(pos);
  all_.push_back(pos);
  if (kinds_[pos] >= 0) by_kind_[static_cast<size_t>(kinds_[pos])].push_back(pos);
  Touch(kinds_[pos]);
  Log({Undo::Op::kAdded, pos, nullptr, -1});
  return true;
}

bool EvidenceIndex::Replace(const std::string& id, const Record* record) {
  auto it = std::lower_bound(by_id_.begin(), by_id_.end(), std::string_view(id), IdLess);
  if (it == by_id_.end() || it->first != id || record->id != id) return false;
  const uint32_t pos = it->second;
  it->first = record->id;  // view the new record's id
  Touch(kinds_[pos]);
  const int old_kind = kinds_[pos];
  Log({Undo::Op::kReplaced, pos, records_[pos], old_kind});
  // Looked up only when the kind changes (compared with the plan's name).
  if (old_kind < 0 || record->kind != plan_->kinds()[static_cast<size_t>(old_kind)])
    kinds_[pos] = plan_->KindId(record->kind);
  records_[pos] = record;
  Slot(pos);
  if (kinds_[pos] != old_kind) RebuildLists();
  Touch(kinds_[pos]);
  return true;
}

bool EvidenceIndex::Remove(const std::string& id) {
  auto it = std::lower_bound(by_id_.begin(), by_id_.end(), std::string_view(id), IdLess);
  if (it == by_id_.end() || it->first != id) return false;
  const uint32_t pos = it->second;
  live_[pos] = false;
  Touch(kinds_[pos]);
  by_id_.erase(it);
  Log({Undo::Op::kRemoved, pos, nullptr, -1});
  auto drop = [pos](std::vector<uint32_t>& v) {
    v.erase(std::remove(v.begin(), v.end(), pos), v.end());
  };
  drop(all_);
  if (kinds_[pos] >= 0) drop(by_kind_[static_cast<size_t>(kinds_[pos])]);
  return true;
}

void EvidenceIndex::Checkpoint() {
  undo_.clear();
  touched_.clear();
  logging_ = true;
}

void EvidenceIndex::Rollback() {
  logging_ = false;
  auto insert_sorted = [](std::vector<uint32_t>& v, uint32_t pos) {
    v.insert(std::lower_bound(v.begin(), v.end(), pos), pos);
  };
  auto erase_pos = [](std::vector<uint32_t>& v, uint32_t pos) {
    auto it = std::lower_bound(v.begin(), v.end(), pos);
    if (it != v.end() && *it == pos) v.erase(it);
  };
  for (auto u = undo_.rbegin(); u != undo_.rend(); ++u) {
    const uint32_t pos = u->pos;
    const Record& rec = *records_[pos];
    auto id_it = std::lower_bound(by_id_.begin(), by_id_.end(), std::string_view(rec.id), IdLess);
    switch (u->op) {
      case Undo::Op::kAdded:  // always the last position: later adds were undone first
        if (id_it != by_id_.end() && id_it->second == pos) by_id_.erase(id_it);
        erase_pos(all_, pos);
        if (kinds_[pos] >= 0) erase_pos(by_kind_[static_cast<size_t>(kinds_[pos])], pos);
        records_.pop_back();
        kinds_.pop_back();
        live_.pop_back();
        slots_.resize(records_.size() * stride_);
        break;
      case Undo::Op::kReplaced: {
        const bool kind_changed = kinds_[pos] != u->old_kind;
        records_[pos] = u->old;
        kinds_[pos] = u->old_kind;
        if (id_it != by_id_.end() && id_it->second == pos) id_it->first = u->old->id;
        Slot(pos);
        if (kind_changed) RebuildLists();
        break;
      }
      case Undo::Op::kRemoved:
        live_[pos] = true;
        by_id_.insert(id_it, IdEntry(rec.id, pos));
        insert_sorted(all_, pos);
        if (kinds_[pos] >= 0) insert_sorted(by_kind_[static_cast<size_t>(kinds_[pos])], pos);
        break;
    }
  }
  undo_.clear();
  touched_.clear();
}

}  // namespace cchc
