// Serialising an evidence document to JSON by hand (no JSON library here), in
// the format the loader reads, with byte-stable number formatting.
#include <string>
#include <string_view>
#include <vector>

#include "criteria/date.h"
#include "engine/synth/synth.h"
#include "engine/util/numfmt.h"

namespace cchc {
namespace {

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
    for (char c : s) {
      const auto u = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') {
        out_ += '\\';
        out_ += c;
      } else if (c == '\n') {
        out_ += "\\n";
      } else if (c == '\t') {
        out_ += "\\t";
      } else if (c == '\r') {
        out_ += "\\r";
      } else if (u < 0x20) {
        static const char kHex[] = "0123456789abcdef";
        out_ += "\\u00";
        out_ += kHex[u >> 4];
        out_ += kHex[u & 15];
      } else {
        out_ += c;
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
      j.Raw(FormatExact(v.number));
      break;
    // Percent units, to one decimal place beyond what surveys publish.
    case ValueType::kPercent:
      j.Raw(FormatExact(static_cast<double>(static_cast<long long>(v.number * 10000 +
                                                                   (v.number < 0 ? -0.5 : 0.5))) /
                        100));
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
      j.Raw(FormatExact(a.points));
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
