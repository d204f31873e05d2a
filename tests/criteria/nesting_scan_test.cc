// The parser's nesting pre-scan (E103, before X3 runs) against its plain
// definition, a token scanner that skips strings and comments: the same first
// '(' too deep over random texts of parentheses, quotes, escapes, comments,
// words and newlines.
#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>

#include "criteria/parser.h"

namespace cchc::nesting_scan_test {
namespace {

// The definition: tokens as the item scanner reads them.
std::optional<size_t> Reference(std::string_view text, int max_nesting) {
  size_t pos = 0;
  int depth = 0;
  auto word = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
  };
  while (true) {
    while (pos < text.size()) {  // blanks and comments
      const char c = text[pos];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++pos;
      } else if (c == '#') {
        while (pos < text.size() && text[pos] != '\n') ++pos;
      } else {
        break;
      }
    }
    if (pos >= text.size()) return std::nullopt;
    const size_t begin = pos;
    const char c = text[pos];
    if (c == '"') {
      ++pos;
      while (pos < text.size() && text[pos] != '"' && text[pos] != '\n') {
        pos += text[pos] == '\\' && pos + 1 < text.size() && text[pos + 1] != '\n' ? 2 : 1;
      }
      if (pos < text.size() && text[pos] == '"') ++pos;
    } else if (word(c)) {
      while (pos < text.size() && word(text[pos])) ++pos;
    } else {
      ++pos;
      if (c == '(' && ++depth > max_nesting) return begin;
      if (c == ')' && depth > 0) --depth;
    }
  }
}

TEST(NestingScan, FirstTooDeepParenAsTheTokenScannerFindsIt) {
  std::mt19937 rng(14);
  const char kPieces[] = {'(', '(', '(', ')', '"', '\\', '#', '\n', ' ', 'a', '1', '.', '\t'};
  std::uniform_int_distribution<int> len(0, 60), pick(0, sizeof kPieces - 1), depth(1, 4);
  int found = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    const int l = len(rng);
    for (int k = 0; k < l; ++k) text += kPieces[pick(rng)];
    ParseLimits limits;
    limits.max_nesting = depth(rng);
    const std::optional<size_t> want = Reference(text, limits.max_nesting);
    const ParseResult r = ParseCriteria(SourceFile("t.cchc", text), limits);
    std::optional<size_t> got;
    for (const Diagnostic& d : r.diagnostics) {
      if (d.code == DiagCode::kNestingTooDeep && (!got || d.range.begin < *got)) {
        got = d.range.begin;
      }
    }
    ASSERT_EQ(got, want) << ::testing::PrintToString(text) << " limit " << limits.max_nesting;
    found += want.has_value();
  }
  EXPECT_GT(found, 1000);  // the texts do reach the limit
}

}  // namespace
}  // namespace cchc::nesting_scan_test
