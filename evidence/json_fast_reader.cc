// Evidence JSON through simdjson's DOM parser (runtime-dispatched SIMD): the
// fast path for valid, clean documents. The only file that sees <simdjson.h>.
// Anything the SAX reader would report makes it decline (std::nullopt).
#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "criteria/date.h"
#include "criteria/hash_bytes.h"
#include "evidence/json_fast.h"
#include "evidence/validate.h"

namespace cchc::evidence_internal {
namespace {

namespace dom = simdjson::dom;

// Records with more keys go to the SAX reader (its duplicate check scales).
constexpr size_t kMaxFastKeys = 64;

// Distinct keys remembered per record kind (KindSlot); a record of a kind
// with more goes the slow way (Keys, a declaration look-up per field).
constexpr size_t kMaxKindKeys = 128;

}  // namespace

// Named, not anonymous: FastReaderState (declared in loader.h) holds a
// KindCache, and a type with external linkage may not hold an internal one.
namespace fast_reader {

// A key of a record kind with its declaration.
struct KeyEntry {
  std::string name;
  const FieldDecl* decl = nullptr;  // EvidenceBuilder::FieldIn(the kind's decl, name)
  bool keep = true;                 // records keep the field (FastReaderState::Keeps)
};

// A record kind met in the document, with every distinct key its records
// have had so far (`count` entries from `first` in KindCache::keys, in the
// order first met): a record's keys are found there, mostly by one
// comparison each (records of a kind give their keys in one order), with
// their declarations; duplicates show as an entry met twice.
struct KindSlot {
  std::string kind;
  const RecordDecl* decl = nullptr;  // null: no schema
  size_t first = 0;
  size_t count = 0;
};

// The kinds met: slots[0, used). Cleared before each document unless the
// state is kept for one schema (FastReaderState::keep_kinds); clearing keeps
// the memory of the strings.
struct KindCache {
  std::vector<KindSlot> slots;
  std::vector<KeyEntry> keys;
  size_t used = 0;
  size_t last = 0;  // the slot of the previous record
  void Clear() {
    used = 0;
    last = 0;
  }
};

}  // namespace fast_reader

namespace {

using fast_reader::KeyEntry;
using fast_reader::KindCache;
using fast_reader::KindSlot;

// Kinds remembered at most; past that the cache starts again.
constexpr size_t kMaxKinds = 256;

// One parser, one padded copy of the text and the per-document tables per
// thread, reused (their memory is kept from one document to the next).
}  // namespace

struct FastReaderState {
  simdjson::dom::parser parser;
  std::vector<char> padded;
  std::vector<uint32_t> record_starts;
  KindCache kinds;
  bool keep_kinds = false;  // one schema for the state's lifetime: kinds kept between documents
  // The fields records keep (KeepOnlyFields, which always adds id and
  // kind); empty: every field.
  std::vector<std::string> kept_fields;
  bool Keeps(std::string_view field) const {
    return kept_fields.empty() ||
           std::find(kept_fields.begin(), kept_fields.end(), field) != kept_fields.end();
  }
  std::vector<std::string_view> ids;    // record ids, for the duplicate check
  std::vector<uint32_t> id_table;       // its hash table (also for the appraised items)
  std::vector<std::string_view> items;  // appraised items, for the duplicate check
  // Records a document had beyond the next one's count, kept with their
  // strings' memory for the documents after (see Reuse below).
  std::vector<Record> spare_records;
  // Field lists a record had before it took a list of another length, by
  // length (FastReader::FieldsOfCount).
  std::vector<std::vector<std::vector<std::pair<std::string, Value>>>> field_lists;
};

void FastReaderStateDeleter::operator()(FastReaderState* state) const { delete state; }

void KeepOnlyFields(FastReaderState* state, const Criteria* schema,
                    const std::vector<std::string>& names) {
  state->kept_fields = names;
  state->kept_fields.insert(state->kept_fields.end(), {"id", "kind"});  // always read
  if (schema != nullptr) {
    for (const RecordDecl& decl : schema->records) {
      for (std::string& name : EvidenceBuilder::InvariantFields(decl)) {
        state->kept_fields.push_back(std::move(name));
      }
    }
  }
  state->kinds.Clear();  // each key's `keep` is worked out again
}

std::unique_ptr<FastReaderState, FastReaderStateDeleter> NewFastReaderState() {
  std::unique_ptr<FastReaderState, FastReaderStateDeleter> state(new FastReaderState());
  state->keep_kinds = true;
  return state;
}

namespace {

FastReaderState& ThreadState() {
  thread_local FastReaderState state;
  return state;
}

// Byte offset -> line:col exactly as Locator counts (a newline starts a
// line, a column per code point, a leading BOM counts nothing), for offsets
// asked in increasing order; each step counts with loops the compiler
// vectorises instead of a branch per byte.
class FastLocator {
 public:
  explicit FastLocator(std::string_view text) : text_(text) {
    offset_ = text.starts_with(kUtf8Bom) ? kUtf8Bom.size() : 0;
  }
  // False when asked to go backwards (never, for record starts in order).
  bool At(size_t offset, uint32_t* line, uint32_t* column) {
    offset = std::min(offset, text_.size());
    if (offset < offset_) return false;
    const char* p = text_.data() + offset_;
    const size_t n = offset - offset_;
    const void* nl = n > 0 ? memrchr(p, '\n', n) : nullptr;
    if (nl != nullptr) {
      line_ += Newlines(p, n);
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
  // Bytes of p[0, n) for which `pick` holds, counted in byte-wide lanes a
  // block at a time (wider counters make the compiler widen every byte).
  template <class Pick>
  static uint32_t CountBytes(const char* p, size_t n, Pick pick) {
    uint32_t count = 0;
    for (size_t i = 0; i < n;) {
      const size_t block = std::min<size_t>(n - i, 255 * 16);
      uint8_t lanes[16] = {};
      size_t j = 0;
      for (; j + 16 <= block; j += 16) {
        for (int k = 0; k < 16; ++k) lanes[k] += pick(p[i + j + k]);
      }
      for (int k = 0; k < 16; ++k) count += lanes[k];
      for (; j < block; ++j) count += pick(p[i + j]);
      i += block;
    }
    return count;
  }
  static uint32_t Newlines(const char* p, size_t n) {
    return CountBytes(p, n, [](char c) { return static_cast<uint8_t>(c == '\n'); });
  }
  // Bytes that are not UTF-8 continuation bytes (0x80-0xBF: below -64 as signed chars).
  static uint32_t CodePoints(const char* p, size_t n) {
    return static_cast<uint32_t>(n) - CountBytes(p, n, [](char c) {
             return static_cast<uint8_t>(static_cast<signed char>(c) < -64);
           });
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

// Keys of one object, for the duplicate check (objects are small). A 64-bit
// filter on length and end bytes skips the search for most new keys.
class Keys {
 public:
  void Clear() {
    count_ = 0;
    seen_ = 0;
  }
  // False on a duplicate or too many keys.
  bool Insert(std::string_view key) {
    if (count_ >= kMaxFastKeys) return false;
    const uint64_t bit =
        key.empty()
            ? 1
            : uint64_t{1} << ((key.size() * 7 + static_cast<unsigned char>(key.front()) * 3 +
                               static_cast<unsigned char>(key.back())) &
                              63);
    if ((seen_ & bit) != 0 && std::find(keys_, keys_ + count_, key) != keys_ + count_) {
      return false;
    }
    seen_ |= bit;
    keys_[count_++] = key;
    return true;
  }

 private:
  std::string_view keys_[kMaxFastKeys];  // in place: one per object read, no allocation
  size_t count_ = 0;
  uint64_t seen_ = 0;
};

// A key of a record object with its value, in order.
struct FieldRef {
  std::string_view key;
  dom::element value;
  dom::element_type type;
  const FieldDecl* decl = nullptr;  // set once the record's kind is known
  bool keep = true;                 // likewise: the record keeps it
};

// `*to` = `from`, unless it holds it already: a record reused from the last
// document mostly has the same kind and field names at the same place.
void AssignChanged(std::string* to, std::string_view from) {
  if (!SameBytes(*to, from)) to->assign(from);
}

// Sets v's size to n, moving elements cut off into `spare` and taking added
// ones from it: strings keep their memory from document to document even
// when a record of another size comes to a position (a plain resize frees
// what it cuts and allocates what it adds).
template <class T>
void Reuse(std::vector<T>* v, size_t n, std::vector<T>* spare) {
  if (v->size() > n) {
    for (size_t i = n; i < v->size(); ++i) spare->push_back(std::move((*v)[i]));
    v->resize(n);
    return;
  }
  if (v->capacity() < n) v->reserve(n);
  while (v->size() < n) {
    if (spare->empty()) {
      v->emplace_back();
    } else {
      v->push_back(std::move(spare->back()));
      spare->pop_back();
    }
  }
}

// True when two of `ids` are equal: one pass over an open-addressing table
// of their positions (`table` keeps its memory), not a sort.
bool HasDuplicate(const std::vector<std::string_view>& ids, std::vector<uint32_t>* table) {
  constexpr uint32_t kEmpty = ~uint32_t{0};
  size_t capacity = 16;
  while (capacity < 2 * ids.size()) capacity *= 2;
  table->assign(capacity, kEmpty);
  const size_t mask = capacity - 1;
  for (uint32_t i = 0; i < ids.size(); ++i) {
    size_t h = HashBytes(ids[i]) & mask;
    for (; (*table)[h] != kEmpty; h = (h + 1) & mask) {
      if (ids[(*table)[h]] == ids[i]) return true;
    }
    (*table)[h] = i;
  }
  return false;
}

class FastReader {
 public:
  FastReader(EvidenceLoad* load, const std::string& file_name, const Criteria* schema,
             const EvidenceLimits& limits, std::string_view text, FastReaderState* state,
             bool origins)
      : builder_(load, file_name, schema, limits),
        schema_(schema),
        limits_(limits),
        locator_(text),
        state_(state),
        load_(load),
        origins_(origins) {}

  // True when the document was read and nothing was reported.
  bool Read(const dom::element& root, size_t body_offset, std::string_view body) {
    dom::object top;
    if (root.get_object().get(top) != simdjson::SUCCESS) return false;
    Keys keys;
    bool seen_records = false, seen_appraisal = false;
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
        if (origins_) FindRecordStarts(state_->parser, body, &state_->record_starts);
        if (!Records(v, body_offset)) return false;
      } else if (kv.key == "appraisal") {
        seen_appraisal = true;
        if (!Appraisals(v)) return false;
      } else {
        return false;  // an unknown key: the SAX reader warns
      }
      if (!load_->issues.empty()) return false;
    }
    if (!seen_records) return false;
    if (!seen_appraisal) builder_.evidence().appraisals.clear();  // kept from the last document
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

  // The slot of `kind`, added on first sight; null when the schema does not
  // declare the kind (the SAX reader reports it: E530).
  KindSlot* SlotOf(std::string_view kind) {
    KindCache& c = state_->kinds;
    if (c.last < c.used && SameBytes(c.slots[c.last].kind, kind)) return &c.slots[c.last];
    for (size_t k = 0; k < c.used; ++k) {
      if (SameBytes(c.slots[k].kind, kind)) {
        c.last = k;
        return &c.slots[k];
      }
    }
    const RecordDecl* decl = builder_.KindDecl(kind);
    if (decl == nullptr && schema_ != nullptr) return nullptr;
    if (c.used == kMaxKinds) c.Clear();
    const size_t first = c.used * kMaxKindKeys;
    if (c.keys.size() < first + kMaxKindKeys) c.keys.resize(first + kMaxKindKeys);
    if (c.slots.size() == c.used) c.slots.emplace_back();
    KindSlot& slot = c.slots[c.used];
    slot.kind.assign(kind);
    slot.decl = decl;
    slot.first = first;
    slot.count = 0;
    c.last = c.used++;
    return &slot;
  }

  // The entry of `name` among `slot`'s keys, looked for from `hint` on and
  // added when new; kMaxKindKeys when the slot is full.
  size_t EntryOf(KindSlot* slot, std::string_view name, size_t hint) {
    KeyEntry* known = state_->kinds.keys.data() + slot->first;
    const size_t n = slot->count;
    for (size_t t = 0, i = hint; t < n; ++t, ++i) {
      if (i >= n) i -= n;
      if (SameBytes(known[i].name, name)) return i;
    }
    if (n == kMaxKindKeys) return kMaxKindKeys;
    known[n].name.assign(name);
    known[n].decl = EvidenceBuilder::FieldIn(slot->decl, name);
    known[n].keep = state_->Keeps(name);
    return slot->count++;
  }

  // Sets the declaration of each key in fields_ (a record of `slot`'s kind);
  // false on a duplicate key.
  bool Resolve(KindSlot* slot) {
    dropped_ = 0;
    const KeyEntry* known = state_->kinds.keys.data() + slot->first;
    uint64_t seen[kMaxKindKeys / 64] = {};
    size_t hint = 0;
    for (FieldRef& f : fields_) {
      const size_t e = EntryOf(slot, f.key, hint);
      if (e == kMaxKindKeys) return ResolveSlowly(slot);
      const uint64_t bit = uint64_t{1} << (e % 64);
      if ((seen[e / 64] & bit) != 0) return false;
      seen[e / 64] |= bit;
      f.decl = known[e].decl;
      f.keep = known[e].keep;
      dropped_ += !f.keep && f.type != dom::element_type::NULL_VALUE;
      hint = e + 1;
    }
    return true;
  }

  // Resolve for a record whose kind has more than kMaxKindKeys keys; the
  // kind's keys are learnt again from the next record on.
  bool ResolveSlowly(KindSlot* slot) {
    dropped_ = 0;
    slot->count = 0;
    keys_.Clear();
    for (FieldRef& f : fields_) {
      if (!keys_.Insert(f.key)) return false;
      f.decl = EvidenceBuilder::FieldIn(slot->decl, f.key);
      f.keep = state_->Keeps(f.key);
      dropped_ += !f.keep && f.type != dom::element_type::NULL_VALUE;
    }
    return true;
  }

  // Types a value (not null, array or object) as FromBool/FromString/
  // FromNumber would; false where they report.
  // Every member of *out but its text, as EvidenceBuilder's typing sets them.
  static void SetValue(Value* out, ValueType type, Date date) {
    out->type = type;
    out->number = 0;
    out->date = date;
    out->boolean = false;
  }

  static bool Typed(const FieldRef& f, Value* out) {
    const FieldDecl* decl = f.decl;
    switch (f.type) {
      case dom::element_type::BOOL:
        return EvidenceBuilder::TypeBool(f.value.get_bool().value_unsafe(), decl, out);
      case dom::element_type::STRING: {
        const std::string_view s = f.value.get_string().value_unsafe();
        // The two commonest typings, as TypeString does them: free text and dates.
        if (decl == nullptr || (decl->type == FieldType::kString && decl->one_of.empty())) {
          SetValue(out, ValueType::kString, Date{});
          out->text.assign(s);
          return true;
        }
        if (decl->type == FieldType::kDate) {
          const std::optional<Date> d = ParseIsoDate(s);
          if (!d) return false;
          SetValue(out, ValueType::kDate, *d);
          out->text.clear();
          return true;
        }
        if (decl->type == FieldType::kString) {  // one of a list, as TypeString checks it
          SetValue(out, ValueType::kString, Date{});
          out->text.assign(s);
          for (const std::string& allowed : decl->one_of) {
            if (SameBytes(allowed, s)) return true;
          }
          return false;
        }
        return EvidenceBuilder::TypeString(s, decl, out);
      }
      default: {
        double number = 0;
        return Number(f.value, &number) && EvidenceBuilder::TypeNumber(number, decl, out);
      }
    }
  }

  // Typed(f) for a field the record does not keep: free text needs no
  // copy to be checked (its length was checked with its key).
  bool Checks(const FieldRef& f) {
    const FieldDecl* decl = f.decl;
    if (f.type == dom::element_type::STRING &&
        (decl == nullptr || (decl->type == FieldType::kString && decl->one_of.empty()))) {
      return true;
    }
    return Typed(f, &scratch_);
  }

  // Gives *fields `count` entries. A list of another length is kept, whole,
  // for a later record of that length, and one of `count` taken from those
  // kept: a record at this place in the last document was often of another
  // kind, while one of the same length mostly was of the same kind, with the
  // same names and room for the values. Swapping lists moves no entry.
  void FieldsOfCount(std::vector<std::pair<std::string, Value>>* fields, size_t count) {
    if (fields->size() == count) return;
    auto& lists = state_->field_lists;
    if (lists.size() <= std::max(count, fields->size())) {
      lists.resize(std::max(count, fields->size()) + 1);
    }
    lists[fields->size()].push_back(std::move(*fields));
    fields->clear();  // moved from: empty in practice, empty for sure
    auto& kept = lists[count];
    if (kept.empty()) {
      fields->resize(count);
    } else {
      *fields = std::move(kept.back());
      kept.pop_back();
    }
  }

  // Fills evidence().records in place: a load reused from an earlier
  // document keeps its records' strings and field vectors, so that most
  // documents need no allocation.
  bool Records(const dom::element& v, size_t body_offset) {
    dom::array records;
    if (v.get_array().get(records) != simdjson::SUCCESS) return false;
    const std::vector<uint32_t>& starts = state_->record_starts;
    const size_t n = records.size();
    if (origins_ && n != starts.size()) return false;
    std::vector<Record>& out = builder_.evidence().records;
    if (out.size() < n) Reuse(&out, n, &state_->spare_records);
    if (!state_->keep_kinds) state_->kinds.Clear();
    std::vector<std::string_view>& ids = state_->ids;
    ids.clear();
    size_t k = 0;
    constexpr size_t kNone = ~size_t{0};
    for (dom::element e : records) {
      dom::object obj;
      if (e.get_object().get(obj) != simdjson::SUCCESS) return false;
      FieldPlace place;
      if (origins_ && !locator_.At(body_offset + starts[k], &place.line, &place.column)) {
        return false;
      }
      if (!builder_.CountRecord(place)) return false;
      // Every key with its value, "id" and "kind" included; null values are
      // absent, but an undeclared name is still an error (the SAX reader
      // says it), checked once the kind is known (it may come later).
      fields_.clear();
      std::string_view id, kind;
      size_t id_at = kNone, kind_at = kNone, nulls = 0;
      for (dom::key_value_pair kv : obj) {
        if (!Key(kv.key) || fields_.size() == kMaxFastKeys) return false;
        const dom::element_type type = kv.value.type();
        const bool is_id = kv.key == "id";
        if (is_id || kv.key == "kind") {
          std::string_view s;
          if (!String(kv.value, &s) || s.empty()) return false;
          (is_id ? id : kind) = s;
          (is_id ? id_at : kind_at) = fields_.size();
        } else if (type == dom::element_type::NULL_VALUE) {
          ++nulls;
        } else if (type == dom::element_type::ARRAY || type == dom::element_type::OBJECT) {
          return false;
        } else if (type == dom::element_type::STRING) {
          std::string_view s;
          if (!String(kv.value, &s)) return false;
        }
        fields_.push_back({kv.key, kv.value, type, nullptr});
      }
      if (id.empty() || kind.empty()) return false;
      KindSlot* slot = SlotOf(kind);
      if (slot == nullptr) return false;            // an undeclared kind: reported
      if (!Resolve(slot)) return false;             // a duplicate key: reported
      const bool declared = slot->decl != nullptr;  // undeclared fields are errors
      Record& record = out[k++];
      record.origin = RecordOrigin{place.line, place.column};
      record.id.assign(id);
      AssignChanged(&record.kind, kind);
      ids.push_back(id);
      FieldsOfCount(&record.fields, fields_.size() - 2 - nulls - dropped_);
      size_t j = 0;
      for (size_t i = 0; i < fields_.size(); ++i) {
        if (i == id_at || i == kind_at) continue;
        const FieldRef& f = fields_[i];
        if (f.decl == nullptr && declared) return false;  // undeclared: reported
        if (f.type == dom::element_type::NULL_VALUE) continue;
        if (!f.keep) {                   // checked as if kept, then dropped
          if (!Checks(f)) return false;  // reported
          continue;
        }
        auto& [field_name, typed] = record.fields[j++];
        AssignChanged(&field_name, f.key);
        if (!Typed(f, &typed)) return false;  // reported
      }
      builder_.CheckRecordOfKind(record, slot->decl);
      if (!load_->issues.empty()) return false;
    }
    Reuse(&out, k, &state_->spare_records);
    // A duplicate id is reported (E505).
    return !HasDuplicate(ids, &state_->id_table);
  }

  // Fills evidence().appraisals in place (their strings keep their memory).
  bool Appraisals(const dom::element& v) {
    dom::array entries;
    if (v.get_array().get(entries) != simdjson::SUCCESS) return false;
    Keys keys;
    std::vector<Appraisal>& kept = builder_.evidence().appraisals;
    std::vector<std::string_view>& items = state_->items;
    items.clear();
    for (dom::element e : entries) {
      dom::object obj;
      if (e.get_object().get(obj) != simdjson::SUCCESS) return false;
      keys.Clear();
      std::string_view item, note;
      double points = 0;
      bool has_item = false, has_points = false;
      for (dom::key_value_pair kv : obj) {
        if (!Key(kv.key) || !keys.Insert(kv.key)) return false;
        if (kv.key != "item" && kv.key != "points" && kv.key != "note") return false;
        if (kv.value.is_null()) continue;
        if (kv.key == "points") {
          if (!Number(kv.value, &points)) return false;
          has_points = true;
          continue;
        }
        std::string_view s;
        if (!String(kv.value, &s)) return false;
        if (kv.key == "item") {
          item = s;
          has_item = true;
        } else {
          note = s;
        }
      }
      if (!has_item || !has_points) return false;
      if (item.empty()) continue;  // as the SAX reader: given but empty, not kept
      if (items.size() == kept.size()) kept.emplace_back();
      Appraisal& a = kept[items.size()];
      a.item.assign(item);
      a.points = points;
      a.note.assign(note);
      items.push_back(item);
    }
    kept.resize(items.size());
    return !HasDuplicate(items, &state_->id_table);  // appraised twice: reported
  }

  EvidenceBuilder builder_;
  const Criteria* schema_;
  const EvidenceLimits& limits_;
  FastLocator locator_;
  FastReaderState* state_;
  EvidenceLoad* load_;
  bool origins_;                  // false: records' origins left 0:0
  std::vector<FieldRef> fields_;  // the keys and values of the record being read
  Value scratch_;                 // a dropped field's value, typed to check it
  size_t dropped_ = 0;            // fields of the record being read that it does not keep
  Keys keys_;
};

}  // namespace

bool LoadEvidenceJsonFastInto(std::string_view text, const std::string& file_name,
                              const Criteria* schema, const EvidenceLimits& limits,
                              EvidenceLoad* load, FastReaderState* state, bool origins,
                              bool padded) {
  // Records sit three deep (document, "records", record); the limits that a
  // clean document could still break are left to the SAX reader.
  if (text.size() > limits.max_file_bytes || limits.max_depth < 3 || limits.max_errors == 0) {
    return false;
  }
  if (state == nullptr) state = &ThreadState();
  const size_t body_offset = text.starts_with(kUtf8Bom) ? kUtf8Bom.size() : 0;
  std::string_view body = text.substr(body_offset);
  // simdjson reads up to SIMDJSON_PADDING bytes past the text (never using
  // their values): a text without them is copied.
  static_assert(EvidenceLoader::kPadding >= simdjson::SIMDJSON_PADDING);
  const char* input = body.data();
  if (!padded) {
    state->padded.resize(body.size() + simdjson::SIMDJSON_PADDING);
    if (!body.empty()) std::memcpy(state->padded.data(), body.data(), body.size());
    std::memset(state->padded.data() + body.size(), 0, simdjson::SIMDJSON_PADDING);
    input = state->padded.data();
  }
  dom::element root;
  if (state->parser.parse(input, body.size(), /*realloc_if_needed=*/false).get(root) !=
      simdjson::SUCCESS) {
    return false;
  }
  // Everything but the records' and appraisals' memory starts afresh.
  Evidence& ev = load->evidence;
  ev.unit.code.clear();
  ev.unit.name.clear();
  ev.unit.province.clear();
  ev.year = 0;
  ev.as_of.reset();
  load->issues.clear();
  FastReader reader(load, file_name, schema, limits, text, state, origins);
  return reader.Read(root, body_offset, body);
}

std::optional<EvidenceLoad> LoadEvidenceJsonFast(std::string_view text,
                                                 const std::string& file_name,
                                                 const Criteria* schema,
                                                 const EvidenceLimits& limits) {
  EvidenceLoad load;
  if (!LoadEvidenceJsonFastInto(text, file_name, schema, limits, &load)) return std::nullopt;
  return load;
}

}  // namespace cchc::evidence_internal
