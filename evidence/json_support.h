// Internal to evidence/: what the two nlohmann SAX readers (evidence JSON and
// scenario/task JSON) share: an input iterator that tells how far the lexer
// has read, and nlohmann's error text made readable.
#ifndef CCHC_EVIDENCE_JSON_SUPPORT_H_
#define CCHC_EVIDENCE_JSON_SUPPORT_H_

#include <cstddef>
#include <iterator>
#include <string>

namespace cchc::evidence_internal {

// nlohmann's SAX callbacks carry no position. Its lexer reads the input one
// byte at a time through this iterator, so the handler can see how far it has
// read: just past the token a callback reports (one byte further after a
// number, whose end the lexer finds by reading a byte too many).
class CountingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  CountingIterator(const char* p, const char** read_to) : p_(p), read_to_(read_to) {}
  reference operator*() const { return *p_; }
  CountingIterator& operator++() {
    *read_to_ = ++p_;
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator old = *this;
    ++*this;
    return old;
  }
  bool operator==(const CountingIterator& o) const { return p_ == o.p_; }
  bool operator!=(const CountingIterator& o) const { return p_ != o.p_; }

 private:
  const char* p_;
  const char** read_to_;
};

// nlohmann's what(): "[json.exception.parse_error.101] parse error at line 1,
// column 5: syntax error while parsing value - invalid literal; last read:
// '{"a": tru'" -> "invalid literal". The place is ours; "last read" runs
// from the previous string token, so the caller quotes the text itself.
inline std::string ReadableReason(const char* what) {
  std::string s = what;
  if (size_t p = s.find("column "); p != std::string::npos) {
    if (size_t colon = s.find(": ", p); colon != std::string::npos) s.erase(0, colon + 2);
  } else if (size_t b = s.find("] "); b != std::string::npos) {
    s.erase(0, b + 2);
  }
  if (size_t dash = s.find(" - "); dash != std::string::npos) s.erase(0, dash + 3);
  if (size_t p = s.find("; last read: "); p != std::string::npos) {
    // "; last read: 'x'; expected y" -> "; expected y"
    size_t next = s.find("; ", p + 13);
    s.erase(p, next == std::string::npos ? std::string::npos : next - p);
  }
  return s;
}

}  // namespace cchc::evidence_internal

#endif  // CCHC_EVIDENCE_JSON_SUPPORT_H_
