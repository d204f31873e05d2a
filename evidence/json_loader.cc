// JSON evidence over the shared JSON front end's events: a small state
// machine over the document's shape, placing every record and field at
// line:col.
#include <algorithm>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "evidence/json_fast.h"
#include "evidence/json_front.h"
#include "evidence/loader.h"
#include "evidence/validate.h"

namespace cchc {

namespace {

using evidence_internal::EvidenceBuilder;
using evidence_internal::FieldPlace;
using evidence_internal::FormatNumber;
using evidence_internal::JsonEvents;
using evidence_internal::Locator;
using evidence_internal::QuoteForMessage;
using Scalar = evidence_internal::JsonScalar;

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

// A JSON scalar is kept before typing: typing needs the record's kind, which
// may come after the field in the object.

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

class Handler : public JsonEvents {
 public:
  Handler(std::string_view text, EvidenceBuilder* builder) : out_(builder), locator_(text) {}

  // ------------------------------------------------------ front-end events
  bool OnScalar(Scalar& v, size_t at) override;
  bool OnKey(std::string& k, size_t at) override;
  bool OnStart(bool object, size_t at) override;
  bool OnEnd() override;
  bool OnDropped(const Scalar* value, size_t at) override;
  bool Ignoring() const override { return skip_depth_ > 0; }
  std::string_view CurrentKey() const override {
    return stack_.empty() ? std::string_view() : std::string_view(stack_.back().key);
  }
  bool Report(EvidenceCode code, FieldPlace at, std::string message) override;
  void ReportSyntax(EvidenceCode code, FieldPlace at, std::string message) override;

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

  void OnTopValue(Frame& f, Scalar& v, size_t at);
  void OnUnitValue(Frame& f, Scalar& v, size_t at);
  void OnRecordValue(Frame& f, Scalar& v, size_t at);
  void OnAppraisalValue(Frame& f, Scalar& v, size_t at);
  void FinishRecord();
  void FinishAppraisal();

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

  EvidenceBuilder* out_;
  Locator locator_;

  std::vector<Frame> stack_;
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

bool Handler::Report(EvidenceCode code, FieldPlace at, std::string message) {
  if (!stack_.empty() && stack_.back().ctx == Ctx::kRecord) {
    RecordError(code, at, std::move(message));
    return true;
  }
  out_->Error(code, at, std::move(message));
  return Continue();
}

bool Handler::OnDropped(const Scalar* value, size_t at) {
  if (stack_.empty()) {
    if (value == nullptr) return Continue();
    out_->Error(EvidenceCode::kWrongShape, Place(at),
                "an evidence file is a JSON object {\"unit\": ..., \"records\": [...]}, got " +
                    Describe(*value));
    return false;
  }
  Frame& f = stack_.back();
  if (value == nullptr) f.key.clear();  // a key left out, with its value
  f.drop_value = false;
  return Continue();
}

bool Handler::OnKey(std::string& k, size_t at) {
  if (skip_depth_ > 0) return true;
  Frame& f = stack_.back();
  f.key = std::move(k);
  f.key_at = at;
  f.drop_value = false;
  const bool in_record = f.ctx == Ctx::kRecord;
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

bool Handler::OnScalar(Scalar& v, size_t at) {
  if (skip_depth_ > 0) return true;
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

bool Handler::OnStart(bool object, size_t at) {
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

void Handler::ReportSyntax(EvidenceCode code, FieldPlace at, std::string message) {
  if (!pending_issues_.empty()) FlushRecordErrors(record_.id);
  if (!stack_.empty() && stack_.back().ctx == Ctx::kRecord) at.record_id = record_.id;
  out_->Error(code, at, std::move(message));
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
  Handler handler(text, &builder);
  if (evidence_internal::ParseJson(text, &builder, &handler) ==
      evidence_internal::JsonRead::kRefused) {
    return load;
  }
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
