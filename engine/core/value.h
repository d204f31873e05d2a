// Values during evaluation: numbers, percents, dates, text, booleans, record
// sets and single records, plus the two non-values "missing" and "no cases"
// (a ratio over zero cases) and an error carrying its reason.
#ifndef CCHC_ENGINE_CORE_VALUE_H_
#define CCHC_ENGINE_CORE_VALUE_H_

#include <cstdint>
#include <string_view>

#include "criteria/date.h"

namespace cchc {

struct EvalValue {
  enum class T : uint8_t {
    kMissing,
    kNoCase,
    kError,
    kNumber,
    kPercent,
    kDate,
    kString,
    kBool,
    kSet,
    kRecord
  };
  T type = T::kMissing;
  bool boolean = false;
  bool has_ratio = false;  // a ratio's parts are known (for explanations)
  Date date;
  double number = 0;
  double ratio_num = 0, ratio_den = 0;
  std::string_view text;  // kString; kError: the reason (static or arena text)
  int32_t ref = -1;       // kSet: set id in the evaluation arena; kRecord: record

  static EvalValue Number(double v) {
    EvalValue x;
    x.type = T::kNumber;
    x.number = v;
    return x;
  }
  static EvalValue Percent(double v) {
    EvalValue x;
    x.type = T::kPercent;
    x.number = v;
    return x;
  }
  static EvalValue Bool(bool b) {
    EvalValue x;
    x.type = T::kBool;
    x.boolean = b;
    return x;
  }
  static EvalValue OfDate(Date d) {
    EvalValue x;
    x.type = T::kDate;
    x.date = d;
    return x;
  }
  static EvalValue String(std::string_view s) {
    EvalValue x;
    x.type = T::kString;
    x.text = s;
    return x;
  }
  static EvalValue Error(std::string_view why) {
    EvalValue x;
    x.type = T::kError;
    x.text = why;
    return x;
  }
  static EvalValue NoCase() {
    EvalValue x;
    x.type = T::kNoCase;
    return x;
  }
  static EvalValue Missing() { return EvalValue{}; }

  bool numeric() const { return type == T::kNumber || type == T::kPercent; }
  // Missing, no-case and error propagate through operators.
  bool special() const { return type == T::kMissing || type == T::kNoCase || type == T::kError; }
};

}  // namespace cchc

#endif  // CCHC_ENGINE_CORE_VALUE_H_
