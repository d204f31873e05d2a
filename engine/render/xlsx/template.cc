// The evidence workbook template: a guide sheet, the unit sheet, one sheet per
// record kind with typed, validated columns, and the appraisal sheet; filled
// from existing evidence when asked (the JSON/CSV -> Excel converter).
#include "engine/render/xlsx/template.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "criteria/comments.h"
#include "criteria/date.h"
#include "engine/render/xlsx/workbook.h"
#include "evidence/xlsx_sheets.h"

namespace cchc {
namespace {

constexpr std::string_view kListSheet = "_danh_muc";  // long drop-down lists, hidden
constexpr lxw_row_t kValidatedRows = 2000;            // rows given the column's validation
constexpr int32_t kExcelEpochShift = 25569;           // serial of 1970-01-01 (1900 system)
constexpr int32_t kFirstSafeSerialDay = -25508;       // 1900-03-01: serials are exact after it

const std::map<std::string, std::string, std::less<>>& CommonLabels() {
  static const std::map<std::string, std::string, std::less<>> kLabels = {
      {"id", "Mã hồ sơ"},
      {"number", "Số, ký hiệu"},
      {"title", "Trích yếu, tên văn bản"},
      {"issuer", "Cơ quan ban hành"},
      {"issued", "Ngày ban hành"},
      {"item", "Mã tiêu chí"},
      {"area", "Mã lĩnh vực"},
      {"file", "Tệp đính kèm"},
      {"topic", "Chủ đề"},
      {"period", "Kỳ"},
      {"status", "Tình trạng"},
      {"due", "Hạn"},
      {"done_on", "Ngày hoàn thành"},
      {"plan", "Thuộc kế hoạch"},
      {"received", "Số tiếp nhận"},
      {"resolved", "Số đã giải quyết"},
      {"on_time", "Số đúng hạn"},
      {"met", "Đạt"},
      {"total", "Tổng số"},
  };
  return kLabels;
}

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c & 0x80) == 0; });
}

// The first letter in upper case (ASCII and đ; Vietnamese comments start
// with one of these or with a letter whose capital is rare in headers).
std::string Capitalized(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  if (s.starts_with("\xC4\x91")) s[1] = '\x90';  // đ -> Đ
  return s;
}

// The trailing comment of the line that starts at `field.range.begin`.
std::string TrailingComment(const FieldDecl& field, std::string_view text) {
  if (text.empty() || field.range.end == 0) return "";
  static thread_local std::string_view cached_text;
  static thread_local std::vector<SourceComment> cached;
  if (cached_text.data() != text.data() || cached_text.size() != text.size()) {
    cached = CollectComments(text);
    cached_text = text;
  }
  for (const SourceComment& c : cached) {
    if (c.anchor == field.range.begin && c.offset > field.range.begin) {
      std::string_view t = c.text;
      while (!t.empty() && (t.front() == '#' || t.front() == ' ')) t.remove_prefix(1);
      return std::string(t);
    }
  }
  return "";
}

// The columns of a record kind's sheet: id, the kind's fields, the common ones.
std::vector<const FieldDecl*> Columns(const RecordDecl& kind) {
  std::vector<const FieldDecl*> out;
  const std::vector<FieldDecl>& common = CommonFields();
  for (const FieldDecl& f : common) {
    if (f.name == "id") out.push_back(&f);
  }
  for (const FieldDecl& f : kind.fields) out.push_back(&f);
  for (const FieldDecl& f : common) {
    const bool declared = std::any_of(kind.fields.begin(), kind.fields.end(),
                                      [&](const FieldDecl& k) { return k.name == f.name; });
    if (f.name != "id" && f.name != "kind" && !declared) out.push_back(&f);
  }
  return out;
}

// With evidence, the columns follow the order its records give their fields
// (merged over the records, each new field placed after the one before it),
// so that reading the workbook back gives each record's fields in the same
// order; declared fields no record has come last.
std::vector<const FieldDecl*> EvidenceOrder(std::vector<const FieldDecl*> cols, const Evidence& e,
                                            const std::string& kind) {
  std::vector<std::string> order;
  for (const Record& r : e.records) {
    if (r.kind != kind) continue;
    size_t at = 0;  // insertion point: after this record's previous field
    for (const auto& [name, value] : r.fields) {
      auto it = std::find(order.begin(), order.end(), name);
      if (it == order.end()) {
        order.insert(order.begin() + static_cast<std::ptrdiff_t>(at), name);
        ++at;
      } else {
        at = static_cast<size_t>(it - order.begin()) + 1;
      }
    }
  }
  std::vector<const FieldDecl*> out = {cols[0]};  // id
  for (const std::string& name : order) {
    for (const FieldDecl* f : cols) {
      if (f->name == name && f->name != "id") out.push_back(f);
    }
  }
  for (const FieldDecl* f : cols) {
    if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
  }
  return out;
}

// Whole-number percents written to 15 significant digits, so that 0.962
// becomes 96.2 (not 96.19999999999999) and reads back as the same fraction.
double PercentCell(double fraction) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", fraction * 100);
  return std::strtod(buf, nullptr);
}

struct Styles {
  lxw_format *title, *header, *text, *wrap, *date, *count, *number, *bold;
};

Styles MakeStyles(lxw_workbook* wb) {
  Styles s;
  s.title = workbook_add_format(wb);
  format_set_bold(s.title);
  format_set_font_size(s.title, 14);
  s.header = workbook_add_format(wb);
  format_set_bold(s.header);
  format_set_text_wrap(s.header);
  format_set_align(s.header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_bg_color(s.header, 0xDDEBF7);
  format_set_border(s.header, LXW_BORDER_THIN);
  s.text = workbook_add_format(wb);
  format_set_num_format(s.text, "@");  // text: "6/2026" stays text, not a date
  s.wrap = workbook_add_format(wb);
  format_set_text_wrap(s.wrap);
  format_set_align(s.wrap, LXW_ALIGN_VERTICAL_TOP);
  s.date = workbook_add_format(wb);
  format_set_num_format(s.date, "dd/mm/yyyy");
  s.count = workbook_add_format(wb);
  format_set_num_format(s.count, "0");
  s.number = workbook_add_format(wb);
  format_set_num_format(s.number, "General");
  s.bold = workbook_add_format(wb);
  format_set_bold(s.bold);
  return s;
}

void PrintSetup(lxw_worksheet* ws, bool landscape) {
  worksheet_set_paper(ws, 9);  // A4
  if (landscape) worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_repeat_rows(ws, 0, 0);
  worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
}

// The declared values of an enumeration as Excel's inline drop-down list, or
// empty when the list cannot be inline: Excel caps the comma-joined list at
// 255 characters and a value may not hold a comma or a double quote.
std::vector<const char*> InlineList(const FieldDecl& f) {
  size_t length = 0;
  for (const std::string& v : f.one_of) {
    if (v.find_first_of(",\"") != std::string::npos) return {};
    length += v.size() + 1;
  }
  if (length == 0 || length - 1 > 255) return {};
  std::vector<const char*> list;
  for (const std::string& v : f.one_of) list.push_back(v.c_str());
  list.push_back(nullptr);
  return list;
}

// A bound as an official writes it: "1.000.000", "0,5" (Vietnamese separators).
std::string BoundText(double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.15g", std::fabs(v));
  const std::string digits = buf;
  if (digits.find_first_of("eE") != std::string::npos) return (v < 0 ? "-" : "") + digits;
  const size_t point = std::min(digits.find('.'), digits.size());
  std::string out;
  for (size_t i = 0; i < point; ++i) {
    if (i > 0 && (point - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  if (point < digits.size()) out += "," + digits.substr(point + 1);
  return (v < 0 ? "-" : "") + out;
}

// Sets a between-bounds check, narrowing the type's own bounds [lo, hi] by the
// field's declared range (`in LO..HI`; a percent's range is declared as fractions).
void Between(lxw_data_validation* dv, const FieldDecl& f, double lo, double hi, double scale,
             std::string* message) {
  if (f.has_range) {
    lo = std::max(lo, f.lo * scale);
    hi = std::min(hi, f.hi * scale);
    *message += " Từ " + BoundText(lo) + " đến " + BoundText(hi) + ".";
  }
  dv->criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
  dv->minimum_number = lo;
  dv->maximum_number = hi;
}

// The column's data validation. `list_formula` points at the list sheet's
// column for an enumeration too long to be inline.
void Validate(lxw_worksheet* ws, lxw_col_t col, const FieldDecl& f, const std::string& label,
              const std::string& hint, const std::string& list_formula) {
  lxw_data_validation dv{};
  dv.ignore_blank = LXW_VALIDATION_ON;
  dv.show_input = LXW_VALIDATION_ON;
  dv.show_error = LXW_VALIDATION_ON;
  static const char* kYesNo[] = {"Có", "Không", nullptr};
  std::vector<const char*> list;
  std::string formula = list_formula;  // libxlsxwriter takes a char*
  std::string message;
  switch (f.type) {
    case FieldType::kCount:
      dv.validate = LXW_VALIDATION_TYPE_INTEGER;
      message = "Số nguyên, không âm.";
      if (f.has_range) {
        Between(&dv, f, 0, 2147483647, 1, &message);
      } else {
        dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
        dv.value_number = 0;
      }
      break;
    case FieldType::kPercent:
      dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
      message = "Tỷ lệ phần trăm từ 0 đến 100, ví dụ 96,2.";
      Between(&dv, f, 0, 100, 100, &message);
      break;
    case FieldType::kDate:
      dv.validate = LXW_VALIDATION_TYPE_DATE_NUMBER;
      dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
      dv.minimum_number = 367;      // 01/01/1901
      dv.maximum_number = 2958465;  // 31/12/9999
      message = "Ngày dạng dd/mm/yyyy, ví dụ 20/01/2026.";
      break;
    case FieldType::kBool:
      dv.validate = LXW_VALIDATION_TYPE_LIST;
      dv.value_list = const_cast<char**>(kYesNo);
      message = "Chọn Có hoặc Không.";
      break;
    case FieldType::kNumber:
      dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
      message = "Một số.";
      Between(&dv, f, -1e300, 1e300, 1, &message);
      break;
    case FieldType::kString:
      if (!f.one_of.empty()) {
        list = InlineList(f);
        if (!list.empty()) {
          dv.validate = LXW_VALIDATION_TYPE_LIST;
          dv.value_list = const_cast<char**>(list.data());
        } else {
          dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
          dv.value_formula = formula.data();
        }
        message = "Chọn trong danh sách (" + std::to_string(f.one_of.size()) + " giá trị).";
        break;
      }
      if (hint.empty()) return;
      dv.validate = LXW_VALIDATION_TYPE_ANY;
      break;
  }
  if (!hint.empty()) message += (message.empty() ? "" : " ") + std::string("Giá trị: ") + hint;
  // Excel limits: a title of 32 characters, a message of 255.
  std::string title = label.empty() ? f.name : label;
  if (title.size() > 30) title = f.name;
  if (message.size() > 250) {
    size_t cut = 240;  // on a character boundary: never half a UTF-8 sequence
    while (cut > 0 && (static_cast<unsigned char>(message[cut]) & 0xC0) == 0x80) --cut;
    message = message.substr(0, cut) + "...";
  }
  dv.input_title = title.data();
  dv.input_message = message.data();
  dv.error_title = title.data();
  dv.error_message = message.data();
  worksheet_data_validation_range(ws, 1, col, kValidatedRows, col, &dv);
}

double ColumnWidth(const FieldDecl& f) {
  if (f.name == "title") return 48;
  if (f.name == "id") return 20;
  switch (f.type) {
    case FieldType::kDate:
      return 13;
    case FieldType::kCount:
    case FieldType::kNumber:
    case FieldType::kPercent:
    case FieldType::kBool:
      return 12;
    case FieldType::kString:
      return 22;
  }
  return 14;
}

class TemplateWriter {
 public:
  TemplateWriter(const Plan& plan, const TemplateOptions& o, lxw_workbook* wb,
                 std::vector<std::string>* warnings)
      : plan_(plan),
        c_(plan.criteria()),
        o_(o),
        wb_(wb),
        st_(MakeStyles(wb)),
        warnings_(warnings) {}

  // False (with *error) when a record kind cannot be a sheet name.
  bool Write(std::string* error) {
    for (const RecordDecl& r : c_.records) {
      if (r.kind.size() > 31) {  // Excel's limit for a sheet name
        *error = "record kind \"" + r.kind +
                 "\" is longer than 31 characters, Excel's limit for a sheet name; shorten it";
        return false;
      }
    }
    WriteGuide();
    WriteUnit();
    for (const RecordDecl& r : c_.records) {
      if (!WriteKind(r)) {
        *error = "record kind \"" + r.kind + "\" cannot be a sheet name in Excel";
        return false;
      }
    }
    WriteAppraisal();
    WriteLists();
    if (o_.from == nullptr) return true;
    std::set<std::string> undeclared;
    for (const Record& r : o_.from->records) {
      if (FindRecord(c_, r.kind) == nullptr && undeclared.insert(r.kind).second) {
        warnings_->push_back("records of kind \"" + r.kind +
                             "\" are not declared by the criteria; not written");
      }
    }
    return true;
  }

 private:
  void Str(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& s, lxw_format* f) {
    worksheet_write_string(ws, r, c, s.c_str(), f);
  }

  void WriteGuide() {
    lxw_worksheet* ws = workbook_add_worksheet(wb_, std::string(xlsx::kGuideSheet).c_str());
    worksheet_set_column(ws, 0, 0, 16, nullptr);
    worksheet_set_column(ws, 1, 1, 40, st_.wrap);
    worksheet_set_column(ws, 2, 2, 40, st_.wrap);
    worksheet_set_column(ws, 3, 3, 60, st_.wrap);
    lxw_row_t r = 0;
    Str(ws, r++, 0, "SỐ LIỆU, TÀI LIỆU KIỂM CHỨNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH", st_.title);
    if (!c_.index.name.empty()) Str(ws, r++, 0, c_.index.name, st_.bold);
    ++r;
    const char* lines[] = {
        "Cách điền:",
        "1. Trang \"Đơn vị\": mã, tên đơn vị, tỉnh, năm đánh giá và ngày chốt số liệu.",
        "2. Mỗi trang tiếp theo là một loại hồ sơ (tên trang là tên loại, không đổi tên). Mỗi "
        "dòng là một hồ sơ; cột \"Mã hồ sơ (id)\" bắt buộc và không trùng nhau trong cả tệp.",
        "3. Dòng tiêu đề: phần trong ngoặc là tên trường, không sửa. Có thể đổi thứ tự cột, bỏ "
        "cột không dùng, thêm dòng; dòng trống được bỏ qua.",
        "4. Ngày: nhập dd/mm/yyyy (ví dụ 20/01/2026). Có/Không và các cột có danh mục giá trị: "
        "chọn trong danh sách. Số lượng: số nguyên ≥ 0. Tỷ lệ (%): số từ 0 đến 100 (ví dụ 96,2). "
        "Ô có giới hạn (ví dụ điểm trung bình từ 1 đến 5) báo lỗi khi nhập ngoài giới hạn.",
        "5. Không gộp ô, không ẩn dòng hoặc trang có số liệu, không để ô báo lỗi công thức "
        "(#DIV/0!...). Trang có tên bắt đầu bằng \"_\" được bỏ qua (dùng để ghi chú).",
        "6. Trang \"Thẩm định\": điểm Hội đồng thẩm định chấm cho từng tiêu chí (nếu có).",
        "7. Chấm điểm: cchc score <tệp tiêu chí> <tệp này>.xlsx",
    };
    for (const char* line : lines) {
      Str(ws, r, 0, line, r == 3 ? st_.bold : nullptr);
      ++r;
    }
    ++r;
    const lxw_row_t header = r;
    Str(ws, r, 0, "Trang (loại hồ sơ)", st_.header);
    Str(ws, r, 1, "Nội dung", st_.header);
    Str(ws, r, 2, "Tiêu chí sử dụng", st_.header);
    Str(ws, r, 3, "Tài liệu kiểm chứng cần có", st_.header);
    ++r;
    for (const RecordDecl& kind : c_.records) {
      const int id = plan_.KindId(kind.kind);
      bool any = false;
      for (const CompiledItem& item : plan_.items()) {
        const bool reads = item.any_kind ||
                           std::find(item.kinds.begin(), item.kinds.end(), id) != item.kinds.end();
        if (!reads || item.item == nullptr) continue;
        Str(ws, r, 0, kind.kind, nullptr);
        Str(ws, r, 1, kind.description, st_.wrap);
        Str(ws, r, 2, item.item->code + " " + item.item->name, st_.wrap);
        std::string expects;
        for (const std::string& e : item.item->expects)
          expects += (expects.empty() ? "" : "; ") + e;
        Str(ws, r, 3, expects, st_.wrap);
        ++r;
        any = true;
      }
      if (!any) {
        Str(ws, r, 0, kind.kind, nullptr);
        Str(ws, r, 1, kind.description, st_.wrap);
        Str(ws, r, 2, "(không tiêu chí nào đọc loại hồ sơ này)", st_.wrap);
        ++r;
      }
    }
    worksheet_freeze_panes(ws, header + 1, 0);
    PrintSetup(ws, true);
  }

  void WriteUnit() {
    lxw_worksheet* ws = workbook_add_worksheet(wb_, std::string(xlsx::kUnitSheet).c_str());
    worksheet_set_column(ws, 0, 0, 36, nullptr);
    worksheet_set_column(ws, 1, 1, 36, nullptr);
    Str(ws, 0, 0, "Thông tin", st_.header);
    Str(ws, 0, 1, "Giá trị", st_.header);
    const Evidence* e = o_.from;
    const std::string code = !o_.unit_code.empty() ? o_.unit_code : e ? e->unit.code : "";
    const std::string name = !o_.unit_name.empty() ? o_.unit_name : e ? e->unit.name : "";
    const std::string province =
        e && !e->unit.province.empty() ? e->unit.province : c_.index.province;
    const int year = e && e->year != 0 ? e->year : c_.index.year;
    Str(ws, 1, 0, xlsx::HeaderText("Mã đơn vị", "unit.code"), st_.bold);
    Str(ws, 2, 0, xlsx::HeaderText("Tên đơn vị", "unit.name"), st_.bold);
    Str(ws, 3, 0, xlsx::HeaderText("Tỉnh", "unit.province"), st_.bold);
    Str(ws, 4, 0, xlsx::HeaderText("Năm đánh giá", "year"), st_.bold);
    Str(ws, 5, 0, xlsx::HeaderText("Số liệu tính đến ngày", "as_of"), st_.bold);
    if (!code.empty()) Str(ws, 1, 1, code, st_.text);
    if (!name.empty()) Str(ws, 2, 1, name, st_.text);
    if (!province.empty()) Str(ws, 3, 1, province, st_.text);
    if (year != 0) worksheet_write_number(ws, 4, 1, year, st_.count);
    if (e && e->as_of) {
      WriteDate(ws, 5, 1, *e->as_of);
    } else {
      worksheet_write_blank(ws, 5, 1, st_.date);
    }
    lxw_data_validation dv{};
    dv.validate = LXW_VALIDATION_TYPE_INTEGER;
    dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
    dv.minimum_number = 1900;
    dv.maximum_number = 2200;
    worksheet_data_validation_cell(ws, 4, 1, &dv);
    worksheet_freeze_panes(ws, 1, 0);
    PrintSetup(ws, false);
  }

  void WriteDate(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, Date d) {
    if (d.days < kFirstSafeSerialDay) {  // before 01/03/1900: Excel's serials are off
      Str(ws, r, c, FormatIsoDate(d), st_.text);
    } else {
      worksheet_write_number(ws, r, c, d.days + kExcelEpochShift, st_.date);
    }
  }

  lxw_format* ColumnFormat(FieldType t) {
    switch (t) {
      case FieldType::kDate:
        return st_.date;
      case FieldType::kCount:
        return st_.count;
      case FieldType::kString:
        return st_.text;
      default:
        return st_.number;
    }
  }

  void WriteCell(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const FieldDecl& f, const Value& v,
                 const Record& rec) {
    switch (v.type) {
      case ValueType::kMissing:
        return;
      case ValueType::kString:
        Str(ws, r, c, v.text, st_.text);
        return;
      case ValueType::kBool:
        Str(ws, r, c, v.boolean ? "Có" : "Không", nullptr);
        return;
      case ValueType::kDate:
        WriteDate(ws, r, c, v.date);
        return;
      case ValueType::kPercent:
        worksheet_write_number(ws, r, c, PercentCell(v.number), st_.number);
        return;
      case ValueType::kNumber:
        if (f.type == FieldType::kPercent) {
          warnings_->push_back("record \"" + rec.id + "\" field \"" + f.name +
                               "\": a plain number in a percent field; written as is");
        }
        worksheet_write_number(ws, r, c, v.number, ColumnFormat(f.type));
        return;
    }
  }

  // For an enumeration too long for an inline drop-down: a column of the
  // hidden list sheet (whose "_" name the reader skips) and the formula to it.
  std::string ListFormula(const FieldDecl& f) {
    if (f.one_of.empty() || !InlineList(f).empty()) return "";
    long_lists_.push_back(f.one_of);
    const lxw_col_t col = static_cast<lxw_col_t>(long_lists_.size() - 1);
    char range[64];
    lxw_rowcol_to_range_abs(range, 0, col, static_cast<lxw_row_t>(f.one_of.size() - 1), col);
    return "='" + std::string(kListSheet) + "'!" + range;
  }

  void WriteLists() {
    if (long_lists_.empty()) return;
    lxw_worksheet* ws = workbook_add_worksheet(wb_, std::string(kListSheet).c_str());
    for (size_t c = 0; c < long_lists_.size(); ++c) {
      for (size_t r = 0; r < long_lists_[c].size(); ++r) {
        Str(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), long_lists_[c][r], nullptr);
      }
    }
    worksheet_hide(ws);
  }

  bool WriteKind(const RecordDecl& kind) {
    lxw_worksheet* ws = workbook_add_worksheet(wb_, kind.kind.c_str());
    if (ws == nullptr) return false;
    const std::vector<const FieldDecl*> cols =
        o_.from ? EvidenceOrder(Columns(kind), *o_.from, kind.kind) : Columns(kind);
    worksheet_set_row(ws, 0, 48, nullptr);
    for (size_t i = 0; i < cols.size(); ++i) {
      const FieldDecl& f = *cols[i];
      const lxw_col_t c = static_cast<lxw_col_t>(i);
      std::string label = FieldLabel(f, o_.criteria_text);
      std::string comment = TrailingComment(f, o_.criteria_text);
      const std::string hint = IsAscii(comment) ? comment : "";
      Str(ws, 0, c, xlsx::HeaderText(label, f.name), st_.header);
      worksheet_set_column(ws, c, c, ColumnWidth(f), ColumnFormat(f.type));
      if (f.name != "id") Validate(ws, c, f, label, hint, ListFormula(f));
    }
    worksheet_freeze_panes(ws, 1, 1);
    worksheet_autofilter(ws, 0, 0, 0, static_cast<lxw_col_t>(cols.size() - 1));
    PrintSetup(ws, true);
    if (o_.from == nullptr) return true;
    lxw_row_t r = 1;
    std::set<std::string> reported;
    for (const Record& rec : o_.from->records) {
      if (rec.kind != kind.kind) continue;
      Str(ws, r, 0, rec.id, st_.text);
      for (const auto& [name, value] : rec.fields) {
        // The binding is captured by name (clang before 16 cannot capture a
        // structured binding, and the fuzz targets are built with clang).
        auto it = std::find_if(cols.begin(), cols.end(),
                               [&field = name](const FieldDecl* f) { return f->name == field; });
        if (it == cols.end()) {
          if (reported.insert(name).second) {
            warnings_->push_back("field \"" + name + "\" of kind \"" + kind.kind +
                                 "\" is not declared by the criteria; not written");
          }
          continue;
        }
        WriteCell(ws, r, static_cast<lxw_col_t>(it - cols.begin()), **it, value, rec);
      }
      ++r;
    }
    return true;
  }

  void WriteAppraisal() {
    lxw_worksheet* ws = workbook_add_worksheet(wb_, std::string(xlsx::kAppraisalSheet).c_str());
    worksheet_set_row(ws, 0, 32, nullptr);
    Str(ws, 0, 0, xlsx::HeaderText("Mã tiêu chí", "item"), st_.header);
    Str(ws, 0, 1, xlsx::HeaderText("Điểm thẩm định", "points"), st_.header);
    Str(ws, 0, 2, xlsx::HeaderText("Ghi chú", "note"), st_.header);
    worksheet_set_column(ws, 0, 0, 14, st_.text);
    worksheet_set_column(ws, 1, 1, 14, nullptr);
    worksheet_set_column(ws, 2, 2, 70, st_.wrap);
    worksheet_freeze_panes(ws, 1, 0);
    PrintSetup(ws, false);
    if (o_.from == nullptr) return;
    lxw_row_t r = 1;
    for (const Appraisal& a : o_.from->appraisals) {
      Str(ws, r, 0, a.item, st_.text);
      worksheet_write_number(ws, r, 1, a.points, nullptr);
      if (!a.note.empty()) Str(ws, r, 2, a.note, st_.wrap);
      ++r;
    }
  }

  const Plan& plan_;
  const Criteria& c_;
  const TemplateOptions& o_;
  lxw_workbook* wb_;
  Styles st_;
  std::vector<std::vector<std::string>> long_lists_;  // enumerations for the list sheet
  std::vector<std::string>* warnings_;
};

}  // namespace

std::string FieldLabel(const FieldDecl& field, std::string_view criteria_text) {
  std::string comment = TrailingComment(field, criteria_text);
  if (!comment.empty() && !IsAscii(comment)) return Capitalized(comment);
  auto it = CommonLabels().find(field.name);
  return it == CommonLabels().end() ? "" : it->second;
}

std::vector<std::string> TemplateSheetNames(const Criteria& criteria) {
  std::vector<std::string> names = {std::string(xlsx::kGuideSheet), std::string(xlsx::kUnitSheet)};
  for (const RecordDecl& r : criteria.records) names.push_back(r.kind);
  names.emplace_back(xlsx::kAppraisalSheet);
  return names;
}

bool WriteEvidenceTemplate(const Plan& plan, const TemplateOptions& options,
                           const std::string& path, std::vector<std::string>* warnings,
                           std::string* error) {
  AtomicWorkbook book(path, error);
  if (book.workbook() == nullptr) return false;
  if (!TemplateWriter(plan, options, book.workbook(), warnings).Write(error)) return false;
  return book.Commit(error);
}

}  // namespace cchc
