// Typing raw evidence values against the criteria's record declarations, and
// the checks that need the whole file: duplicate ids, the record count.
#include "evidence/validate.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <utility>

#include "criteria/date.h"
#include "criteria/formatter.h"
#include "criteria/source.h"
#include "evidence/invariant.h"

namespace cchc::evidence_internal {

namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

// "declared date for kind \"plan\"" / "a common date field".
std::string DeclaredAs(const FieldDecl& decl, std::string_view kind) {
  return std::string("declared ") + FieldTypeName(decl.type) +
         (kind.empty() ? std::string() : " in record kind \"" + std::string(kind) + "\"");
}

const char* Expected(FieldType t) {
  switch (t) {
    case FieldType::kNumber:
      return "a number";
    case FieldType::kCount:
      return "a whole number >= 0";
    case FieldType::kPercent:
      return "a percent such as 96.2 or \"96.2%\"";
    case FieldType::kDate:
      return "a date \"YYYY-MM-DD\"";
    case FieldType::kString:
      return "a string";
    case FieldType::kBool:
      return "true or false";
  }
  return "?";
}

// The percent text "96.2%" (or "96.2" from a CSV cell) as a fraction.
std::optional<double> ParsePercentText(std::string_view s, bool require_sign) {
  s = Trim(s);
  const bool has_sign = !s.empty() && s.back() == '%';
  if (has_sign) s.remove_suffix(1);
  if (require_sign && !has_sign) return std::nullopt;
  std::optional<double> v = ParseFiniteNumber(s);
  if (!v) return std::nullopt;
  return *v / 100.0;
}

}  // namespace

std::optional<double> ParseFiniteNumber(std::string_view s) {
  s = Trim(s);
  if (s.empty()) return std::nullopt;
  // from_chars accepts "inf", "nan" and hex-free forms only; also refuse a
  // leading '.' or trailing '.' that JSON would reject, keeping one grammar.
  const char first = s[0] == '-' ? (s.size() > 1 ? s[1] : '\0') : s[0];
  if (first < '0' || first > '9') return std::nullopt;
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  if (s.back() == '.') return std::nullopt;
  return v;
}

std::optional<Date> ParseDayMonthYear(std::string_view s) {
  s = Trim(s);
  int part[3] = {0, 0, 0};
  size_t digits[3] = {0, 0, 0};
  int k = 0;
  for (char c : s) {
    if (c == '/') {
      if (++k > 2) return std::nullopt;
    } else if (c >= '0' && c <= '9') {
      if (++digits[k] > 4) return std::nullopt;
      part[k] = part[k] * 10 + (c - '0');
    } else {
      return std::nullopt;
    }
  }
  if (k != 2 || digits[0] < 1 || digits[0] > 2 || digits[1] < 1 || digits[1] > 2 ||
      digits[2] != 4) {
    return std::nullopt;
  }
  if (!IsValidCivilDate(part[2], part[1], part[0])) return std::nullopt;
  return FromCivil(part[2], part[1], part[0]);
}

std::string FormatNumber(double v) {
  char buf[64];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);
  if (ec != std::errc()) return "?";
  return std::string(buf, ptr);
}

std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string QuoteForMessage(std::string_view s) {
  constexpr size_t kMax = 40;
  size_t cut = s.size();
  if (cut > kMax) {
    cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  }
  // Appends, not operator+: GCC 12 warns falsely (-Wrestrict) on "\"" + str.
  std::string out;
  out.reserve(cut + 5);
  out += '"';
  out.append(s.data(), cut);
  if (cut < s.size()) out += "...";
  out += '"';
  return out;
}

EvidenceBuilder::EvidenceBuilder(EvidenceLoad* out, const std::string& file, const Criteria* schema,
                                 const EvidenceLimits& limits)
    : out_(out), file_(file), schema_(schema), limits_(limits) {
  out_->evidence.source = file;
}

bool EvidenceBuilder::Report(EvidenceCode code, Severity severity, uint32_t line, uint32_t column,
                             std::string_view record_id, std::string_view field,
                             std::string message) {
  if (stopped_) return false;
  EvidenceIssue issue;
  issue.severity = severity;
  issue.code = EvidenceCodeName(code, severity);
  issue.file = file_;
  issue.line = line;
  issue.column = column;
  if (namer_ && column > 0) {
    issue.file += ':' + namer_(line, column);
    issue.line = issue.column = 0;
  }
  issue.record_id = std::string(record_id);
  issue.field = std::string(field);
  issue.message = std::move(message);
  out_->issues.push_back(std::move(issue));
  if (severity == Severity::kError && ++errors_ >= limits_.max_errors) {
    EvidenceIssue stop;
    stop.code = EvidenceCodeName(EvidenceCode::kTooManyIssues, Severity::kError);
    stop.file = file_;
    stop.line = line;
    stop.message = "too many errors (" + std::to_string(errors_) + "); stopped reading";
    out_->issues.push_back(std::move(stop));
    stopped_ = true;
  }
  return !stopped_;
}

const FieldDecl* EvidenceBuilder::Declared(std::string_view kind, std::string_view field) const {
  return FieldIn(kind.empty() ? nullptr : KindDecl(kind), field);
}

const RecordDecl* EvidenceBuilder::KindDecl(std::string_view kind) const {
  if (schema_ == nullptr) return nullptr;
  for (const RecordDecl& r : schema_->records) {
    if (r.kind == kind) return &r;
  }
  return nullptr;
}

const FieldDecl* EvidenceBuilder::FieldIn(const RecordDecl* decl, std::string_view field) {
  if (decl != nullptr) {
    for (const FieldDecl& f : decl->fields) {
      if (f.name == field) return &f;
    }
  }
  for (const FieldDecl& f : CommonFields()) {
    if (f.name == field) return &f;
  }
  return nullptr;
}

namespace {

void Set(Value* out, ValueType type, double number = 0, Date date = {}, bool boolean = false) {
  out->type = type;
  out->number = number;
  out->date = date;
  out->boolean = boolean;
  out->text.clear();
}

// Constrained's test, without the message.
bool InRange(const Value& v, const FieldDecl& decl) {
  const bool percent = decl.type == FieldType::kPercent;
  if (!decl.has_range && !percent) return true;
  const double lo = decl.has_range ? decl.lo : 0.0;
  const double hi = decl.has_range ? decl.hi : 1.0;
  return v.number >= lo && v.number <= hi;
}

}  // namespace

bool EvidenceBuilder::TypeNumber(double v, const FieldDecl* decl, Value* out) {
  if (decl == nullptr) {
    Set(out, ValueType::kNumber, v);
    return true;
  }
  switch (decl->type) {
    case FieldType::kNumber:
      Set(out, ValueType::kNumber, v);
      return InRange(*out, *decl);
    case FieldType::kPercent:
      Set(out, ValueType::kPercent, v / 100.0);
      return InRange(*out, *decl);
    case FieldType::kCount:
      if (v < 0 || v != std::floor(v)) return false;
      Set(out, ValueType::kNumber, v);
      return InRange(*out, *decl);
    default:
      return false;
  }
}

bool EvidenceBuilder::TypeString(std::string_view s, const FieldDecl* decl, Value* out) {
  if (decl == nullptr || decl->type == FieldType::kString) {
    Set(out, ValueType::kString);
    out->text.assign(s);
    return decl == nullptr || decl->one_of.empty() ||
           std::find(decl->one_of.begin(), decl->one_of.end(), s) != decl->one_of.end();
  }
  if (decl->type == FieldType::kDate) {
    std::optional<Date> d = ParseIsoDate(s);
    if (!d) return false;
    Set(out, ValueType::kDate, 0, *d);
    return true;
  }
  if (decl->type == FieldType::kPercent) {
    std::optional<double> f = ParsePercentText(s, /*require_sign=*/true);
    if (!f) return false;
    Set(out, ValueType::kPercent, *f);
    return InRange(*out, *decl);
  }
  return false;
}

bool EvidenceBuilder::TypeBool(bool b, const FieldDecl* decl, Value* out) {
  if (decl != nullptr && decl->type != FieldType::kBool) return false;
  Set(out, ValueType::kBool, 0, {}, b);
  return true;
}

Value EvidenceBuilder::FromNumber(double v, const FieldDecl* decl, const FieldPlace& at) {
  if (decl == nullptr) return CheckKnownField(at) ? Value::Number(v) : Value();
  switch (decl->type) {
    case FieldType::kNumber:
      return Constrained(Value::Number(v), *decl, at);
    case FieldType::kPercent:
      return Constrained(Value::Percent(v / 100.0), *decl, at);
    case FieldType::kCount:
      if (v < 0) {
        Error(EvidenceCode::kBadCount, at,
              "a count cannot be negative, got " + FormatNumber(v) + " (" +
                  DeclaredAs(*decl, at.kind) + ")");
        return Value();
      }
      if (v != std::floor(v)) {
        Error(EvidenceCode::kBadCount, at,
              "a count must be a whole number, got " + FormatNumber(v) + " (" +
                  DeclaredAs(*decl, at.kind) + ")");
        return Value();
      }
      return Constrained(Value::Number(v), *decl, at);
    default:
      Error(EvidenceCode::kWrongType, at,
            std::string("expected ") + Expected(decl->type) + ", got the number " +
                FormatNumber(v) + " (" + DeclaredAs(*decl, at.kind) + ")");
      return Value();
  }
}

namespace {

// The E507 message for a date field's text that is not YYYY-MM-DD; a real
// day written the Vietnamese way (dd/mm/yyyy) is shown as it must be written.
std::string BadDateMessage(std::string_view text) {
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    return QuoteForMessage(text) + " is not a real day";
  }
  std::string message = "expected a date \"YYYY-MM-DD\", got " + QuoteForMessage(text);
  if (std::optional<Date> d = ParseDayMonthYear(text)) {
    message += "; written day first, write it \"" + FormatIsoDate(*d) + "\"";
  }
  return message;
}

}  // namespace

Value EvidenceBuilder::FromString(std::string s, const FieldDecl* decl, const FieldPlace& at) {
  if (decl == nullptr) return CheckKnownField(at) ? Value::String(std::move(s)) : Value();
  if (decl->type == FieldType::kString) return Constrained(Value::String(std::move(s)), *decl, at);
  if (decl->type == FieldType::kDate) {
    if (std::optional<Date> d = ParseIsoDate(s)) return Value::OfDate(*d);
    Error(EvidenceCode::kBadDate, at, BadDateMessage(s));
    return Value();
  }
  if (decl->type == FieldType::kPercent) {
    if (std::optional<double> f = ParsePercentText(s, /*require_sign=*/true)) {
      return Constrained(Value::Percent(*f), *decl, at);
    }
  }
  Error(EvidenceCode::kWrongType, at,
        std::string("expected ") + Expected(decl->type) + ", got the string " + QuoteForMessage(s) +
            " (" + DeclaredAs(*decl, at.kind) + ")");
  return Value();
}

Value EvidenceBuilder::FromBool(bool b, const FieldDecl* decl, const FieldPlace& at) {
  if (decl == nullptr) return CheckKnownField(at) ? Value::Bool(b) : Value();
  if (decl->type == FieldType::kBool) return Value::Bool(b);
  Error(EvidenceCode::kWrongType, at,
        std::string("expected ") + Expected(decl->type) + ", got " + (b ? "true" : "false") + " (" +
            DeclaredAs(*decl, at.kind) + ")");
  return Value();
}

namespace {

std::optional<bool> ParseBoolText(std::string_view s) {
  s = Trim(s);
  auto equals = [s](std::string_view word) {
    if (s.size() != word.size()) return false;
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != word[i]) return false;
    }
    return true;
  };
  if (equals("true")) return true;
  if (equals("false")) return false;
  return std::nullopt;
}

// Có / Không in any case, NFC or decomposed (the form Excel drop-downs and
// Vietnamese keyboards produce), for declared booleans only.
std::optional<bool> ParseVietnameseBool(std::string_view s) {
  s = Trim(s);
  std::string l;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    l += c;
    // Ó (C3 93) -> ó (C3 B3), Ô (C3 94) -> ô (C3 B4).
    if (c == '\xC3' && i + 1 < s.size() && (s[i + 1] == '\x93' || s[i + 1] == '\x94')) {
      l += static_cast<char>(s[++i] + 0x20);
    }
  }
  if (l == "c\xC3\xB3" || l == "co\xCC\x81") return true;
  if (l == "kh\xC3\xB4ng" || l == "kho\xCC\x82ng") return false;
  return std::nullopt;
}

}  // namespace

Value EvidenceBuilder::FromCell(std::string_view cell, const FieldDecl* decl,
                                const FieldPlace& at) {
  if (decl == nullptr) {
    if (!CheckKnownField(at)) return Value();
    // Spreadsheet exports carry no types: infer the natural one.
    if (std::optional<double> v = ParseFiniteNumber(cell)) return Value::Number(*v);
    if (std::optional<bool> b = ParseBoolText(cell)) return Value::Bool(*b);
    return Value::String(std::string(cell));
  }
  switch (decl->type) {
    case FieldType::kString:
      return Constrained(Value::String(std::string(cell)), *decl, at);
    case FieldType::kDate:
      if (std::optional<Date> d = ParseDayMonthYear(cell)) return Value::OfDate(*d);
      return FromString(std::string(Trim(cell)), decl, at);
    case FieldType::kPercent:
      if (std::optional<double> f = ParsePercentText(cell, /*require_sign=*/false)) {
        return Constrained(Value::Percent(*f), *decl, at);
      }
      break;
    case FieldType::kNumber:
    case FieldType::kCount:
      if (std::optional<double> v = ParseFiniteNumber(cell)) return FromNumber(*v, decl, at);
      break;
    case FieldType::kBool:
      if (std::optional<bool> b = ParseBoolText(cell)) return Value::Bool(*b);
      if (std::optional<bool> b = ParseVietnameseBool(cell)) return Value::Bool(*b);
      break;
  }
  Error(EvidenceCode::kWrongType, at,
        std::string("expected ") + Expected(decl->type) + ", got " + QuoteForMessage(cell) + " (" +
            DeclaredAs(*decl, at.kind) + ")");
  return Value();
}

bool EvidenceBuilder::CountRecord(const FieldPlace& at) {
  if (++records_ <= limits_.max_records) return true;
  Error(EvidenceCode::kTooManyRecords, at,
        "more than " + std::to_string(limits_.max_records) + " records; stopped reading");
  stopped_ = true;
  return false;
}

void EvidenceBuilder::AddRecord(Record record) {
  if (!record.id.empty()) {
    auto [it, inserted] = ids_.try_emplace(record.id, record.origin);
    if (!inserted) {
      const RecordOrigin& first = it->second;
      FieldPlace at{record.origin.line, record.origin.column, record.id, record.kind, ""};
      std::string msg = "duplicate id; the first record with this id is at ";
      if (namer_ && first.column > 0) {
        msg += namer_(first.line, first.column);
      } else {
        msg += "line " + std::to_string(first.line);
      }
      if (!namer_ && first.column > 0) {
        msg += ':';
        msg += std::to_string(first.column);
      }
      Error(EvidenceCode::kDuplicateId, at, std::move(msg));
    }
  }
  FieldPlace at{record.origin.line, record.origin.column, record.id, record.kind, "kind"};
  if (!record.kind.empty() && CheckKnownKind(record.kind, at)) {
    if (const RecordDecl* decl = KindDecl(record.kind)) CheckInvariants(record, *decl);
  }
  out_->evidence.records.push_back(std::move(record));
}

namespace {

const RecordDecl* KindOf(const Criteria* schema, std::string_view kind) {
  if (schema == nullptr) return nullptr;
  for (const RecordDecl& r : schema->records) {
    if (r.kind == kind) return &r;
  }
  return nullptr;
}

// "50", "96.2%": a value as the evidence file writes it.
std::string Shown(double v, FieldType type) {
  return type == FieldType::kPercent ? FormatNumber(v * 100.0) + "%" : FormatNumber(v);
}

void NamesIn(const Expr& e, std::vector<std::string>* out, int depth = 0) {
  if (depth > 64) return;
  if (e.kind == ExprKind::kName && std::find(out->begin(), out->end(), e.text) == out->end()) {
    out->push_back(e.text);
  }
  for (const ExprPtr& a : e.args) {
    if (a) NamesIn(*a, out, depth + 1);
  }
}

}  // namespace

std::vector<std::string> EvidenceBuilder::InvariantFields(const RecordDecl& decl) {
  std::vector<std::string> names;
  for (const Invariant& inv : decl.invariants) {
    if (inv.cond) NamesIn(*inv.cond, &names);
  }
  return names;
}

bool EvidenceBuilder::IsUnknownField(std::string_view kind, std::string_view field) const {
  return KindOf(schema_, kind) != nullptr && Declared(kind, field) == nullptr;
}

bool EvidenceBuilder::CheckKnownField(const FieldPlace& at) {
  const RecordDecl* decl = KindOf(schema_, at.kind);
  if (decl == nullptr) return true;  // no schema, or an undeclared kind (E530)
  std::vector<std::string> names;
  for (const FieldDecl& f : decl->fields) names.push_back(f.name);
  for (const FieldDecl& f : CommonFields()) names.push_back(f.name);
  const std::string near = NearestName(at.field, names);
  Error(EvidenceCode::kUnknownField, at,
        "record kind \"" + std::string(at.kind) + "\" has no field \"" + std::string(at.field) +
            "\"" + (near.empty() ? "" : "; did you mean \"" + near + "\"?") +
            " (the criteria declare the fields of each kind; free text goes in \"note\")");
  return false;
}

bool EvidenceBuilder::CheckKnownKind(std::string_view kind, const FieldPlace& at) {
  if (schema_ == nullptr || KindOf(schema_, kind) != nullptr) return true;
  std::vector<std::string> kinds;
  for (const RecordDecl& r : schema_->records) kinds.push_back(r.kind);
  const std::string near = NearestName(kind, kinds);
  Error(EvidenceCode::kUnknownKind, at,
        "the criteria declare no record kind \"" + std::string(kind) + "\"" +
            (near.empty() ? "" : "; did you mean \"" + near + "\"?"));
  return false;
}

Value EvidenceBuilder::Constrained(Value v, const FieldDecl& decl, const FieldPlace& at) {
  if (v.type == ValueType::kNumber || v.type == ValueType::kPercent) {
    const bool percent = decl.type == FieldType::kPercent;
    if (!decl.has_range && !percent) return v;
    const double lo = decl.has_range ? decl.lo : 0.0;
    const double hi = decl.has_range ? decl.hi : 1.0;
    if (v.number >= lo && v.number <= hi) return v;
    Error(EvidenceCode::kOutOfRange, at,
          Shown(v.number, decl.type) + " is outside " + Shown(lo, decl.type) + ".." +
              Shown(hi, decl.type) + " (" +
              (decl.has_range ? "the declared range of \"" + decl.name + "\""
                              : std::string("a percent lies in 0..100")) +
              "); correct the value or the declaration");
    return Value();
  }
  if (v.type == ValueType::kString && !decl.one_of.empty()) {
    if (std::find(decl.one_of.begin(), decl.one_of.end(), v.text) != decl.one_of.end()) return v;
    std::string all;
    for (const std::string& o : decl.one_of) all += (all.empty() ? "\"" : ", \"") + o + "\"";
    const std::string near = NearestName(v.text, decl.one_of);
    Error(EvidenceCode::kNotInEnum, at,
          QuoteForMessage(v.text) + " is not one of " + all +
              (near.empty() ? "" : "; did you mean \"" + near + "\"?"));
    return Value();
  }
  return v;
}

void EvidenceBuilder::CheckInvariants(const Record& record, const RecordDecl& decl) {
  for (const Invariant& inv : decl.invariants) {
    if (!inv.cond) continue;
    std::optional<bool> ok = EvalInvariant(*inv.cond, record);
    if (!ok || *ok) continue;
    std::vector<std::string> names;
    NamesIn(*inv.cond, &names);
    std::string values;
    for (const std::string& n : names) {
      const Value* v = record.Find(n);
      if (v == nullptr || (v->type != ValueType::kNumber && v->type != ValueType::kPercent)) {
        continue;
      }
      values += (values.empty() ? "" : ", ") + n + " = " +
                (v->type == ValueType::kPercent ? FormatNumber(v->number * 100) + "%"
                                                : FormatNumber(v->number));
    }
    FieldPlace at{record.origin.line, record.origin.column, record.id, record.kind,
                  names.empty() ? std::string_view() : std::string_view(names.front())};
    Error(EvidenceCode::kInvariant, at,
          "breaks `require " + FormatExpr(*inv.cond) + "`" +
              (values.empty() ? "" : " (" + values + ")") + "; correct the figures");
  }
}

void EvidenceBuilder::Finish() {
  if (schema_ == nullptr || stopped_) return;
  const Evidence& ev = out_->evidence;
  const int want = schema_->index.year;
  FieldPlace none;
  if (want != 0 && ev.year != want) {
    Error(EvidenceCode::kYearMismatch, none,
          ev.year == 0
              ? "the evidence names no year; the criteria are for " + std::to_string(want) +
                    ": add \"year\": " + std::to_string(want)
              : "the evidence is for " + std::to_string(ev.year) + " but the criteria are for " +
                    std::to_string(want) + "; score it with the " + std::to_string(ev.year) +
                    " criteria or correct the year");
  }
  if (!ev.as_of && UsesAsOf(*schema_)) {
    Error(EvidenceCode::kMissingAsOf, none,
          "the evidence has no as_of date, and the criteria use as_of; add \"as_of\": "
          "\"YYYY-MM-DD\" (CSV: a \"# as_of: YYYY-MM-DD\" line)");
  }
}

void EvidenceBuilder::SetYear(double year, const FieldPlace& at) {
  if (year != std::floor(year)) {
    Error(EvidenceCode::kWrongType, at,
          "the year must be a whole number, got " + FormatNumber(year));
  } else if (year < 1900 || year > 2200) {
    Error(EvidenceCode::kNumberOutOfRange, at,
          "the year " + FormatNumber(year) + " is outside 1900-2200");
  } else {
    out_->evidence.year = static_cast<int>(year);
  }
}

void EvidenceBuilder::SetAsOf(std::string_view text, const FieldPlace& at) {
  if (std::optional<Date> d = ParseIsoDate(Trim(text))) {
    out_->evidence.as_of = *d;
    return;
  }
  Error(EvidenceCode::kBadDate, at, BadDateMessage(text));
}

void Locator::Reset() {
  offset_ = text_.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  line_ = 1;
  column_ = 1;
}

FieldPlace Locator::At(size_t offset) {
  offset = std::min(offset, text_.size());
  if (offset < offset_) Reset();
  for (; offset_ < offset; ++offset_) {
    const unsigned char c = static_cast<unsigned char>(text_[offset_]);
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++column_;
    }
  }
  FieldPlace at;
  at.line = line_;
  at.column = column_;
  return at;
}

bool CheckWholeText(std::string_view text, EvidenceBuilder* out) {
  FieldPlace none;
  if (text.size() > out->limits().max_file_bytes) {
    out->Error(EvidenceCode::kFileTooLarge, none,
               "the file has " + std::to_string(text.size()) + " bytes (limit " +
                   std::to_string(out->limits().max_file_bytes) + ")");
    return false;
  }
  size_t bad = 0;
  if (!IsValidUtf8(text, &bad)) {
    Locator locator(text);
    out->Error(EvidenceCode::kInvalidUtf8, locator.At(bad),
               "invalid UTF-8 at byte " + std::to_string(bad) + "; save the file as UTF-8");
    return false;
  }
  std::string_view rest = text;
  if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);
  if (rest.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    out->Error(EvidenceCode::kEmptyFile, none, "the file is empty");
    return false;
  }
  return true;
}

}  // namespace cchc::evidence_internal
