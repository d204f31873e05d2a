// CSV evidence (RFC 4180) for tabular exports from provincial systems: one
// record per row under a header naming `id`, `kind` and the fields, with
// "# key: value" lines before the header for the unit. Excel's Vietnamese
// exports are read too: ';' separators (detected from the header line, or
// declared), and a decimal comma where the file declares it.
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "evidence/loader.h"
#include "evidence/validate.h"

namespace cchc {

namespace {

using evidence_internal::EvidenceBuilder;
using evidence_internal::FieldPlace;
using evidence_internal::ParseFiniteNumber;
using evidence_internal::QuoteForMessage;
using evidence_internal::TrimBlanks;

struct CsvCell {
  std::string text;
  uint32_t line = 0;  // physical line where the cell starts
  bool quoted = false;
};

// Splits the text into rows of cells. A cell may be quoted ("a, ""b""") and
// then span lines; rows end at LF or CRLF outside quotes.
class CsvReader {
 public:
  CsvReader(std::string_view text, EvidenceBuilder* out) : text_(text), out_(out) {
    if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
  }

  void set_separator(char c) { sep_ = c; }
  bool AtEnd() const { return pos_ >= text_.size(); }
  uint32_t line() const { return line_; }
  // The physical line starting at the current position, without consuming it.
  std::string_view PeekLine() const {
    size_t end = text_.find('\n', pos_);
    std::string_view l = text_.substr(pos_, end == std::string_view::npos ? end : end - pos_);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    return l;
  }
  void SkipLine() {
    size_t end = text_.find('\n', pos_);
    pos_ = end == std::string_view::npos ? text_.size() : end + 1;
    ++line_;
  }

  // Reads one row into *cells (reusing their storage). Returns false when the
  // row is malformed (already reported; the row should be skipped). Sets
  // *fatal when nothing after it can be read (an unclosed quote).
  bool ReadRow(std::vector<CsvCell>* cells, size_t* count, bool* fatal);

 private:
  std::string_view text_;
  EvidenceBuilder* out_;
  size_t pos_ = 0;
  uint32_t line_ = 1;
  char sep_ = ',';
};

bool CsvReader::ReadRow(std::vector<CsvCell>* cells, size_t* count, bool* fatal) {
  *count = 0;
  *fatal = false;
  bool ok = true;
  auto syntax = [&](uint32_t line, size_t column, std::string msg) {
    out_->Report(EvidenceCode::kSyntax, Severity::kError, line, static_cast<uint32_t>(column), {},
                 {}, "malformed CSV: " + std::move(msg));
    ok = false;
  };
  while (true) {
    if (*count == cells->size()) cells->emplace_back();
    CsvCell& cell = (*cells)[(*count)++];
    cell.text.clear();
    cell.line = line_;
    cell.quoted = pos_ < text_.size() && text_[pos_] == '"';
    if (cell.quoted) {
      ++pos_;
      while (true) {
        if (pos_ >= text_.size()) {
          syntax(
              cell.line, *count,
              "a quoted cell is never closed (it opens on line " + std::to_string(cell.line) + ")");
          *fatal = true;
          return false;
        }
        const char c = text_[pos_++];
        if (c == '"') {
          if (pos_ < text_.size() && text_[pos_] == '"') {
            cell.text += '"';
            ++pos_;
            continue;
          }
          break;
        }
        if (c == '\n') ++line_;
        cell.text += c;
      }
      // After the closing quote only a separator or the row's end may follow.
      size_t stray = pos_;
      while (pos_ < text_.size() && text_[pos_] != sep_ && text_[pos_] != '\n' &&
             !(text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n')) {
        ++pos_;
      }
      if (pos_ != stray) {
        syntax(line_, *count,
               "text after the closing quote of a cell: " +
                   QuoteForMessage(text_.substr(stray, pos_ - stray)));
      }
    } else {
      const size_t start = pos_;
      while (pos_ < text_.size() && text_[pos_] != sep_ && text_[pos_] != '\n') ++pos_;
      std::string_view raw = text_.substr(start, pos_ - start);
      if (!raw.empty() && raw.back() == '\r' && (pos_ >= text_.size() || text_[pos_] == '\n')) {
        raw.remove_suffix(1);
      }
      if (raw.find('"') != std::string_view::npos) {
        syntax(line_, *count,
               "a quote inside an unquoted cell; quote the whole cell and double the quote "
               "(\"a \"\"b\"\"\")");
      }
      cell.text.assign(raw);
    }
    if (pos_ >= text_.size()) return ok;
    if (text_[pos_] == sep_) {
      ++pos_;
      continue;
    }
    if (text_[pos_] == '\r') ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
    ++line_;
    return ok;
  }
}

// What "# separator: ;" and "# decimal: ," declare (0: not declared).
struct CsvConventions {
  char separator = 0;
  bool decimal_comma = false;
};

// "# unit.code: AK": sets the unit. Lines that do not look like "# key: value"
// with a one-word key are plain comments.
void ReadCommentLine(std::string_view line, uint32_t line_no, EvidenceBuilder* out,
                     CsvConventions* conventions) {
  line.remove_prefix(1);  // '#'
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return;
  std::string_view key = TrimBlanks(line.substr(0, colon));
  std::string_view value = TrimBlanks(line.substr(colon + 1));
  if (key.empty()) return;
  for (char c : key) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '.';
    if (!word) return;
  }
  FieldPlace at;
  at.line = line_no;
  at.field = key;
  Unit& unit = out->evidence().unit;
  if (key == "unit.code") {
    unit.code = std::string(value);
  } else if (key == "unit.name") {
    unit.name = std::string(value);
  } else if (key == "unit.province") {
    unit.province = std::string(value);
  } else if (key == "year") {
    if (std::optional<double> y = ParseFiniteNumber(value)) {
      out->SetYear(*y, at);
    } else {
      out->Error(EvidenceCode::kWrongType, at,
                 "the year is a number such as 2026, got " + QuoteForMessage(value));
    }
  } else if (key == "as_of") {
    if (std::optional<Date> d = evidence_internal::ParseDayMonthYear(value)) {
      out->evidence().as_of = *d;
    } else {
      out->SetAsOf(value, at);
    }
  } else if (key == "separator" || key == "decimal") {
    const char c = value == "tab" ? '\t' : value.size() == 1 ? value[0] : '\0';
    const bool ok =
        key == "separator" ? (c == ',' || c == ';' || c == '\t') : (c == ',' || c == '.');
    if (!ok) {
      out->Error(EvidenceCode::kSyntax, at,
                 key == "separator" ? "the separator is , ; or tab, got " + QuoteForMessage(value)
                                    : "the decimal mark is , or ., got " + QuoteForMessage(value));
    } else if (key == "separator") {
      conventions->separator = c;
    } else {
      conventions->decimal_comma = c == ',';
    }
  } else {
    out->Warning(EvidenceCode::kUnknownKey, at,
                 "unknown key " + QuoteForMessage(key) +
                     " in a comment line; known keys: unit.code, unit.name, unit.province, "
                     "year, as_of, separator, decimal; ignored");
  }
}

bool AllEmpty(const std::vector<CsvCell>& cells, size_t count) {
  for (size_t i = 0; i < count; ++i) {
    if (!cells[i].text.empty() || cells[i].quoted) return false;
  }
  return true;
}

}  // namespace

EvidenceLoad LoadEvidenceCsv(std::string_view text, const std::string& file_name,
                             const Criteria* schema, const EvidenceLimits& limits) {
  EvidenceLoad load;
  EvidenceBuilder out(&load, file_name, schema, limits);
  if (!evidence_internal::CheckWholeText(text, &out)) return load;
  CsvReader reader(text, &out);
  CsvConventions conventions;

  // Leading comment and blank lines, and Excel's "sep=;" line.
  while (!reader.AtEnd()) {
    std::string_view line = reader.PeekLine();
    if (TrimBlanks(line).empty()) {
      reader.SkipLine();
    } else if (line.front() == '#') {
      ReadCommentLine(line, reader.line(), &out, &conventions);
      reader.SkipLine();
    } else if (line.size() == 5 && line.starts_with("sep=")) {
      conventions.separator = line[4];
      reader.SkipLine();
    } else {
      break;
    }
  }
  if (!reader.AtEnd()) {
    // Undeclared, the separator is whichever of ',' ';' and tab the header
    // line has most of outside quotes (Excel in a Vietnamese locale saves ';').
    char sep = conventions.separator;
    if (sep == 0) {
      size_t comma = 0, semicolon = 0, tab = 0;
      bool quoted = false;
      for (char c : reader.PeekLine()) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        comma += c == ',';
        semicolon += c == ';';
        tab += c == '\t';
      }
      sep = semicolon > comma && semicolon >= tab ? ';'
            : tab > comma && tab > semicolon      ? '\t'
                                                  : ',';
    }
    reader.set_separator(sep);
  }
  if (reader.AtEnd()) {
    out.Report(EvidenceCode::kCsvHeader, Severity::kError, reader.line(), 0, {}, {},
               "no header row (a first row such as \"id,kind,issued,...\")");
    return load;
  }

  // The header.
  std::vector<CsvCell> cells;
  size_t count = 0;
  bool fatal = false;
  const uint32_t header_line = reader.line();
  if (!reader.ReadRow(&cells, &count, &fatal)) {
    out.Report(EvidenceCode::kCsvHeader, Severity::kError, header_line, 0, {}, {},
               "the header row is malformed; stopped reading");
    return load;
  }
  std::vector<std::string> names(count);
  std::unordered_map<std::string_view, size_t> seen;
  size_t id_col = count, kind_col = count;
  for (size_t i = 0; i < count; ++i) {
    names[i] = std::string(TrimBlanks(cells[i].text));
  }
  for (size_t i = 0; i < count; ++i) {
    const std::string& name = names[i];
    if (name.empty()) continue;  // tolerated while the column stays empty
    if (auto [it, inserted] = seen.try_emplace(name, i); !inserted) {
      out.Report(EvidenceCode::kCsvDuplicateColumn, Severity::kError, header_line,
                 static_cast<uint32_t>(i + 1), {}, name,
                 "column " + QuoteForMessage(name) + " appears twice (first as column " +
                     std::to_string(it->second + 1) + ")");
      continue;
    }
    if (name == "id") id_col = i;
    if (name == "kind") kind_col = i;
  }
  if (id_col == count || kind_col == count) {
    out.Report(EvidenceCode::kCsvHeader, Severity::kError, header_line, 0, {}, {},
               std::string("the header has no \"") + (id_col == count ? "id" : "kind") +
                   "\" column; every row needs an id and a kind");
    return load;
  }
  const size_t width = count;

  // The records.
  const size_t max_cell = limits.max_string_bytes;
  while (!reader.AtEnd() && !out.stopped()) {
    const uint32_t row_line = reader.line();
    const bool row_ok = reader.ReadRow(&cells, &count, &fatal);
    if (fatal) break;
    if (AllEmpty(cells, count)) continue;  // blank line, or ",,," from a spreadsheet
    if (!row_ok) continue;
    if (count != width) {
      out.Report(EvidenceCode::kCsvRowWidth, Severity::kError, row_line,
                 static_cast<uint32_t>(std::min(count, width) + 1), {}, {},
                 "the row has " + std::to_string(count) + " cells, the header " +
                     std::to_string(width) + "; row skipped");
      continue;
    }
    FieldPlace row_at;
    row_at.line = row_line;
    if (!out.CountRecord(row_at)) break;

    Record record;
    record.origin = RecordOrigin{row_line, 0};
    record.id = cells[id_col].text;
    record.kind = std::string(TrimBlanks(cells[kind_col].text));
    FieldPlace at;
    at.record_id = record.id;
    at.kind = record.kind;
    if (record.id.empty()) {
      at.line = cells[id_col].line;
      at.column = static_cast<uint32_t>(id_col + 1);
      at.field = "id";
      out.Error(EvidenceCode::kMissingId, at, "the row has no id");
    }
    if (record.kind.empty()) {
      at.line = cells[kind_col].line;
      at.column = static_cast<uint32_t>(kind_col + 1);
      at.field = "kind";
      out.Error(EvidenceCode::kMissingKind, at, "the row has no kind");
    }
    for (size_t i = 0; i < count; ++i) {
      if (i == id_col || i == kind_col) continue;
      const CsvCell& cell = cells[i];
      if (cell.text.empty()) continue;  // an empty cell is an absent field
      at.line = cell.line;
      at.column = static_cast<uint32_t>(i + 1);
      at.field = names[i];
      if (names[i].empty()) {
        out.Error(
            EvidenceCode::kCsvHeader, at,
            "a value in column " + std::to_string(i + 1) + ", which has no name in the header");
        continue;
      }
      if (cell.text.size() > max_cell) {
        out.Error(EvidenceCode::kStringTooLong, at,
                  "a cell of " + std::to_string(cell.text.size()) + " bytes (limit " +
                      std::to_string(max_cell) + ")");
        continue;
      }
      const FieldDecl* decl = out.Declared(record.kind, names[i]);
      if (conventions.decimal_comma && decl != nullptr &&
          (decl->type == FieldType::kNumber || decl->type == FieldType::kCount ||
           decl->type == FieldType::kPercent) &&
          cell.text.find('.') == std::string::npos) {
        std::string number = cell.text;  // "96,2" -> "96.2" where the file declares it
        if (size_t comma = number.find(','); comma != std::string::npos) number[comma] = '.';
        Value value = out.FromCell(number, decl, at);
        if (!value.missing()) record.fields.emplace_back(names[i], std::move(value));
        continue;
      }
      Value value = out.FromCell(cell.text, decl, at);
      if (!value.missing()) record.fields.emplace_back(names[i], std::move(value));
    }
    if (out.stopped()) break;
    out.AddRecord(std::move(record));
  }
  out.Finish();
  return load;
}

}  // namespace cchc
