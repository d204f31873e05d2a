// Vietnamese upper case by code point ranges (no locale tables needed: the
// pairs are adjacent code points in every block Vietnamese uses).
#include "engine/util/text.h"

#include <cstdint>

namespace cchc {
namespace {

char32_t Upper(char32_t c) {
  if (c >= U'a' && c <= U'z') return c - 32;
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;  // à … þ
  if (c >= 0x100 && c <= 0x177 && (c & 1) && !(c >= 0x138 && c <= 0x148))
    return c - 1;                              // ă đ ĩ ũ … (odd is lower case in these runs)
  if (c == 0x1A1 || c == 0x1B0) return c - 1;  // ơ ư
  if (c >= 0x1EA0 && c <= 0x1EF9 && (c & 1)) return c - 1;  // ạ … ỹ
  return c;
}

void Append(std::string* out, char32_t c) {
  if (c < 0x80) {
    *out += static_cast<char>(c);
  } else if (c < 0x800) {
    *out += static_cast<char>(0xC0 | (c >> 6));
    *out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    *out += static_cast<char>(0xE0 | (c >> 12));
    *out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (c >> 18));
    *out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

}  // namespace

std::string UpperVi(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<uint8_t>(s[i]);
    int n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    bool ok = n > 0 && i + static_cast<size_t>(n) <= s.size();
    char32_t c = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; ok && k < n; ++k) {
      const auto cb = static_cast<uint8_t>(s[i + static_cast<size_t>(k)]);
      ok = (cb >> 6) == 2;
      c = (c << 6) | (cb & 0x3F);
    }
    if (!ok) {
      out += s[i++];
      continue;
    }
    Append(&out, Upper(c));
    i += static_cast<size_t>(n);
  }
  return out;
}

}  // namespace cchc
