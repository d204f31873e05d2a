// The tabular model every command's renderer fills: columns (header,
// alignment, terminal width limit) and rows of text cells, written as an
// aligned terminal table (by display width, so Vietnamese lines up), a
// Markdown table, or CSV.
#ifndef CCHC_ENGINE_RENDER_TEXT_TABLE_H_
#define CCHC_ENGINE_RENDER_TEXT_TABLE_H_

#include <string>
#include <string_view>
#include <vector>

namespace cchc {

class TextTable {
 public:
  enum class Align { kLeft, kRight };

  // One column per header; `max_width` 0 means unlimited, else terminal cells
  // are cut with "…" at that many display cells (Markdown and CSV keep all).
  void AddColumn(std::string header, Align align = Align::kLeft, int max_width = 0);
  void AddRow(std::vector<std::string> cells);
  void AddRule();  // a horizontal line between rows (terminal only)
  bool empty() const { return rows_.empty(); }

  // The aligned terminal table: header, a rule, the rows.
  std::string Render() const;
  // "| h | h |", "|---|---:|", then the rows; cells escaped with MdCell.
  std::string RenderMarkdown() const;
  // The header line, then one line per row; cells escaped with CsvCell.
  std::string RenderCsv() const;

 private:
  struct Column {
    std::string header;
    Align align;
    int max_width;
  };
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;  // an empty row is a rule
};

// Cuts `s` to at most `width` display cells, ending with "…" when cut.
std::string TruncateToWidth(std::string_view s, int width);

}  // namespace cchc

#endif  // CCHC_ENGINE_RENDER_TEXT_TABLE_H_
