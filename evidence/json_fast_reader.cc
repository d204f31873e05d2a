// Evidence JSON through simdjson's DOM parser (runtime-dispatched SIMD): the
// fast path for valid, clean documents. The only file that sees <simdjson.h>.
// Anything the SAX reader would report makes it decline (std::nullopt).
#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "evidence/json_fast.h"
#include "evidence/validate.h"

namespace cchc::evidence_internal {
namespace {

namespace dom = simdjson::dom;

constexpr std::string_view kBom = "\xEF\xBB\xBF";
// Records with more keys go to the SAX reader (its duplicate check scales).
constexpr size_t kMaxFastKeys = 64;

// One parser and one padded copy of the text per thread, reused.
struct ThreadState {
  dom::parser parser;
  std::vector<char> padded;
  std::vector<uint32_t> record_starts;
};

ThreadState& State() {
  thread_local ThreadState state;
  return state;
}

// Byte offset -> line:col exactly as Locator counts (a newline starts a
// line, a column per code point, a leading BOM counts nothing), for offsets
// asked in increasing order; each step counts with loops the compiler
// vectorises instead of a branch per byte.
class FastLocator {
 public:
  explicit FastLocator(std::string_view text) : text_(text) {
    offset_ = text.starts_with(kBom) ? kBom.size() : 0;
  }
  // False when asked to go backwards (never, for record starts in order).
  bool At(size_t offset, uint32_t* line, uint32_t* column) {
    offset = std::min(offset, text_.size());
    if (offset < offset_) return false;
    const char* p = text_.data() + offset_;
    const size_t n = offset - offset_;
    const void* nl = n > 0 ? memrchr(p, '\n', n) : nullptr;
    if (nl != nullptr) {
      line_ += static_cast<uint32_t>(std::count(p, p + n, '\n'));
      const char* after = static_cast<const char*>(nl) + 1;
      column_ = 1 + CodePoints(after, static_cast<size_t>(p + n - after));
    } else {
      column_ += CodePoints(p, n);
    }
    offset_ = offset;
    *line = line_;
    *column = column_;
    return true;
  }

 private:
  static uint32_t CodePoints(const char* p, size_t n) {
    uint32_t count = 0;
    for (size_t i = 0; i < n; ++i) count += (static_cast<unsigned char>(p[i]) & 0xC0) != 0x80;
    return count;
  }
  std::string_view text_;
  size_t offset_ = 0;
  uint32_t line_ = 1, column_ = 1;
};

// The offsets (into the parsed text) of the record objects' '{', in order:
// the objects one level inside the top-level "records" array, found from
// simdjson's structural index (one entry per token, no byte scanning).
// A "records" key spelt with escapes finds nothing; the caller then declines.
void FindRecordStarts(const dom::parser& parser, std::string_view body,
                      std::vector<uint32_t>* out) {
  out->clear();
  const auto& impl = *parser.implementation;
  const uint32_t n = impl.n_structural_indexes;
  const uint32_t* idx = impl.structural_indexes.get();
  constexpr std::string_view kRecordsKey = "\"records\"";
  int depth = 0;
  bool records_key = false, in_records = false;
  for (uint32_t i = 0; i < n; ++i) {
    const uint32_t at = idx[i];
    const char c = body[at];
    switch (c) {
      case '{':
      case '[':
        ++depth;
        if (depth == 2) in_records = c == '[' && records_key;
        if (depth == 3 && c == '{' && in_records) out->push_back(at);
        break;
      case '}':
      case ']':
        if (depth == 2) in_records = false;
        --depth;
        break;
      case '"':
        if (depth == 1 && i + 1 < n && body[idx[i + 1]] == ':') {
          records_key = body.substr(at, kRecordsKey.size()) == kRecordsKey &&
                        idx[i + 1] >= at + kRecordsKey.size();
        }
        break;
      default:
        break;
    }
  }
}

// A JSON number as nlohmann hands it over: integers that fit int64 or
// uint64 converted from the integer, others parsed as doubles.
bool Number(const dom::element& e, double* out) {
  switch (e.type()) {
    case dom::element_type::INT64:
      *out = static_cast<double>(e.get_int64().value_unsafe());
      return true;
    case dom::element_type::UINT64:
      *out = static_cast<double>(e.get_uint64().value_unsafe());
      return true;
    case dom::element_type::DOUBLE:
      *out = e.get_double().value_unsafe();
      return true;
    default:
      return false;
  }
}

// Keys of one object, for the duplicate check (objects are small).
class Keys {
 public:
  void Clear() { keys_.clear(); }
  // False on a duplicate or too many keys.
  bool Insert(std::string_view key) {
    if (keys_.size() >= kMaxFastKeys) return false;
    if (std::find(keys_.begin(), keys_.end(), key) != keys_.end()) return false;
    keys_.push_back(key);
    return true;
  }

 private:
  std::vector<std::string_view> keys_;
};

class FastReader {
 public:
  FastReader(EvidenceLoad* load, const std::string& file_name, const Criteria* schema,
             const EvidenceLimits& limits, std::string_view text, ThreadState* state)
      : builder_(load, file_name, schema, limits),
        limits_(limits),
        locator_(text),
        state_(state),
        load_(load) {}

  // True when the document was read and nothing was reported.
  bool Read(const dom::element& root, size_t body_offset, std::string_view body) {
    dom::object top;
    if (root.get_object().get(top) != simdjson::SUCCESS) return false;
    Keys keys;
    bool seen_records = false;
    for (dom::key_value_pair kv : top) {
      if (!Key(kv.key) || !keys.Insert(kv.key)) return false;
      const dom::element& v = kv.value;
      if (v.is_null()) continue;  // absent (a null "records" is reported: declined below)
      if (kv.key == "unit") {
        if (!Unit(v)) return false;
      } else if (kv.key == "year") {
        double year = 0;
        if (!Number(v, &year)) return false;
        builder_.SetYear(year, FieldPlace{});
      } else if (kv.key == "as_of") {
        std::string_view s;
        if (!String(v, &s)) return false;
        builder_.SetAsOf(s, FieldPlace{});
      } else if (kv.key == "records") {
        seen_records = true;
        FindRecordStarts(state_->parser, body, &state_->record_starts);
        if (!Records(v, body_offset)) return false;
      } else if (kv.key == "appraisal") {
        if (!Appraisals(v)) return false;
      } else {
        return false;  // an unknown key: the SAX reader warns
      }
      if (!load_->issues.empty()) return false;
    }
    if (!seen_records) return false;
    builder_.Finish();  // year and as_of against the criteria
    return load_->issues.empty();
  }

 private:
  bool Key(std::string_view key) const { return key.size() <= limits_.max_string_bytes; }

  bool String(const dom::element& e, std::string_view* out) const {
    if (e.get_string().get(*out) != simdjson::SUCCESS) return false;
    return out->size() <= limits_.max_string_bytes;
  }

  bool Unit(const dom::element& v) {
    dom::object unit;
    if (v.get_object().get(unit) != simdjson::SUCCESS) return false;
    Keys keys;
    cchc::Unit& out = builder_.evidence().unit;
    for (dom::key_value_pair kv : unit) {
      if (!Key(kv.key) || !keys.Insert(kv.key)) return false;
      std::string* field = kv.key == "code"       ? &out.code
                           : kv.key == "name"     ? &out.name
                           : kv.key == "province" ? &out.province
                                                  : nullptr;
      if (field == nullptr) return false;
      if (kv.value.is_null()) continue;
      std::string_view s;
      if (!String(kv.value, &s)) return false;
      field->assign(s);
    }
    return true;
  }

  bool Records(const dom::element& v, size_t body_offset) {
    dom::array records;
    if (v.get_array().get(records) != simdjson::SUCCESS) return false;
    const std::vector<uint32_t>& starts = state_->record_starts;
    if (records.size() != starts.size()) return false;
    size_t k = 0;
    Keys keys;
    for (dom::element e : records) {
      dom::object obj;
      if (e.get_object().get(obj) != simdjson::SUCCESS) return false;
      FieldPlace place;
      if (!locator_.At(body_offset + starts[k++], &place.line, &place.column)) return false;
      if (!builder_.CountRecord(place)) return false;
      Record record;
      record.origin = RecordOrigin{place.line, place.column};
      keys.Clear();
      fields_.clear();
      null_names_.clear();
      bool id = false, kind = false;
      for (dom::key_value_pair kv : obj) {
        if (!Key(kv.key) || !keys.Insert(kv.key)) return false;
        const bool is_id = kv.key == "id";
        if (is_id || kv.key == "kind") {
          std::string_view s;
          if (!String(kv.value, &s) || s.empty()) return false;
          (is_id ? record.id : record.kind).assign(s);
          (is_id ? id : kind) = true;
          continue;
        }
        switch (kv.value.type()) {
          case dom::element_type::NULL_VALUE:
            // Absent; but an undeclared name is still an error (the SAX reader says it),
            // checked once the kind is known (it may come later in the object).
            null_names_.push_back(kv.key);
            continue;
          case dom::element_type::ARRAY:
          case dom::element_type::OBJECT:
            return false;
          case dom::element_type::STRING: {
            std::string_view s;
            if (!String(kv.value, &s)) return false;
            break;
          }
          default:
            break;
        }
        fields_.emplace_back(kv.key, kv.value);
      }
      if (!id || !kind) return false;
      for (std::string_view name : null_names_) {
        if (builder_.IsUnknownField(record.kind, name)) return false;
      }
      record.fields.reserve(fields_.size());
      for (const auto& [name, value] : fields_) {
        FieldPlace at;
        at.record_id = record.id;
        at.kind = record.kind;
        at.field = name;
        const FieldDecl* decl = builder_.Declared(record.kind, name);
        Value typed;
        double number = 0;
        switch (value.type()) {
          case dom::element_type::BOOL:
            typed = builder_.FromBool(value.get_bool().value_unsafe(), decl, at);
            break;
          case dom::element_type::STRING:
            typed = builder_.FromString(std::string(value.get_string().value_unsafe()), decl, at);
            break;
          default:
            if (!Number(value, &number)) return false;
            typed = builder_.FromNumber(number, decl, at);
            break;
        }
        if (typed.missing()) return false;  // reported
        record.fields.emplace_back(std::string(name), std::move(typed));
      }
      builder_.AddRecord(std::move(record));
      if (!load_->issues.empty()) return false;
    }
    return true;
  }

  bool Appraisals(const dom::element& v) {
    dom::array entries;
    if (v.get_array().get(entries) != simdjson::SUCCESS) return false;
    Keys keys;
    std::vector<Appraisal>& kept = builder_.evidence().appraisals;
    for (dom::element e : entries) {
      dom::object obj;
      if (e.get_object().get(obj) != simdjson::SUCCESS) return false;
      keys.Clear();
      Appraisal a;
      bool item = false, points = false;
      for (dom::key_value_pair kv : obj) {
        if (!Key(kv.key) || !keys.Insert(kv.key)) return false;
        if (kv.key != "item" && kv.key != "points" && kv.key != "note") return false;
        if (kv.value.is_null()) continue;
        if (kv.key == "points") {
          if (!Number(kv.value, &a.points)) return false;
          points = true;
          continue;
        }
        std::string_view s;
        if (!String(kv.value, &s)) return false;
        if (kv.key == "item") {
          a.item.assign(s);
          item = true;
        } else {
          a.note.assign(s);
        }
      }
      if (!item || !points) return false;
      if (a.item.empty()) continue;  // as the SAX reader: given but empty, not kept
      for (const Appraisal& k : kept) {
        if (k.item == a.item) return false;  // appraised twice: reported
      }
      kept.push_back(std::move(a));
    }
    return true;
  }

  EvidenceBuilder builder_;
  const EvidenceLimits& limits_;
  FastLocator locator_;
  ThreadState* state_;
  EvidenceLoad* load_;
  std::vector<std::pair<std::string_view, dom::element>> fields_;
  std::vector<std::string_view> null_names_;  // keys whose value is null, checked after "kind"
};

}  // namespace

std::optional<EvidenceLoad> LoadEvidenceJsonFast(std::string_view text,
                                                 const std::string& file_name,
                                                 const Criteria* schema,
                                                 const EvidenceLimits& limits) {
  // Records sit three deep (document, "records", record); the limits that a
  // clean document could still break are left to the SAX reader.
  if (text.size() > limits.max_file_bytes || limits.max_depth < 3 || limits.max_errors == 0) {
    return std::nullopt;
  }
  const size_t body_offset = text.starts_with(kBom) ? kBom.size() : 0;
  std::string_view body = text.substr(body_offset);
  ThreadState& state = State();
  state.padded.resize(body.size() + simdjson::SIMDJSON_PADDING);
  if (!body.empty()) std::memcpy(state.padded.data(), body.data(), body.size());
  std::memset(state.padded.data() + body.size(), 0, simdjson::SIMDJSON_PADDING);
  dom::element root;
  if (state.parser.parse(state.padded.data(), body.size(), /*realloc_if_needed=*/false).get(root) !=
      simdjson::SUCCESS) {
    return std::nullopt;
  }
  EvidenceLoad load;
  FastReader reader(&load, file_name, schema, limits, text, &state);
  if (!reader.Read(root, body_offset, body)) return std::nullopt;
  return load;
}

}  // namespace cchc::evidence_internal
