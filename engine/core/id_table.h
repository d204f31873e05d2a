// Record positions by id: an open-addressing hash table over the index's
// records (the ids stay in the records; the table holds hashes and positions).
#ifndef CCHC_ENGINE_CORE_ID_TABLE_H_
#define CCHC_ENGINE_CORE_ID_TABLE_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "criteria/hash_bytes.h"
#include "evidence/record.h"

namespace cchc {

class IdTable {
 public:
  using Records = std::vector<const Record*>;

  // Empties the table, sized for about `n` ids.
  void Reset(size_t n);
  // Position of the record with this id, or -1.
  int Find(const Records& records, std::string_view id) const {
    const uint32_t h = Hash(id);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.pos == kEmpty) return -1;
      if (s.hash == h && SameBytes(records[s.pos]->id, id)) return static_cast<int>(s.pos);
    }
  }
  // Adds records[pos]'s id; false (and nothing added) when the id is there.
  // Inline: the index inserts every record's id when it is built.
  bool Insert(const Records& records, uint32_t pos) {
    if (slots_.empty() || 2 * (size_ + 1) > slots_.size()) Grow();
    const std::string_view id = records[pos]->id;
    const uint32_t h = Hash(id);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.pos == kEmpty) {
        s = Slot{h, pos};
        ++size_;
        return true;
      }
      if (s.hash == h && SameBytes(records[s.pos]->id, id)) return false;
    }
  }
  // Removes the id if it maps to `pos`.
  void Erase(const Records& records, std::string_view id, uint32_t pos);

  static uint32_t Hash(std::string_view s) { return static_cast<uint32_t>(HashBytes(s)); }

 private:
  static constexpr uint32_t kEmpty = 0xFFFFFFFFu;
  struct Slot {
    uint32_t hash = 0;
    uint32_t pos = kEmpty;
  };
  void Grow();

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace cchc

#endif  // CCHC_ENGINE_CORE_ID_TABLE_H_
