// The tabular model every command's renderer fills: columns (header,
// alignment, terminal width limit) and rows of text cells, written as an
// aligned terminal table (by display width, so Vietnamese lines up), a
// Markdown table, or CSV.
#ifndef CCHC_ENGINE_RENDER_TEXT_TABLE_H_
#define CCHC_ENGINE_RENDER_TEXT_TABLE_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cchc {

// How a table meant for people is laid out: the terminal width to fit (0: no
// limit) and whether numbers take Vietnamese separators ("1.152,5", "96,00 %").
// CSV ignores it: CSV is a machine format.
struct TableLayout {
  int width = 0;
  bool vietnamese_numbers = false;
};

class TextTable {
 public:
  enum class Align { kLeft, kRight };

  // One column per header; `max_width` 0 means unlimited, else terminal cells
  // are cut with "…" at that many display cells (Markdown and CSV keep all).
  void AddColumn(std::string header, Align align = Align::kLeft, int max_width = 0);
  void AddRow(std::vector<std::string> cells);
  void AddRule();  // a horizontal line between rows (terminal only)
  // A line of text under the last row, indented to the second column and
  // wrapped to the table's width (terminal only: Markdown and CSV skip it).
  void AddNote(std::string text);
  bool empty() const { return rows_.empty(); }

  // The aligned terminal table: header, a rule, the rows. With a width
  // (display cells) it fits by cutting the columns that allow it (those with
  // a `max_width`), widest first, never below their header or 8 cells.
  // Markdown and CSV keep every cell whole.
  std::string Render(const TableLayout& layout = {}) const;
  // "| h | h |", "|---|---:|", then the rows; cells escaped with MdCell.
  std::string RenderMarkdown(const TableLayout& layout = {}) const;
  // The header line, then one line per row; cells escaped with CsvCell.
  std::string RenderCsv() const;

 private:
  // Narrows the cuttable columns of `widths` until the table fits `width`;
  // true when any was narrowed.
  bool Shrink(int width, std::vector<int>* widths) const;

  struct Column {
    std::string header;
    Align align;
    int max_width;
  };
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;        // an empty row is a rule
  std::map<size_t, std::vector<std::string>> notes_;  // by the row they follow
  // The rows as shown: numbers of right-aligned columns localized.
  std::vector<std::vector<std::string>> Shown(const TableLayout& layout) const;
};

// Cuts `s` to at most `width` display cells, ending with "…" when cut.
std::string TruncateToWidth(std::string_view s, int width);

// `text` as lines of at most `width` display cells (0: one line), each
// starting with `indent` spaces, broken at spaces; each line ends in "\n".
// A word longer than a line stands alone on its line.
std::string WrapToWidth(std::string_view text, int width, int indent);

}  // namespace cchc

#endif  // CCHC_ENGINE_RENDER_TEXT_TABLE_H_
