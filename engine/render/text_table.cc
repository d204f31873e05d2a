// The tabular model's three writers: terminal, Markdown, CSV.
#include "engine/render/text_table.h"

#include <algorithm>

#include "criteria/source.h"
#include "engine/render/cells.h"
#include "engine/render/explain.h"

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

std::string WrapToWidth(std::string_view text, int width, int indent) {
  const std::string pad(static_cast<size_t>(std::max(0, indent)), ' ');
  if (width <= 0) return pad + std::string(text) + "\n";
  const int room = std::max(1, width - indent);
  std::string out, line;
  int line_width = 0;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    size_t end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    if (end == i) break;
    const std::string_view word = text.substr(i, end - i);
    const int w = DisplayWidth(word);
    if (line_width > 0 && line_width + 1 + w > room) {
      out += pad + line + "\n";
      line.clear();
      line_width = 0;
    }
    if (line_width > 0) {
      line += ' ';
      ++line_width;
    }
    line += word;
    line_width += w;
    i = end;
  }
  if (!line.empty() || out.empty()) out += pad + line + "\n";
  return out;
}

void TextTable::AddNote(std::string text) {
  if (!rows_.empty()) notes_[rows_.size() - 1].push_back(std::move(text));
}

void TextTable::AddColumn(std::string header, Align align, int max_width) {
  columns_.push_back({std::move(header), align, max_width});
}

void TextTable::AddRow(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  rows_.push_back(std::move(cells));
}

void TextTable::AddRule() { rows_.emplace_back(); }

bool TextTable::Shrink(int width, std::vector<int>* widths) const {
  auto total = [&] {
    int t = 0;
    for (int w : *widths) t += w + 2;
    return t - 2;
  };
  bool cut = false;
  while (total() > width) {
    int widest = -1;
    for (size_t c = 0; c < columns_.size(); ++c) {
      const int floor = std::max(8, DisplayWidth(columns_[c].header));
      if (columns_[c].max_width == 0 || (*widths)[c] <= floor) continue;
      if (widest < 0 || (*widths)[c] > (*widths)[static_cast<size_t>(widest)]) {
        widest = static_cast<int>(c);
      }
    }
    if (widest < 0) break;  // nothing left to cut: wider than asked
    --(*widths)[static_cast<size_t>(widest)];
    cut = true;
  }
  return cut;
}

namespace {

// The cell with each number in the language's separators, when the cell is
// only numbers and the signs around them ("1152", "-0.25", "96.00 %",
// "9.36/12", "2.5 (+0.3125)"); otherwise the cell as it is ("1.1.1",
// "2026-11-18", "—", a name).
std::string LocalizedNumbers(const std::string& cell) {
  static constexpr std::string_view kBetween = " ()/%";
  std::string out;
  size_t i = 0;
  bool any = false;
  while (i < cell.size()) {
    const char ch = cell[i];
    const bool sign = (ch == '-' || ch == '+') && i + 1 < cell.size() && cell[i + 1] >= '0' &&
                      cell[i + 1] <= '9' && (i == 0 || cell[i - 1] == ' ' || cell[i - 1] == '(');
    if (sign || (ch >= '0' && ch <= '9')) {
      size_t end = i + (sign ? 1 : 0);
      while (end < cell.size() && cell[end] >= '0' && cell[end] <= '9') ++end;
      if (end + 1 < cell.size() && cell[end] == '.' && cell[end + 1] >= '0' &&
          cell[end + 1] <= '9') {
        ++end;
        while (end < cell.size() && cell[end] >= '0' && cell[end] <= '9') ++end;
      }
      if (end < cell.size() && (cell[end] == '.' || cell[end] == '-'))
        return cell;  // a code, a date
      out += LocalNumber(std::string_view(cell).substr(i, end - i), Lang::kVi);
      any = true;
      i = end;
    } else if (kBetween.find(ch) != std::string_view::npos) {
      out += ch;
      ++i;
    } else {
      return cell;
    }
  }
  return any ? out : cell;
}

}  // namespace

std::vector<std::vector<std::string>> TextTable::Shown(const TableLayout& layout) const {
  std::vector<std::vector<std::string>> rows = rows_;
  if (!layout.vietnamese_numbers) return rows;
  for (auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      if (columns_[c].align == Align::kRight) row[c] = LocalizedNumbers(row[c]);
    }
  }
  return rows;
}

std::string TextTable::Render(const TableLayout& layout) const {
  const int width = layout.width;
  std::vector<std::vector<std::string>> rows = Shown(layout);
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
  if (width > 0 && Shrink(width, &widths)) {
    for (auto& row : rows) {
      for (size_t c = 0; c < row.size(); ++c) {
        if (columns_[c].max_width > 0) row[c] = TruncateToWidth(row[c], widths[c]);
      }
    }
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
  const int indent = widths.empty() ? 0 : std::min(widths[0] + 2, 8);
  for (size_t r = 0; r < rows.size(); ++r) {
    out += rows[r].empty() ? rule + "\n" : line(rows[r]);
    const auto notes = notes_.find(r);
    if (notes == notes_.end()) continue;
    for (const std::string& note : notes->second) out += WrapToWidth(note, width, indent);
  }
  return out;
}

std::string TextTable::RenderMarkdown(const TableLayout& layout) const {
  std::string out = "|";
  for (const Column& col : columns_) out += " " + MdCell(col.header) + " |";
  out += "\n|";
  for (const Column& col : columns_) out += col.align == Align::kRight ? "---:|" : "---|";
  out += "\n";
  for (const auto& row : Shown(layout)) {
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
