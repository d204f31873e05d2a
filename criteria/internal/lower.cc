// Lowers the X3 parse tree to the plain cchc::Criteria model with byte ranges,
// and checks what the grammar leaves to values: real dates (E104), sane
// numbers (E105), one `score` per item (E206), expression depth (E103).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "criteria/internal/pass.h"
#include "criteria/internal/x3_parse.h"

namespace cchc::internal {
namespace {

namespace ast = criteria_x3::ast;

constexpr double kMaxNumber = 1e15;  // beyond any count, points or year

// A variant visitor that sees through x3::forward_ast.
template <typename R, typename F>
struct Unwrap {
  using result_type = R;
  F& f;
  template <typename T>
  R operator()(const boost::spirit::x3::forward_ast<T>& t) const {
    return f(t.get());
  }
  template <typename T>
  R operator()(const T& t) const {
    return f(t);
  }
};

class Lowerer {
 public:
  Lowerer(std::string_view text, int max_depth, std::vector<Diagnostic>* diags)
      : text_(text), max_depth_(max_depth), diags_(diags) {}

  void File(const ast::File& file, Criteria* out) {
    for (const ast::TopDecl& d : file) {
      Visit<void>(d, [&](const auto& node) { Top(node, out); });
    }
  }

 private:
  // ------------------------------------------------------------ helpers

  // Calls f with the alternative held by an x3::variant.
  template <typename R, typename V, typename F>
  static R Visit(const V& v, F&& f) {
    return boost::apply_visitor(Unwrap<R, F>{f}, v.get());
  }

  uint32_t Off(const char* p) const { return static_cast<uint32_t>(p - text_.data()); }
  SourceRange Range(const ast::Tagged& t) const { return {Off(t.pos_begin), Off(t.pos_end)}; }
  SourceRange Range(const ast::Range& r) const { return {Off(r.begin()), Off(r.end())}; }
  std::string_view Slice(const ast::Tagged& t) const {
    return std::string_view(t.pos_begin, t.pos_end - t.pos_begin);
  }
  std::string_view Slice(const ast::Range& r) const {
    return std::string_view(r.begin(), r.end() - r.begin());
  }
  static std::string_view Slice(const internal::ExprNode& n) {
    return std::string_view(n.begin, n.end - n.begin);
  }
  static std::string_view Name(const internal::ExprNode& n) {
    return std::string_view(n.name_begin, n.name_end - n.name_begin);
  }

  void Error(DiagCode code, SourceRange range, std::string message) {
    diags_->push_back(Diagnostic{code, Severity::kError, range, std::move(message)});
  }

  // The grammar accepted only `"` (escape | char)* `"`.
  std::string Unescape(const ast::StringLit& s) const { return UnescapeText(Slice(s)); }
  // The text between the quotes, escapes resolved; runs without a backslash
  // are appended whole.
  static std::string UnescapeText(std::string_view v) {
    std::string out;
    if (v.size() < 2) return out;
    std::string_view body = v.substr(1, v.size() - 2);
    out.reserve(body.size());
    for (size_t i = 0; i < body.size();) {
      const size_t slash = body.find('\\', i);
      if (slash == std::string_view::npos || slash + 1 >= body.size()) {
        out.append(body.substr(i));  // a final lone backslash is kept as is
        break;
      }
      out.append(body.substr(i, slash - i));
      const char c = body[slash + 1];
      out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
      i = slash + 2;
    }
    return out;
  }

  // The grammar gives digits with at most one '.': from_chars reads them
  // as strtod does (both round correctly); strtod is kept for what it
  // reports out of range (overflow to infinity, underflow to zero).
  double Number(std::string_view digits, SourceRange range) {
    double v = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (ec == std::errc() && end == digits.data() + digits.size() && v <= kMaxNumber) return v;
    const std::string s(digits);
    v = std::strtod(s.c_str(), nullptr);
    if (!std::isfinite(v) || v > kMaxNumber) {
      Error(DiagCode::kBadNumber, range,
            "number " + (s.size() > 24 ? s.substr(0, 20) + "..." : s) +
                " is out of range (at most 1e15)");
      return 0;
    }
    return v;
  }
  double Number(const ast::NumberLit& n) { return Number(Slice(n), Range(n)); }

  int Int(const ast::NumberLit& n, int lo, int hi, const char* what) {
    const double v = Number(n);
    if (v < lo || v > hi || v != std::floor(v)) {
      Error(DiagCode::kBadNumber, Range(n),
            std::string(what) + " must be a whole number from " + std::to_string(lo) + " to " +
                std::to_string(hi));
      return lo;
    }
    return static_cast<int>(v);
  }

  double PercentFraction(const ast::PercentLit& p) {
    std::string_view v = Slice(p);
    v.remove_suffix(1);  // '%'
    return Number(v, Range(p)) / 100.0;
  }

  // ------------------------------------------------------------ expressions

  struct Lowered {
    ExprPtr expr;
    int depth = 1;
  };

  ExprPtr Leaf(ExprKind kind, SourceRange range) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->range = range;
    return e;
  }

  // A placeholder once an expression got too deep; the item is dropped.
  Lowered TooDeep(SourceRange range) {
    if (!item_failed_) {
      Error(DiagCode::kNestingTooDeep, range,
            "expression nested too deeply (more than " + std::to_string(max_depth_) +
                " levels); split it with `let`");
    }
    item_failed_ = true;
    auto e = std::make_unique<Expr>();
    e->range = range;
    return {std::move(e), 1};
  }

  Lowered Wrap(ExprKind kind, Op op, SourceRange range, Lowered a) {
    if (a.depth + 1 > max_depth_) return TooDeep(range);
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->op = op;
    e->range = range;
    e->args.push_back(std::move(a.expr));
    return {std::move(e), a.depth + 1};
  }

  Lowered Join(ExprKind kind, Op op, Lowered a, Lowered b) {
    const SourceRange range{a.expr->range.begin, b.expr->range.end};
    const int depth = std::max(a.depth, b.depth) + 1;
    if (depth > max_depth_) return TooDeep(range);
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->op = op;
    e->range = range;
    e->args.push_back(std::move(a.expr));
    e->args.push_back(std::move(b.expr));
    return {std::move(e), depth};
  }

  // A band's threshold.
  Lowered Prim(const ast::NumberLit& n) {
    auto e = Leaf(ExprKind::kNumber, Range(n));
    e->number = Number(n);
    return {std::move(e)};
  }
  Lowered Prim(const ast::PercentLit& p) {
    auto e = Leaf(ExprKind::kPercent, Range(p));
    e->number = PercentFraction(p);
    return {std::move(e)};
  }
  // The nodes come in post-order: each pops its operands off the stack and
  // pushes itself, so the tree is lowered (and its numbers and dates checked)
  // in the order a recursive walk would take.
  Lowered Lower(const ast::Expr& x) {
    std::vector<Lowered>& stack = stack_;
    const size_t base = stack.size();
    for (const internal::ExprNode& n : x.nodes) {
      using Kind = internal::ExprNode::Kind;
      // Leaves, calls and parentheses span [begin, end).
      const SourceRange range =
          n.end != nullptr ? SourceRange{Off(n.begin), Off(n.end)} : SourceRange{};
      switch (n.kind) {
        case Kind::kNumber: {
          ExprPtr e = Leaf(ExprKind::kNumber, range);
          e->number = Number(Slice(n), range);
          stack.push_back({std::move(e)});
          break;
        }
        case Kind::kPercent: {
          ExprPtr e = Leaf(ExprKind::kPercent, range);
          std::string_view v = Slice(n);
          v.remove_suffix(1);  // '%'
          e->number = Number(v, range) / 100.0;
          stack.push_back({std::move(e)});
          break;
        }
        case Kind::kDate: {
          ExprPtr e = Leaf(ExprKind::kDate, range);
          if (auto date = ParseIsoDate(Slice(n))) {
            e->date = *date;
          } else {
            Error(DiagCode::kBadDate, range,
                  "there is no day " + std::string(Slice(n)) + " (dates are YYYY-MM-DD)");
          }
          stack.push_back({std::move(e)});
          break;
        }
        case Kind::kString: {
          ExprPtr e = Leaf(ExprKind::kString, range);
          e->text = UnescapeText(Slice(n));
          stack.push_back({std::move(e)});
          break;
        }
        case Kind::kBool: {
          ExprPtr e = Leaf(ExprKind::kBool, range);
          e->boolean = Slice(n) == "true" || Slice(n) == "yes";
          stack.push_back({std::move(e)});
          break;
        }
        case Kind::kRecords: {
          ExprPtr e = Leaf(ExprKind::kRecords, range);
          if (n.name_begin) e->text = UnescapeText(Name(n));
          stack.push_back({std::move(e)});
          break;
        }
        case Kind::kMaxRef:
          stack.push_back({Leaf(ExprKind::kMaxRef, range)});
          break;
        case Kind::kName: {
          ExprPtr e = Leaf(ExprKind::kName, range);
          e->text = std::string(Slice(n));
          stack.push_back({std::move(e)});
          break;
        }
        case Kind::kCall: {
          ExprPtr e = Leaf(ExprKind::kCall, range);
          e->text = std::string(Name(n));
          int depth = 1;
          const size_t first = stack.size() - n.args;
          e->args.reserve(n.args);
          for (size_t i = first; i < stack.size(); ++i) {
            depth = std::max(depth, stack[i].depth + 1);
            e->args.push_back(std::move(stack[i].expr));
          }
          stack.resize(first);
          stack.push_back(depth > max_depth_ ? TooDeep(range) : Lowered{std::move(e), depth});
          break;
        }
        case Kind::kParen:  // the parentheses belong to the operand
          stack.back().expr->range = range;
          break;
        case Kind::kField: {
          Lowered& l = stack.back();
          const SourceRange field{l.expr->range.begin, Off(n.name_end)};
          l = Wrap(ExprKind::kField, Op::kNone, field, std::move(l));
          l.expr->text = std::string(Name(n));
          break;
        }
        case Kind::kNeg:
        case Kind::kNot: {
          Lowered& l = stack.back();
          const SourceRange unary{Off(n.begin), l.expr->range.end};
          l = Wrap(ExprKind::kUnary, n.kind == Kind::kNeg ? Op::kNeg : Op::kNot, unary,
                   std::move(l));
          break;
        }
        case Kind::kBinary: {
          Lowered b = std::move(stack.back());
          stack.pop_back();
          Lowered& a = stack.back();
          a = Join(n.op == Op::kNone ? ExprKind::kWhere : ExprKind::kBinary, n.op, std::move(a),
                   std::move(b));
          break;
        }
      }
    }
    Lowered out = std::move(stack[base]);
    stack.resize(base);
    return out;
  }

  ExprPtr E(const ast::Expr& e) { return Lower(e).expr; }

  // ------------------------------------------------------------ rules

  Rule RuleOf(const ast::DeadlineRule& r) {
    Rule out;
    out.kind = RuleKind::kDeadline;
    out.subject = E(r.subject);
    out.param = E(r.by);
    out.on_time = E(r.on_time);
    out.late = E(r.late);
    out.missing = E(r.missing);
    return out;
  }
  void Else(const boost::optional<ast::ElseBand>& e, Rule& out) {
    if (!e) return;
    Band b;
    b.cmp = Band::Cmp::kElse;
    b.points = E(e->points);
    b.range = Range(*e);
    out.bands.push_back(std::move(b));
  }
  Rule RuleOf(const ast::BandsRule& r) {
    Rule out;
    out.kind = Slice(r.word) == "count" ? RuleKind::kCount : RuleKind::kBands;
    out.subject = E(r.subject);
    for (const ast::CmpBand& cb : r.bands) {
      Band b;
      b.cmp = Slice(cb.cmp) == ">=" ? Band::Cmp::kGe : Band::Cmp::kGt;
      b.threshold = Visit<Lowered>(cb.threshold, [&](const auto& node) { return Prim(node); }).expr;
      b.points = E(cb.points);
      b.range = Range(cb);
      out.bands.push_back(std::move(b));
    }
    Else(r.otherwise, out);
    return out;
  }
  Rule RuleOf(const ast::LevelsRule& r) {
    Rule out;
    out.kind = RuleKind::kLevels;
    out.subject = E(r.subject);
    for (const ast::LabelBand& lb : r.bands) {
      Band b;
      b.cmp = Band::Cmp::kLabel;
      b.label = Unescape(lb.label);
      b.points = E(lb.points);
      b.range = Range(lb);
      out.bands.push_back(std::move(b));
    }
    Else(r.otherwise, out);
    return out;
  }
  Rule RuleOf(const ast::PairRule& r) {
    Rule out;
    const std::string_view w = Slice(r.word);
    out.kind = w == "linear"      ? RuleKind::kLinear
               : w == "checklist" ? RuleKind::kChecklist
               : w == "scaled"    ? RuleKind::kScaled
               : w == "likert"    ? RuleKind::kLikert
                                  : RuleKind::kPerCase;
    out.subject = E(r.subject);
    out.param = E(r.param);
    return out;
  }
  Rule RuleOf(const ast::DeductRule& r) {
    Rule out;
    out.kind = RuleKind::kDeduct;
    out.subject = E(r.subject);
    out.param = E(r.each);
    if (r.floor) out.floor = E(*r.floor);
    return out;
  }
  Rule RuleOf(const ast::BooleanRule& r) {
    Rule out;
    out.kind = RuleKind::kBoolean;
    out.subject = E(r.subject);
    if (r.points) {
      out.yes = E(r.points->yes);
      out.no = E(r.points->no);
    }
    return out;
  }
  Rule RuleOf(const ast::SingleRule& r) {
    Rule out;
    out.kind = Slice(r.word) == "manual" ? RuleKind::kManual : RuleKind::kPercent;
    out.subject = E(r.subject);
    return out;
  }

  // ------------------------------------------------------------ items

  void Stmt(const ast::EnumStmt& s, Item& it) {
    const std::string_view head = Slice(s.head), value = Slice(s.value);
    if (head == "assessed") {
      it.assessment = value == "survey" ? Assessment::kSurvey : Assessment::kSelf;
    } else if (head == "evidence") {
      it.evidence = value == "required" ? EvidencePolicy::kRequired : EvidencePolicy::kOptional;
    } else {  // when no cases: ...
      it.no_cases = value == "full"   ? NoCasePolicy::kFull
                    : value == "zero" ? NoCasePolicy::kZero
                                      : NoCasePolicy::kNotApplicable;
    }
  }
  void Stmt(const ast::TextStmt& s, Item& it) {
    if (Slice(s.head) == "expects") {
      it.expects.push_back(Unescape(s.text));
    } else {  // several notes read as one paragraph each
      if (!it.note.empty()) it.note += "\n";
      it.note += Unescape(s.text);
    }
  }
  void Stmt(const ast::LetStmt& s, Item& it) {
    Binding b;
    b.name = std::string(Slice(s.name));
    b.value = E(s.value);
    b.range = Range(s);
    b.name_range = Range(s.name);
    it.bindings.push_back(std::move(b));
  }
  void Stmt(const ast::CondStmt& s, Item& it) { it.not_applicable_when.push_back(E(s.cond)); }
  void Stmt(const ast::ScoreStmt& s, Item& it) {
    if (it.rule) {
      Error(DiagCode::kDuplicateClause, Range(s),
            "item " + it.code + " already has a 'score' rule; only the first one is used");
      return;
    }
    Rule r = Visit<Rule>(s.rule, [&](const auto& node) { return RuleOf(node); });
    r.range = Range(s);
    it.rule = std::move(r);
  }

  // False when the item must be dropped (an expression too deep).
  bool ItemOf(const ast::ItemNode& n, Item* it) {
    item_failed_ = false;
    it->code = std::string(Slice(n.code));
    it->name = Unescape(n.name);
    it->max = Number(n.max);
    it->range = Range(n);
    it->code_range = Range(n.code);
    it->max_range = Range(n.max);
    for (const ast::ItemStmt& s : n.stmts) {
      Visit<void>(s, [&](const auto& node) { Stmt(node, *it); });
    }
    return !item_failed_;
  }

  void Items(const std::vector<ast::ItemNode>& nodes, std::vector<Item>* out) {
    for (const ast::ItemNode& n : nodes) {
      Item it;
      if (ItemOf(n, &it)) out->push_back(std::move(it));
    }
  }

  // ------------------------------------------------------------ top level

  void Top(const ast::AreaNode& n, Criteria* out) {
    Area a;
    a.code = std::string(Slice(n.code));
    a.name = Unescape(n.name);
    a.max = Number(n.max);
    a.range = Range(n);
    a.code_range = Range(n.code);
    a.max_range = Range(n.max);
    if (n.weight) {
      a.weight = Number(*n.weight);
      a.weight_range = Range(*n.weight);
    }
    for (const ast::CriterionNode& cn : n.criteria) {
      Criterion c;
      c.code = std::string(Slice(cn.code));
      c.name = Unescape(cn.name);
      c.max = Number(cn.max);
      c.range = Range(cn);
      c.code_range = Range(cn.code);
      c.max_range = Range(cn.max);
      if (cn.weight) {
        c.weight = Number(*cn.weight);
        c.weight_range = Range(*cn.weight);
      }
      Items(cn.items, &c.items);
      a.criteria.push_back(std::move(c));
    }
    out->areas.push_back(std::move(a));
  }

  void Top(const ast::AdjustNode& n, Criteria* out) {
    const bool bonus = Slice(n.head) == "bonus";
    std::optional<Adjustment>& slot = bonus ? out->bonus : out->penalty;
    if (slot) {
      Error(DiagCode::kDuplicateClause, Range(n.head),
            std::string("a second '") + (bonus ? "bonus" : "penalty") +
                "' block; put all its items in the first one");
      return;
    }
    Adjustment a;
    a.name = Unescape(n.name);
    a.cap = Number(n.cap);
    a.range = Range(n);
    a.cap_range = Range(n.cap);
    Items(n.items, &a.items);
    slot = std::move(a);
  }

  void Top(const ast::RecordNode& n, Criteria* out) {
    RecordDecl r;
    r.kind = std::string(Slice(n.kind));
    if (n.description) r.description = Unescape(*n.description);
    r.range = Range(n);
    for (const ast::RecordMember& m : n.members) {
      if (const auto* req = boost::get<ast::RequireStmt>(&m.get())) {
        Invariant inv;
        inv.cond = E(req->cond);
        inv.range = Range(*req);
        r.invariants.push_back(std::move(inv));
        continue;
      }
      const auto& f = boost::get<ast::FieldNode>(m.get());
      FieldDecl d;
      d.name = std::string(Slice(f.name));
      const std::string_view t = Slice(f.type);
      d.type = t == "count"     ? FieldType::kCount
               : t == "percent" ? FieldType::kPercent
               : t == "date"    ? FieldType::kDate
               : t == "string"  ? FieldType::kString
               : t == "bool"    ? FieldType::kBool
                                : FieldType::kNumber;
      d.range = Range(f);
      for (const ast::FieldMod& mod : f.mods) FieldModifier(mod, d);
      r.fields.push_back(std::move(d));
    }
    out->records.push_back(std::move(r));
  }

  // `in LO..HI`, `one of "a", "b"`, `given`; the checker judges whether they
  // fit the field's type.
  void FieldModifier(const ast::FieldMod& mod, FieldDecl& d) {
    const std::string_view head = Slice(mod.head);
    if (head == "given") {
      d.given = true;
    } else if (head == "in") {
      if (mod.args.size() != 2) return;
      auto bound = [&](const ast::Range& r) {
        std::string_view v = Slice(r);
        const bool pct = !v.empty() && v.back() == '%';
        if (pct) v.remove_suffix(1);
        if (pct != (d.type == FieldType::kPercent)) {
          Error(DiagCode::kTypeMismatch, Range(r),
                pct ? "a bound with '%' needs a percent field; write it as a number"
                    : "write the bounds of a percent field as percents, e.g. in 0%..100%");
        }
        const bool neg = !v.empty() && v.front() == '-';
        if (neg) v.remove_prefix(1);
        const double x = Number(v, Range(r)) * (neg ? -1 : 1);
        return pct ? x / 100.0 : x;
      };
      d.has_range = true;
      d.lo = bound(mod.args[0]);
      d.hi = bound(mod.args[1]);
      d.range_range = Range(mod);
    } else {
      for (const ast::Range& a : mod.args) d.one_of.push_back(UnescapeText(Slice(a)));
      d.one_of_range = Range(mod);
    }
  }

  void Prop(const ast::StrProp& p, IndexMeta& m) {
    (Slice(p.key) == "province" ? m.province : m.level) = Unescape(p.value);
  }
  void Prop(const ast::NumProp& p, IndexMeta& m) {
    const std::string_view k = Slice(p.key);
    if (k == "year") {
      m.year = Int(p.value, 0, 9999, "year");
    } else if (k == "precision") {
      m.precision = Int(p.value, 0, 10, "precision");
    } else {
      m.total = Number(p.value);
    }
  }
  void Prop(const ast::WordProp& p, IndexMeta& m) {
    if (Slice(p.key) == "ties") {
      m.ties = Slice(p.value) == "dense" ? TieRule::kDense : TieRule::kShared;
    } else if (Slice(p.key).substr(0, 9) == "criterion") {
      const std::string_view v = Slice(p.value);  // "by max", "equal", "by  criterion", …
      m.criterion_weights = v == "equal"               ? WeightScheme::kEqual
                            : v.ends_with("criterion") ? WeightScheme::kByCriterion
                                                       : WeightScheme::kByMax;
      m.criterion_weights_range = Range(p);
    } else if (Slice(p.key) == "weights") {
      const std::string_view v = Slice(p.value);  // "by max", "equal", "by  area", …
      m.weights = v == "equal"                       ? WeightScheme::kEqual
                  : v.substr(v.size() - 4) == "area" ? WeightScheme::kByArea
                                                     : WeightScheme::kByMax;
      m.weights_range = Range(p);
    } else {
      m.bonus_above_total = Slice(p.value) == "yes";
    }
  }
  void Prop(const ast::BandsProp& p, IndexMeta& m) {
    for (const ast::IndexBand& b : p.bands) {
      BandDecl d;
      d.label = Unescape(b.label);
      d.is_else = !b.min;
      if (b.min) d.min_percent = PercentFraction(*b.min);
      d.range = Range(b);
      m.bands.push_back(std::move(d));
    }
  }

  void Top(const ast::IndexNode& n, Criteria* out) {
    if (out->index.declared) {
      Error(DiagCode::kDuplicateClause, Range(n),
            "a second 'index' declaration; a file declares one index");
      return;
    }
    IndexMeta& m = out->index;
    m.declared = true;
    m.name = Unescape(n.name);
    m.range = Range(n);
    for (const ast::IndexProp& p : n.props) {
      Visit<void>(p, [&](const auto& node) { Prop(node, m); });
    }
  }

  std::string_view text_;
  int max_depth_;
  std::vector<Diagnostic>* diags_;
  bool item_failed_ = false;
  std::vector<Lowered> stack_;  // Lower's operands, reused
};

}  // namespace

PassResult RunPass(std::string_view text, size_t start, int max_expr_depth) {
  PassResult result;
  criteria_x3::ast::File file;
  criteria_x3::SyntaxError error;
  if (!criteria_x3::ParseX3(text, start, file, &error)) {
    result.syntax_ok = false;
    result.error_offset = error.offset;
    result.expected = std::move(error.expected);
  }
  Lowerer(text, max_expr_depth, &result.diagnostics).File(file, &result.criteria);
  return result;
}

}  // namespace cchc::internal
