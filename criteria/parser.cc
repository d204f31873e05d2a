// ParseCriteria: limits and UTF-8 checks, a lexical pre-scan of nesting, then
// X3 passes (criteria/internal/) with recovery: an item with a syntax error is
// blanked out and the file parsed again, so one run reports many errors.
#include "criteria/parser.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "criteria/input_limits.h"
#include "criteria/internal/pass.h"

namespace cchc {
namespace {

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.';
}

// Just enough of a lexer to find items and parentheses without being fooled by
// strings and comments. Words include dots, so `x.item` is not `item`.
struct Token {
  enum Kind { kWord, kString, kPunct, kEnd } kind = kEnd;
  size_t begin = 0, end = 0;
};

class Scanner {
 public:
  Scanner(std::string_view text, size_t pos) : text_(text), pos_(pos) {}

  Token Next() {
    SkipSpace();
    Token t;
    t.begin = pos_;
    if (pos_ >= text_.size()) {
      t.end = pos_;
      return t;
    }
    const char c = text_[pos_];
    if (c == '"') {
      t.kind = Token::kString;
      ++pos_;
      while (pos_ < text_.size() && text_[pos_] != '"' && text_[pos_] != '\n') {
        pos_ += text_[pos_] == '\\' && pos_ + 1 < text_.size() && text_[pos_ + 1] != '\n' ? 2 : 1;
      }
      if (pos_ < text_.size() && text_[pos_] == '"') ++pos_;
    } else if (IsWordChar(c)) {
      t.kind = Token::kWord;
      while (pos_ < text_.size() && IsWordChar(text_[pos_])) ++pos_;
    } else {
      t.kind = Token::kPunct;
      ++pos_;
    }
    t.end = pos_;
    return t;
  }

  size_t pos() const { return pos_; }

  void SkipSpace() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
        ++pos_;
      } else if (c == '#') {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      } else {
        break;
      }
    }
  }

 private:
  std::string_view text_;
  size_t pos_;
};

struct ItemSpan {
  size_t begin = 0, end = 0;
  bool closed = false;  // ends with its own '}' (else: cut at the next item)
  std::string code;
};

// `item CODE "name"`: the keyword only counts when a code and a string follow,
// so a field called `item` (`where item = "1.1"`) is not taken for one.
bool IsItemStart(std::string_view text, const Token& t, std::string* code) {
  if (t.kind != Token::kWord || text.substr(t.begin, t.end - t.begin) != "item") return false;
  Scanner s(text, t.end);
  const Token c = s.Next();
  if (c.kind != Token::kWord) return false;
  if (s.Next().kind != Token::kString) return false;
  if (code) *code = std::string(text.substr(c.begin, c.end - c.begin));
  return true;
}

std::vector<ItemSpan> ScanItems(std::string_view text, size_t start) {
  std::vector<ItemSpan> items;
  Scanner s(text, start);
  std::optional<ItemSpan> open;
  int depth = 0;
  bool body = false;
  for (Token t = s.Next(); t.kind != Token::kEnd; t = s.Next()) {
    std::string code;
    if (IsItemStart(text, t, &code)) {
      if (open) {  // the previous item never closed: it ends here
        open->end = t.begin;
        items.push_back(*open);
      }
      open = ItemSpan{t.begin, 0, false, code};
      depth = 0;
      body = false;
      continue;
    }
    if (!open || t.kind != Token::kPunct) continue;
    const char c = text[t.begin];
    if (c == '{') {
      ++depth;
      body = true;
    } else if (c == '}' && body && --depth == 0) {
      open->end = t.end;
      open->closed = true;
      items.push_back(*open);
      open.reset();
    }
  }
  if (open) {
    open->end = text.size();
    items.push_back(*open);
  }
  return items;
}

// The item a syntax error at `offset` belongs to.
const ItemSpan* Enclosing(const std::vector<ItemSpan>& items, size_t offset) {
  for (const ItemSpan& it : items) {
    if (it.begin < offset && (offset < it.end || (!it.closed && offset == it.end))) return &it;
  }
  return nullptr;
}

// Spaces over the item, newlines kept, so offsets and line numbers still hold.
void Blank(std::string& text, const ItemSpan& it) {
  for (size_t i = it.begin; i < it.end; ++i) {
    if (text[i] != '\n') text[i] = ' ';
  }
}

// The range of the token at `offset`, for the caret.
SourceRange TokenAt(std::string_view text, size_t offset) {
  size_t end = offset;
  if (end < text.size()) {
    if (IsWordChar(text[end]) && text[end] != '.') {
      while (end < text.size() && IsWordChar(text[end]) && text[end] != '.') ++end;
    } else {
      ++end;
      while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    }
  }
  return {static_cast<uint32_t>(offset), static_cast<uint32_t>(end)};
}

void Add(ParseResult& r, DiagCode code, SourceRange range, std::string message) {
  r.diagnostics.push_back(Diagnostic{code, Severity::kError, range, std::move(message)});
}

// Does the 8-byte word hold a byte equal to c? (The exact zero-byte test.)
bool HasByte(uint64_t word, char c) {
  const uint64_t x = word ^ (0x0101010101010101u * static_cast<unsigned char>(c));
  return ((x - 0x0101010101010101u) & ~x & 0x8080808080808080u) != 0;
}

// The first index from i on that holds a, b, c or d (n if none), eight
// bytes at a time over the runs that hold none of them.
size_t NextOf(std::string_view text, size_t i, char a, char b, char c, char d) {
  const size_t n = text.size();
  for (uint64_t w; i + 8 <= n; i += 8) {
    std::memcpy(&w, text.data() + i, 8);
    if (HasByte(w, a) || HasByte(w, b) || HasByte(w, c) || HasByte(w, d)) break;
  }
  while (i < n && text[i] != a && text[i] != b && text[i] != c && text[i] != d) ++i;
  return i;
}

// The first '(' deeper than the limit, skipping strings and comments as
// Scanner does (a string ends at '"' or the line's end; a backslash escapes
// the next byte unless it is a newline; '#' starts a comment), going from one
// of these bytes to the next: words cannot hold any of them, so they need no
// tokens.
std::optional<size_t> TooDeep(std::string_view text, size_t start, int max_nesting) {
  int depth = 0;
  const size_t n = text.size();
  for (size_t i = NextOf(text, start, '(', ')', '#', '"'); i < n;
       i = NextOf(text, i + 1, '(', ')', '#', '"')) {
    switch (text[i]) {
      case '(':
        if (++depth > max_nesting) return i;
        break;
      case ')':
        if (depth > 0) --depth;
        break;
      case '#': {  // to the last byte before the newline
        const void* nl = std::memchr(text.data() + i, '\n', n - i);
        i = nl ? static_cast<size_t>(static_cast<const char*>(nl) - text.data()) - 1 : n - 1;
        break;
      }
      case '"':
        for (i = NextOf(text, i + 1, '"', '\\', '\n', '\n'); i < n && text[i] == '\\';) {
          i += i + 1 < n && text[i + 1] != '\n' ? 2 : 1;
          i = NextOf(text, i, '"', '\\', '\n', '\n');
        }
        if (i >= n || text[i] == '\n') --i;  // the newline (or the end) is not the string's
        break;
      default:
        break;
    }
  }
  return std::nullopt;
}

}  // namespace

ParseResult ParseCriteria(const SourceFile& src, const ParseLimits& limits) {
  ParseResult result;
  const std::string& text = src.text();
  if (text.size() > limits.max_file_bytes) {
    Add(result, DiagCode::kFileTooLarge, {0, 0},
        "the file is " + std::to_string(text.size()) + " bytes; the limit is " +
            std::to_string(limits.max_file_bytes));
    return result;
  }
  size_t bad = 0;
  if (!IsValidUtf8(text, &bad)) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[bad]));
    Add(result, DiagCode::kInvalidUtf8,
        {static_cast<uint32_t>(bad), static_cast<uint32_t>(bad + 1)},
        std::string("invalid UTF-8 (byte ") + hex + "); save the file as UTF-8");
    return result;
  }
  const size_t start = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  std::string work = text;
  int errors = 0;
  auto too_many = [&] {
    if (errors < kMaxCriteriaSyntaxErrors) return false;
    Add(result, DiagCode::kTooManyErrors,
        {static_cast<uint32_t>(text.size()), static_cast<uint32_t>(text.size())},
        "too many errors; stopping after " + std::to_string(kMaxCriteriaSyntaxErrors));
    return true;
  };

  // Parentheses too deep never reach X3 (its recursion is the C++ stack).
  const int max_nesting = std::max(limits.max_nesting, 1);
  while (std::optional<size_t> at = TooDeep(work, start, max_nesting)) {
    Add(result, DiagCode::kNestingTooDeep, TokenAt(work, *at),
        "parentheses nested more than " + std::to_string(max_nesting) + " deep");
    ++errors;
    const std::vector<ItemSpan> items = ScanItems(work, start);
    const ItemSpan* item = Enclosing(items, *at);
    if (item == nullptr || too_many()) return result;
    Blank(work, *item);
  }

  while (true) {
    internal::PassResult pass = internal::RunPass(work, start, max_nesting * 4);
    auto keep = [&] {
      for (Diagnostic& d : pass.diagnostics) result.diagnostics.push_back(std::move(d));
      result.criteria = std::move(pass.criteria);
    };
    if (pass.syntax_ok) {
      keep();
      break;
    }
    // Report at the next token, not at the whitespace X3 stopped before;
    // inside a string the position is already exact.
    size_t at = pass.error_offset;
    const bool in_string =
        pass.expected.rfind("'\"'", 0) == 0 || pass.expected.rfind("an escape", 0) == 0;
    if (!in_string) {
      Scanner s(work, at);
      s.SkipSpace();
      at = s.pos();
    }
    const std::vector<ItemSpan> items = ScanItems(work, start);
    const ItemSpan* item = Enclosing(items, at);
    std::string what = pass.expected;
    if (size_t p = what.find("item {item}"); p != std::string::npos) {
      what.replace(p, 11, item ? "item " + item->code : "the item");
    }
    Add(result, DiagCode::kSyntax, TokenAt(work, at), "expected " + what + " here");
    ++errors;
    if (item == nullptr || too_many()) {
      keep();  // the declarations completed before the error
      break;
    }
    Blank(work, *item);
  }
  std::stable_sort(
      result.diagnostics.begin(), result.diagnostics.end(),
      [](const Diagnostic& a, const Diagnostic& b) { return a.range.begin < b.range.begin; });
  return result;
}

}  // namespace cchc
