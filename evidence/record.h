// The evidence model: one commune's records, each with an id, a kind and typed
// fields, plus the appraisal council's points where the file carries them.
#ifndef CCHC_EVIDENCE_RECORD_H_
#define CCHC_EVIDENCE_RECORD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "criteria/date.h"

namespace cchc {

enum class ValueType : uint8_t { kMissing, kNumber, kPercent, kDate, kString, kBool };

// A typed field value. Percents are fractions (96.2 % is 0.962).
struct Value {
  ValueType type = ValueType::kMissing;
  double number = 0;  // kNumber, kPercent
  Date date;          // kDate
  bool boolean = false;
  std::string text;  // kString

  static Value Number(double v) {
    Value x;
    x.type = ValueType::kNumber;
    x.number = v;
    return x;
  }
  static Value Percent(double f) {
    Value x;
    x.type = ValueType::kPercent;
    x.number = f;
    return x;
  }
  static Value OfDate(Date d) {
    Value x;
    x.type = ValueType::kDate;
    x.date = d;
    return x;
  }
  static Value String(std::string s) {
    Value x;
    x.type = ValueType::kString;
    x.text = std::move(s);
    return x;
  }
  static Value Bool(bool b) {
    Value x;
    x.type = ValueType::kBool;
    x.boolean = b;
    return x;
  }
  bool missing() const { return type == ValueType::kMissing; }
};

// Where a record came from, for messages: JSON line:col, or CSV row.
struct RecordOrigin {
  uint32_t line = 0;    // 1-based; 0 when unknown
  uint32_t column = 0;  // 1-based
};

struct Record {
  std::string id;
  std::string kind;
  // Every field but id and kind, including the common document fields
  // (number, title, issuer, file, item, area, issued), in file order.
  std::vector<std::pair<std::string, Value>> fields;
  RecordOrigin origin;

  // The field's value, or null when the record does not carry it.
  const Value* Find(const std::string& field) const;
  Value* Find(const std::string& field);
  void Set(const std::string& field, Value v);  // adds or replaces
};

// The council's appraisal of one item (thẩm định).
struct Appraisal {
  std::string item;  // item code
  double points = 0;
  std::string note;
};

struct Unit {
  std::string code;
  std::string name;
  std::string province;
};

struct Evidence {
  std::string source;  // file name (or "file.ndjson:LINE")
  Unit unit;
  int year = 0;
  std::optional<Date> as_of;
  std::vector<Record> records;
  std::vector<Appraisal> appraisals;
};

}  // namespace cchc

#endif  // CCHC_EVIDENCE_RECORD_H_
