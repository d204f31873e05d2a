// ParseIsoDate against its plain definition (four, two and two digits with
// '-' between, naming a real day), over every day of some years, shapes one
// byte off, and random strings over the bytes that matter.
#include "criteria/date.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <optional>
#include <random>
#include <string>

namespace cchc::date_test {
namespace {

// The definition, digit by digit.
std::optional<Date> Plain(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8}, lens[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (int i = 0; i < lens[p]; ++i) {
      const char c = s[static_cast<size_t>(starts[p] + i)];
      if (c < '0' || c > '9') return std::nullopt;
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  if (!IsValidCivilDate(parts[0], parts[1], parts[2])) return std::nullopt;
  return FromCivil(parts[0], parts[1], parts[2]);
}

void ExpectSame(const std::string& s) {
  const std::optional<Date> got = ParseIsoDate(s), want = Plain(s);
  ASSERT_EQ(got.has_value(), want.has_value()) << s;
  if (got) {
    EXPECT_EQ(got->days, want->days) << s;
  }
}

TEST(ParseIsoDate, AgreesWithTheDefinition) {
  EXPECT_EQ(ParseIsoDate("1970-01-01")->days, 0);
  EXPECT_EQ(ParseIsoDate("2026-11-20")->days, 20777);
  EXPECT_FALSE(ParseIsoDate("2026-02-29"));
  EXPECT_TRUE(ParseIsoDate("2024-02-29"));
  EXPECT_FALSE(ParseIsoDate("0000-01-01"));
  EXPECT_TRUE(ParseIsoDate("9999-12-31"));
  char buf[16];
  for (int y : {1, 1900, 1999, 2000, 2024, 2026, 2100, 9999}) {
    for (int m = 0; m <= 13; ++m) {
      for (int d = 0; d <= 32; ++d) {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
        ExpectSame(buf);
      }
    }
  }
  // Every byte in every place of a valid date.
  const std::string base = "2026-07-15";
  for (size_t i = 0; i < base.size(); ++i) {
    for (int c = 0; c < 256; ++c) {
      std::string s = base;
      s[i] = static_cast<char>(c);
      ExpectSame(s);
    }
  }
  ExpectSame("2026-07-1");
  ExpectSame("2026-07-155");
  ExpectSame("");
  std::mt19937 rng(2026);
  const std::string bytes = "0123456789-/ :x\xC3";
  for (int n = 0; n < 200000; ++n) {
    std::string s(rng() % 3 == 0 ? rng() % 12 : 10, '0');
    for (char& c : s) c = bytes[rng() % bytes.size()];
    ExpectSame(s);
  }
}

}  // namespace
}  // namespace cchc::date_test
