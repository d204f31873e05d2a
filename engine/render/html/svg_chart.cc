// Inline SVG horizontal bar charts: the scale, the rows of rect and text.
#include "engine/render/html/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "engine/render/text_table.h"

namespace cchc {
namespace {

std::string Px(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

}  // namespace

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string RenderBarChart(const BarChartSpec& spec, const std::vector<BarRow>& rows) {
  double lo = 0, hi = 0;
  for (const BarRow& r : rows) {
    if (std::isfinite(r.value)) {
      lo = std::min(lo, r.value);
      hi = std::max(hi, r.value);
    }
    if (r.outline && std::isfinite(*r.outline)) hi = std::max(hi, *r.outline);
  }
  const double left = spec.label_width + 8.0;
  const double area = std::max(40.0, double(spec.width) - left - spec.value_width - 8.0);
  const double span = hi - lo > 0 ? hi - lo : 1.0;
  auto x = [&](double v) { return left + (std::clamp(v, lo, hi) - lo) / span * area; };
  const double top = 4.0;
  const double h = top * 2 + spec.row_height * static_cast<double>(rows.size());
  const double bar_h = spec.row_height * 0.62;

  std::string out = "<svg class=\"chart\" role=\"img\" width=\"" + std::to_string(spec.width) +
                    "\" height=\"" + Px(h) + "\" viewBox=\"0 0 " + std::to_string(spec.width) +
                    " " + Px(h) + "\">\n";
  out += "<title>" + HtmlEscape(spec.title) + "</title>\n";
  for (size_t i = 0; i < rows.size(); ++i) {
    const BarRow& r = rows[i];
    const double y = top + spec.row_height * static_cast<double>(i);
    const double mid = y + spec.row_height / 2.0;
    const double by = mid - bar_h / 2.0;
    const std::string label = TruncateToWidth(r.label, spec.label_chars);
    out += "<g><title>" + HtmlEscape(r.label) + "</title>";
    out += "<text class=\"label\" x=\"" + Px(spec.label_width) + "\" y=\"" + Px(mid) +
           "\" text-anchor=\"end\" dominant-baseline=\"middle\">" + HtmlEscape(label) + "</text>";
    if (r.outline && std::isfinite(*r.outline)) {
      out += "<rect class=\"outline\" x=\"" + Px(x(0)) + "\" y=\"" + Px(by) + "\" width=\"" +
             Px(std::max(0.0, x(*r.outline) - x(0))) + "\" height=\"" + Px(bar_h) + "\"/>";
    }
    const double v = std::isfinite(r.value) ? r.value : 0.0;
    const double x0 = std::min(x(0), x(v)), x1 = std::max(x(0), x(v));
    out += "<rect class=\"bar" + (r.css_class.empty() ? "" : " " + HtmlEscape(r.css_class)) +
           "\" x=\"" + Px(x0) + "\" y=\"" + Px(by) + "\" width=\"" + Px(x1 - x0) + "\" height=\"" +
           Px(bar_h) + "\"/>";
    const double text_x = std::max(x1, r.outline ? x(*r.outline) : x1) + 6.0;
    out += "<text class=\"value\" x=\"" + Px(text_x) + "\" y=\"" + Px(mid) +
           "\" dominant-baseline=\"middle\">" + HtmlEscape(r.value_text) + "</text></g>\n";
  }
  if (lo < 0) {
    out += "<line class=\"zero\" x1=\"" + Px(x(0)) + "\" y1=\"0\" x2=\"" + Px(x(0)) + "\" y2=\"" +
           Px(h) + "\"/>\n";
  }
  out += "</svg>\n";
  return out;
}

}  // namespace cchc
