// The fast scans of the parser against their plain definitions: IsValidUtf8
// (ASCII words skipped whole, sequences decoded inline) against DecodeUtf8 a
// code point at a time, over random bytes biased toward UTF-8-like text.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>

#include "criteria/source.h"

namespace cchc::utf8_scan_test {
namespace {

// The definition: the first byte where DecodeUtf8 fails (a decoded U+FFFD
// that is not the three bytes EF BF BD).
bool Reference(std::string_view s, size_t* bad) {
  size_t i = 0;
  while (i < s.size()) {
    const size_t start = i;
    const char32_t cp = DecodeUtf8(s, i);
    if (cp == 0xFFFD && !(i - start == 3 && s.substr(start, 3) == "\xEF\xBF\xBD")) {
      *bad = start;
      return false;
    }
  }
  return true;
}

TEST(Utf8Scan, AgreesWithDecodingOnRandomBytes) {
  std::mt19937 rng(2026);
  const unsigned char kBytes[] = {'a',  ' ',  '\n', 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2,
                                  0xC3, 0xDF, 0xE0, 0xE1, 0xED, 0xEF, 0xF0, 0xF4, 0xF5,
                                  0xF8, 0xFF, 0xA0, 0x9F, 0x8F, 0x90, 0xBD, 0xBB};
  std::uniform_int_distribution<int> len(0, 40), pick(0, sizeof kBytes - 1), ascii_run(0, 3);
  for (int n = 0; n < 200000; ++n) {
    std::string s;
    const int l = len(rng);
    for (int k = 0; k < l; ++k) {
      if (ascii_run(rng) == 0) s.append("abcdefghij", static_cast<size_t>(pick(rng) % 11));
      s += static_cast<char>(kBytes[pick(rng)]);
    }
    size_t want_bad = 0, got_bad = 0;
    const bool want = Reference(s, &want_bad);
    ASSERT_EQ(IsValidUtf8(s, &got_bad), want) << ::testing::PrintToString(s);
    if (!want) {
      ASSERT_EQ(got_bad, want_bad) << ::testing::PrintToString(s);
    }
  }
  EXPECT_TRUE(IsValidUtf8("Xã Đại Xá \xEF\xBF\xBD ok"));
  size_t bad = 0;
  EXPECT_FALSE(IsValidUtf8("12345678901234567890\xED\xA0\x80", &bad));  // a surrogate
  EXPECT_EQ(bad, 20u);
}

}  // namespace
}  // namespace cchc::utf8_scan_test
