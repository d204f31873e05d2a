// Writing evidence as JSON by hand (no JSON library here), with byte-stable
// number formatting.
#include "evidence/json_writer.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "criteria/date.h"

namespace cchc {
namespace {

// The length of the valid UTF-8 sequence at s[i], or 0.
size_t Utf8Length(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t n = c >= 0xC2 && c <= 0xDF   ? 2
             : c >= 0xE0 && c <= 0xEF ? 3
             : c >= 0xF0 && c <= 0xF4 ? 4
                                      : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
  }
  // Overlong forms, surrogates and code points past U+10FFFF.
  if (c == 0xE0 && b(i + 1) < 0xA0) return 0;
  if (c == 0xED && b(i + 1) > 0x9F) return 0;
  if (c == 0xF0 && b(i + 1) < 0x90) return 0;
  if (c == 0xF4 && b(i + 1) > 0x8F) return 0;
  return n;
}

// The shortest text that reads back to exactly v; null for what JSON cannot
// hold. From 2^64 on, always with an exponent: a 20-digit integer is past
// what the fast reader takes as an integer, and would send the whole
// document to the slow one.
std::string Number(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[64];
  auto res = std::fabs(v) >= 18446744073709551616.0
                 ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific)
                 : std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

// A fraction in percent units without binary noise: 0.962 -> 96.2 (not
// 96.19999999999999).
std::string PercentUnits(double fraction) {
  if (!std::isfinite(fraction)) return "null";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.12g", fraction * 100);
  return Number(std::strtod(buf, nullptr));
}

class JsonOut {
 public:
  explicit JsonOut(bool pretty) : pretty_(pretty) {}

  void Begin(char bracket) {
    Separate();
    out_ += bracket;
    first_.push_back(true);
  }
  void End(char bracket) {
    const bool empty = first_.back();
    first_.pop_back();
    if (!empty) Newline();
    out_ += bracket;
  }
  void Key(std::string_view k) {
    Separate();
    AppendString(k);
    out_ += pretty_ ? ": " : ":";
    after_key_ = true;
  }
  void String(std::string_view s) {
    Separate();
    AppendString(s);
  }
  void Raw(std::string_view s) {
    Separate();
    out_ += s;
  }
  std::string Take() { return std::move(out_); }

 private:
  // Writes the comma and newline owed before a value or key.
  void Separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (first_.empty()) return;
    if (!first_.back()) out_ += ',';
    first_.back() = false;
    Newline();
  }
  void Newline() {
    if (!pretty_) return;
    out_ += '\n';
    out_.append(first_.size(), ' ');
  }
  void AppendString(std::string_view s) {
    out_ += '"';
    for (size_t i = 0; i < s.size();) {
      const char c = s[i];
      const auto u = static_cast<unsigned char>(c);
      if (u >= 0x80) {
        const size_t n = Utf8Length(s, i);
        if (n == 0) {
          out_ += "\xEF\xBF\xBD";  // U+FFFD for a byte that starts no character
          ++i;
        } else {
          out_.append(s.data() + i, n);
          i += n;
        }
        continue;
      }
      ++i;
      switch (c) {
        case '"':
          out_ += "\\\"";
          break;
        case '\\':
          out_ += "\\\\";
          break;
        case '\b':
          out_ += "\\b";
          break;
        case '\f':
          out_ += "\\f";
          break;
        case '\n':
          out_ += "\\n";
          break;
        case '\r':
          out_ += "\\r";
          break;
        case '\t':
          out_ += "\\t";
          break;
        default:
          if (u < 0x20) {
            static const char kHex[] = "0123456789abcdef";
            out_ += "\\u00";
            out_ += kHex[u >> 4];
            out_ += kHex[u & 15];
          } else {
            out_ += c;
          }
      }
    }
    out_ += '"';
  }

  bool pretty_;
  bool after_key_ = false;
  std::vector<bool> first_;
  std::string out_;
};

void WriteValue(JsonOut& j, const Value& v) {
  switch (v.type) {
    case ValueType::kMissing:
      j.Raw("null");
      break;
    case ValueType::kNumber:
      j.Raw(Number(v.number));
      break;
    case ValueType::kPercent:
      j.Raw(PercentUnits(v.number));
      break;
    case ValueType::kDate:
      j.String(FormatIsoDate(v.date));
      break;
    case ValueType::kString:
      j.String(v.text);
      break;
    case ValueType::kBool:
      j.Raw(v.boolean ? "true" : "false");
      break;
  }
}

}  // namespace

std::string EvidenceToJson(const Evidence& e, bool pretty) {
  JsonOut j(pretty);
  j.Begin('{');
  j.Key("unit");
  j.Begin('{');
  j.Key("code");
  j.String(e.unit.code);
  j.Key("name");
  j.String(e.unit.name);
  j.Key("province");
  j.String(e.unit.province);
  j.End('}');
  if (e.year) {
    j.Key("year");
    j.Raw(std::to_string(e.year));
  }
  if (e.as_of) {
    j.Key("as_of");
    j.String(FormatIsoDate(*e.as_of));
  }
  j.Key("records");
  j.Begin('[');
  for (const Record& r : e.records) {
    j.Begin('{');
    j.Key("id");
    j.String(r.id);
    j.Key("kind");
    j.String(r.kind);
    for (const auto& [name, value] : r.fields) {
      if (value.missing()) continue;
      j.Key(name);
      WriteValue(j, value);
    }
    j.End('}');
  }
  j.End(']');
  if (!e.appraisals.empty()) {
    j.Key("appraisal");
    j.Begin('[');
    for (const Appraisal& a : e.appraisals) {
      j.Begin('{');
      j.Key("item");
      j.String(a.item);
      j.Key("points");
      j.Raw(Number(a.points));
      if (!a.note.empty()) {
        j.Key("note");
        j.String(a.note);
      }
      j.End('}');
    }
    j.End(']');
  }
  j.End('}');
  std::string out = j.Take();
  if (pretty) out += '\n';
  return out;
}

}  // namespace cchc
