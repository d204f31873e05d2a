// Excel evidence: the workbook `cchc template` writes (and any workbook laid
// out the same way). A sheet per record kind, named by the kind, a header row
// naming each column's field ("Nhãn (field)" or "field"), one record per row;
// a "Đơn vị" sheet for the unit and a "Thẩm định" sheet for the appraisal.
// The layout is documented in docs/evidence-format.md.
#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "criteria/date.h"
#include "evidence/loader.h"
#include "evidence/validate.h"
#include "evidence/xlsx_reader.h"
#include "evidence/xlsx_sheets.h"

namespace cchc {

namespace {

using evidence_internal::EvidenceBuilder;
using evidence_internal::FieldPlace;
using evidence_internal::FormatNumber;
using evidence_internal::ParseDayMonthYear;
using evidence_internal::ParseFiniteNumber;
using evidence_internal::QuoteForMessage;
using xlsx::Cell;

// Places are (row, (sheet index + 1) << 15 | column): columns stop at 16384.
constexpr uint32_t kColumnBits = 15;

uint32_t EncodeColumn(size_t sheet, uint32_t column) {
  return static_cast<uint32_t>((sheet + 1) << kColumnBits) | column;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// " (did you mean \"received\"?)" when one candidate is close, else "".
std::string DidYouMean(std::string_view got, const std::vector<std::string>& candidates) {
  if (got.size() > 64) return "";  // no field name is that long; keep the cost bounded
  const std::string* best = nullptr;
  size_t best_d = 0;
  for (const std::string& c : candidates) {
    const size_t d = EditDistance(got, c);
    if (best == nullptr || d < best_d) {
      best = &c;
      best_d = d;
    }
  }
  if (best == nullptr || best_d > std::max<size_t>(2, best->size() / 3)) return "";
  return " (did you mean \"" + *best + "\"?)";
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// The cells of one sheet grouped by row.
struct RowSpan {
  uint32_t row;
  size_t begin, end;  // into Sheet::cells
};

std::vector<RowSpan> Rows(const xlsx::Sheet& sheet) {
  std::vector<RowSpan> rows;
  for (size_t i = 0; i < sheet.cells.size(); ++i) {
    if (rows.empty() || rows.back().row != sheet.cells[i].row) {
      rows.push_back(RowSpan{sheet.cells[i].row, i, i});
    }
    rows.back().end = i + 1;
  }
  return rows;
}

bool IsBlankCell(const Cell& c) {
  return c.type == Cell::Type::kEmpty || (c.type == Cell::Type::kString && Trim(c.text).empty());
}

class XlsxLoader {
 public:
  XlsxLoader(EvidenceLoad* load, const std::string& file, const Criteria* schema,
             const EvidenceLimits& limits)
      : out_(load, file, schema, limits), schema_(schema) {
    out_.SetPlaceNamer([this](uint32_t line, uint32_t column) { return PlaceName(line, column); });
  }

  void Load(std::string_view bytes);

 private:
  std::string PlaceName(uint32_t row, uint32_t encoded) const {
    const size_t sheet = (encoded >> kColumnBits) - 1;
    const uint32_t column = encoded & ((1u << kColumnBits) - 1);
    std::string name = sheet < book_.sheets.size() ? book_.sheets[sheet].name : "?";
    if (row == 0) return name;
    if (column == 0) return name + "!" + std::to_string(row) + ":" + std::to_string(row);
    return name + "!" + xlsx::ColumnName(column) + std::to_string(row);
  }
  FieldPlace At(uint32_t row, uint32_t column) const {
    FieldPlace at;
    at.line = row;
    at.column = EncodeColumn(sheet_, column);
    return at;
  }

  Value CellValue(const Cell& cell, const FieldDecl* decl, const FieldPlace& at);
  // Merged ranges and hidden rows at or below `first_row` holding data.
  bool CheckLayout(const xlsx::Sheet& sheet, uint32_t first_row);

  void ReadUnitSheet(const xlsx::Sheet& sheet);
  void ReadAppraisalSheet(const xlsx::Sheet& sheet);
  void ReadRecordSheet(const xlsx::Sheet& sheet, const std::string& kind);

  // The header row's columns: column -> field name. False (reported) when
  // the sheet cannot be read.
  bool ReadHeader(const xlsx::Sheet& sheet, const std::vector<RowSpan>& rows,
                  const std::vector<std::string>& known, bool any_field,
                  std::unordered_map<uint32_t, std::string>* columns, uint32_t* header_row);

  EvidenceBuilder out_;
  const Criteria* schema_;
  xlsx::Workbook book_;
  size_t sheet_ = 0;
};

Value XlsxLoader::CellValue(const Cell& cell, const FieldDecl* decl, const FieldPlace& at) {
  const FieldType* type = decl ? &decl->type : nullptr;
  switch (cell.type) {
    case Cell::Type::kEmpty:
      return Value();
    case Cell::Type::kError:
      out_.Error(EvidenceCode::kXlsxErrorCell, at,
                 cell.text.empty()
                     ? std::string("a formula without a calculated value (the file was not saved "
                                   "by Excel); open it in Excel and save it again")
                     : "the cell shows the error " + QuoteForMessage(cell.text) +
                           "; fix the formula or type the value");
      return Value();
    case Cell::Type::kBool:
      return out_.FromBool(cell.number != 0, decl, at);
    case Cell::Type::kString:
      if (type != nullptr && *type == FieldType::kDate && !ParseDayMonthYear(cell.text) &&
          !ParseIsoDate(Trim(cell.text))) {
        out_.Error(EvidenceCode::kBadDate, at,
                   "expected a date dd/mm/yyyy, got the text " + QuoteForMessage(cell.text) +
                       "; type a real day such as 20/01/2026");
        return Value();
      }
      if (cell.text.size() > out_.limits().max_string_bytes) {
        out_.Error(EvidenceCode::kStringTooLong, at,
                   "a cell of " + std::to_string(cell.text.size()) + " bytes (limit " +
                       std::to_string(out_.limits().max_string_bytes) + ")");
        return Value();
      }
      return out_.FromCell(cell.text, decl, at);
    case Cell::Type::kNumber:
      break;
  }
  if (cell.date_style) {
    std::optional<Date> d = xlsx::SerialToDate(cell.number, book_.date1904);
    if (!d) {
      out_.Error(EvidenceCode::kBadDate, at,
                 "the date cell holds " + FormatNumber(cell.number) +
                     (std::floor(cell.number) == 60 && !book_.date1904
                          ? ", Excel's 29/02/1900, a day that never was"
                          : ", which is no date Excel can show") +
                     "; type the date as dd/mm/yyyy");
      return Value();
    }
    if (type == nullptr || *type == FieldType::kDate) return Value::OfDate(*d);
    out_.Error(EvidenceCode::kWrongType, at,
               "a date cell (" + FormatIsoDate(*d) + ") in a " + FieldTypeName(*type) +
                   " column; Excel may have turned the entry into a date: format the column as "
                   "Text and type it again");
    return Value();
  }
  if (type != nullptr && *type == FieldType::kDate) {
    out_.Error(EvidenceCode::kBadDate, at,
               "the number " + FormatNumber(cell.number) +
                   " in a date column; type a date (dd/mm/yyyy) or format the cell as a date");
    return Value();
  }
  if (cell.percent_style && (type == nullptr || *type == FieldType::kPercent)) {
    return Value::Percent(cell.number);  // 96.2 % is stored as 0.962
  }
  if (type != nullptr && *type == FieldType::kString) {
    return Value::String(FormatNumber(cell.number));
  }
  return out_.FromNumber(cell.number, decl, at);
}

bool XlsxLoader::CheckLayout(const xlsx::Sheet& sheet, uint32_t first_row) {
  bool ok = true;
  for (const xlsx::Range& r : sheet.merges) {
    if (r.last_row < first_row) continue;
    out_.Error(EvidenceCode::kXlsxLayout, At(r.first_row, r.first_column),
               "merged cells " + xlsx::ColumnName(r.first_column) + std::to_string(r.first_row) +
                   ":" + xlsx::ColumnName(r.last_column) + std::to_string(r.last_row) +
                   "; unmerge them (each record needs its own cell in each column)");
    ok = false;
  }
  // Both lists are sorted by row: one merge walk, linear in the sheet.
  size_t next = 0;
  for (uint32_t row : sheet.hidden_rows) {
    if (row < first_row) continue;
    while (next < sheet.cells.size() && sheet.cells[next].row < row) ++next;
    bool data = false;
    for (size_t i = next; i < sheet.cells.size() && sheet.cells[i].row == row; ++i) {
      data |= !IsBlankCell(sheet.cells[i]);
    }
    if (!data) continue;
    out_.Error(EvidenceCode::kXlsxLayout, At(row, 1),
               "row " + std::to_string(row) +
                   " is hidden but holds data; unhide it (Home > Format > Unhide Rows) or delete "
                   "it: a hidden record would count without being seen");
    ok = false;
  }
  return ok;
}

bool XlsxLoader::ReadHeader(const xlsx::Sheet& sheet, const std::vector<RowSpan>& rows,
                            const std::vector<std::string>& known, bool any_field,
                            std::unordered_map<uint32_t, std::string>* columns,
                            uint32_t* header_row) {
  // The header is the first row with any text.
  const RowSpan* header = nullptr;
  for (const RowSpan& r : rows) {
    for (size_t i = r.begin; i < r.end && header == nullptr; ++i) {
      if (!IsBlankCell(sheet.cells[i])) header = &r;
    }
    if (header != nullptr) break;
  }
  if (header == nullptr) return false;  // an empty sheet: nothing to read
  *header_row = header->row;
  bool ok = true;
  std::unordered_map<std::string, uint32_t> seen;
  for (size_t i = header->begin; i < header->end; ++i) {
    const Cell& c = sheet.cells[i];
    if (IsBlankCell(c)) continue;
    FieldPlace at = At(c.row, c.column);
    if (c.type != Cell::Type::kString) {
      out_.Error(EvidenceCode::kXlsxHeader, at,
                 "a header cell must be text such as \"Mã (id)\"; write the field name");
      ok = false;
      continue;
    }
    std::string name(xlsx::HeaderField(c.text));
    at.field = name;
    if (auto [it, inserted] = seen.try_emplace(name, c.column); !inserted) {
      out_.Error(EvidenceCode::kCsvDuplicateColumn, at,
                 "column " + QuoteForMessage(name) + " appears twice (first in column " +
                     xlsx::ColumnName(it->second) + ")");
      ok = false;
      continue;
    }
    if (!any_field && std::find(known.begin(), known.end(), name) == known.end()) {
      out_.Error(EvidenceCode::kXlsxHeader, at,
                 "unknown column " + QuoteForMessage(name) + DidYouMean(name, known) +
                     "; the columns of sheet \"" + sheet.name + "\" are: " + JoinNames(known));
      ok = false;
      continue;
    }
    (*columns)[c.column] = std::move(name);
  }
  return ok;
}

void XlsxLoader::ReadRecordSheet(const xlsx::Sheet& sheet, const std::string& kind) {
  std::vector<std::string> known = {"id"};
  if (const RecordDecl* decl = schema_ ? FindRecord(*schema_, kind) : nullptr) {
    for (const FieldDecl& f : decl->fields) known.push_back(f.name);
  }
  for (const FieldDecl& f : CommonFields()) {
    if (f.name != "id" && f.name != "kind") known.push_back(f.name);
  }
  const std::vector<RowSpan> rows = Rows(sheet);
  std::unordered_map<uint32_t, std::string> columns;
  uint32_t header_row = 0;
  const bool header_ok = ReadHeader(sheet, rows, known, schema_ == nullptr, &columns, &header_row);
  if (header_row == 0) return;
  uint32_t id_column = 0;
  for (const auto& [column, name] : columns) {
    if (name == "id") id_column = column;
  }
  if (id_column == 0) {
    out_.Error(
        EvidenceCode::kXlsxHeader, At(header_row, 1),
        "sheet \"" + sheet.name + "\" has no id column; the header needs a cell \"Mã hồ sơ (id)\"");
    return;
  }
  if (!CheckLayout(sheet, header_row) || !header_ok) return;
  for (const RowSpan& span : rows) {
    if (span.row <= header_row || out_.stopped()) continue;
    bool any = false;
    for (size_t i = span.begin; i < span.end; ++i) any |= !IsBlankCell(sheet.cells[i]);
    if (!any) continue;  // an empty row
    if (!out_.CountRecord(At(span.row, 1))) return;
    Record record;
    record.kind = kind;
    record.origin = RecordOrigin{span.row, EncodeColumn(sheet_, id_column)};
    for (size_t i = span.begin; i < span.end; ++i) {
      const Cell& c = sheet.cells[i];
      if (c.column == id_column && !IsBlankCell(c)) {
        record.id = c.type == Cell::Type::kNumber ? FormatNumber(c.number) : std::string(c.text);
      }
    }
    FieldPlace at = At(span.row, id_column);
    at.record_id = record.id;
    at.kind = kind;
    at.field = "id";
    if (record.id.empty()) out_.Error(EvidenceCode::kMissingId, at, "the row has no id");
    for (size_t i = span.begin; i < span.end; ++i) {
      const Cell& c = sheet.cells[i];
      if (c.column == id_column || IsBlankCell(c)) continue;
      at = At(c.row, c.column);
      at.record_id = record.id;
      at.kind = kind;
      auto col = columns.find(c.column);
      if (col == columns.end()) {
        out_.Error(EvidenceCode::kXlsxHeader, at,
                   "a value in column " + xlsx::ColumnName(c.column) +
                       ", which has no name in the header row; name the column or clear the cell");
        continue;
      }
      at.field = col->second;
      Value value = CellValue(c, out_.Declared(kind, col->second), at);
      if (!value.missing()) record.fields.emplace_back(col->second, std::move(value));
    }
    if (out_.stopped()) return;
    out_.AddRecord(std::move(record));
  }
}

void XlsxLoader::ReadUnitSheet(const xlsx::Sheet& sheet) {
  Unit& unit = out_.evidence().unit;
  for (const RowSpan& span : Rows(sheet)) {
    const Cell* key = nullptr;
    const Cell* value = nullptr;
    for (size_t i = span.begin; i < span.end; ++i) {
      const Cell& c = sheet.cells[i];
      if (c.column == 1) key = &c;
      if (c.column == 2 && !IsBlankCell(c)) value = &c;
    }
    if (key == nullptr || key->type != Cell::Type::kString) continue;
    const std::string name(xlsx::HeaderField(key->text));
    FieldPlace at = At(span.row, 2);
    at.field = name;
    const bool known = name == "unit.code" || name == "unit.name" || name == "unit.province" ||
                       name == "year" || name == "as_of";
    if (!known) {
      if (value != nullptr && span.row > 1) {
        out_.Warning(EvidenceCode::kUnknownKey, At(span.row, 1),
                     "unknown row " + QuoteForMessage(key->text) +
                         "; known: unit.code, unit.name, unit.province, year, as_of; ignored");
      }
      continue;
    }
    if (value == nullptr) continue;
    if (value->type == Cell::Type::kError) {
      CellValue(*value, nullptr, at);
      continue;
    }
    const std::string text =
        value->type == Cell::Type::kNumber ? FormatNumber(value->number) : value->text;
    if (name == "unit.code") {
      unit.code = text;
    } else if (name == "unit.name") {
      unit.name = text;
    } else if (name == "unit.province") {
      unit.province = text;
    } else if (name == "year") {
      if (std::optional<double> y = ParseFiniteNumber(text)) {
        out_.SetYear(*y, at);
      } else {
        out_.Error(EvidenceCode::kWrongType, at,
                   "the year is a number such as 2026, got " + QuoteForMessage(text));
      }
    } else if (value->type == Cell::Type::kNumber) {  // as_of
      static const FieldDecl kDateDecl{"as_of", FieldType::kDate, {}};
      Value d = CellValue(*value, &kDateDecl, at);
      if (!d.missing()) out_.evidence().as_of = d.date;
    } else if (std::optional<Date> d = ParseDayMonthYear(text)) {
      out_.evidence().as_of = *d;
    } else {
      out_.SetAsOf(text, at);
    }
  }
}

void XlsxLoader::ReadAppraisalSheet(const xlsx::Sheet& sheet) {
  const std::vector<std::string> known = {"item", "points", "note"};
  const std::vector<RowSpan> rows = Rows(sheet);
  std::unordered_map<uint32_t, std::string> columns;
  uint32_t header_row = 0;
  const bool header_ok = ReadHeader(sheet, rows, known, false, &columns, &header_row);
  if (header_row == 0 || !CheckLayout(sheet, header_row) || !header_ok) return;
  std::unordered_map<std::string, uint32_t> seen;
  for (const RowSpan& span : rows) {
    if (span.row <= header_row) continue;
    Appraisal a;
    bool has_item = false, has_points = false, any = false;
    for (size_t i = span.begin; i < span.end; ++i) {
      const Cell& c = sheet.cells[i];
      if (IsBlankCell(c)) continue;
      any = true;
      FieldPlace at = At(c.row, c.column);
      auto col = columns.find(c.column);
      if (col == columns.end()) {
        out_.Error(EvidenceCode::kXlsxHeader, at,
                   "a value in column " + xlsx::ColumnName(c.column) +
                       ", which has no name in the header row");
        continue;
      }
      at.field = col->second;
      if (c.type == Cell::Type::kError) {
        CellValue(c, nullptr, at);
        continue;
      }
      const std::string text =
          c.type == Cell::Type::kNumber ? FormatNumber(c.number) : std::string(Trim(c.text));
      if (col->second == "item") {
        a.item = text;
        has_item = true;
      } else if (col->second == "note") {
        a.note = c.text;
      } else if (std::optional<double> p = c.type == Cell::Type::kNumber
                                               ? std::optional<double>(c.number)
                                               : ParseFiniteNumber(text)) {
        a.points = *p;
        has_points = true;
      } else {
        out_.Error(EvidenceCode::kWrongType, at,
                   "appraisal points are a number, got " + QuoteForMessage(text));
        has_points = true;
      }
    }
    if (!any) continue;
    FieldPlace at = At(span.row, 1);
    at.field = a.item;
    if (!has_item) out_.Error(EvidenceCode::kMissingKey, at, "the appraisal row has no item");
    if (!has_points) out_.Error(EvidenceCode::kMissingKey, at, "the appraisal row has no points");
    if (!has_item || !has_points) continue;
    if (auto [it, inserted] = seen.try_emplace(a.item, span.row); !inserted) {
      out_.Error(EvidenceCode::kDuplicateAppraisal, at,
                 "item " + QuoteForMessage(a.item) + " is appraised twice (first in row " +
                     std::to_string(it->second) + ")");
      continue;
    }
    out_.evidence().appraisals.push_back(std::move(a));
  }
}

void XlsxLoader::Load(std::string_view bytes) {
  FieldPlace none;
  if (bytes.size() > out_.limits().max_file_bytes) {
    out_.Error(EvidenceCode::kFileTooLarge, none,
               "the file has " + std::to_string(bytes.size()) + " bytes (limit " +
                   std::to_string(out_.limits().max_file_bytes) + ")");
    return;
  }
  xlsx::Limits limits;
  limits.max_entry_bytes = out_.limits().max_xlsx_part_bytes;
  limits.max_total_bytes = out_.limits().max_xlsx_total_bytes;
  xlsx::Problem problem;
  if (!xlsx::ReadWorkbook(bytes, limits, &book_, &problem)) {
    const EvidenceCode code =
        problem.kind == xlsx::Problem::Kind::kTooLarge      ? EvidenceCode::kXlsxTooLarge
        : problem.kind == xlsx::Problem::Kind::kNotWorkbook ? EvidenceCode::kXlsxNotWorkbook
                                                            : EvidenceCode::kSyntax;
    out_.Error(code, none, problem.message);
    return;
  }
  std::vector<std::string> expected;  // sheet names a workbook may have
  if (schema_ != nullptr) {
    for (const RecordDecl& r : schema_->records) expected.push_back(r.kind);
  }
  for (std::string_view s : {xlsx::kUnitSheet, xlsx::kAppraisalSheet, xlsx::kGuideSheet}) {
    expected.emplace_back(s);
  }
  bool any = false;
  for (sheet_ = 0; sheet_ < book_.sheets.size() && !out_.stopped(); ++sheet_) {
    const xlsx::Sheet& sheet = book_.sheets[sheet_];
    FieldPlace at = At(0, 0);
    const xlsx::SheetRole role = xlsx::RoleOf(sheet.name);
    if (role == xlsx::SheetRole::kGuide || sheet.name.starts_with("_")) continue;
    const bool is_kind = role == xlsx::SheetRole::kRecords &&
                         (schema_ == nullptr || FindRecord(*schema_, sheet.name) != nullptr);
    if (role == xlsx::SheetRole::kRecords && !is_kind) {
      out_.Error(EvidenceCode::kXlsxSheet, at,
                 "sheet " + QuoteForMessage(sheet.name) + " is not a record kind of the criteria" +
                     DidYouMean(sheet.name, expected) +
                     "; expected sheets: " + JoinNames(expected) +
                     " (a sheet whose name starts with \"_\" is ignored, for notes)");
      continue;
    }
    const bool has_data = std::any_of(sheet.cells.begin(), sheet.cells.end(),
                                      [](const Cell& c) { return !IsBlankCell(c); });
    if (sheet.hidden && has_data) {
      out_.Error(EvidenceCode::kXlsxLayout, at,
                 "the sheet is hidden but holds data; unhide it (right-click a sheet tab > "
                 "Unhide) or delete it");
      continue;
    }
    any = true;
    if (role == xlsx::SheetRole::kUnit) {
      ReadUnitSheet(sheet);
    } else if (role == xlsx::SheetRole::kAppraisal) {
      ReadAppraisalSheet(sheet);
    } else {
      ReadRecordSheet(sheet, sheet.name);
    }
  }
  if (!any && !out_.stopped() && !HasErrors(out_.issues())) {
    std::vector<std::string> names;
    for (const xlsx::Sheet& s : book_.sheets) names.push_back(s.name);
    out_.Error(EvidenceCode::kXlsxSheet, none,
               "the workbook has no evidence sheet (sheets: " + JoinNames(names) +
                   "); expected sheets: " + JoinNames(expected) +
                   "; `cchc template` writes a workbook to fill in");
  }
  // Year and as_of against the criteria, once there is something to score
  // (a blank template reads as no records, without an as_of yet).
  if (any && !out_.evidence().records.empty()) out_.Finish();
}

}  // namespace

EvidenceLoad LoadEvidenceXlsx(std::string_view bytes, const std::string& file_name,
                              const Criteria* schema, const EvidenceLimits& limits) {
  EvidenceLoad load;
  XlsxLoader loader(&load, file_name, schema, limits);
  loader.Load(bytes);
  return load;
}

}  // namespace cchc
