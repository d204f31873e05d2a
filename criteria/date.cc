// Civil-date arithmetic (Howard Hinnant's days_from_civil algorithm).
#include "criteria/date.h"

#include <cstdio>

namespace cchc {
namespace {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

}  // namespace

bool IsValidCivilDate(int y, int m, int d) {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int limit = kDays[m - 1] + (m == 2 && IsLeap(y) ? 1 : 0);
  return d <= limit;
}

Date FromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return Date{era * 146097 + static_cast<int>(doe) - 719468};
}

std::optional<Date> ParseIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  // Each digit's value, or above 9 for any other byte; checked all at once
  // (evidence files hold hundreds of dates per commune).
  unsigned v[10];
  for (int i = 0; i < 10; ++i) v[i] = static_cast<unsigned char>(s[i]) - unsigned{'0'};
  if ((v[0] > 9) | (v[1] > 9) | (v[2] > 9) | (v[3] > 9) | (v[5] > 9) | (v[6] > 9) | (v[8] > 9) |
      (v[9] > 9)) {
    return std::nullopt;
  }
  const int y = static_cast<int>(v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3]);
  const int m = static_cast<int>(v[5] * 10 + v[6]);
  const int d = static_cast<int>(v[8] * 10 + v[9]);
  if (!IsValidCivilDate(y, m, d)) return std::nullopt;
  return FromCivil(y, m, d);
}

std::string FormatIsoDate(Date date) {
  int z = date.days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

}  // namespace cchc
