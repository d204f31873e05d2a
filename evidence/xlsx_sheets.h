// The evidence workbook's layout, shared by the reader (evidence/xlsx_loader.cc)
// and `cchc template` (engine/render/xlsx/template.cc): the special sheets'
// names and how a header cell names its field.
#ifndef CCHC_EVIDENCE_XLSX_SHEETS_H_
#define CCHC_EVIDENCE_XLSX_SHEETS_H_

#include <string>
#include <string_view>

namespace cchc::xlsx {

inline constexpr std::string_view kGuideSheet = "Hướng dẫn";      // ignored by the reader
inline constexpr std::string_view kUnitSheet = "Đơn vị";          // unit, year, as_of
inline constexpr std::string_view kAppraisalSheet = "Thẩm định";  // item, points, note

enum class SheetRole { kGuide, kUnit, kAppraisal, kRecords };

inline SheetRole RoleOf(std::string_view name) {
  if (name == kGuideSheet) return SheetRole::kGuide;
  if (name == kUnitSheet) return SheetRole::kUnit;
  if (name == kAppraisalSheet) return SheetRole::kAppraisal;
  return SheetRole::kRecords;
}

// The field a header cell names: "Hồ sơ tiếp nhận (received)" -> "received"
// (an identifier in the last parentheses), else the trimmed text ("received").
inline std::string_view HeaderField(std::string_view text) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  if (!text.ends_with(')')) return text;
  const size_t open = text.rfind('(');
  if (open == std::string_view::npos) return text;
  std::string_view inner = text.substr(open + 1, text.size() - open - 2);
  while (!inner.empty() && blank(inner.front())) inner.remove_prefix(1);
  while (!inner.empty() && blank(inner.back())) inner.remove_suffix(1);
  if (inner.empty()) return text;
  for (char c : inner) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '.';
    if (!word) return text;
  }
  return inner;
}

// "Hồ sơ tiếp nhận (received)", or "received" without a label.
inline std::string HeaderText(std::string_view label, std::string_view field) {
  if (label.empty()) return std::string(field);
  return std::string(label) + " (" + std::string(field) + ")";
}

}  // namespace cchc::xlsx

#endif  // CCHC_EVIDENCE_XLSX_SHEETS_H_
