// The id table's growth and deletions (linear probing, backward-shift
// deletion, so no tombstones accumulate over long edit sequences).
#include "engine/core/id_table.h"

namespace cchc {

void IdTable::Reset(size_t n) {
  size_t cap = 16;
  while (cap < 2 * n + 2) cap *= 2;
  slots_.assign(cap, Slot{});
  mask_ = cap - 1;
  size_ = 0;
}

void IdTable::Erase(const Records& records, std::string_view id, uint32_t pos) {
  if (slots_.empty()) return;
  const uint32_t h = Hash(id);
  size_t i = h & mask_;
  for (;; i = (i + 1) & mask_) {
    const Slot& s = slots_[i];
    if (s.pos == kEmpty) return;
    if (s.hash == h && SameBytes(records[s.pos]->id, id)) break;
  }
  if (slots_[i].pos != pos) return;
  // Shift later members of the probe run back into the hole.
  for (size_t j = (i + 1) & mask_;; j = (j + 1) & mask_) {
    const Slot& s = slots_[j];
    if (s.pos == kEmpty) break;
    const size_t home = s.hash & mask_;
    // s may move to i when i lies cyclically in [home, j).
    if (((j - home) & mask_) >= ((j - i) & mask_)) {
      slots_[i] = s;
      i = j;
    }
  }
  slots_[i] = Slot{};
  --size_;
}

void IdTable::Grow() {
  std::vector<Slot> old = std::move(slots_);
  Reset(old.empty() ? 8 : old.size());
  for (const Slot& s : old) {
    if (s.pos == kEmpty) continue;
    for (size_t i = s.hash & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].pos == kEmpty) {
        slots_[i] = s;
        ++size_;
        break;
      }
    }
  }
}

}  // namespace cchc
