// Scenario and task files: the shared JSON front end's events build a small
// tree that keeps each value's byte offset, then a walker checks the shape,
// types the values against the criteria and resolves effect targets,
// reporting at line:col.
#include "evidence/scenario_loader.h"

#include <cmath>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "criteria/date.h"
#include "evidence/json_front.h"
#include "evidence/task_advice.h"
#include "evidence/validate.h"

namespace cchc {
namespace {

using evidence_internal::EvidenceBuilder;
using evidence_internal::FieldPlace;
using evidence_internal::FormatNumber;
using evidence_internal::JsonEvents;
using evidence_internal::JsonScalar;
using evidence_internal::Locator;
using evidence_internal::QuoteForMessage;

// A JSON value with the offset of its first byte.
struct JNode {
  enum class T : uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };
  T t = T::kNull;
  size_t at = 0;
  bool boolean = false;
  double number = 0;
  std::string text;
  struct Key {
    std::string name;
    size_t at = 0;
    bool ignored = false;  // a duplicate or too long: reported; the value is ignored
  };
  std::vector<Key> keys;    // objects: parallel to kids
  std::vector<JNode> kids;  // array elements or object values

  // The first value under `name`, or null.
  const JNode* Get(std::string_view name) const {
    for (size_t i = 0; i < keys.size(); ++i) {
      if (keys[i].name == name && !keys[i].ignored) return &kids[i];
    }
    return nullptr;
  }
};

const char* TypeName(const JNode& n) {
  switch (n.t) {
    case JNode::T::kNull:
      return "null";
    case JNode::T::kBool:
      return n.boolean ? "true" : "false";
    case JNode::T::kNumber:
      return "a number";
    case JNode::T::kString:
      return "a string";
    case JNode::T::kArray:
      return "an array";
    case JNode::T::kObject:
      return "an object";
  }
  return "?";
}

class TreeBuilder : public JsonEvents {
 public:
  TreeBuilder(std::string_view text, EvidenceBuilder* out) : out_(out), locator_(text) {}
  JNode& root() { return root_; }
  bool complete() const { return complete_; }

  bool OnScalar(JsonScalar& v, size_t at) override {
    JNode n;
    n.at = at;
    switch (v.type) {
      case JsonScalar::Type::kNull:
        break;
      case JsonScalar::Type::kBool:
        n.t = JNode::T::kBool;
        n.boolean = v.boolean;
        break;
      case JsonScalar::Type::kNumber:
        n.t = JNode::T::kNumber;
        n.number = v.number;
        break;
      case JsonScalar::Type::kString:
        n.t = JNode::T::kString;
        n.text = std::move(v.text);
        break;
    }
    Place(std::move(n));
    if (stack_.empty()) complete_ = true;
    return true;
  }
  bool OnKey(std::string& k, size_t at) override {
    JNode* obj = stack_.back();
    JNode::Key key{std::move(k), at, false};
    for (const JNode::Key& seen : obj->keys) {
      if (seen.name == key.name) {
        key.ignored = true;
        FieldPlace place = locator_.At(at);
        place.field = key.name;
        if (!out_->Error(EvidenceCode::kDuplicateKey, place,
                         "duplicate key " + QuoteForMessage(key.name) + " in one object")) {
          return false;
        }
        break;
      }
    }
    obj->keys.push_back(std::move(key));
    return true;
  }
  bool OnStart(bool object, size_t at) override {
    JNode n;
    n.t = object ? JNode::T::kObject : JNode::T::kArray;
    n.at = at;
    stack_.push_back(Place(std::move(n)));
    return true;
  }
  bool OnEnd() override {
    stack_.pop_back();
    if (stack_.empty()) complete_ = true;
    return true;
  }
  // A dropped key keeps its place, ignored, with a null value; a dropped
  // value in an object leaves its key ignored, in an array nothing.
  bool OnDropped(const JsonScalar* value, size_t at) override {
    if (stack_.empty()) return false;  // the whole document: nothing to walk
    JNode* parent = stack_.back();
    if (parent->t == JNode::T::kArray) return true;
    if (value == nullptr) parent->keys.push_back(JNode::Key{std::string(), at, true});
    parent->keys.back().ignored = true;
    JNode null;
    null.at = at;
    parent->kids.push_back(std::move(null));
    return true;
  }
  std::string_view CurrentKey() const override {
    if (stack_.empty() || stack_.back()->t != JNode::T::kObject || stack_.back()->keys.empty()) {
      return {};
    }
    return stack_.back()->keys.back().name;
  }
  bool Report(EvidenceCode code, FieldPlace at, std::string message) override {
    return out_->Error(code, at, std::move(message));
  }
  void ReportSyntax(EvidenceCode code, FieldPlace at, std::string message) override {
    out_->Error(code, at, std::move(message));
  }

 private:
  JNode* Place(JNode n) {
    if (stack_.empty()) {
      root_ = std::move(n);
      return &root_;
    }
    JNode* parent = stack_.back();
    parent->kids.push_back(std::move(n));
    return &parent->kids.back();
  }

  EvidenceBuilder* out_;
  Locator locator_;
  JNode root_;
  std::vector<JNode*> stack_;  // ancestors only: their kids vectors do not move
  bool complete_ = false;
};

// Parses `text` into a tree; false (after reporting) when it cannot be used.
bool ParseTree(std::string_view text, EvidenceBuilder* out, JNode* root) {
  TreeBuilder builder(text, out);
  if (evidence_internal::ParseJson(text, out, &builder) != evidence_internal::JsonRead::kRead ||
      !builder.complete()) {
    return false;
  }
  *root = std::move(builder.root());
  return true;
}

EvidenceLimits ToEvidenceLimits(const ScenarioLimits& l) {
  EvidenceLimits e;
  e.max_file_bytes = l.max_file_bytes;
  e.max_string_bytes = l.max_string_bytes;
  e.max_depth = l.max_depth;
  e.max_errors = l.max_errors;
  return e;
}

// Checks shapes, types values and resolves targets over a parsed tree.
class Walker {
 public:
  Walker(std::string_view text, EvidenceBuilder* out, const Evidence* base,
         const ScenarioLimits& limits)
      : locator_(text), out_(out), resolve_(base != nullptr), limits_(limits) {
    if (base) {
      for (const Record& r : base->records) live_.emplace(r.id, r.kind);
    }
  }

  bool ok() const { return !out_->stopped(); }

  FieldPlace At(const JNode& n, std::string_view field = {}) { return At(n.at, field); }
  FieldPlace At(size_t offset, std::string_view field = {}) {
    FieldPlace p = locator_.At(offset);
    p.field = field;
    return p;
  }
  void Error(EvidenceCode code, FieldPlace at, const std::string& context, std::string message) {
    out_->Error(code, at, context.empty() ? std::move(message) : context + ": " + message);
  }

  // Every key of `obj` must be in `known`; others are errors.
  void CheckKeys(const JNode& obj, std::initializer_list<std::string_view> known,
                 const std::string& context, const char* what) {
    for (const JNode::Key& k : obj.keys) {
      if (k.ignored) continue;
      bool found = false;
      for (std::string_view name : known) found = found || name == k.name;
      if (found) continue;
      std::string list;
      for (std::string_view name : known) list += (list.empty() ? "" : ", ") + std::string(name);
      Error(EvidenceCode::kUnknownKey, At(k.at, k.name), context,
            "unknown key " + QuoteForMessage(k.name) + " in " + what + "; known keys: " + list);
    }
  }

  // An optional string value; reports a non-string.
  std::optional<std::string> String(const JNode& obj, std::string_view key,
                                    const std::string& context) {
    const JNode* v = obj.Get(key);
    if (!v || v->t == JNode::T::kNull) return std::nullopt;
    if (v->t != JNode::T::kString) {
      Error(EvidenceCode::kWrongType, At(*v, key), context,
            "\"" + std::string(key) + "\" is a string, got " + TypeName(*v));
      return std::nullopt;
    }
    return v->text;
  }

  // The effects array under `obj`, appended to `effects`. `required`: absent
  // is an error (a scenario), else empty (a task with no effects).
  void Effects(const JNode& obj, bool required, const std::string& context,
               std::vector<Effect>* effects) {
    const JNode* list = obj.Get("effects");
    if (!list || list->t == JNode::T::kNull) {
      if (required) {
        Error(EvidenceCode::kMissingKey, At(obj), context, "no \"effects\" array");
      }
      return;
    }
    if (list->t != JNode::T::kArray) {
      Error(EvidenceCode::kWrongShape, At(*list, "effects"), context,
            "\"effects\" is an array [...], got " + std::string(TypeName(*list)));
      return;
    }
    for (size_t i = 0; i < list->kids.size() && ok(); ++i) {
      if (++effect_count_ > limits_.max_effects) {
        Error(EvidenceCode::kTooManyEffects, At(list->kids[i]), context,
              "more than " + std::to_string(limits_.max_effects) + " effects; stopped reading");
        out_->Stop();
        return;
      }
      std::string where =
          (context.empty() ? "" : context + ", ") + "effect " + std::to_string(i + 1);
      if (std::optional<Effect> e = OneEffect(list->kids[i], where))
        effects->push_back(std::move(*e));
    }
  }

  std::optional<Effect> OneEffect(const JNode& n, const std::string& where) {
    if (n.t != JNode::T::kObject) {
      Error(EvidenceCode::kWrongShape, At(n), where,
            "an effect is an object {\"op\": \"add\" | \"set\" | \"remove\", ...}, got " +
                std::string(TypeName(n)));
      return std::nullopt;
    }
    Effect e;
    const FieldPlace start = At(n);
    e.origin = RecordOrigin{start.line, start.column};
    const JNode* op = n.Get("op");
    if (!op || op->t != JNode::T::kString ||
        (op->text != "add" && op->text != "set" && op->text != "remove")) {
      Error(EvidenceCode::kBadEffect, op ? At(*op, "op") : start, where,
            !op ? "the effect has no \"op\" (add, set or remove)"
            : op->t == JNode::T::kString
                ? "unknown op " + QuoteForMessage(op->text) + " (add, set or remove)"
                : "\"op\" is a string (add, set or remove), got " + std::string(TypeName(*op)));
      return std::nullopt;
    }
    if (op->text == "add") {
      e.op = Effect::Op::kAdd;
      CheckKeys(n, {"op", "record", "note"}, where, "an add effect");
      const JNode* rec = n.Get("record");
      if (!rec || rec->t != JNode::T::kObject) {
        Error(EvidenceCode::kBadEffect, rec ? At(*rec, "record") : start, where,
              rec ? "\"record\" is an object {\"id\": ..., \"kind\": ...}, got " +
                        std::string(TypeName(*rec))
                  : "an add effect needs a \"record\" object");
        return std::nullopt;
      }
      if (!AddedRecord(*rec, where, &e.record)) return std::nullopt;
      e.id = e.record.id;
      if (resolve_) {
        auto [it, fresh] = live_.emplace(e.id, e.record.kind);
        if (!fresh) {
          Error(EvidenceCode::kDuplicateId, At(*rec->Get("id"), "id"), where,
                "record " + QuoteForMessage(e.id) +
                    " already exists; set its fields, or remove it first");
          return std::nullopt;
        }
      }
      return e;
    }
    const bool set = op->text == "set";
    e.op = set ? Effect::Op::kSet : Effect::Op::kRemove;
    if (set) {
      CheckKeys(n, {"op", "id", "fields", "note"}, where, "a set effect");
    } else {
      CheckKeys(n, {"op", "id", "note"}, where, "a remove effect");
    }
    const JNode* id = n.Get("id");
    if (!id || id->t != JNode::T::kString || id->text.empty()) {
      Error(EvidenceCode::kBadEffect, id ? At(*id, "id") : start, where,
            std::string("a ") + op->text +
                " effect needs \"id\", the record's id as a non-empty string");
      return std::nullopt;
    }
    e.id = id->text;
    std::string kind;
    if (resolve_) {
      auto it = live_.find(e.id);
      if (it == live_.end()) {
        Error(EvidenceCode::kUnknownTarget, At(*id, "id"), where,
              "no record " + QuoteForMessage(e.id) +
                  " in the evidence (or added before this effect)");
        return std::nullopt;
      }
      kind = it->second;
      if (!set) live_.erase(it);
    }
    if (!set) return e;
    const JNode* fields = n.Get("fields");
    if (!fields || fields->t != JNode::T::kObject) {
      Error(EvidenceCode::kBadEffect, fields ? At(*fields, "fields") : start, where,
            fields ? "\"fields\" is an object {\"field\": value, ...}, got " +
                         std::string(TypeName(*fields))
                   : "a set effect needs a \"fields\" object");
      return std::nullopt;
    }
    bool good = true;
    for (size_t i = 0; i < fields->keys.size(); ++i) {
      const JNode::Key& k = fields->keys[i];
      if (k.ignored) continue;
      if (k.name == "id" || k.name == "kind") {
        Error(EvidenceCode::kBadEffect, At(k.at, k.name), where,
              "a set cannot change a record's " + k.name + "; remove the record and add a new one");
        good = false;
        continue;
      }
      std::optional<Value> v = Typed(fields->kids[i], kind, k.name, e.id, where);
      if (!v) {
        good = false;
        continue;
      }
      e.record.fields.emplace_back(k.name, std::move(*v));  // a missing Value clears the field
    }
    if (!good) return std::nullopt;
    return e;
  }

  // The record of an add effect, typed by its kind.
  bool AddedRecord(const JNode& rec, const std::string& where, Record* out) {
    bool good = true;
    for (const char* key : {"id", "kind"}) {
      const JNode* v = rec.Get(key);
      if (!v || v->t != JNode::T::kString || v->text.empty()) {
        Error(key[0] == 'i' ? EvidenceCode::kMissingId : EvidenceCode::kMissingKind,
              v ? At(*v, key) : At(rec), where,
              std::string("the added record needs \"") + key + "\" as a non-empty string" +
                  (v ? std::string(", got ") + TypeName(*v) : std::string()));
        good = false;
      }
    }
    if (!good) return false;
    out->id = rec.Get("id")->text;
    out->kind = rec.Get("kind")->text;
    const FieldPlace start = At(rec);
    out->origin = RecordOrigin{start.line, start.column};
    for (size_t i = 0; i < rec.keys.size(); ++i) {
      const JNode::Key& k = rec.keys[i];
      if (k.ignored || k.name == "id" || k.name == "kind") continue;
      std::optional<Value> v = Typed(rec.kids[i], out->kind, k.name, out->id, where);
      if (!v) {
        good = false;
        continue;
      }
      if (!v->missing()) out->fields.emplace_back(k.name, std::move(*v));
    }
    return good;
  }

  // A field value typed by its declaration for `kind` ("" when unknown).
  // nullopt after reporting a problem; a missing Value for null.
  std::optional<Value> Typed(const JNode& v, const std::string& kind, const std::string& field,
                             const std::string& record_id, const std::string& where) {
    FieldPlace at = At(v, field);
    at.record_id = record_id;
    at.kind = kind;
    const FieldDecl* decl = out_->Declared(kind, field);
    const size_t before = out_->issues().size();
    Value value;
    switch (v.t) {
      case JNode::T::kNull:
        return Value();
      case JNode::T::kBool:
        value = out_->FromBool(v.boolean, decl, at);
        break;
      case JNode::T::kNumber:
        value = out_->FromNumber(v.number, decl, at);
        break;
      case JNode::T::kString:
        value = out_->FromString(v.text, decl, at);
        break;
      case JNode::T::kArray:
      case JNode::T::kObject:
        out_->Error(EvidenceCode::kNestedValue, at,
                    where + ": a field value is a string, number or boolean, got " + TypeName(v));
        return std::nullopt;
    }
    if (value.missing()) {
      // The builder reported why; say which effect it belongs to.
      auto& issues = out_->issues();
      if (issues.size() > before) issues[before].message = where + ": " + issues[before].message;
      return std::nullopt;
    }
    return value;
  }

 private:
  Locator locator_;
  EvidenceBuilder* out_;
  bool resolve_;
  ScenarioLimits limits_;
  size_t effect_count_ = 0;
  std::unordered_map<std::string, std::string> live_;  // id -> kind
};

std::vector<EvidenceIssue> TakeIssues(EvidenceLoad* scratch) { return std::move(scratch->issues); }

}  // namespace

ScenarioLoad LoadScenarioJson(std::string_view text, const std::string& file_name,
                              const Criteria* schema, const Evidence* base,
                              const ScenarioLimits& limits) {
  ScenarioLoad load;
  EvidenceLoad scratch;
  EvidenceBuilder out(&scratch, file_name, schema, ToEvidenceLimits(limits));
  JNode root;
  if (ParseTree(text, &out, &root)) {
    Walker w(text, &out, base, limits);
    if (root.t != JNode::T::kObject) {
      w.Error(EvidenceCode::kWrongShape, w.At(root), "",
              "a scenario is a JSON object {\"name\": ..., \"effects\": [...]}, got " +
                  std::string(TypeName(root)));
    } else {
      w.CheckKeys(root, {"name", "description", "effects"}, "", "a scenario");
      if (auto name = w.String(root, "name", "")) load.scenario.name = *name;
      w.String(root, "description", "");
      w.Effects(root, /*required=*/true, "", &load.scenario.effects);
    }
  }
  load.issues = TakeIssues(&scratch);
  return load;
}

TasksLoad LoadTasksJson(std::string_view text, const std::string& file_name, const Criteria* schema,
                        const Evidence* base, const ScenarioLimits& limits) {
  TasksLoad load;
  EvidenceLoad scratch;
  EvidenceBuilder out(&scratch, file_name, schema, ToEvidenceLimits(limits));
  JNode root;
  if (!ParseTree(text, &out, &root)) {
    load.issues = TakeIssues(&scratch);
    return load;
  }
  Walker w(text, &out, base, limits);
  const JNode* list = nullptr;
  if (root.t != JNode::T::kObject) {
    w.Error(EvidenceCode::kWrongShape, w.At(root), "",
            "a task list is a JSON object {\"plan\": ..., \"tasks\": [...]}, got " +
                std::string(TypeName(root)));
  } else {
    w.CheckKeys(root, {"plan", "tasks"}, "", "a task list");
    if (auto plan = w.String(root, "plan", "")) load.tasks.plan = *plan;
    list = root.Get("tasks");
    if (!list) {
      w.Error(EvidenceCode::kMissingKey, w.At(root), "", "the file has no \"tasks\" array");
    } else if (list->t != JNode::T::kArray) {
      w.Error(EvidenceCode::kWrongShape, w.At(*list, "tasks"), "",
              "\"tasks\" is an array [...], got " + std::string(TypeName(*list)));
      list = nullptr;
    }
  }
  std::unordered_map<std::string, size_t> ids;  // id -> offset of the first
  for (size_t t = 0; list && t < list->kids.size() && w.ok(); ++t) {
    const JNode& n = list->kids[t];
    std::string where = "task " + std::to_string(t + 1);
    if (n.t != JNode::T::kObject) {
      w.Error(EvidenceCode::kWrongShape, w.At(n), where,
              "a task is an object {\"id\": ..., \"effort\": ..., \"effects\": [...]}, got " +
                  std::string(TypeName(n)));
      continue;
    }
    Task task;
    bool good = true;
    w.CheckKeys(n, {"id", "title", "lead", "partners", "deadline", "effort", "note", "effects"},
                where, "a task");
    const JNode* id = n.Get("id");
    if (!id || id->t != JNode::T::kString || id->text.empty()) {
      w.Error(EvidenceCode::kMissingKey, id ? w.At(*id, "id") : w.At(n), where,
              "a task needs \"id\" as a non-empty string");
      good = false;
    } else {
      task.id = id->text;
      where = "task " + task.id;
      auto [it, fresh] = ids.emplace(task.id, id->at);
      if (!fresh) {
        const FieldPlace first = w.At(it->second);
        w.Error(EvidenceCode::kDuplicateTaskId, w.At(*id, "id"), where,
                "duplicate task id; the first is at line " + std::to_string(first.line) + ":" +
                    std::to_string(first.column));
        good = false;
      }
    }
    if (auto s = w.String(n, "title", where)) task.title = *s;
    if (auto s = w.String(n, "lead", where)) task.lead = *s;
    if (auto s = w.String(n, "note", where)) task.note = *s;
    if (const JNode* p = n.Get("partners"); p && p->t != JNode::T::kNull) {
      if (p->t == JNode::T::kString) {
        task.partners.push_back(p->text);
      } else if (p->t != JNode::T::kArray) {
        w.Error(EvidenceCode::kWrongType, w.At(*p, "partners"), where,
                "\"partners\" is an array of strings, got " + std::string(TypeName(*p)));
      } else {
        for (const JNode& x : p->kids) {
          if (x.t == JNode::T::kString) {
            task.partners.push_back(x.text);
          } else {
            w.Error(EvidenceCode::kWrongType, w.At(x, "partners"), where,
                    "a partner is a string, got " + std::string(TypeName(x)));
          }
        }
      }
    }
    if (const JNode* d = n.Get("deadline"); d && d->t != JNode::T::kNull) {
      std::optional<Date> date;
      if (d->t == JNode::T::kString) date = ParseIsoDate(d->text);
      if (!date) {
        w.Error(EvidenceCode::kBadDate, w.At(*d, "deadline"), where,
                d->t == JNode::T::kString
                    ? "expected a real day \"YYYY-MM-DD\", got " + QuoteForMessage(d->text)
                    : "\"deadline\" is a date \"YYYY-MM-DD\", got " + std::string(TypeName(*d)));
        good = false;
      }
      task.deadline = date;
    }
    const JNode* effort = n.Get("effort");
    if (!effort || effort->t == JNode::T::kNull) {
      w.Error(EvidenceCode::kMissingKey, w.At(n), where,
              "a task needs \"effort\" (person-days, a number >= 0)");
      good = false;
    } else if (effort->t != JNode::T::kNumber || !std::isfinite(effort->number) ||
               effort->number < 0) {
      w.Error(EvidenceCode::kBadEffort, w.At(*effort, "effort"), where,
              effort->t == JNode::T::kNumber
                  ? "effort must be a number >= 0, got " + FormatNumber(effort->number)
                  : "effort is a number (person-days), got " + std::string(TypeName(*effort)));
      good = false;
    } else {
      task.effort = effort->number;
    }
    w.Effects(n, /*required=*/false, where, &task.effects);
    if (good) load.tasks.tasks.push_back(std::move(task));
  }
  load.issues = TakeIssues(&scratch);
  if (schema != nullptr && base != nullptr) {
    CheckTaskAdvice(load.tasks, *schema, *base, file_name, &load.issues);
  }
  return load;
}

std::optional<Effect> ParseSetAssignment(std::string_view text, const Criteria* schema,
                                         const Evidence& base, std::vector<EvidenceIssue>* issues) {
  EvidenceLoad scratch;
  EvidenceBuilder out(&scratch, "--set", schema, EvidenceLimits{});
  auto fail = [&](EvidenceCode code, std::string message) {
    FieldPlace none;
    out.Error(code, none, "--set " + QuoteForMessage(text) + ": " + std::move(message));
    for (auto& i : scratch.issues) issues->push_back(std::move(i));
    return std::nullopt;
  };
  const size_t eq = text.find('=');
  const size_t dot = eq == std::string_view::npos ? std::string_view::npos : text.rfind('.', eq);
  if (eq == std::string_view::npos || dot == std::string_view::npos || dot == 0 || dot + 1 == eq) {
    return fail(EvidenceCode::kBadEffect,
                "expected ID.FIELD=VALUE, e.g. TTHC-2026-T11.online=1000");
  }
  Effect e;
  e.op = Effect::Op::kSet;
  e.id = std::string(text.substr(0, dot));
  const std::string field(text.substr(dot + 1, eq - dot - 1));
  const std::string_view raw = text.substr(eq + 1);
  if (field == "id" || field == "kind") {
    return fail(EvidenceCode::kBadEffect, "a record's " + field + " cannot be set");
  }
  const Record* target = nullptr;
  for (const Record& r : base.records) {
    if (r.id == e.id) target = &r;
  }
  if (!target)
    return fail(EvidenceCode::kUnknownTarget,
                "no record " + QuoteForMessage(e.id) + " in the evidence");
  if (raw.empty()) return fail(EvidenceCode::kWrongType, "no value after '='");
  FieldPlace at;
  at.record_id = e.id;
  at.kind = target->kind;
  at.field = field;
  Value v = out.FromCell(raw, out.Declared(target->kind, field), at);
  if (v.missing()) {
    for (auto& i : scratch.issues) {
      i.message = "--set " + QuoteForMessage(text) + ": " + i.message;
      issues->push_back(std::move(i));
    }
    return std::nullopt;
  }
  e.record.fields.emplace_back(field, std::move(v));
  return e;
}

}  // namespace cchc
