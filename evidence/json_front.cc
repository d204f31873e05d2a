// The JSON front end shared by the evidence and scenario readers: nlohmann's
// SAX parser over the bytes, each token's offset, the depth and string
// limits, and syntax errors placed and worded once. The only file in
// evidence/ that sees <nlohmann/json.hpp>.
#include "evidence/json_front.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "evidence/validate.h"

namespace cchc::evidence_internal {
namespace {

using json = nlohmann::json;

// nlohmann's SAX callbacks carry no position. Its lexer reads the input one
// byte at a time through this iterator, so the front end can see how far it
// has read: just past the token a callback reports (one byte further after a
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
// from the previous string token, so the message quotes the text itself.
std::string ReadableReason(const char* what) {
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

// The SAX handler nlohmann drives: offsets, limits and errors here, the
// document's meaning in the reader's JsonEvents.
class Front {
 public:
  using number_integer_t = json::number_integer_t;
  using number_unsigned_t = json::number_unsigned_t;
  using number_float_t = json::number_float_t;
  using string_t = json::string_t;
  using binary_t = json::binary_t;

  Front(std::string_view text, const char** read_to, EvidenceBuilder* out, JsonEvents* events)
      : text_(text), read_to_(read_to), out_(out), events_(events), locator_(text) {
    prev_ = text.starts_with(kUtf8Bom) ? kUtf8Bom.size() : 0;
  }

  bool null() { return Scalar(JsonScalar{}); }
  bool boolean(bool b) {
    JsonScalar v;
    v.type = JsonScalar::Type::kBool;
    v.boolean = b;
    return Scalar(std::move(v));
  }
  bool number_integer(number_integer_t n) { return Number(static_cast<double>(n)); }
  bool number_unsigned(number_unsigned_t n) { return Number(static_cast<double>(n)); }
  bool number_float(number_float_t n, const string_t&) { return Number(n); }
  bool string(string_t& s) {
    JsonScalar v;
    v.type = JsonScalar::Type::kString;
    v.text = std::move(s);
    return Scalar(std::move(v));
  }
  bool binary(binary_t&) { return true; }  // never produced by the JSON lexer
  bool start_object(std::size_t) { return Start(/*object=*/true); }
  bool start_array(std::size_t) { return Start(/*object=*/false); }
  bool end_object() { return End(); }
  bool end_array() { return End(); }
  bool key(string_t& k);
  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& ex);

 private:
  bool Number(double n) {
    JsonScalar v;
    v.type = JsonScalar::Type::kNumber;
    v.number = n;
    return Scalar(std::move(v));
  }
  bool Scalar(JsonScalar v);
  bool Start(bool object);
  bool End();

  // The offset where the token of the current callback starts: the lexer
  // has read just past the previous token, so skip what lies between.
  size_t TokenStart() {
    size_t p = prev_;
    while (p < text_.size()) {
      const char c = text_[p];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != ',' && c != ':') break;
      ++p;
    }
    prev_ = static_cast<size_t>(*read_to_ - text_.data());
    return p;
  }

  // Where a syntax error points, from what nlohmann reports: `position` is
  // just past the last byte read and `last_token` all bytes read since the
  // last string or number token began (nlohmann resets it only there).
  size_t ErrorOffset(size_t position, const std::string& last_token) const;

  std::string_view text_;
  const char** read_to_;
  EvidenceBuilder* out_;
  JsonEvents* events_;
  Locator locator_;
  size_t prev_ = 0;
  int depth_ = 0;
  bool drop_next_ = false;  // the value after a dropped key is dropped too
  int drop_depth_ = 0;      // > 0 inside a dropped array or object
};

bool Front::key(string_t& k) {
  const size_t at = TokenStart();
  if (drop_depth_ > 0) return true;
  const size_t limit = out_->limits().max_string_bytes;
  if (k.size() > limit && !events_->Ignoring()) {
    const bool go_on = events_->Report(
        EvidenceCode::kStringTooLong, locator_.At(at),
        "a key of " + std::to_string(k.size()) + " bytes (limit " + std::to_string(limit) + ")");
    drop_next_ = true;
    return events_->OnDropped(nullptr, at) && go_on;
  }
  return events_->OnKey(k, at);
}

bool Front::Scalar(JsonScalar v) {
  const size_t at = TokenStart();
  if (drop_depth_ > 0) return true;
  if (drop_next_) {
    drop_next_ = false;
    return true;
  }
  const size_t limit = out_->limits().max_string_bytes;
  if (v.type == JsonScalar::Type::kString && v.text.size() > limit && !events_->Ignoring()) {
    FieldPlace place = locator_.At(at);
    place.field = events_->CurrentKey();
    const bool go_on = events_->Report(EvidenceCode::kStringTooLong, place,
                                       "a string of " + std::to_string(v.text.size()) +
                                           " bytes (limit " + std::to_string(limit) + ")");
    return events_->OnDropped(&v, at) && go_on;
  }
  return events_->OnScalar(v, at);
}

bool Front::Start(bool object) {
  const size_t at = TokenStart();
  if (++depth_ > out_->limits().max_depth) {
    out_->Error(EvidenceCode::kNestingTooDeep, locator_.At(at),
                "arrays and objects nested more than " + std::to_string(out_->limits().max_depth) +
                    " deep; stopped reading");
    out_->Stop();
    return false;
  }
  if (drop_depth_ > 0) {
    ++drop_depth_;
    return true;
  }
  if (drop_next_) {
    drop_next_ = false;
    drop_depth_ = 1;
    return true;
  }
  return events_->OnStart(object, at);
}

bool Front::End() {
  TokenStart();
  --depth_;
  if (drop_depth_ > 0) {
    --drop_depth_;
    return true;
  }
  return events_->OnEnd();
}

size_t Front::ErrorOffset(size_t position, const std::string& last_token) const {
  const size_t size = text_.size();
  const bool at_eof = position > size;
  const size_t end = std::min(position, size);
  // last_token spells control characters as "<U+000A>": one byte each.
  size_t raw = last_token.size();
  for (size_t k = last_token.find("<U+"); k != std::string::npos;
       k = last_token.find("<U+", k + 1)) {
    if (raw >= 7) raw -= 7;
  }
  const bool exact = raw <= end;
  if (exact && raw > 0) {
    // A string or number token that is itself the offending token (an
    // unclosed string, a value where a comma belongs): point at its start.
    const size_t anchor = end - raw;
    const char c = text_[anchor];
    size_t i = anchor;
    if (c == '"') {
      for (++i; i < size; ++i) {
        if (text_[i] == '\\') {
          ++i;
        } else if (text_[i] == '"') {
          ++i;
          break;
        }
      }
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      while (i < size && std::strchr("0123456789.eE+-", text_[i]) != nullptr) ++i;
    }
    if (i != anchor && i >= end) return anchor;
  }
  if (at_eof) return size;
  // Otherwise the last byte read is the offending one; back up to the start
  // of a word such as "tru" or "-Infinity" so the column names its start.
  size_t p = end > 0 ? end - 1 : 0;
  auto is_alpha = [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); };
  if (p > 0 && !is_alpha(text_[p]) && is_alpha(text_[p - 1])) --p;  // "tru]" read the ']'
  while (p > 0 && is_alpha(text_[p]) && is_alpha(text_[p - 1])) --p;
  if (p > 0 && text_[p - 1] == '-' && is_alpha(text_[p])) --p;
  return p;
}

bool Front::parse_error(std::size_t position, const std::string& last_token,
                        const nlohmann::detail::exception& ex) {
  const size_t start = ErrorOffset(position, last_token);
  FieldPlace at = locator_.At(start);
  std::string_view rest = text_.substr(std::min(start, text_.size()));
  if (ex.id == 406) {  // out_of_range: the number overflows a double
    at.field = events_->CurrentKey();
    events_->ReportSyntax(EvidenceCode::kNumberOutOfRange, at,
                          "the number " + last_token + " is out of range");
  } else if (rest.starts_with("NaN") || rest.starts_with("Infinity") ||
             rest.starts_with("-Infinity") || rest.starts_with("nan") || rest.starts_with("inf") ||
             rest.starts_with("-inf")) {
    at.field = events_->CurrentKey();
    events_->ReportSyntax(
        EvidenceCode::kNumberOutOfRange, at,
        "NaN and Infinity are not numbers in JSON; write a finite number or null");
  } else {
    // Quote the offending text up to the end of its line, briefly.
    std::string_view near = rest.substr(0, rest.find_first_of("\r\n"));
    std::string message = "malformed JSON";
    if (!near.empty()) {
      size_t cut = std::min<size_t>(near.size(), 16);
      while (cut < near.size() && cut > 0 &&
             (static_cast<unsigned char>(near[cut]) & 0xC0) == 0x80) {
        --cut;
      }
      message += " near '";
      message.append(near.data(), cut);
      message += cut < near.size() ? "...'" : "'";
    }
    message += ": ";
    message += ReadableReason(ex.what());
    events_->ReportSyntax(EvidenceCode::kSyntax, at, std::move(message));
  }
  out_->Stop();
  return false;
}

}  // namespace

JsonRead ParseJson(std::string_view text, EvidenceBuilder* out, JsonEvents* events) {
  if (!CheckWholeText(text, out)) return JsonRead::kRefused;
  const char* read_to = text.data();
  Front front(text, &read_to, out, events);
  CountingIterator first(text.data(), &read_to);
  CountingIterator last(text.data() + text.size(), &read_to);
  const bool ok = json::sax_parse(first, last, &front, json::input_format_t::json,
                                  /*strict=*/true, /*ignore_comments=*/false);
  return ok && !out->stopped() ? JsonRead::kRead : JsonRead::kStopped;
}

}  // namespace cchc::evidence_internal
