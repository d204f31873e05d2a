// The CSV evidence writer, the loader's mirror: every rule here answers one
// in csv_loader.cc (leading "# key: value" lines, separators, quoting, the
// decimal comma only in declared number cells), and WriteEvidenceCsv reads
// its own output back to prove it.
#include "evidence/csv_writer.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "criteria/date.h"
#include "evidence/loader.h"
#include "evidence/validate.h"

namespace cchc {

namespace {

using evidence_internal::FormatNumber;
using evidence_internal::kUtf8Bom;
using evidence_internal::ParseFiniteNumber;
using evidence_internal::TrimBlanks;

// The key of a "# key: value" line as the loader reads it, or "" when the
// line is a plain comment.
std::string_view CommentKey(std::string_view line, std::string_view* value) {
  line.remove_prefix(1);  // '#'
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) return {};
  std::string_view key = TrimBlanks(line.substr(0, colon));
  for (char c : key) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '.';
    if (!word) return {};
  }
  *value = TrimBlanks(line.substr(colon + 1));
  return key;
}

bool IsUnitKey(std::string_view key) {
  return key == "unit.code" || key == "unit.name" || key == "unit.province" || key == "year" ||
         key == "as_of";
}

// A separator the writer can use: one ASCII byte that is no quote, line end
// or comment mark, and not a letter or digit (a value would be full of them).
bool UsableSeparator(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (c == '\t') return true;
  if (u <= 0x20 || u >= 0x7F) return false;
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return false;
  return c != '"' && c != '#' && c != '.' && c != '-' && c != '%';
}

// The separator LoadEvidenceCsv finds in an undeclared header line: whichever
// of ',' ';' and tab it has most of outside quotes (',' on a tie).
char DetectSeparator(std::string_view line) {
  size_t comma = 0, semicolon = 0, tab = 0;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    comma += c == ',';
    semicolon += c == ';';
    tab += c == '\t';
  }
  return semicolon > comma && semicolon >= tab ? ';' : tab > comma && tab > semicolon ? '\t' : ',';
}

// The cells of one header line (quotes as RFC 4180; a header never spans lines).
std::vector<std::string> SplitHeader(std::string_view line, char sep) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cells.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cells.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == sep) {
      cells.emplace_back();
    } else {
      cells.back() += c;
    }
  }
  return cells;
}

// The shortest text of a percent, in percent units, that the loader's
// "parse, then divide by 100" turns back into exactly `fraction`.
std::string PercentText(double fraction) {
  const double units = fraction * 100.0;
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const double down = std::nextafter(units, -kInf), up = std::nextafter(units, kInf);
  const double candidates[] = {units, down, up, std::nextafter(down, -kInf),
                               std::nextafter(up, kInf)};
  for (int precision = 1; precision <= 17; ++precision) {
    for (double c : candidates) {
      char buf[64];
      auto [end, ec] =
          std::to_chars(buf, buf + sizeof buf, c, std::chars_format::general, precision);
      if (ec != std::errc()) continue;
      std::string text(buf, end);
      std::optional<double> back = ParseFiniteNumber(text);
      if (back && *back / 100.0 == fraction) return text;
    }
  }
  return FormatNumber(units);  // the nearest; see SameValue
}

bool NumericDecl(const Criteria* schema, const std::string& kind, const std::string& field) {
  const FieldDecl* decl = nullptr;
  if (schema != nullptr) {
    decl = FindField(*schema, kind, field);
  } else {
    for (const FieldDecl& f : CommonFields()) {
      if (f.name == field) decl = &f;
    }
  }
  return decl != nullptr && (decl->type == FieldType::kNumber || decl->type == FieldType::kCount ||
                             decl->type == FieldType::kPercent);
}

std::string CellText(const Value& v, bool decimal_comma) {
  std::string text;
  switch (v.type) {
    case ValueType::kMissing:
      return text;
    case ValueType::kNumber:
      text = FormatNumber(v.number);
      break;
    case ValueType::kPercent:
      text = PercentText(v.number);
      break;
    case ValueType::kDate:
      return FormatIsoDate(v.date);
    case ValueType::kString:
      return v.text;
    case ValueType::kBool:
      return v.boolean ? "true" : "false";
  }
  if (decimal_comma) {
    if (size_t dot = text.find('.'); dot != std::string::npos) text[dot] = ',';
  }
  return text;
}

// Appends a cell, quoted when it holds the separator, a quote, a line end, or
// blanks at an end (kept by the loader, but easily lost by hand editing), or
// when `force` says so.
void AppendCell(std::string_view cell, char sep, std::string* out, bool force = false) {
  const bool quote =
      force || cell.find_first_of(std::string{sep, '"', '\n', '\r'}) != std::string::npos ||
      (!cell.empty() &&
       (cell.front() == ' ' || cell.front() == '\t' || cell.back() == ' ' || cell.back() == '\t'));
  if (!quote) {
    out->append(cell);
    return;
  }
  *out += '"';
  for (char c : cell) {
    if (c == '"') *out += '"';
    *out += c;
  }
  *out += '"';
}

bool SameValue(const Value& a, const Value& b) {
  if (a.type != b.type) return false;
  switch (a.type) {
    case ValueType::kMissing:
      return true;
    case ValueType::kNumber:
      return a.number == b.number && std::signbit(a.number) == std::signbit(b.number);
    case ValueType::kPercent:
      // A fraction that no decimal text divided by 100 gives (only an Excel
      // percent cell holds one) comes back as its neighbour.
      return a.number == b.number || std::nextafter(a.number, b.number) == b.number;
    case ValueType::kDate:
      return a.date == b.date;
    case ValueType::kString:
      return a.text == b.text;
    case ValueType::kBool:
      return a.boolean == b.boolean;
  }
  return false;
}

std::string Quoted(std::string_view s) { return evidence_internal::QuoteForMessage(s); }

std::string Shown(const Value* v) {
  if (v == nullptr || v->missing()) return "an absent field";
  switch (v->type) {
    case ValueType::kNumber:
      return "the number " + FormatNumber(v->number);
    case ValueType::kPercent:
      return "the percent " + FormatNumber(v->number * 100) + "%";
    case ValueType::kDate:
      return "the date " + FormatIsoDate(v->date);
    case ValueType::kString:
      return "the text " + Quoted(v->text);
    case ValueType::kBool:
      return v->boolean ? "true" : "false";
    case ValueType::kMissing:
      break;
  }
  return "?";
}

// What of `want` does not come back in `got`, one sentence each.
void Compare(const Evidence& want, const Evidence& got, std::vector<std::string>* losses) {
  auto unit = [&](const char* key, const std::string& a, const std::string& b) {
    if (a == b) return;
    losses->push_back(std::string("the ") + key + " " + Quoted(a) +
                      " cannot be written on a CSV comment line (no line breaks, no blanks at "
                      "either end)");
  };
  unit("unit.code", want.unit.code, got.unit.code);
  unit("unit.name", want.unit.name, got.unit.name);
  unit("unit.province", want.unit.province, got.unit.province);
  if (want.year != got.year) losses->push_back("the year does not read back");
  if (want.as_of != got.as_of) losses->push_back("as_of does not read back");
  if (!want.appraisals.empty()) {
    losses->push_back("a CSV file carries no appraisal; the " +
                      std::to_string(want.appraisals.size()) +
                      " appraisal entries need a JSON evidence file");
  }
  if (want.records.size() != got.records.size()) {
    losses->push_back(std::to_string(want.records.size()) + " records read back as " +
                      std::to_string(got.records.size()));
    return;
  }
  for (size_t i = 0; i < want.records.size(); ++i) {
    const Record& a = want.records[i];
    const Record& b = got.records[i];
    const std::string at = "record " + Quoted(a.id);
    if (a.id != b.id || a.kind != b.kind) {
      losses->push_back(at + " (kind " + Quoted(a.kind) + ") reads back as record " + Quoted(b.id) +
                        " (kind " + Quoted(b.kind) + ")");
      continue;
    }
    for (const auto& [name, value] : a.fields) {
      if (value.missing()) continue;
      const Value* back = b.Find(name);
      if (back != nullptr && SameValue(value, *back)) continue;
      std::string why =
          at + " field " + Quoted(name) + ": " + Shown(&value) + " reads back as " + Shown(back);
      if (value.type == ValueType::kString && value.text.empty()) {
        why += " (in CSV an empty cell is an absent field)";
      }
      losses->push_back(std::move(why));
    }
    for (const auto& [name, value] : b.fields) {
      const Value* wanted = a.Find(name);
      if (wanted == nullptr || wanted->missing()) {
        losses->push_back(at + " field " + Quoted(name) + " appears, as " + Shown(&value));
      }
    }
  }
}

}  // namespace

CsvStyle ReadCsvStyle(std::string_view text) {
  CsvStyle style;
  if (text.starts_with(kUtf8Bom)) {
    style.bom = true;
    text.remove_prefix(kUtf8Bom.size());
  }
  if (size_t lf = text.find('\n'); lf != std::string_view::npos) {
    style.crlf = lf > 0 && text[lf - 1] == '\r';
  }
  char declared = 0;
  size_t pos = 0;
  std::string_view header;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = end + 1;
    if (TrimBlanks(line).empty()) continue;
    if (line.front() == '#') {
      std::string_view value;
      const std::string_view key = CommentKey(line, &value);
      if (key == "separator") {
        const char c = value == "tab" ? '\t' : value.size() == 1 ? value[0] : '\0';
        if (c == ',' || c == ';' || c == '\t') {
          declared = c;
          style.separator_line = CsvStyle::SeparatorLine::kComment;
        }
      } else if (key == "decimal") {
        style.decimal_comma = value == ",";
      } else if (!IsUnitKey(key)) {
        style.comments.emplace_back(line);
      }
      continue;
    }
    if (line.size() == 5 && line.starts_with("sep=")) {
      declared = line[4];
      style.separator_line = CsvStyle::SeparatorLine::kExcel;
      continue;
    }
    header = line;
    break;
  }
  if (declared == 0) declared = DetectSeparator(header);
  if (!UsableSeparator(declared)) {
    declared = ',';
    style.separator_line = CsvStyle::SeparatorLine::kNone;
  }
  style.separator = declared;
  for (const std::string& cell : SplitHeader(header, declared)) {
    std::string name(TrimBlanks(cell));
    if (name.empty()) continue;
    bool seen = false;
    for (const std::string& c : style.columns) seen = seen || c == name;
    if (!seen) style.columns.push_back(std::move(name));
  }
  if (header.empty()) style.columns.clear();
  return style;
}

std::string EvidenceToCsv(const Evidence& evidence, const Criteria* schema, const CsvStyle& style) {
  const char sep = UsableSeparator(style.separator) ? style.separator : ',';
  const std::string_view eol = style.crlf ? "\r\n" : "\n";

  // Columns: id and kind first unless the original put them elsewhere.
  std::vector<std::string> columns;
  auto add = [&](const std::string& name) {
    for (const std::string& c : columns) {
      if (c == name) return;
    }
    columns.push_back(name);
  };
  bool has_id = false, has_kind = false;
  for (const std::string& c : style.columns) {
    has_id = has_id || c == "id";
    has_kind = has_kind || c == "kind";
  }
  if (!has_id || !has_kind) {
    add("id");
    add("kind");
  }
  for (const std::string& c : style.columns) add(c);
  for (const Record& r : evidence.records) {
    for (const auto& [name, value] : r.fields) {
      if (!value.missing() && name != "id" && name != "kind") add(name);
    }
  }
  std::string header;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) header += sep;
    // A header starting like a comment or Excel's "sep=" line is quoted.
    const std::string& name = columns[i];
    AppendCell(name, sep, &header, i == 0 && (name.starts_with('#') || name.starts_with("sep=")));
  }
  // Undeclared, the loader guesses the separator from the header's first
  // line; declare it where the guess would be wrong.
  CsvStyle::SeparatorLine declare = style.separator_line;
  if (declare == CsvStyle::SeparatorLine::kNone &&
      DetectSeparator(std::string_view(header).substr(0, header.find('\n'))) != sep) {
    declare = sep == ',' || sep == ';' || sep == '\t' ? CsvStyle::SeparatorLine::kComment
                                                      : CsvStyle::SeparatorLine::kExcel;
  }

  std::string out;
  if (style.bom) out += kUtf8Bom;
  if (declare == CsvStyle::SeparatorLine::kExcel) {
    out += "sep=";
    out += sep;
    out += eol;
  }
  for (const std::string& c : style.comments) {
    if (c.empty() || c.front() != '#' || c.find_first_of("\r\n") != std::string::npos) continue;
    out += c;
    out += eol;
  }
  auto key = [&](std::string_view k, std::string_view value) {
    if (value.empty()) return;
    out += "# ";
    out += k;
    out += ": ";
    // A comment line ends at the line end: what follows a break is lost
    // (and reported by WriteEvidenceCsv), never read as a row. The loader
    // drops one '\r' before it, so a value ending in '\r' gets another.
    value = value.substr(0, value.find('\n'));
    out += value;
    if (value.ends_with('\r') && !style.crlf) out += '\r';
    out += eol;
  };
  key("unit.code", evidence.unit.code);
  key("unit.name", evidence.unit.name);
  key("unit.province", evidence.unit.province);
  if (evidence.year != 0) key("year", std::to_string(evidence.year));
  if (evidence.as_of) key("as_of", FormatIsoDate(*evidence.as_of));
  if (declare == CsvStyle::SeparatorLine::kComment) {
    key("separator", sep == '\t' ? "tab" : std::string(1, sep));
  }
  if (style.decimal_comma) key("decimal", ",");
  out += header;
  out += eol;
  for (const Record& r : evidence.records) {
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) out += sep;
      const std::string& name = columns[i];
      if (name == "id") {
        AppendCell(r.id, sep, &out);
      } else if (name == "kind") {
        AppendCell(r.kind, sep, &out);
      } else if (const Value* v = r.Find(name)) {
        const bool comma = style.decimal_comma && NumericDecl(schema, r.kind, name);
        AppendCell(CellText(*v, comma), sep, &out);
      }
    }
    out += eol;
  }
  return out;
}

CsvOutput WriteEvidenceCsv(const Evidence& evidence, const Criteria* schema,
                           const CsvStyle& style) {
  CsvOutput out;
  out.text = EvidenceToCsv(evidence, schema, style);
  out.read_back = LoadEvidenceCsv(out.text, evidence.source, schema);
  for (const EvidenceIssue& issue : out.read_back.issues) {
    if (issue.severity == Severity::kError) out.losses.push_back(RenderIssue(issue));
  }
  Compare(evidence, out.read_back.evidence, &out.losses);
  return out;
}

}  // namespace cchc
