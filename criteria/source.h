// A source file held in memory, with the line table that turns byte offsets
// into line:column and the display helpers used to draw a caret under UTF-8
// Vietnamese text.
#ifndef CCHC_CRITERIA_SOURCE_H_
#define CCHC_CRITERIA_SOURCE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cchc {

struct LineCol {
  uint32_t line = 1;    // 1-based
  uint32_t column = 1;  // 1-based, counted in Unicode code points; a tab is 1
};

class SourceFile {
 public:
  SourceFile(std::string name, std::string text);

  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }

  // The column rule: columns count code points from the line start, so a
  // Vietnamese letter such as "ệ" (3 bytes in UTF-8) is one column and a tab
  // is one column. Offsets past the end clamp to the end.
  LineCol Locate(uint32_t offset) const;

  // The text of 1-based line `line`, without its line ending.
  std::string_view Line(uint32_t line) const;

 private:
  std::string name_;
  std::string text_;
  std::vector<uint32_t> line_starts_;
};

// Number of terminal cells the UTF-8 text takes: combining marks take 0,
// East Asian wide characters 2, everything else 1. Invalid bytes count 1.
int DisplayWidth(std::string_view utf8);

// Decodes one code point at s[i]; advances i. Invalid bytes give U+FFFD and
// advance by one.
char32_t DecodeUtf8(std::string_view s, size_t& i);

// True when the whole text is well-formed UTF-8.
bool IsValidUtf8(std::string_view s, size_t* bad_offset = nullptr);

// Pads `s` with spaces to `width` display cells (left-aligned), or on the left
// when `right` is true.
std::string PadToWidth(std::string_view s, int width, bool right = false);

}  // namespace cchc

#endif  // CCHC_CRITERIA_SOURCE_H_
