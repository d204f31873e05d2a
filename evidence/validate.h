// Internal to evidence/: what the JSON and CSV loaders share. Typing a raw
// value against the criteria's record declarations, the duplicate-id and
// record-count checks, and issue collection with its error cap.
#ifndef CCHC_EVIDENCE_VALIDATE_H_
#define CCHC_EVIDENCE_VALIDATE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "criteria/ast.h"
#include "evidence/loader.h"

namespace cchc::evidence_internal {

// Where a value sits and whose it is, for messages.
struct FieldPlace {
  uint32_t line = 0;
  uint32_t column = 0;
  std::string_view record_id;
  std::string_view kind;
  std::string_view field;
};

// Fills one EvidenceLoad. Not thread-safe; one per load.
class EvidenceBuilder {
 public:
  EvidenceBuilder(EvidenceLoad* out, const std::string& file, const Criteria* schema,
                  const EvidenceLimits& limits);
  EvidenceBuilder(const EvidenceBuilder&) = delete;
  EvidenceBuilder& operator=(const EvidenceBuilder&) = delete;

  const EvidenceLimits& limits() const { return limits_; }
  Evidence& evidence() { return out_->evidence; }
  std::vector<EvidenceIssue>& issues() { return out_->issues; }

  // Records an issue. Returns false once loading must stop: the error cap was
  // reached (an E523 is added) or Stop() was called.
  bool Report(EvidenceCode code, Severity severity, uint32_t line, uint32_t column,
              std::string_view record_id, std::string_view field, std::string message);
  bool Error(EvidenceCode code, const FieldPlace& at, std::string message) {
    return Report(code, Severity::kError, at.line, at.column, at.record_id, at.field,
                  std::move(message));
  }
  bool Warning(EvidenceCode code, const FieldPlace& at, std::string message) {
    return Report(code, Severity::kWarning, at.line, at.column, at.record_id, at.field,
                  std::move(message));
  }
  void Stop() { stopped_ = true; }

  // For formats whose places are not line:col (a workbook's Sheet!C12): every
  // issue with a non-zero column is then labelled file + ":" + namer(line,
  // column), with line and column cleared; so is a duplicate id's first place.
  void SetPlaceNamer(std::function<std::string(uint32_t line, uint32_t column)> namer) {
    namer_ = std::move(namer);
  }
  bool stopped() const { return stopped_; }

  // The declaration of `field` for records of `kind` (kind's fields, then the
  // common ones); null when undeclared. Without a schema: common fields only.
  const FieldDecl* Declared(std::string_view kind, std::string_view field) const;

  // Typed values from raw ones. On a mismatch the problem is reported and a
  // missing Value returned. Without a declaration the natural type is kept.
  Value FromNumber(double v, const FieldDecl* decl, const FieldPlace& at);
  Value FromString(std::string s, const FieldDecl* decl, const FieldPlace& at);
  Value FromBool(bool b, const FieldDecl* decl, const FieldPlace& at);
  // The same typing for a reader that declines instead of reporting: sets
  // *out (every member, reusing its text's memory) to what FromX returns and
  // returns true, or returns false where FromX reports. `decl` null: the
  // natural type (the caller has checked the field is known).
  static bool TypeNumber(double v, const FieldDecl* decl, Value* out);
  static bool TypeString(std::string_view s, const FieldDecl* decl, Value* out);
  static bool TypeBool(bool b, const FieldDecl* decl, Value* out);
  // A CSV cell (non-empty): parsed as the declared type, or inferred.
  Value FromCell(std::string_view cell, const FieldDecl* decl, const FieldPlace& at);

  // Called at the start of each record: false (after reporting E514 and
  // stopping) once there are more than max_records.
  bool CountRecord(const FieldPlace& at);
  // Appends a finished record; reports E505 when its id was seen before.
  void AddRecord(Record record);
  // For a reader that fills evidence().records in place and checks ids
  // itself (declining on a duplicate): the `require` conditions of the
  // declared kind `decl` (null only without a schema) on a finished record.
  void CheckRecordOfKind(const Record& record, const RecordDecl* decl) {
    if (decl != nullptr) CheckInvariants(record, *decl);
  }
  // The schema's declaration of `kind` (the first), or null.
  const RecordDecl* KindDecl(std::string_view kind) const;
  // `field` in the kind `decl` (may be null), then among the common fields:
  // Declared(kind, field) for that kind's declaration.
  static const FieldDecl* FieldIn(const RecordDecl* decl, std::string_view field);
  // The field names the `require` conditions of `decl` read.
  static std::vector<std::string> InvariantFields(const RecordDecl& decl);

  // Unit-level values shared by the JSON keys and the CSV "# key: value" lines.
  void SetYear(double year, const FieldPlace& at);
  void SetAsOf(std::string_view text, const FieldPlace& at);

  // With a schema, a field `at.field` that the declared kind `at.kind` does
  // not declare is E529 (with the nearest declared name); returns false then.
  // Records of an undeclared kind are reported once, by AddRecord (E530).
  bool CheckKnownField(const FieldPlace& at);
  // True when CheckKnownField would report `field` of `kind` (for readers
  // that decline rather than report).
  bool IsUnknownField(std::string_view kind, std::string_view field) const;
  // E530 when the schema does not declare `kind`; false then.
  bool CheckKnownKind(std::string_view kind, const FieldPlace& at);
  // After the last record: the year equals the criteria year, and as_of is
  // present when the criteria use it (E534, E535).
  void Finish();

 private:
  EvidenceLoad* out_;
  std::string file_;
  const Criteria* schema_;
  EvidenceLimits limits_;
  size_t errors_ = 0;
  size_t records_ = 0;
  bool stopped_ = false;
  std::unordered_map<std::string, RecordOrigin> ids_;
  std::function<std::string(uint32_t, uint32_t)> namer_;
  bool year_seen_ = false;

  // The value after the declared range and enumeration checks: itself, or a
  // missing Value after an E531 / E532.
  Value Constrained(Value v, const FieldDecl& decl, const FieldPlace& at);
  // E533 for each `require` of the record's kind `decl` it breaks.
  void CheckInvariants(const Record& record, const RecordDecl& decl);
};

// Byte offset -> line:col, counting code points (a tab is one column, a
// leading BOM none). Offsets are asked for in increasing order almost always,
// so it walks forward from the last answer: linear over a whole file.
class Locator {
 public:
  explicit Locator(std::string_view text) : text_(text) { Reset(); }
  FieldPlace At(size_t offset);

 private:
  void Reset();
  std::string_view text_;
  size_t offset_ = 0;
  uint32_t line_ = 1, column_ = 1;
};

// The checks every evidence text gets before parsing: size, UTF-8, not
// blank. Returns false (after reporting) when it must not be parsed at all.
bool CheckWholeText(std::string_view text, EvidenceBuilder* out);

// The whole of `s` (ASCII blanks around it allowed) as a finite number in
// JSON-like syntax ("12", "-3.5", "1e3"); nullopt for "", "1.2.3", "inf", "0x1".
std::optional<double> ParseFiniteNumber(std::string_view s);

// A Vietnamese-style date "dd/mm/yyyy" (also "d/m/yyyy") naming a real day.
std::optional<Date> ParseDayMonthYear(std::string_view s);

// Shortest round-trip text of a number, for messages: 0.1 -> "0.1".
std::string FormatNumber(double v);

// `s` quoted and cut to about 40 bytes on a UTF-8 boundary, for messages.
std::string QuoteForMessage(std::string_view s);

// The UTF-8 byte order mark: skipped at the start of a JSON or CSV text,
// written before CSV meant for Excel.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// `s` without the spaces and tabs around it (CSV cells and "# key: value" lines).
std::string_view TrimBlanks(std::string_view s);

}  // namespace cchc::evidence_internal

#endif  // CCHC_EVIDENCE_VALIDATE_H_
