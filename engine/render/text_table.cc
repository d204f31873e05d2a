// The tabular model's three writers: terminal, Markdown, CSV.
#include "engine/render/text_table.h"

#include <algorithm>

#include "criteria/source.h"
#include "engine/render/cells.h"

namespace cchc {

std::string TruncateToWidth(std::string_view s, int width) {
  if (DisplayWidth(s) <= width) return std::string(s);
  std::string out;
  int w = 0;
  size_t i = 0;
  while (i < s.size()) {
    size_t start = i;
    DecodeUtf8(s, i);
    int cw = DisplayWidth(s.substr(start, i - start));
    if (w + cw > width - 1) break;
    out.append(s.substr(start, i - start));
    w += cw;
  }
  // Keep combining marks that belong to the last kept letter.
  return out + "…";
}

void TextTable::AddColumn(std::string header, Align align, int max_width) {
  columns_.push_back({std::move(header), align, max_width});
}

void TextTable::AddRow(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  rows_.push_back(std::move(cells));
}

void TextTable::AddRule() { rows_.emplace_back(); }

std::string TextTable::Render() const {
  std::vector<std::vector<std::string>> rows = rows_;
  for (auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      if (columns_[c].max_width > 0) row[c] = TruncateToWidth(row[c], columns_[c].max_width);
    }
  }
  std::vector<int> widths(columns_.size(), 0);
  for (size_t c = 0; c < columns_.size(); ++c) widths[c] = DisplayWidth(columns_[c].header);
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], DisplayWidth(row[c]));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (size_t c = 0; c < columns_.size(); ++c) {
      const bool last = c + 1 == columns_.size();
      const bool right = columns_[c].align == Align::kRight;
      std::string cell = last && !right ? cells[c] : PadToWidth(cells[c], widths[c], right);
      out += cell;
      if (!last) out += "  ";
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  int total = 0;
  for (int w : widths) total += w + 2;
  const std::string rule(static_cast<size_t>(std::max(0, total - 2)), '-');
  std::vector<std::string> header;
  for (const auto& col : columns_) header.push_back(col.header);
  std::string out = line(header) + rule + "\n";
  for (const auto& row : rows) out += row.empty() ? rule + "\n" : line(row);
  return out;
}

std::string TextTable::RenderMarkdown() const {
  std::string out = "|";
  for (const Column& col : columns_) out += " " + MdCell(col.header) + " |";
  out += "\n|";
  for (const Column& col : columns_) out += col.align == Align::kRight ? "---:|" : "---|";
  out += "\n";
  for (const auto& row : rows_) {
    if (row.empty()) continue;
    out += "|";
    for (const auto& cell : row) out += " " + MdCell(cell) + " |";
    out += "\n";
  }
  return out;
}

std::string TextTable::RenderCsv() const {
  auto line = [](const std::vector<std::string>& cells) {
    std::string out;
    for (size_t c = 0; c < cells.size(); ++c) out += (c ? "," : "") + CsvCell(cells[c]);
    return out + "\n";
  };
  std::vector<std::string> header;
  for (const Column& col : columns_) header.push_back(col.header);
  std::string out = line(header);
  for (const auto& row : rows_) {
    if (!row.empty()) out += line(row);
  }
  return out;
}

}  // namespace cchc
