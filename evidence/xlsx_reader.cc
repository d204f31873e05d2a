// An .xlsx workbook's cells: the workbook part lists the sheets, the
// relationships part says where each is, shared strings and styles type the
// cells. Parsed with expat; any DOCTYPE is refused (no entity expansion).
#include "evidence/xlsx_reader.h"

#include <expat.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <unordered_map>
#include <utility>

#include "evidence/xlsx_zip.h"

namespace cchc::xlsx {

namespace {

// The element or attribute name without its namespace ("uri|sheet" -> "sheet").
std::string_view Local(const char* name) {
  std::string_view s(name);
  const size_t bar = s.rfind('|');
  return bar == std::string_view::npos ? s : s.substr(bar + 1);
}

const char* Attr(const char** attrs, std::string_view name) {
  for (int i = 0; attrs[i] != nullptr; i += 2) {
    if (Local(attrs[i]) == name) return attrs[i + 1];
  }
  return nullptr;
}

bool IsTrue(const char* v) {
  return v != nullptr && (std::string_view(v) == "1" || std::string_view(v) == "true");
}

std::optional<long> ParseLong(const char* v) {
  if (v == nullptr) return std::nullopt;
  std::string_view s(v);
  long n = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return n;
}

// A SAX handler's interface, called by ParseXml.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void Start(std::string_view name, const char** attrs) = 0;
  virtual void End(std::string_view name) = 0;
  virtual void Text(std::string_view) {}
};

struct ParseState {
  XmlHandler* handler;
  XML_Parser parser;
  bool doctype = false;
};

void XMLCALL OnStart(void* data, const char* name, const char** attrs) {
  static_cast<ParseState*>(data)->handler->Start(Local(name), attrs);
}
void XMLCALL OnEnd(void* data, const char* name) {
  static_cast<ParseState*>(data)->handler->End(Local(name));
}
void XMLCALL OnText(void* data, const char* s, int len) {
  static_cast<ParseState*>(data)->handler->Text(std::string_view(s, static_cast<size_t>(len)));
}
void XMLCALL OnDoctype(void* data, const char*, const char*, const char*, int) {
  auto* state = static_cast<ParseState*>(data);
  state->doctype = true;
  XML_StopParser(state->parser, XML_FALSE);
}

bool ParseXml(const std::string& part, std::string_view xml, XmlHandler* handler,
              Problem* problem) {
  XML_Parser parser = XML_ParserCreateNS("UTF-8", '|');
  if (parser == nullptr) {
    problem->kind = Problem::Kind::kMalformed;
    problem->message = "out of memory parsing " + part;
    return false;
  }
  ParseState state{handler, parser};
  XML_SetUserData(parser, &state);
  XML_SetElementHandler(parser, OnStart, OnEnd);
  XML_SetCharacterDataHandler(parser, OnText);
  XML_SetStartDoctypeDeclHandler(parser, OnDoctype);
  bool ok = true;
  // XML_Parse takes an int length: feed large parts in pieces.
  constexpr size_t kChunk = 1u << 24;
  size_t pos = 0;
  do {
    const size_t n = std::min(kChunk, xml.size() - pos);
    const bool last = pos + n == xml.size();
    if (XML_Parse(parser, xml.data() + pos, static_cast<int>(n), last ? XML_TRUE : XML_FALSE) !=
        XML_STATUS_OK) {
      ok = false;
      break;
    }
    pos += n;
  } while (pos < xml.size());
  if (!ok) {
    problem->kind = Problem::Kind::kMalformed;
    problem->message = state.doctype
                           ? "part " + part + " has a DOCTYPE, which workbooks never have; refused"
                           : "part " + part + " is not well-formed XML (line " +
                                 std::to_string(XML_GetCurrentLineNumber(parser)) +
                                 "): " + XML_ErrorString(XML_GetErrorCode(parser)) +
                                 "; save it again from Excel";
  }
  XML_ParserFree(parser);
  return ok;
}

// xl/workbook.xml: the sheets in tab order and the date system.
struct SheetEntry {
  std::string name, rel_id;
  bool hidden = false;
};

class WorkbookHandler : public XmlHandler {
 public:
  std::vector<SheetEntry> sheets;
  bool date1904 = false;
  void Start(std::string_view name, const char** attrs) override {
    if (name == "sheet") {
      SheetEntry e;
      const char* n = Attr(attrs, "name");
      const char* id = Attr(attrs, "id");
      const char* state = Attr(attrs, "state");
      e.name = n ? n : "";
      e.rel_id = id ? id : "";
      e.hidden = state != nullptr && std::string_view(state) != "visible";
      sheets.push_back(std::move(e));
    } else if (name == "workbookPr") {
      date1904 = IsTrue(Attr(attrs, "date1904"));
    }
  }
  void End(std::string_view) override {}
};

// xl/_rels/workbook.xml.rels: relationship id -> part path.
class RelsHandler : public XmlHandler {
 public:
  std::unordered_map<std::string, std::string> targets;
  void Start(std::string_view name, const char** attrs) override {
    if (name != "Relationship") return;
    const char* id = Attr(attrs, "Id");
    const char* target = Attr(attrs, "Target");
    if (id != nullptr && target != nullptr) targets[id] = target;
  }
  void End(std::string_view) override {}
};

// xl/sharedStrings.xml: the text of each <si>, runs joined, phonetic runs left out.
class SharedStringsHandler : public XmlHandler {
 public:
  std::vector<std::string> strings;
  void Start(std::string_view name, const char**) override {
    if (name == "si") {
      strings.emplace_back();
      in_si_ = true;
    } else if (name == "rPh") {
      in_rph_ = true;
    } else if (name == "t") {
      in_t_ = in_si_ && !in_rph_;
    }
  }
  void End(std::string_view name) override {
    if (name == "si") in_si_ = false;
    if (name == "rPh") in_rph_ = false;
    if (name == "t") in_t_ = false;
  }
  void Text(std::string_view s) override {
    if (in_t_) strings.back().append(s);
  }

 private:
  bool in_si_ = false, in_rph_ = false, in_t_ = false;
};

// xl/styles.xml: for each cell style (cellXfs/xf), is it a date / percent format?
class StylesHandler : public XmlHandler {
 public:
  std::vector<bool> date, percent;
  void Start(std::string_view name, const char** attrs) override {
    if (name == "numFmt") {
      auto id = ParseLong(Attr(attrs, "numFmtId"));
      const char* code = Attr(attrs, "formatCode");
      if (id && code != nullptr) codes_[*id] = code;
    } else if (name == "cellXfs") {
      in_xfs_ = true;
    } else if (name == "xf" && in_xfs_) {
      const long id = ParseLong(Attr(attrs, "numFmtId")).value_or(0);
      auto it = codes_.find(id);
      const std::string_view code = it == codes_.end() ? std::string_view() : it->second;
      date.push_back(IsDateFormat(static_cast<int>(id), code));
      percent.push_back(IsPercentFormat(static_cast<int>(id), code));
    }
  }
  void End(std::string_view name) override {
    if (name == "cellXfs") in_xfs_ = false;
  }

 private:
  std::unordered_map<long, std::string> codes_;
  bool in_xfs_ = false;
};

// One worksheet's cells, hidden rows and merged ranges.
class SheetHandler : public XmlHandler {
 public:
  // `text_budget`: bytes of shared-string text the cells may still copy (a
  // long shared string referenced by every cell would otherwise multiply).
  SheetHandler(Sheet* sheet, const std::vector<std::string>* strings, const StylesHandler* styles,
               std::string part, size_t* text_budget)
      : sheet_(sheet),
        strings_(strings),
        styles_(styles),
        part_(std::move(part)),
        text_budget_(text_budget) {}

  std::string error;  // the first problem (malformed cell reference, bad index)
  bool over_budget = false;

  void Start(std::string_view name, const char** attrs) override {
    if (name == "row") {
      auto r = ParseLong(Attr(attrs, "r"));
      row_ = r && *r >= 1 && *r <= 1048576 ? static_cast<uint32_t>(*r) : row_ + 1;
      column_ = 0;
      if (IsTrue(Attr(attrs, "hidden"))) sheet_->hidden_rows.push_back(row_);
    } else if (name == "c") {
      cell_ = Cell();
      const char* ref = Attr(attrs, "r");
      if (ref != nullptr) {
        if (!ParseCellRef(ref, &cell_.row, &cell_.column)) {
          Fail(std::string("a cell reference \"") + ref + "\" that is not like \"C12\"");
        }
      } else {
        cell_.row = row_ == 0 ? 1 : row_;
        cell_.column = column_ + 1;
      }
      column_ = cell_.column;
      const char* t = Attr(attrs, "t");
      type_ = t == nullptr ? "n" : t;
      const long style = ParseLong(Attr(attrs, "s")).value_or(0);
      if (style >= 0 && static_cast<size_t>(style) < styles_->date.size()) {
        cell_.date_style = styles_->date[static_cast<size_t>(style)];
        cell_.percent_style = styles_->percent[static_cast<size_t>(style)];
      }
      value_.clear();
      has_value_ = false;
      in_cell_ = true;
    } else if (in_cell_ && name == "v") {
      in_v_ = true;
      has_value_ = true;
    } else if (in_cell_ && name == "f") {
      cell_.formula = true;
    } else if (in_cell_ && name == "is") {
      in_is_ = true;
      has_value_ = true;
    } else if (in_is_ && name == "rPh") {
      in_rph_ = true;
    } else if (in_is_ && name == "t") {
      in_t_ = !in_rph_;
    } else if (name == "mergeCell") {
      const char* ref = Attr(attrs, "ref");
      std::string_view s = ref ? ref : "";
      const size_t colon = s.find(':');
      Range r;
      if (colon != std::string_view::npos &&
          ParseCellRef(s.substr(0, colon), &r.first_row, &r.first_column) &&
          ParseCellRef(s.substr(colon + 1), &r.last_row, &r.last_column)) {
        sheet_->merges.push_back(r);
      } else if (ParseCellRef(s, &r.first_row, &r.first_column)) {
        r.last_row = r.first_row;
        r.last_column = r.first_column;
        sheet_->merges.push_back(r);
      }
    }
  }

  void End(std::string_view name) override {
    if (name == "v") {
      in_v_ = false;
    } else if (name == "is") {
      in_is_ = false;
    } else if (name == "rPh") {
      in_rph_ = false;
    } else if (name == "t") {
      in_t_ = false;
    } else if (name == "c" && in_cell_) {
      in_cell_ = false;
      FinishCell();
    }
  }

  void Text(std::string_view s) override {
    if (in_v_ || in_t_) value_.append(s);
  }

 private:
  void Fail(std::string message) {
    if (error.empty()) error = std::move(message);
  }

  void FinishCell() {
    if (!has_value_) {
      // A formula never calculated has no cached value: say so rather than
      // read it as empty.
      if (cell_.formula) {
        cell_.type = Cell::Type::kError;  // with an empty text: see Cell::text
        sheet_->cells.push_back(std::move(cell_));
      }
      return;
    }
    if (type_ == "s") {
      auto index = ParseLong(value_.c_str());
      if (!index || *index < 0 || static_cast<size_t>(*index) >= strings_->size()) {
        Fail("cell " + ColumnName(cell_.column) + std::to_string(cell_.row) +
             " refers to shared string " + value_ + ", which does not exist");
        return;
      }
      const std::string& text = (*strings_)[static_cast<size_t>(*index)];
      if (text.size() > *text_budget_) {
        over_budget = true;
        Fail("the cells' shared text is too large");
        return;
      }
      *text_budget_ -= text.size();
      cell_.type = Cell::Type::kString;
      cell_.text = text;
    } else if (type_ == "str" || type_ == "inlineStr") {
      cell_.type = Cell::Type::kString;
      cell_.text = std::move(value_);
    } else if (type_ == "b") {
      cell_.type = Cell::Type::kBool;
      cell_.number = value_ == "1" || value_ == "true" ? 1 : 0;
    } else if (type_ == "e") {
      cell_.type = Cell::Type::kError;
      cell_.text = std::move(value_);
    } else if (type_ == "d") {
      // An ISO 8601 date cell (rare): kept as its text "2026-01-20T00:00:00".
      cell_.type = Cell::Type::kString;
      cell_.text = value_.substr(0, std::min<size_t>(value_.size(), 10));
    } else {
      std::string_view v = value_;
      while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
      while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
      if (v.empty()) return;
      double d = 0;
      auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
      if (ec != std::errc() || ptr != v.data() + v.size() || !std::isfinite(d)) {
        Fail("cell " + ColumnName(cell_.column) + std::to_string(cell_.row) +
             " holds the number \"" + value_.substr(0, 40) + "\", which is not a number");
        return;
      }
      cell_.type = Cell::Type::kNumber;
      cell_.number = d;
    }
    sheet_->cells.push_back(std::move(cell_));
  }

  Sheet* sheet_;
  const std::vector<std::string>* strings_;
  const StylesHandler* styles_;
  std::string part_;
  size_t* text_budget_;
  uint32_t row_ = 0, column_ = 0;
  Cell cell_;
  std::string type_, value_;
  bool in_cell_ = false, in_v_ = false, in_is_ = false, in_t_ = false, in_rph_ = false;
  bool has_value_ = false;
};

// "worksheets/sheet1.xml" relative to xl/, or "/xl/worksheets/sheet1.xml";
// "../" segments resolved.
std::string PartPath(const std::string& target) {
  std::string joined = target.starts_with("/") ? target.substr(1) : "xl/" + target;
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= joined.size()) {
    size_t slash = joined.find('/', start);
    if (slash == std::string::npos) slash = joined.size();
    std::string seg = joined.substr(start, slash - start);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(std::move(seg));
    }
    start = slash + 1;
  }
  std::string path;
  for (const std::string& seg : parts) path += (path.empty() ? "" : "/") + seg;
  return path;
}

}  // namespace

bool ParseCellRef(std::string_view ref, uint32_t* row, uint32_t* column) {
  size_t i = 0;
  if (i < ref.size() && ref[i] == '$') ++i;
  uint64_t col = 0;
  const size_t letters = i;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    col = col * 26 + static_cast<uint64_t>(ref[i] - 'A' + 1);
    if (col > 16384) return false;
    ++i;
  }
  if (i == letters) return false;
  if (i < ref.size() && ref[i] == '$') ++i;
  const size_t digits = i;
  uint64_t r = 0;
  while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9') {
    r = r * 10 + static_cast<uint64_t>(ref[i] - '0');
    if (r > 1048576) return false;
    ++i;
  }
  if (i == digits || i != ref.size() || r == 0) return false;
  *row = static_cast<uint32_t>(r);
  *column = static_cast<uint32_t>(col);
  return true;
}

std::string ColumnName(uint32_t column) {
  std::string s;
  while (column > 0) {
    const uint32_t d = (column - 1) % 26;
    s.insert(s.begin(), static_cast<char>('A' + d));
    column = (column - 1) / 26;
  }
  return s;
}

bool IsDateFormat(int id, std::string_view code) {
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
      (id >= 50 && id <= 58)) {
    return true;
  }
  if (id < 164 || code.empty()) return false;
  code = code.substr(0, code.find(';'));  // the positive numbers' section decides
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      const size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) return false;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is literal (or padding)
    } else if (c == '[') {
      const size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) return false;
      i = close;
    } else {
      const char l = static_cast<char>(c | 0x20);
      if (l == 'd' || l == 'm' || l == 'y' || l == 'h' || l == 's') return true;
    }
  }
  return false;
}

bool IsPercentFormat(int id, std::string_view code) {
  if (id == 9 || id == 10) return true;
  if (id < 164) return false;
  code = code.substr(0, code.find(';'));
  for (size_t i = 0; i < code.size(); ++i) {
    if (code[i] == '"') {
      const size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) return false;
      i = close;
    } else if (code[i] == '\\') {
      ++i;
    } else if (code[i] == '%') {
      return true;
    }
  }
  return false;
}

std::optional<Date> SerialToDate(double serial, bool date1904) {
  if (!std::isfinite(serial)) return std::nullopt;
  const double day = std::floor(serial);
  if (date1904) {
    if (day < 0 || day > 2957003) return std::nullopt;
    return Date{FromCivil(1904, 1, 1).days + static_cast<int32_t>(day)};
  }
  if (day < 1 || day == 60 || day > 2958465) return std::nullopt;
  const int32_t base = FromCivil(1899, 12, day < 60 ? 31 : 30).days;
  return Date{base + static_cast<int32_t>(day)};
}

bool ReadWorkbook(std::string_view bytes, const Limits& limits, Workbook* out, Problem* problem) {
  ZipArchive zip;
  if (!zip.Open(bytes, limits, problem)) return false;
  std::string xml;
  WorkbookHandler workbook;
  if (!zip.Has("xl/workbook.xml")) {
    problem->kind = Problem::Kind::kNotWorkbook;
    problem->message =
        "a zip archive but not an .xlsx workbook (no xl/workbook.xml); save it from Excel as "
        "\"Excel Workbook (*.xlsx)\"";
    return false;
  }
  if (!zip.Read("xl/workbook.xml", &xml, problem) ||
      !ParseXml("xl/workbook.xml", xml, &workbook, problem)) {
    return false;
  }
  RelsHandler rels;
  if (!zip.Read("xl/_rels/workbook.xml.rels", &xml, problem) ||
      !ParseXml("xl/_rels/workbook.xml.rels", xml, &rels, problem)) {
    return false;
  }
  SharedStringsHandler strings;
  if (zip.Has("xl/sharedStrings.xml") &&
      (!zip.Read("xl/sharedStrings.xml", &xml, problem) ||
       !ParseXml("xl/sharedStrings.xml", xml, &strings, problem))) {
    return false;
  }
  StylesHandler styles;
  if (zip.Has("xl/styles.xml") && (!zip.Read("xl/styles.xml", &xml, problem) ||
                                   !ParseXml("xl/styles.xml", xml, &styles, problem))) {
    return false;
  }
  out->date1904 = workbook.date1904;
  out->sheets.clear();
  size_t text_budget = limits.max_total_bytes;
  for (const SheetEntry& entry : workbook.sheets) {
    auto target = rels.targets.find(entry.rel_id);
    if (target == rels.targets.end()) {
      problem->kind = Problem::Kind::kMalformed;
      problem->message = "sheet \"" + entry.name + "\" has no part in the workbook; save it again";
      return false;
    }
    const std::string part = PartPath(target->second);
    Sheet sheet;
    sheet.name = entry.name;
    sheet.hidden = entry.hidden;
    if (!zip.Has(part)) {
      // A chart sheet or a dialog sheet has no cells; anything else is damage.
      if (part.find("worksheets/") != std::string::npos) {
        problem->kind = Problem::Kind::kMalformed;
        problem->message = "sheet \"" + entry.name + "\" is missing its part " + part;
        return false;
      }
      continue;
    }
    if (part.find("worksheets/") == std::string::npos) continue;  // chartsheets/...
    SheetHandler handler(&sheet, &strings.strings, &styles, part, &text_budget);
    if (!zip.Read(part, &xml, problem) || !ParseXml(part, xml, &handler, problem)) return false;
    if (handler.over_budget) {
      problem->kind = Problem::Kind::kTooLarge;
      problem->message = "the cells of sheet \"" + entry.name + "\" repeat shared text beyond " +
                         std::to_string(limits.max_total_bytes) +
                         " bytes in all; refusing a possible zip bomb";
      return false;
    }
    if (!handler.error.empty()) {
      problem->kind = Problem::Kind::kMalformed;
      problem->message = "sheet \"" + entry.name + "\": " + handler.error;
      return false;
    }
    std::sort(sheet.hidden_rows.begin(), sheet.hidden_rows.end());
    std::stable_sort(sheet.cells.begin(), sheet.cells.end(), [](const Cell& a, const Cell& b) {
      return a.row != b.row ? a.row < b.row : a.column < b.column;
    });
    for (size_t i = 1; i < sheet.cells.size(); ++i) {
      const Cell& a = sheet.cells[i - 1];
      const Cell& b = sheet.cells[i];
      if (a.row == b.row && a.column == b.column) {
        problem->kind = Problem::Kind::kMalformed;
        problem->message = "sheet \"" + entry.name + "\": cell " + ColumnName(b.column) +
                           std::to_string(b.row) + " appears twice; save it again from Excel";
        return false;
      }
    }
    out->sheets.push_back(std::move(sheet));
  }
  return true;
}

}  // namespace cchc::xlsx
