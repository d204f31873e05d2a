// Rendering diagnostics as file:line:col with the source line and a caret.
#include "criteria/diagnostics.h"

#include <algorithm>
#include <cstdio>

namespace cchc {

std::string DiagCodeName(DiagCode code, Severity severity) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%03d", severity == Severity::kError ? 'E' : 'W',
                static_cast<int>(code));
  return buf;
}

std::string Render(const SourceFile& src, const Diagnostic& d) {
  const LineCol at = src.Locate(d.range.begin);
  const char* sev = d.severity == Severity::kError     ? "error"
                    : d.severity == Severity::kWarning ? "warning"
                                                       : "note";
  std::string out = src.name() + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) +
                    ": " + sev + "[" + DiagCodeName(d.code, d.severity) + "]: " + d.message + "\n";
  std::string_view line = src.Line(at.line);
  if (line.empty() && d.range.begin >= src.text().size()) return out;
  out += "  ";
  out += line;
  out += "\n  ";
  // Repeat tabs, pad everything else by its display width, so the caret lands
  // under the character in a terminal.
  const size_t line_start = static_cast<size_t>(line.data() - src.text().data());
  const size_t caret_at = std::min<size_t>(d.range.begin - line_start, line.size());
  for (size_t i = 0; i < caret_at;) {
    if (line[i] == '\t') {
      out += '\t';
      ++i;
      continue;
    }
    size_t start = i;
    DecodeUtf8(line, i);
    out.append(static_cast<size_t>(DisplayWidth(line.substr(start, i - start))), ' ');
  }
  out += '^';
  // Underline the rest of the range on this line.
  size_t end =
      std::min<size_t>(d.range.end > line_start ? d.range.end - line_start : 0, line.size());
  if (end > caret_at + 1) {
    int w = DisplayWidth(line.substr(caret_at, end - caret_at));
    out.append(static_cast<size_t>(std::max(0, w - 1)), '~');
  }
  out += '\n';
  return out;
}

std::string RenderAll(const SourceFile& src, const std::vector<Diagnostic>& ds) {
  std::vector<const Diagnostic*> sorted;
  for (const auto& d : ds) sorted.push_back(&d);
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic* a, const Diagnostic* b) {
    return a->range.begin < b->range.begin;
  });
  std::string out;
  for (const Diagnostic* d : sorted) out += Render(src, *d);
  return out;
}

bool HasErrors(const std::vector<Diagnostic>& ds) {
  return std::any_of(ds.begin(), ds.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

}  // namespace cchc
