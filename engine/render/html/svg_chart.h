// Horizontal bar charts as inline SVG for the HTML report: one row per bar,
// a label on the left, the bar (and optionally an outline for its maximum),
// and the value text on the right. Text is escaped; no scripts, no fonts.
#ifndef CCHC_ENGINE_RENDER_HTML_SVG_CHART_H_
#define CCHC_ENGINE_RENDER_HTML_SVG_CHART_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cchc {

struct BarRow {
  std::string label;              // shown truncated; the full text is the tooltip
  double value = 0;               // the bar, from zero (may be negative)
  std::optional<double> outline;  // drawn as an empty frame from zero (e.g. the max)
  std::string value_text;         // right of the bars
  std::string css_class;          // added to the bar's class ("bar " + css_class)
};

struct BarChartSpec {
  std::string title;      // the accessible title (<title>)
  int width = 1040;       // total width in px
  int label_width = 440;  // px kept for the labels
  int value_width = 110;  // px kept for the value texts
  int row_height = 24;
  int label_chars = 62;  // labels longer than this (display columns) are truncated
};

// The scale maps [min(0, values), max(values, outlines)] onto the bar area;
// an empty or all-zero chart still renders (zero-width bars).
std::string RenderBarChart(const BarChartSpec& spec, const std::vector<BarRow>& rows);

// Escapes &, <, >, " and ' for HTML and XML text and attribute values.
std::string HtmlEscape(std::string_view s);

}  // namespace cchc

#endif  // CCHC_ENGINE_RENDER_HTML_SVG_CHART_H_
