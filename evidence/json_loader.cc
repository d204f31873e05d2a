// JSON evidence through nlohmann's SAX interface: a small state machine over
// the document's shape, placing every record and field at line:col. The only
// file that sees <nlohmann/json.hpp>; nlohmann's errors become issues here.
#include <algorithm>
#include <cstring>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "evidence/json_fast.h"
#include "evidence/json_support.h"
#include "evidence/loader.h"
#include "evidence/validate.h"

namespace cchc {

namespace {

using evidence_internal::CountingIterator;
using evidence_internal::EvidenceBuilder;
using evidence_internal::FieldPlace;
using evidence_internal::FormatNumber;
using evidence_internal::Locator;
using evidence_internal::QuoteForMessage;
using evidence_internal::ReadableReason;
using json = nlohmann::json;

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// The keys of one JSON object, to find duplicates. Objects are small; a
// linear scan until one gets large.
class KeySet {
 public:
  bool Insert(const std::string& key) {
    if (big_.empty()) {
      if (std::find(small_.begin(), small_.end(), key) != small_.end()) return false;
      if (small_.size() < 16) {
        small_.push_back(key);
        return true;
      }
      big_.insert(small_.begin(), small_.end());
    }
    return big_.insert(key).second;
  }

 private:
  std::vector<std::string> small_;
  std::unordered_set<std::string> big_;
};

// A JSON scalar before typing (typing needs the record's kind, which may come
// after the field in the object).
struct Scalar {
  enum class Type : uint8_t { kNull, kBool, kNumber, kString } type = Type::kNull;
  bool boolean = false;
  double number = 0;
  std::string text;
};

std::string Describe(const Scalar& v) {
  switch (v.type) {
    case Scalar::Type::kNull:
      return "null";
    case Scalar::Type::kBool:
      return v.boolean ? "true" : "false";
    case Scalar::Type::kNumber:
      return "the number " + FormatNumber(v.number);
    case Scalar::Type::kString:
      return "the string " + QuoteForMessage(v.text);
  }
  return "?";
}

class Handler {
 public:
  using number_integer_t = json::number_integer_t;
  using number_unsigned_t = json::number_unsigned_t;
  using number_float_t = json::number_float_t;
  using string_t = json::string_t;
  using binary_t = json::binary_t;

  Handler(std::string_view text, const char** read_to, EvidenceBuilder* builder)
      : text_(text), read_to_(read_to), out_(builder), locator_(text) {
    prev_ = text.substr(0, 3) == kBom ? 3 : 0;
  }

  // ------------------------------------------------------------ SAX events
  bool null() { return OnScalar(Scalar{}); }
  bool boolean(bool b) {
    Scalar v;
    v.type = Scalar::Type::kBool;
    v.boolean = b;
    return OnScalar(std::move(v));
  }
  bool number_integer(number_integer_t n) { return Number(static_cast<double>(n)); }
  bool number_unsigned(number_unsigned_t n) { return Number(static_cast<double>(n)); }
  bool number_float(number_float_t n, const string_t&) { return Number(n); }
  bool string(string_t& s) {
    Scalar v;
    v.type = Scalar::Type::kString;
    v.text = std::move(s);
    return OnScalar(std::move(v));
  }
  bool binary(binary_t&) { return true; }  // never produced by the JSON lexer
  bool start_object(std::size_t) { return OnStart(/*object=*/true); }
  bool start_array(std::size_t) { return OnStart(/*object=*/false); }
  bool end_object() { return OnEnd(); }
  bool end_array() { return OnEnd(); }
  bool key(string_t& k);
  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& ex);

  // After the parse: anything the document as a whole lacks.
  void Finish();

 private:
  enum class Ctx : uint8_t { kTop, kUnit, kRecords, kRecord, kAppraisals, kAppraisal };
  struct Frame {
    Ctx ctx;
    size_t start = 0;  // offset of the '{' or '['
    KeySet keys;
    std::string key;  // the current key (objects)
    size_t key_at = 0;
    bool drop_value = false;  // the current key's value is to be ignored
  };
  struct PendingField {
    std::string name;
    Scalar value;
    FieldPlace at;
  };

  bool Number(double n) {
    Scalar v;
    v.type = Scalar::Type::kNumber;
    v.number = n;
    return OnScalar(std::move(v));
  }
  bool OnScalar(Scalar v);
  bool OnStart(bool object);
  bool OnEnd();
  void OnTopValue(Frame& f, Scalar& v, size_t at);
  void OnUnitValue(Frame& f, Scalar& v, size_t at);
  void OnRecordValue(Frame& f, Scalar& v, size_t at);
  void OnAppraisalValue(Frame& f, Scalar& v, size_t at);
  void FinishRecord();
  void FinishAppraisal();

  // The offset where the token of the current callback starts: the lexer
  // has read just past the previous token, so skip what lies between.
  size_t TokenStart() {
    size_t p = prev_;
    while (p < text_.size()) {
      const char c = text_[p];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != ',' && c != ':') break;
      ++p;
    }
    prev_ = static_cast<size_t>(*read_to_ - text_.data());
    return p;
  }

  // Where a syntax error points, from what nlohmann reports: `position` is
  // just past the last byte read and `last_token` all bytes read since the
  // last string or number token began (nlohmann resets it only there).
  size_t ErrorOffset(size_t position, const std::string& last_token) const;

  FieldPlace Place(size_t offset, std::string_view field = {}) {
    FieldPlace at = locator_.At(offset);
    at.field = field;
    return at;
  }
  // An error inside a record waits for the record's end, which knows its id.
  void RecordError(EvidenceCode code, FieldPlace at, std::string message) {
    pending_issues_.push_back(
        {code, at.line, at.column, std::string(at.field), std::move(message)});
  }
  void FlushRecordErrors(std::string_view id);
  bool Continue() const { return !out_->stopped(); }

  std::string_view text_;
  const char** read_to_;
  EvidenceBuilder* out_;
  Locator locator_;
  size_t prev_ = 0;

  std::vector<Frame> stack_;
  int depth_ = 0;
  int skip_depth_ = 0;  // > 0 inside a value that is being ignored
  bool seen_top_ = false;
  bool seen_records_ = false;

  // The record being read.
  Record record_;
  bool record_id_given_ = false, record_kind_given_ = false;
  std::vector<PendingField> fields_;
  struct PendingIssue {
    EvidenceCode code;
    uint32_t line, column;
    std::string field;
    std::string message;
  };
  std::vector<PendingIssue> pending_issues_;

  // The appraisal entry being read.
  Appraisal appraisal_;
  bool appraisal_item_ = false, appraisal_points_ = false;
  FieldPlace appraisal_at_;
  std::unordered_set<std::string> appraised_items_;
};

bool Handler::key(string_t& k) {
  const size_t at = TokenStart();
  if (skip_depth_ > 0) return true;
  Frame& f = stack_.back();
  f.key = std::move(k);
  f.key_at = at;
  f.drop_value = false;
  const bool in_record = f.ctx == Ctx::kRecord;
  if (f.key.size() > out_->limits().max_string_bytes) {
    std::string msg = "a key of " + std::to_string(f.key.size()) + " bytes (limit " +
                      std::to_string(out_->limits().max_string_bytes) + ")";
    if (in_record) {
      RecordError(EvidenceCode::kStringTooLong, Place(at), std::move(msg));
    } else {
      out_->Error(EvidenceCode::kStringTooLong, Place(at), std::move(msg));
    }
    f.drop_value = true;
    f.key.clear();
    return Continue();
  }
  if (!f.keys.Insert(f.key)) {
    std::string msg = "duplicate key " + QuoteForMessage(f.key) + " in one object";
    if (in_record) {
      RecordError(EvidenceCode::kDuplicateKey, Place(at, f.key), std::move(msg));
    } else {
      out_->Error(EvidenceCode::kDuplicateKey, Place(at, f.key), std::move(msg));
    }
    f.drop_value = true;
    return Continue();
  }
  // Keys the format does not know are ignored, with a warning (a typo such as
  // "recods" must not pass silently). Inside a record every key is a field.
  const std::string& key = f.key;
  bool known = true;
  const char* where = "";
  switch (f.ctx) {
    case Ctx::kTop:
      known = key == "unit" || key == "year" || key == "as_of" || key == "records" ||
              key == "appraisal";
      where = "at the top level; known keys: unit, year, as_of, records, appraisal";
      break;
    case Ctx::kUnit:
      known = key == "code" || key == "name" || key == "province";
      where = "in \"unit\"; known keys: code, name, province";
      break;
    case Ctx::kAppraisal:
      known = key == "item" || key == "points" || key == "note";
      where = "in an appraisal entry; known keys: item, points, note";
      break;
    default:
      break;
  }
  if (!known) {
    out_->Warning(EvidenceCode::kUnknownKey, Place(at, key),
                  "unknown key " + QuoteForMessage(key) + " " + where + "; ignored");
    f.drop_value = true;
  }
  return Continue();
}

bool Handler::OnScalar(Scalar v) {
  const size_t at = TokenStart();
  if (skip_depth_ > 0) return true;
  if (v.type == Scalar::Type::kString && v.text.size() > out_->limits().max_string_bytes) {
    std::string msg = "a string of " + std::to_string(v.text.size()) + " bytes (limit " +
                      std::to_string(out_->limits().max_string_bytes) + ")";
    std::string_view field = stack_.empty() ? std::string_view() : stack_.back().key;
    if (!stack_.empty() && stack_.back().ctx == Ctx::kRecord) {
      RecordError(EvidenceCode::kStringTooLong, Place(at, field), std::move(msg));
      stack_.back().drop_value = true;
    } else {
      out_->Error(EvidenceCode::kStringTooLong, Place(at, field), std::move(msg));
      if (!stack_.empty()) stack_.back().drop_value = true;
    }
  }
  if (stack_.empty()) {
    out_->Error(EvidenceCode::kWrongShape, Place(at),
                "an evidence file is a JSON object {\"unit\": ..., \"records\": [...]}, got " +
                    Describe(v));
    return false;
  }
  Frame& f = stack_.back();
  if (f.drop_value) {
    f.drop_value = false;
    return Continue();
  }
  switch (f.ctx) {
    case Ctx::kTop:
      OnTopValue(f, v, at);
      break;
    case Ctx::kUnit:
      OnUnitValue(f, v, at);
      break;
    case Ctx::kRecord:
      OnRecordValue(f, v, at);
      break;
    case Ctx::kAppraisal:
      OnAppraisalValue(f, v, at);
      break;
    case Ctx::kRecords:
      out_->Error(EvidenceCode::kWrongShape, Place(at),
                  "a record is a JSON object {\"id\": ..., \"kind\": ...}, got " + Describe(v));
      break;
    case Ctx::kAppraisals:
      out_->Error(EvidenceCode::kWrongShape, Place(at),
                  "an appraisal entry is a JSON object {\"item\": ..., \"points\": ...}, got " +
                      Describe(v));
      break;
  }
  return Continue();
}

void Handler::OnTopValue(Frame& f, Scalar& v, size_t at) {
  const std::string& key = f.key;
  if (v.type == Scalar::Type::kNull) return;   // null: absent
  if (key == "records") seen_records_ = true;  // reported below, not as missing
  if (key == "year") {
    if (v.type != Scalar::Type::kNumber) {
      out_->Error(EvidenceCode::kWrongType, Place(at, key),
                  "the year is a number such as 2026, got " + Describe(v));
    } else {
      out_->SetYear(v.number, Place(at, key));
    }
  } else if (key == "as_of") {
    if (v.type != Scalar::Type::kString) {
      out_->Error(EvidenceCode::kWrongType, Place(at, key),
                  "as_of is a date \"YYYY-MM-DD\", got " + Describe(v));
    } else {
      out_->SetAsOf(v.text, Place(at, key));
    }
  } else {
    out_->Error(EvidenceCode::kWrongShape, Place(at, key),
                std::string("\"") + key + "\" is " +
                    (key == "unit" ? "an object {\"code\": ...}" : "an array [...]") + ", got " +
                    Describe(v));
  }
}

void Handler::OnUnitValue(Frame& f, Scalar& v, size_t at) {
  if (v.type == Scalar::Type::kNull) return;
  if (v.type != Scalar::Type::kString) {
    out_->Error(EvidenceCode::kWrongType, Place(at, f.key),
                "unit." + f.key + " is a string, got " + Describe(v));
    return;
  }
  Unit& unit = out_->evidence().unit;
  if (f.key == "code") unit.code = std::move(v.text);
  if (f.key == "name") unit.name = std::move(v.text);
  if (f.key == "province") unit.province = std::move(v.text);
}

void Handler::OnRecordValue(Frame& f, Scalar& v, size_t at) {
  const std::string& key = f.key;
  if (key == "id" || key == "kind") {
    const bool is_id = key == "id";
    (is_id ? record_id_given_ : record_kind_given_) = true;
    if (v.type != Scalar::Type::kString || v.text.empty()) {
      RecordError(is_id ? EvidenceCode::kMissingId : EvidenceCode::kMissingKind, Place(at, key),
                  key + " must be a non-empty string, got " + Describe(v));
      return;
    }
    (is_id ? record_.id : record_.kind) = std::move(v.text);
    return;
  }
  // null: the field is absent (kept until the kind is known, to check its name)
  fields_.push_back(PendingField{key, std::move(v), Place(at, {})});
}

void Handler::OnAppraisalValue(Frame& f, Scalar& v, size_t at) {
  const std::string& key = f.key;
  if (v.type == Scalar::Type::kNull) return;
  if (key == "points") {
    if (v.type != Scalar::Type::kNumber) {
      out_->Error(EvidenceCode::kWrongType, Place(at, key),
                  "appraisal points are a number, got " + Describe(v));
      appraisal_points_ = true;  // reported; not "missing" as well
      return;
    }
    appraisal_.points = v.number;
    appraisal_points_ = true;
    return;
  }
  if (v.type != Scalar::Type::kString) {
    out_->Error(EvidenceCode::kWrongType, Place(at, key),
                "appraisal " + key + " is a string, got " + Describe(v));
    if (key == "item") appraisal_item_ = true;
    return;
  }
  if (key == "item") {
    appraisal_.item = std::move(v.text);
    appraisal_item_ = true;
  } else {
    appraisal_.note = std::move(v.text);
  }
}

bool Handler::OnStart(bool object) {
  const size_t at = TokenStart();
  if (++depth_ > out_->limits().max_depth) {
    out_->Error(EvidenceCode::kNestingTooDeep, Place(at),
                "arrays and objects nested more than " + std::to_string(out_->limits().max_depth) +
                    " deep; stopped reading");
    out_->Stop();
    return false;
  }
  if (skip_depth_ > 0) {
    ++skip_depth_;
    return true;
  }
  const char* shape = object ? "an object" : "an array";
  if (stack_.empty()) {
    if (!object) {
      out_->Error(EvidenceCode::kWrongShape, Place(at),
                  "an evidence file is a JSON object {\"unit\": ..., \"records\": [...]}, got "
                  "an array");
      return false;
    }
    seen_top_ = true;
    stack_.push_back(Frame{Ctx::kTop, at});
    return true;
  }
  Frame& f = stack_.back();
  if (f.drop_value) {
    f.drop_value = false;
    skip_depth_ = 1;
    return Continue();
  }
  std::optional<Ctx> push;
  switch (f.ctx) {
    case Ctx::kTop:
      if (f.key == "unit" && object) {
        push = Ctx::kUnit;
      } else if (f.key == "records" && !object) {
        push = Ctx::kRecords;
        seen_records_ = true;
      } else if (f.key == "appraisal" && !object) {
        push = Ctx::kAppraisals;
      } else if (f.key == "records" || f.key == "appraisal") {
        if (f.key == "records") seen_records_ = true;
        out_->Error(EvidenceCode::kWrongShape, Place(at, f.key),
                    "\"" + f.key + "\" is an array [...], got " + shape);
      } else {
        out_->Error(EvidenceCode::kWrongShape, Place(at, f.key),
                    "\"" + f.key + "\" is " +
                        (f.key == "unit"   ? "an object {\"code\": ...}"
                         : f.key == "year" ? "a number"
                                           : "a date string") +
                        ", got " + shape);
      }
      break;
    case Ctx::kUnit:
      out_->Error(EvidenceCode::kWrongType, Place(at, f.key),
                  "unit." + f.key + " is a string, got " + shape);
      break;
    case Ctx::kRecords:
      if (object) {
        FieldPlace place = Place(at);
        if (!out_->CountRecord(place)) return false;
        push = Ctx::kRecord;
        record_ = Record();
        record_.origin = RecordOrigin{place.line, place.column};
        record_id_given_ = record_kind_given_ = false;
        fields_.clear();
        pending_issues_.clear();
      } else {
        out_->Error(EvidenceCode::kWrongShape, Place(at),
                    "a record is a JSON object {\"id\": ..., \"kind\": ...}, got an array");
      }
      break;
    case Ctx::kRecord:
      if (f.key == "id" || f.key == "kind") {
        (f.key == "id" ? record_id_given_ : record_kind_given_) = true;
        RecordError(f.key == "id" ? EvidenceCode::kMissingId : EvidenceCode::kMissingKind,
                    Place(at, f.key), f.key + " must be a non-empty string, got " + shape);
      } else {
        RecordError(EvidenceCode::kNestedValue, Place(at, f.key),
                    std::string("a field value is a string, number or boolean, got ") + shape);
      }
      break;
    case Ctx::kAppraisals:
      if (object) {
        push = Ctx::kAppraisal;
        appraisal_ = Appraisal();
        appraisal_item_ = appraisal_points_ = false;
        appraisal_at_ = Place(at);
      } else {
        out_->Error(EvidenceCode::kWrongShape, Place(at),
                    "an appraisal entry is a JSON object {\"item\": ..., \"points\": ...}, got "
                    "an array");
      }
      break;
    case Ctx::kAppraisal:
      if (f.key == "item") appraisal_item_ = true;
      if (f.key == "points") appraisal_points_ = true;
      out_->Error(EvidenceCode::kWrongType, Place(at, f.key),
                  "appraisal " + f.key + " is a " + (f.key == "points" ? "number" : "string") +
                      ", got " + shape);
      break;
  }
  if (push) {
    stack_.push_back(Frame{*push, at});
  } else {
    skip_depth_ = 1;
  }
  return Continue();
}

bool Handler::OnEnd() {
  TokenStart();
  --depth_;
  if (skip_depth_ > 0) {
    --skip_depth_;
    return true;
  }
  const Ctx ctx = stack_.back().ctx;
  if (ctx == Ctx::kRecord) FinishRecord();
  if (ctx == Ctx::kAppraisal) FinishAppraisal();
  stack_.pop_back();
  return Continue();
}

void Handler::FlushRecordErrors(std::string_view id) {
  for (PendingIssue& p : pending_issues_) {
    if (!out_->Report(p.code, Severity::kError, p.line, p.column, id, p.field,
                      std::move(p.message))) {
      break;
    }
  }
  pending_issues_.clear();
}

void Handler::FinishRecord() {
  FieldPlace origin;
  origin.line = record_.origin.line;
  origin.column = record_.origin.column;
  if (!record_id_given_) {
    RecordError(EvidenceCode::kMissingId, origin, "the record has no \"id\"");
  }
  if (!record_kind_given_) {
    RecordError(EvidenceCode::kMissingKind, origin, "the record has no \"kind\"");
  }
  // Typing errors are reported now, the queued ones after; the record's
  // issues are then put in file order.
  const size_t first_issue = out_->issues().size();
  record_.fields.reserve(fields_.size());
  for (PendingField& pf : fields_) {
    FieldPlace at = pf.at;
    at.record_id = record_.id;
    at.kind = record_.kind;
    at.field = pf.name;
    const FieldDecl* decl = out_->Declared(record_.kind, pf.name);
    Value value;
    switch (pf.value.type) {
      case Scalar::Type::kBool:
        value = out_->FromBool(pf.value.boolean, decl, at);
        break;
      case Scalar::Type::kNumber:
        value = out_->FromNumber(pf.value.number, decl, at);
        break;
      case Scalar::Type::kString:
        value = out_->FromString(std::move(pf.value.text), decl, at);
        break;
      case Scalar::Type::kNull:
        if (decl == nullptr) out_->CheckKnownField(at);
        break;
    }
    if (!value.missing()) record_.fields.emplace_back(std::move(pf.name), std::move(value));
  }
  FlushRecordErrors(record_.id);
  if (out_->stopped()) return;
  out_->AddRecord(std::move(record_));  // may report a duplicate id at its start
  if (out_->stopped()) return;          // keep E523 last
  std::vector<EvidenceIssue>& issues = out_->issues();
  std::stable_sort(issues.begin() + first_issue, issues.end(),
                   [](const EvidenceIssue& a, const EvidenceIssue& b) {
                     return a.line != b.line ? a.line < b.line : a.column < b.column;
                   });
}

void Handler::FinishAppraisal() {
  FieldPlace at = appraisal_at_;
  at.record_id = {};
  if (!appraisal_item_) {
    out_->Error(EvidenceCode::kMissingKey, at, "the appraisal entry has no \"item\"");
  }
  if (!appraisal_points_) {
    at.field = {};
    out_->Error(EvidenceCode::kMissingKey, at,
                "the appraisal entry" +
                    (appraisal_.item.empty() ? std::string() : " for item " + appraisal_.item) +
                    " has no \"points\"");
  }
  if (appraisal_.item.empty()) return;
  if (!appraised_items_.insert(appraisal_.item).second) {
    out_->Error(EvidenceCode::kDuplicateAppraisal, at,
                "item " + appraisal_.item + " is appraised twice");
    return;
  }
  out_->evidence().appraisals.push_back(std::move(appraisal_));
}

size_t Handler::ErrorOffset(size_t position, const std::string& last_token) const {
  const size_t size = text_.size();
  const bool at_eof = position > size;
  const size_t end = std::min(position, size);
  // last_token spells control characters as "<U+000A>": one byte each.
  size_t raw = last_token.size();
  for (size_t k = last_token.find("<U+"); k != std::string::npos;
       k = last_token.find("<U+", k + 1)) {
    if (raw >= 7) raw -= 7;
  }
  const bool exact = raw <= end;
  if (exact && raw > 0) {
    // A string or number token that is itself the offending token (an
    // unclosed string, a value where a comma belongs): point at its start.
    const size_t anchor = end - raw;
    const char c = text_[anchor];
    size_t i = anchor;
    if (c == '"') {
      for (++i; i < size; ++i) {
        if (text_[i] == '\\') {
          ++i;
        } else if (text_[i] == '"') {
          ++i;
          break;
        }
      }
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      while (i < size && std::strchr("0123456789.eE+-", text_[i]) != nullptr) ++i;
    }
    if (i != anchor && i >= end) return anchor;
  }
  if (at_eof) return size;
  // Otherwise the last byte read is the offending one; back up to the start
  // of a word such as "tru" or "-Infinity" so the caret sits under it.
  size_t p = end > 0 ? end - 1 : 0;
  auto is_alpha = [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); };
  if (p > 0 && !is_alpha(text_[p]) && is_alpha(text_[p - 1])) --p;  // "tru]" read the ']'
  while (p > 0 && is_alpha(text_[p]) && is_alpha(text_[p - 1])) --p;
  if (p > 0 && text_[p - 1] == '-' && is_alpha(text_[p])) --p;
  return p;
}

bool Handler::parse_error(std::size_t position, const std::string& last_token,
                          const nlohmann::detail::exception& ex) {
  if (!pending_issues_.empty()) FlushRecordErrors(record_.id);
  const size_t start = ErrorOffset(position, last_token);
  FieldPlace at = Place(start);
  if (!stack_.empty() && stack_.back().ctx == Ctx::kRecord) at.record_id = record_.id;
  const bool in_object = !stack_.empty() && stack_.back().ctx != Ctx::kRecords &&
                         stack_.back().ctx != Ctx::kAppraisals;
  std::string_view field = in_object ? std::string_view(stack_.back().key) : std::string_view();
  std::string_view rest = text_.substr(std::min(start, text_.size()));
  if (ex.id == 406) {  // out_of_range: the number overflows a double
    at.field = field;
    out_->Error(EvidenceCode::kNumberOutOfRange, at,
                "the number " + last_token + " is out of range");
  } else if (rest.starts_with("NaN") || rest.starts_with("Infinity") ||
             rest.starts_with("-Infinity") || rest.starts_with("nan") || rest.starts_with("inf") ||
             rest.starts_with("-inf")) {
    at.field = field;
    out_->Error(EvidenceCode::kNumberOutOfRange, at,
                "NaN and Infinity are not numbers in JSON; write a finite number or null");
  } else {
    // Quote the offending text up to the end of its line, briefly.
    std::string_view near = rest.substr(0, rest.find_first_of("\r\n"));
    std::string message = "malformed JSON";
    if (!near.empty()) {
      size_t cut = std::min<size_t>(near.size(), 16);
      while (cut < near.size() && cut > 0 &&
             (static_cast<unsigned char>(near[cut]) & 0xC0) == 0x80) {
        --cut;
      }
      message += " near '";
      message.append(near.data(), cut);
      message += cut < near.size() ? "...'" : "'";
    }
    message += ": ";
    message += ReadableReason(ex.what());
    out_->Error(EvidenceCode::kSyntax, at, std::move(message));
  }
  out_->Stop();
  return false;
}

void Handler::Finish() {
  if (out_->stopped() || !seen_top_) return;
  if (!seen_records_) {
    out_->Error(EvidenceCode::kMissingKey, Place(0), "the file has no \"records\" array");
  }
}

}  // namespace

namespace evidence_internal {

EvidenceLoad LoadEvidenceJsonSax(std::string_view text, const std::string& file_name,
                                 const Criteria* schema, const EvidenceLimits& limits) {
  EvidenceLoad load;
  EvidenceBuilder builder(&load, file_name, schema, limits);
  if (!evidence_internal::CheckWholeText(text, &builder)) return load;
  const char* read_to = text.data();
  Handler handler(text, &read_to, &builder);
  CountingIterator first(text.data(), &read_to);
  CountingIterator last(text.data() + text.size(), &read_to);
  json::sax_parse(first, last, &handler, json::input_format_t::json, /*strict=*/true,
                  /*ignore_comments=*/false);
  handler.Finish();
  builder.Finish();
  return load;
}

}  // namespace evidence_internal

// simdjson for valid, clean input; the SAX reader for anything to report.
EvidenceLoad LoadEvidenceJson(std::string_view text, const std::string& file_name,
                              const Criteria* schema, const EvidenceLimits& limits) {
  if (std::optional<EvidenceLoad> fast =
          evidence_internal::LoadEvidenceJsonFast(text, file_name, schema, limits)) {
    return std::move(*fast);
  }
  return evidence_internal::LoadEvidenceJsonSax(text, file_name, schema, limits);
}

}  // namespace cchc
