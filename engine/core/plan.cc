// Lowering the criteria model into the plan's flat nodes, resolving every name
// (binding slot, field id, record kind) once.
#include "engine/core/plan.h"

#include <algorithm>

#include "engine/util/numfmt.h"

namespace cchc {
namespace {

constexpr int kNotInWhere = -2;
constexpr int kMaxDepth = 2000;

Fn LookupFn(std::string_view name) {
  static const std::pair<std::string_view, Fn> kFns[] = {
      {"count", Fn::kCount},   {"exists", Fn::kExists},     {"sum", Fn::kSum},
      {"avg", Fn::kAvg},       {"min", Fn::kMin},           {"max", Fn::kMax},
      {"latest", Fn::kLatest}, {"earliest", Fn::kEarliest}, {"ratio", Fn::kRatio},
      {"days", Fn::kDays},     {"value", Fn::kValue},
  };
  for (const auto& [n, f] : kFns) {
    if (n == name) return f;
  }
  return Fn::kNone;
}

}  // namespace

struct Plan::Scope {
  std::vector<std::pair<std::string_view, int>> bindings;  // name -> slot
  std::vector<int> binding_nodes;                          // slot -> node
  int where_kind = kNotInWhere;  // kind id of the records a `where` filters
  CompiledItem* item = nullptr;
  int depth = 0;
  std::string error;

  int Binding(std::string_view name) const {
    for (auto it = bindings.rbegin(); it != bindings.rend(); ++it) {
      if (it->first == name) return it->second;
    }
    return -1;
  }
};

Plan::Plan(const Criteria& criteria, std::string_view source_text)
    : criteria_(criteria), source_(source_text) {
  InternField("id");
  InternField("kind");
  issued_field_ = InternField("issued");
  item_field_ = InternField("item");
  accepted_field_ = InternField("accepted");
  for (const auto& r : criteria_.records) InternKind(r.kind);
  explanation_kind_ = InternKind("explanation");
  for (size_t a = 0; a < criteria_.areas.size(); ++a) {
    const Area& area = criteria_.areas[a];
    for (size_t c = 0; c < area.criteria.size(); ++c) {
      for (const Item& item : area.criteria[c].items) {
        CompileItem(item, ItemGroup::kArea, static_cast<int>(a), static_cast<int>(c));
      }
    }
  }
  if (criteria_.bonus) {
    for (const Item& item : criteria_.bonus->items) CompileItem(item, ItemGroup::kBonus, -1, -1);
  }
  if (criteria_.penalty) {
    for (const Item& item : criteria_.penalty->items) {
      CompileItem(item, ItemGroup::kPenalty, -1, -1);
    }
  }
}

void NameTable::Insert(std::string_view name, int id) {
  if ((size_ + 1) * 2 > slots_.size()) Grow();
  const size_t mask = slots_.size() - 1;
  for (size_t i = Hash(name) & mask;; i = (i + 1) & mask) {
    if (slots_[i].id < 0) {
      slots_[i] = Slot{std::string(name), id};
      ++size_;
      return;
    }
    if (slots_[i].name == name) return;
  }
}

void NameTable::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
  size_ = 0;
  for (Slot& s : old) {
    if (s.id >= 0) Insert(s.name, s.id);
  }
}

int Plan::InternField(std::string_view name) {
  if (int id = field_ids_.Find(name); id >= 0) return id;
  int id = static_cast<int>(fields_.size());
  fields_.emplace_back(name);
  field_ids_.Insert(name, id);
  return id;
}

int Plan::InternKind(std::string_view kind) {
  if (int id = kind_ids_.Find(kind); id >= 0) return id;
  int id = static_cast<int>(kinds_.size());
  kinds_.emplace_back(kind);
  kind_ids_.Insert(kind, id);
  return id;
}

std::string_view Plan::SourceOf(int node) const {
  if (node < 0 || source_.empty()) return {};
  const SourceRange& r = nodes_[node].range;
  if (r.end <= r.begin || r.end > source_.size()) return {};
  return source_.substr(r.begin, r.end - r.begin);
}

int Plan::StaticSetKind(int node, const Scope& scope) const {
  if (node < 0) return kNotInWhere;
  const Node& n = nodes_[node];
  switch (n.kind) {
    case ExprKind::kRecords:
      return n.slot;
    case ExprKind::kWhere:
      return StaticSetKind(n.a, scope);
    case ExprKind::kName:
      if (n.ref == NameRef::kBinding) return StaticSetKind(scope.binding_nodes[n.slot], scope);
      return kNotInWhere;
    default:
      return kNotInWhere;
  }
}

int Plan::Lower(const Expr& e, Scope& scope) {
  if (++scope.depth > kMaxDepth) {
    scope.error = "expression nested too deeply";
    --scope.depth;
    return -1;
  }
  Node n;
  n.kind = e.kind;
  n.op = e.op;
  n.number = e.number;
  n.date = e.date;
  n.boolean = e.boolean;
  n.text = e.text;
  n.range = e.range;
  switch (e.kind) {
    case ExprKind::kNumber:
    case ExprKind::kPercent:
    case ExprKind::kDate:
    case ExprKind::kString:
    case ExprKind::kBool:
    case ExprKind::kMaxRef:
      break;
    case ExprKind::kName: {
      if (scope.where_kind != kNotInWhere) {
        std::string kind = scope.where_kind >= 0 ? kinds_[scope.where_kind] : std::string();
        if (FindField(criteria_, kind, e.text) != nullptr) {
          n.ref = NameRef::kField;
          n.slot = InternField(e.text);
          break;
        }
      }
      if (int slot = scope.Binding(e.text); slot >= 0) {
        n.ref = NameRef::kBinding;
        n.slot = slot;
      } else if (e.text == "as_of") {
        n.ref = NameRef::kAsOf;
      } else if (scope.where_kind != kNotInWhere) {
        n.ref = NameRef::kField;  // an undeclared field of the filtered records
        n.slot = InternField(e.text);
      } else {
        scope.error = "unknown name '" + e.text + "'";
      }
      break;
    }
    case ExprKind::kField:
      n.a = Lower(*e.args[0], scope);
      n.slot = InternField(e.text);
      break;
    case ExprKind::kUnary:
      n.a = Lower(*e.args[0], scope);
      break;
    case ExprKind::kBinary:
      n.a = Lower(*e.args[0], scope);
      n.b = Lower(*e.args[1], scope);
      break;
    case ExprKind::kRecords:
      if (e.text.empty()) {
        n.slot = -1;
        scope.item->any_kind = true;
      } else {
        n.slot = InternKind(e.text);
        auto& kinds = scope.item->kinds;
        if (std::find(kinds.begin(), kinds.end(), n.slot) == kinds.end()) kinds.push_back(n.slot);
      }
      break;
    case ExprKind::kWhere: {
      n.a = Lower(*e.args[0], scope);
      int saved = scope.where_kind;
      int kind = StaticSetKind(n.a, scope);
      scope.where_kind = kind == kNotInWhere ? -1 : kind;
      n.b = Lower(*e.args[1], scope);
      scope.where_kind = saved;
      break;
    }
    case ExprKind::kCall: {
      n.fn = LookupFn(e.text);
      const size_t argc = e.args.size();
      auto need = [&](size_t k) {
        if (argc != k) {
          scope.error = e.text + "() takes " + std::to_string(k) + " argument(s), not " +
                        std::to_string(argc);
          return false;
        }
        return true;
      };
      switch (n.fn) {
        case Fn::kNone:
          scope.error = "unknown function '" + e.text + "'";
          break;
        case Fn::kCount:
        case Fn::kExists:
          if (need(1)) n.a = Lower(*e.args[0], scope);
          break;
        case Fn::kRatio:
        case Fn::kDays:
          if (need(2)) {
            n.a = Lower(*e.args[0], scope);
            n.b = Lower(*e.args[1], scope);
          }
          break;
        case Fn::kLatest:
        case Fn::kEarliest:
          if (argc < 1 || argc > 2) {
            need(1);
            break;
          }
          n.a = Lower(*e.args[0], scope);
          if (argc == 2 && e.args[1]->kind != ExprKind::kName) {
            scope.error = e.text + "(): the second argument must be a field name";
          } else {
            n.field = argc == 2 ? InternField(e.args[1]->text) : issued_field_;
          }
          break;
        case Fn::kSum:
        case Fn::kAvg:
        case Fn::kMin:
        case Fn::kMax:
        case Fn::kValue:
          if (!need(2)) break;
          n.a = Lower(*e.args[0], scope);
          if (StaticSetKind(n.a, scope) == kNotInWhere && (n.fn == Fn::kMin || n.fn == Fn::kMax)) {
            n.fn = n.fn == Fn::kMin ? Fn::kMin2 : Fn::kMax2;  // min(a, b) of numbers
            n.b = Lower(*e.args[1], scope);
          } else if (e.args[1]->kind != ExprKind::kName) {
            scope.error = e.text + "(): the second argument must be a field name";
          } else {
            n.field = InternField(e.args[1]->text);
          }
          break;
        default:
          break;
      }
      break;
    }
  }
  --scope.depth;
  nodes_.push_back(n);
  return static_cast<int>(nodes_.size()) - 1;
}

void Plan::CompileItem(const Item& item, ItemGroup group, int area, int criterion) {
  items_.emplace_back();
  CompiledItem& ci = items_.back();
  ci.item = &item;
  ci.group = group;
  ci.area = area;
  ci.criterion = criterion;
  item_ids_.Insert(item.code, static_cast<int>(items_.size()) - 1);
  ci.evidence_required =
      item.evidence == EvidencePolicy::kRequired ||
      (item.evidence == EvidencePolicy::kDefault && item.assessment == Assessment::kSelf);
  Scope scope;
  scope.item = &ci;
  auto lower = [&](const ExprPtr& e) { return e ? Lower(*e, scope) : -1; };
  for (const Binding& b : item.bindings) {
    int node = lower(b.value);
    scope.bindings.emplace_back(b.name, static_cast<int>(ci.bindings.size()));
    scope.binding_nodes.push_back(node);
    ci.bindings.push_back(node);
  }
  for (const ExprPtr& cond : item.not_applicable_when) ci.na_when.push_back(lower(cond));
  if (!item.rule) {
    ci.compile_error = "the item has no score rule";
    return;
  }
  const Rule& r = *item.rule;
  ci.rule = r.kind;
  ci.subject = lower(r.subject);
  ci.param = lower(r.param);
  ci.floor = lower(r.floor);
  ci.on_time = lower(r.on_time);
  ci.late = lower(r.late);
  ci.missing = lower(r.missing);
  ci.yes = lower(r.yes);
  ci.no = lower(r.no);
  for (const Band& band : r.bands) {
    if (band.cmp == Band::Cmp::kElse) {
      ci.else_points = lower(band.points);
      continue;
    }
    CompiledBand cb;
    cb.cmp = band.cmp;
    cb.label = band.label;
    if (band.threshold) {
      cb.threshold = band.threshold->number;
      cb.threshold_is_percent = band.threshold->kind == ExprKind::kPercent;
    }
    cb.points = lower(band.points);
    // The branch name a hit shows, built once here rather than per score.
    const std::string t = cb.threshold_is_percent ? FormatTrim(cb.threshold * 100, 4) + "%"
                                                  : FormatTrim(cb.threshold);
    cb.branch = r.kind == RuleKind::kLevels
                    ? "\"" + std::string(cb.label) + "\""
                    : std::string(cb.cmp == Band::Cmp::kGt ? "> " : ">= ") + t;
    cb.limit = MakeThreshold(cb.threshold);
    ci.bands.push_back(std::move(cb));
  }
  if (!scope.error.empty()) ci.compile_error = scope.error;
  if (ci.subject < 0 && ci.compile_error.empty()) ci.compile_error = "the rule has no input";
}

}  // namespace cchc
