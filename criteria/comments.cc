// The comment scanner: a tiny lexer that knows only strings and comments.
#include "criteria/comments.h"

namespace cchc {

std::vector<SourceComment> CollectComments(std::string_view text) {
  std::vector<SourceComment> out;
  bool line_has_token = false;
  uint32_t first_token = 0;  // offset of the first token of the current line
  const size_t start = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;  // byte-order mark
  for (size_t i = start; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      line_has_token = false;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') continue;
    if (c == '#') {
      size_t end = text.find('\n', i);
      if (end == std::string_view::npos) end = text.size();
      size_t last = end;
      while (last > i &&
             (text[last - 1] == ' ' || text[last - 1] == '\t' || text[last - 1] == '\r')) {
        --last;
      }
      const uint32_t at = static_cast<uint32_t>(i);
      out.push_back({at, line_has_token ? first_token : at, std::string(text.substr(i, last - i))});
      i = end - 1;  // the loop's ++i lands on the '\n' (or the end)
      continue;
    }
    if (!line_has_token) {
      line_has_token = true;
      first_token = static_cast<uint32_t>(i);
    }
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"' && text[i] != '\n'; ++i) {
        if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] != '\n') ++i;
      }
      if (i < text.size() && text[i] == '\n') --i;  // let the loop see the line end
    }
  }
  return out;
}

}  // namespace cchc
