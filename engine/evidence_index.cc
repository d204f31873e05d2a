// Building and editing the evidence index.
#include "engine/evidence_index.h"

#include <algorithm>

namespace cchc {

EvidenceIndex::EvidenceIndex(const Plan& plan, const Evidence& evidence)
    : plan_(&plan), as_of_(evidence.as_of), stride_(plan.fields().size()) {
  const size_t n = evidence.records.size();
  records_.reserve(n + 8);
  kinds_.reserve(n + 8);
  by_kind_.resize(plan.kinds().size());
  for (const Record& r : evidence.records) {
    if (by_id_.count(r.id)) continue;  // the loader rejects duplicates; be safe
    const uint32_t pos = static_cast<uint32_t>(records_.size());
    records_.push_back(&r);
    kinds_.push_back(plan.KindId(r.kind));
    live_.push_back(true);
    by_id_.emplace(r.id, pos);
    Slot(pos);
  }
  RebuildLists();
}

void EvidenceIndex::Slot(uint32_t r) {
  const Record& rec = *records_[r];
  // A deque keeps the id/kind values' addresses stable as records are added.
  while (id_kind_.size() < 2 * (static_cast<size_t>(r) + 1)) id_kind_.emplace_back();
  id_kind_[2 * r] = Value::String(rec.id);
  id_kind_[2 * r + 1] = Value::String(rec.kind);
  if (slots_.size() < (static_cast<size_t>(r) + 1) * stride_) {
    slots_.resize((static_cast<size_t>(r) + 1) * stride_, nullptr);
  }
  const Value** row = &slots_[static_cast<size_t>(r) * stride_];
  std::fill(row, row + stride_, nullptr);
  row[Plan::kIdField] = &id_kind_[2 * r];
  row[Plan::kKindField] = &id_kind_[2 * r + 1];
  for (const auto& [name, value] : rec.fields) {
    int f = plan_->FieldId(name);
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
  auto it = by_id_.find(id);
  return it == by_id_.end() ? -1 : static_cast<int>(it->second);
}

void EvidenceIndex::Touch(int kind) {
  if (std::find(touched_.begin(), touched_.end(), kind) == touched_.end()) {
    touched_.push_back(kind);
  }
}

bool EvidenceIndex::Add(const Record* record) {
  if (by_id_.count(record->id)) return false;
  const uint32_t pos = static_cast<uint32_t>(records_.size());
  records_.push_back(record);
  kinds_.push_back(plan_->KindId(record->kind));
  live_.push_back(true);
  by_id_.emplace(record->id, pos);
  Slot(pos);
  all_.push_back(pos);
  if (kinds_[pos] >= 0) by_kind_[static_cast<size_t>(kinds_[pos])].push_back(pos);
  Touch(kinds_[pos]);
  return true;
}

bool EvidenceIndex::Replace(const std::string& id, const Record* record) {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return false;
  const uint32_t pos = it->second;
  Touch(kinds_[pos]);
  const int old_kind = kinds_[pos];
  records_[pos] = record;
  kinds_[pos] = plan_->KindId(record->kind);
  Slot(pos);
  if (kinds_[pos] != old_kind) RebuildLists();
  Touch(kinds_[pos]);
  return true;
}

bool EvidenceIndex::Remove(const std::string& id) {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return false;
  const uint32_t pos = it->second;
  live_[pos] = false;
  Touch(kinds_[pos]);
  by_id_.erase(it);
  auto drop = [pos](std::vector<uint32_t>& v) { v.erase(std::remove(v.begin(), v.end(), pos), v.end()); };
  drop(all_);
  if (kinds_[pos] >= 0) drop(by_kind_[static_cast<size_t>(kinds_[pos])]);
  return true;
}

}  // namespace cchc
