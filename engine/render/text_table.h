// A terminal table that aligns columns by display width, so Vietnamese text
// (multi-byte UTF-8, combining marks) lines up.
#ifndef CCHC_ENGINE_RENDER_TEXT_TABLE_H_
#define CCHC_ENGINE_RENDER_TEXT_TABLE_H_

#include <string>
#include <string_view>
#include <vector>

namespace cchc {

class TextTable {
 public:
  enum class Align { kLeft, kRight };

  // One column per header; `max_width` 0 means unlimited, else cells are cut
  // with "…" at that many display cells.
  void AddColumn(std::string header, Align align = Align::kLeft, int max_width = 0);
  void AddRow(std::vector<std::string> cells);
  void AddRule();  // a horizontal line between rows

  std::string Render() const;

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
