// Calendar dates as days since 1970-01-01 (proleptic Gregorian), the one date
// type shared by the criteria language, evidence records and the engine.
#ifndef CCHC_CRITERIA_DATE_H_
#define CCHC_CRITERIA_DATE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cchc {

struct Date {
  int32_t days = 0;  // days since 1970-01-01
  friend bool operator==(Date a, Date b) { return a.days == b.days; }
  friend auto operator<=>(Date a, Date b) { return a.days <=> b.days; }
};

// True when y-m-d names a real day (2026-02-29 and 2026-13-01 do not).
bool IsValidCivilDate(int y, int m, int d);

// y-m-d to a Date; the caller checks IsValidCivilDate first.
Date FromCivil(int y, int m, int d);

// Parses exactly "YYYY-MM-DD" naming a real day; nullopt otherwise.
std::optional<Date> ParseIsoDate(std::string_view s);

// "YYYY-MM-DD".
std::string FormatIsoDate(Date d);

}  // namespace cchc

#endif  // CCHC_CRITERIA_DATE_H_
