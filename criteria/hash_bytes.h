// Short-string hashing and equality, word at a time, for the hot name and id
// look-ups of evidence reading and indexing (field names, record ids: a few
// bytes each).
#ifndef CCHC_CRITERIA_HASH_BYTES_H_
#define CCHC_CRITERIA_HASH_BYTES_H_

#include <cstdint>
#include <cstring>
#include <string_view>

namespace cchc {

namespace hash_internal {
inline uint64_t Load8(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}
inline uint64_t Load4(const char* p) {
  uint32_t w;
  std::memcpy(&w, p, 4);
  return w;
}
// The bytes of a string of up to 8 bytes as one word (overlapping loads
// read each byte once or twice, never outside the string).
inline uint64_t Small(const char* p, size_t n) {
  if (n >= 4) return Load4(p) | (Load4(p + n - 4) << 32);
  uint64_t w = 0;
  for (size_t i = 0; i < n; ++i)
    w |= static_cast<uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return w;
}
}  // namespace hash_internal

inline uint64_t HashBytes(std::string_view s) {
  using hash_internal::Load8;
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (s.size() * 0xC4CEB9FE1A85EC53ull);
  const char* p = s.data();
  size_t n = s.size();
  if (n > 8) {
    for (; n > 8; n -= 8, p += 8) {
      h = (h ^ Load8(p)) * 0xFF51AFD7ED558CCDull;
      h ^= h >> 32;
    }
    h = (h ^ Load8(p + n - 8)) * 0xFF51AFD7ED558CCDull;  // the last 8, overlapping
  } else {
    h = (h ^ hash_internal::Small(p, n)) * 0xFF51AFD7ED558CCDull;
  }
  // A product's low bits see only the low input bits: fold the high ones
  // down (MurmurHash3's finaliser), since tables mask the low bits. Ids that
  // differ in their last bytes would share a probe run otherwise.
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  return h ^ (h >> 33);
}

inline bool SameBytes(std::string_view a, std::string_view b) {
  using hash_internal::Load8;
  const size_t n = a.size();
  if (n != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  if (n <= 8) return hash_internal::Small(p, n) == hash_internal::Small(q, n);
  for (size_t i = 0; i + 8 < n; i += 8) {
    if (Load8(p + i) != Load8(q + i)) return false;
  }
  return Load8(p + n - 8) == Load8(q + n - 8);
}

}  // namespace cchc

#endif  // CCHC_CRITERIA_HASH_BYTES_H_
