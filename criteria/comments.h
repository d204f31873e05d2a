// `#` comments of a criteria file, found by a token-aware scan (a `#` inside a
// string is data), so that the formatter can put them back.
#ifndef CCHC_CRITERIA_COMMENTS_H_
#define CCHC_CRITERIA_COMMENTS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cchc {

struct SourceComment {
  uint32_t offset = 0;  // of the '#'
  // Where the comment belongs: its own offset for a comment on a line of its
  // own; for a trailing comment (`let x = 1  # why`) the first token of its
  // line, so that it moves above the construct it annotates.
  uint32_t anchor = 0;
  std::string text;  // from '#' to the line end, trailing blanks removed
};

// All comments of `text`, in order. Strings may contain `#` and escaped
// quotes; an unterminated string ends at its line end (the parser reports it).
std::vector<SourceComment> CollectComments(std::string_view text);

}  // namespace cchc

#endif  // CCHC_CRITERIA_COMMENTS_H_
