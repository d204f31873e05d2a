// Cell helpers every renderer shares: escaping for Markdown and CSV, joining
// lists, and signed index gains.
#ifndef CCHC_ENGINE_RENDER_CELLS_H_
#define CCHC_ENGINE_RENDER_CELLS_H_

#include <string>
#include <string_view>
#include <vector>

namespace cchc {

// A Markdown table cell: '|' escaped, line breaks as <br>, so that any text
// (a task title with a newline included) stays inside its cell.
std::string MdCell(std::string_view s);

// A CSV cell (RFC 4180): quoted when it holds a comma, quote or line break.
std::string CsvCell(std::string_view s);

// "a, b, c" with `sep` between the parts.
std::string Join(const std::vector<std::string>& parts, std::string_view sep = ", ");

// An index gain in percentage points with at least 4 decimals (+0.3046
// should not read as +0.3), or `precision` when more.
std::string Gain(double v, int precision);

}  // namespace cchc

#endif  // CCHC_ENGINE_RENDER_CELLS_H_
