// Lookups over the model and its canonical dump (for tests and round trips).
#include "criteria/ast.h"

#include <cstdio>
#include <sstream>

namespace cchc {

const std::vector<FieldDecl>& CommonFields() {
  static const std::vector<FieldDecl> kFields = {
      {"id", FieldType::kString, {}},     {"kind", FieldType::kString, {}},
      {"number", FieldType::kString, {}}, {"title", FieldType::kString, {}},
      {"issuer", FieldType::kString, {}}, {"file", FieldType::kString, {}},
      {"item", FieldType::kString, {}},   {"area", FieldType::kString, {}},
      {"issued", FieldType::kDate, {}},   {"note", FieldType::kString, {}},
  };
  return kFields;
}

const RecordDecl* FindRecord(const Criteria& c, const std::string& kind) {
  for (const auto& r : c.records) {
    if (r.kind == kind) return &r;
  }
  return nullptr;
}

const FieldDecl* FindField(const Criteria& c, const std::string& kind, const std::string& field) {
  if (!kind.empty()) {
    if (const RecordDecl* r = FindRecord(c, kind)) {
      for (const auto& f : r->fields) {
        if (f.name == field) return &f;
      }
    }
  }
  for (const auto& f : CommonFields()) {
    if (f.name == field) return &f;
  }
  return nullptr;
}

namespace {

bool ReadsAsOf(const Expr* e, int depth) {
  if (e == nullptr || depth > 256) return false;
  if (e->kind == ExprKind::kName && e->text == "as_of") return true;
  for (const ExprPtr& a : e->args) {
    if (ReadsAsOf(a.get(), depth + 1)) return true;
  }
  return false;
}

bool ItemReadsAsOf(const Item& it) {
  for (const Binding& b : it.bindings) {
    if (b.name == "as_of") return false;  // shadowed: the item's own value
  }
  for (const Binding& b : it.bindings) {
    if (ReadsAsOf(b.value.get(), 0)) return true;
  }
  for (const ExprPtr& e : it.not_applicable_when) {
    if (ReadsAsOf(e.get(), 0)) return true;
  }
  if (!it.rule) return false;
  const Rule& r = *it.rule;
  for (const ExprPtr* e :
       {&r.subject, &r.param, &r.floor, &r.on_time, &r.late, &r.missing, &r.yes, &r.no}) {
    if (ReadsAsOf(e->get(), 0)) return true;
  }
  for (const Band& b : r.bands) {
    if (ReadsAsOf(b.points.get(), 0)) return true;
  }
  return false;
}

}  // namespace

bool UsesAsOf(const Criteria& c) {
  for (const Area& a : c.areas) {
    for (const Criterion& cr : a.criteria) {
      for (const Item& it : cr.items) {
        if (ItemReadsAsOf(it)) return true;
      }
    }
  }
  for (const std::optional<Adjustment>* adj : {&c.bonus, &c.penalty}) {
    if (!*adj) continue;
    for (const Item& it : (*adj)->items) {
      if (ItemReadsAsOf(it)) return true;
    }
  }
  return false;
}

const char* RuleKindName(RuleKind k) {
  switch (k) {
    case RuleKind::kDeadline:
      return "deadline";
    case RuleKind::kBands:
      return "bands";
    case RuleKind::kCount:
      return "count";
    case RuleKind::kLinear:
      return "linear";
    case RuleKind::kBoolean:
      return "boolean";
    case RuleKind::kDeduct:
      return "deduct";
    case RuleKind::kChecklist:
      return "checklist";
    case RuleKind::kScaled:
      return "scaled";
    case RuleKind::kPercent:
      return "percent";
    case RuleKind::kLikert:
      return "likert";
    case RuleKind::kLevels:
      return "levels";
    case RuleKind::kManual:
      return "manual";
    case RuleKind::kPerCase:
      return "per";
  }
  return "?";
}

const char* OpSpelling(Op op) {
  switch (op) {
    case Op::kNone:
      return "";
    case Op::kNeg:
      return "-";
    case Op::kNot:
      return "not";
    case Op::kAdd:
      return "+";
    case Op::kSub:
      return "-";
    case Op::kMul:
      return "*";
    case Op::kDiv:
      return "/";
    case Op::kEq:
      return "=";
    case Op::kNe:
      return "!=";
    case Op::kLt:
      return "<";
    case Op::kLe:
      return "<=";
    case Op::kGt:
      return ">";
    case Op::kGe:
      return ">=";
    case Op::kAnd:
      return "and";
    case Op::kOr:
      return "or";
  }
  return "?";
}

const char* FieldTypeName(FieldType t) {
  switch (t) {
    case FieldType::kNumber:
      return "number";
    case FieldType::kCount:
      return "count";
    case FieldType::kPercent:
      return "percent";
    case FieldType::kDate:
      return "date";
    case FieldType::kString:
      return "string";
    case FieldType::kBool:
      return "bool";
  }
  return "?";
}

namespace {

std::string Num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string DumpQuote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string Opt(const ExprPtr& e) { return e ? DumpExpr(*e) : "_"; }

}  // namespace

std::string DumpExpr(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kNumber:
      return Num(e.number);
    case ExprKind::kPercent:
      return Num(e.number) + "%f";
    case ExprKind::kDate:
      return FormatIsoDate(e.date);
    case ExprKind::kString:
      return DumpQuote(e.text);
    case ExprKind::kBool:
      return e.boolean ? "true" : "false";
    case ExprKind::kName:
      return e.text;
    case ExprKind::kMaxRef:
      return "max";
    case ExprKind::kField:
      return "(. " + DumpExpr(*e.args[0]) + " " + e.text + ")";
    case ExprKind::kUnary:
      return std::string("(") + OpSpelling(e.op) + " " + DumpExpr(*e.args[0]) + ")";
    case ExprKind::kBinary:
      return std::string("(") + OpSpelling(e.op) + " " + DumpExpr(*e.args[0]) + " " +
             DumpExpr(*e.args[1]) + ")";
    case ExprKind::kCall: {
      std::string s = "(call " + e.text;
      for (const auto& a : e.args) s += " " + DumpExpr(*a);
      return s + ")";
    }
    case ExprKind::kRecords:
      return "(records " + DumpQuote(e.text) + ")";
    case ExprKind::kWhere:
      return "(where " + DumpExpr(*e.args[0]) + " " + DumpExpr(*e.args[1]) + ")";
  }
  return "?";
}

namespace {

void DumpRule(std::ostringstream& o, const Rule& r) {
  o << "    score " << RuleKindName(r.kind) << " " << Opt(r.subject) << " param=" << Opt(r.param)
    << " floor=" << Opt(r.floor) << " on_time=" << Opt(r.on_time) << " late=" << Opt(r.late)
    << " missing=" << Opt(r.missing) << " yes=" << Opt(r.yes) << " no=" << Opt(r.no) << "\n";
  for (const auto& b : r.bands) {
    const char* cmp = b.cmp == Band::Cmp::kGe      ? ">="
                      : b.cmp == Band::Cmp::kGt    ? ">"
                      : b.cmp == Band::Cmp::kLabel ? "label"
                                                   : "else";
    o << "      band " << cmp << " " << Opt(b.threshold) << " " << DumpQuote(b.label) << " -> "
      << Opt(b.points) << "\n";
  }
}

void DumpItem(std::ostringstream& o, const Item& it) {
  o << "   item " << it.code << " " << DumpQuote(it.name) << " max " << Num(it.max)
    << (it.assessment == Assessment::kSurvey ? " survey" : " self")
    << " evidence=" << static_cast<int>(it.evidence)
    << " no_cases=" << static_cast<int>(it.no_cases) << " note=" << DumpQuote(it.note) << "\n";
  for (const auto& e : it.expects) o << "    expects " << DumpQuote(e) << "\n";
  for (const auto& b : it.bindings)
    o << "    let " << b.name << " = " << DumpExpr(*b.value) << "\n";
  for (const auto& c : it.not_applicable_when) o << "    na when " << DumpExpr(*c) << "\n";
  if (it.rule) DumpRule(o, *it.rule);
}

void DumpAdjustment(std::ostringstream& o, const char* what, const Adjustment& a) {
  o << what << " " << DumpQuote(a.name) << " cap " << Num(a.cap) << "\n";
  for (const auto& it : a.items) DumpItem(o, it);
}

}  // namespace

const char* WeightSchemeName(WeightScheme w) {
  switch (w) {
    case WeightScheme::kByMax:
      return "by max";
    case WeightScheme::kEqual:
      return "equal";
    case WeightScheme::kByArea:
      return "by area";
    case WeightScheme::kByCriterion:
      return "by criterion";
  }
  return "by max";
}

std::string Dump(const Criteria& c) {
  std::ostringstream o;
  const IndexMeta& m = c.index;
  o << "index " << DumpQuote(m.name) << " province=" << DumpQuote(m.province)
    << " level=" << DumpQuote(m.level) << " year=" << m.year << " total=" << Num(m.total)
    << " precision=" << m.precision << " bonus_above_total=" << m.bonus_above_total
    << " ties=" << (m.ties == TieRule::kShared ? "shared" : "dense");
  if (m.weights != WeightScheme::kByMax) o << " weights=" << DumpQuote(WeightSchemeName(m.weights));
  if (m.criterion_weights != WeightScheme::kByMax) {
    o << " criterion_weights=" << DumpQuote(WeightSchemeName(m.criterion_weights));
  }
  o << "\n";
  for (const auto& b : m.bands) {
    o << " band " << DumpQuote(b.label) << " " << (b.is_else ? "else" : Num(b.min_percent)) << "\n";
  }
  for (const auto& r : c.records) {
    o << "record " << r.kind << " " << DumpQuote(r.description) << "\n";
    for (const auto& f : r.fields) {
      o << " field " << f.name << " " << FieldTypeName(f.type);
      if (f.has_range) o << " in " << Num(f.lo) << ".." << Num(f.hi);
      for (size_t i = 0; i < f.one_of.size(); ++i)
        o << (i == 0 ? " one of " : ", ") << DumpQuote(f.one_of[i]);
      if (f.given) o << " given";
      o << "\n";
    }
    for (const auto& inv : r.invariants) o << " require " << Opt(inv.cond) << "\n";
  }
  for (const auto& a : c.areas) {
    o << "area " << a.code << " " << DumpQuote(a.name) << " max " << Num(a.max);
    if (a.weight) o << " weight " << Num(*a.weight);
    o << "\n";
    for (const auto& cr : a.criteria) {
      o << "  criterion " << cr.code << " " << DumpQuote(cr.name) << " max " << Num(cr.max);
      if (cr.weight) o << " weight " << Num(*cr.weight);
      o << "\n";
      for (const auto& it : cr.items) DumpItem(o, it);
    }
  }
  if (c.bonus) DumpAdjustment(o, "bonus", *c.bonus);
  if (c.penalty) DumpAdjustment(o, "penalty", *c.penalty);
  return o.str();
}

}  // namespace cchc
