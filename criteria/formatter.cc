// The canonical printer: layout of declarations and items, expressions with
// minimal parentheses, and comments put back before the construct they
// precede.
#include "criteria/formatter.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "criteria/comments.h"
#include "criteria/source.h"

namespace cchc {

std::string FormatNumber(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  if (v == 0) return "0";  // also -0
  char buf[400];
  auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  if (res.ec != std::errc()) return "?";
  return std::string(buf, res.ptr);
}

std::string FormatPercent(double fraction) {
  if (!std::isfinite(fraction)) return FormatNumber(fraction * 100) + "%";
  // The parser reads "80.5%" as 80.5 / 100; find the shortest spelling that
  // reads back bit for bit (0.805 * 100 is 80.50000000000001).
  char buf[400];
  for (int precision = 0; precision <= 17; ++precision) {
    auto res =
        std::to_chars(buf, buf + sizeof buf, fraction * 100, std::chars_format::fixed, precision);
    if (res.ec != std::errc()) break;
    std::string s(buf, res.ptr);
    if (std::strtod(s.c_str(), nullptr) / 100 == fraction) return s + "%";
  }
  return FormatNumber(fraction * 100) + "%";
}

namespace {

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

// ---------------------------------------------------------------- expressions

// Binding strength, loosest first, as in the EBNF: expr (where), or_expr,
// and_expr, not_expr, cmp_expr, add_expr, mul_expr, unary, postfix, primary.
enum Prec { kWhere, kOr, kAnd, kNot, kCmp, kAdd, kMul, kNeg, kPostfix, kPrimary };

int PrecOf(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kWhere:
      return kWhere;
    case ExprKind::kUnary:
      return e.op == Op::kNot ? kNot : kNeg;
    case ExprKind::kBinary:
      switch (e.op) {
        case Op::kOr:
          return kOr;
        case Op::kAnd:
          return kAnd;
        case Op::kAdd:
        case Op::kSub:
          return kAdd;
        case Op::kMul:
        case Op::kDiv:
          return kMul;
        default:
          return kCmp;
      }
    case ExprKind::kField:
      return kPostfix;
    case ExprKind::kNumber:
      return e.number < 0 ? kNeg : kPrimary;
    default:
      return kPrimary;
  }
}

bool LeftAssociative(int prec) {
  return prec == kWhere || prec == kOr || prec == kAnd || prec == kAdd || prec == kMul;
}

void PrintExpr(const Expr& e, int min_prec, std::string& out);

void PrintOperand(const Expr* e, int min_prec, std::string& out) {
  if (e) {
    PrintExpr(*e, min_prec, out);
  } else {
    out += "?";  // never in a parsed model
  }
}

void PrintPrimary(const Expr& e, std::string& out) {
  switch (e.kind) {
    case ExprKind::kNumber:
      out += FormatNumber(e.number);
      return;
    case ExprKind::kPercent:
      out += FormatPercent(e.number);
      return;
    case ExprKind::kDate:
      out += FormatIsoDate(e.date);
      return;
    case ExprKind::kString:
      out += Quote(e.text);
      return;
    case ExprKind::kBool:
      out += e.boolean ? "true" : "false";
      return;
    case ExprKind::kName:
      out += e.text;
      return;
    case ExprKind::kMaxRef:
      out += "max";
      return;
    case ExprKind::kRecords:
      out += "records";
      if (!e.text.empty()) out += " kind " + Quote(e.text);
      return;
    case ExprKind::kCall:
      out += e.text + "(";
      for (size_t i = 0; i < e.args.size(); ++i) {
        if (i) out += ", ";
        PrintOperand(e.args[i].get(), kWhere, out);
      }
      out += ")";
      return;
    case ExprKind::kField:
      PrintOperand(e.args.empty() ? nullptr : e.args[0].get(), kPostfix, out);
      out += "." + e.text;
      return;
    default:
      return;
  }
}

// Left-associative chains (a + b + c ..., S where C where D) are long left
// spines without any parentheses; they are walked iteratively so that the
// depth of recursion is bounded by the parentheses the parser allowed.
void PrintExpr(const Expr& e, int min_prec, std::string& out) {
  const int prec = PrecOf(e);
  const bool parens = prec < min_prec;
  if (parens) out += "(";
  if (e.kind == ExprKind::kBinary || e.kind == ExprKind::kWhere) {
    std::vector<const Expr*> spine;
    const Expr* cur = &e;
    while (LeftAssociative(prec) &&
           (cur->kind == ExprKind::kBinary || cur->kind == ExprKind::kWhere) &&
           PrecOf(*cur) == prec && cur->args.size() == 2 && cur->args[0]) {
      spine.push_back(cur);
      cur = cur->args[0].get();
    }
    if (spine.empty()) {  // a comparison: both sides one level tighter
      PrintOperand(e.args.empty() ? nullptr : e.args[0].get(), prec + 1, out);
      out += std::string(" ") + OpSpelling(e.op) + " ";
      PrintOperand(e.args.size() < 2 ? nullptr : e.args[1].get(), prec + 1, out);
    } else {
      PrintExpr(*cur, prec, out);
      for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
        const Expr& node = **it;
        out += node.kind == ExprKind::kWhere ? " where "
                                             : std::string(" ") + OpSpelling(node.op) + " ";
        PrintOperand(node.args[1].get(), prec + 1, out);
      }
    }
  } else if (e.kind == ExprKind::kUnary) {
    // not not x / - - x: iterate down the chain of prefixes.
    const Expr* cur = &e;
    bool last_minus = false;
    while (cur->kind == ExprKind::kUnary && PrecOf(*cur) == prec && !cur->args.empty() &&
           cur->args[0]) {
      if (cur->op == Op::kNot) {
        out += "not ";
      } else {
        if (last_minus) out += " ";
        out += "-";
        last_minus = true;
      }
      cur = cur->args[0].get();
    }
    if (last_minus && PrecOf(*cur) >= prec && cur->kind == ExprKind::kNumber && cur->number < 0) {
      out += " ";
    }
    PrintExpr(*cur, prec, out);
  } else {
    PrintPrimary(e, out);
  }
  if (parens) out += ")";
}

// ---------------------------------------------------------------- layout

class Printer {
 public:
  explicit Printer(std::string_view source) : comments_(CollectComments(source)) {}

  std::string Run(const Criteria& c) {
    if (c.index.declared) {
      TopLevel(c.index.range);
      Index(c.index);
    }
    for (const RecordDecl& r : c.records) {
      TopLevel(r.range);
      Record(r);
    }
    for (const Area& a : c.areas) {
      TopLevel(a.range);
      AreaBlock(a);
    }
    if (c.bonus) {
      TopLevel(c.bonus->range);
      AdjustmentBlock("bonus", *c.bonus);
    }
    if (c.penalty) {
      TopLevel(c.penalty->range);
      AdjustmentBlock("penalty", *c.penalty);
    }
    if (next_ < comments_.size() && !out_.empty()) out_ += "\n";
    CommentsBefore(UINT32_MAX);
    return std::move(out_);
  }

 private:
  void Line(const std::string& s) {
    out_.append(static_cast<size_t>(indent_) * 2, ' ');
    out_ += s;
    out_ += '\n';
  }

  // Comments anchored at or before `offset`, each on its own line.
  void CommentsBefore(uint32_t offset) {
    while (next_ < comments_.size() && comments_[next_].anchor <= offset) {
      Line(comments_[next_].text);
      ++next_;
    }
  }

  // Before a construct starting at `begin`: the comments above it. A
  // trailing comment of its own first line is left for Trail().
  void Lead(uint32_t begin) {
    if (begin > 0) CommentsBefore(begin - 1);
  }

  // The trailing comment of the line the construct at `begin` starts, as
  // "  # text" to end its first printed line, or "".
  std::string Trail(uint32_t begin) {
    if (next_ < comments_.size() && comments_[next_].anchor == begin &&
        comments_[next_].offset != begin) {
      return "  " + comments_[next_++].text;
    }
    return "";
  }

  // A top-level declaration: a blank line from the previous one, then its
  // comments.
  void TopLevel(SourceRange r) {
    if (!out_.empty()) out_ += "\n";
    Lead(r.begin);
  }

  void Open(const std::string& head, const std::string& trail = "") {
    Line(head + " {" + trail);
    ++indent_;
  }
  // Closes a block; comments written before its `}` stay inside it.
  void Close(SourceRange block) {
    if (block.end > block.begin) CommentsBefore(block.end - 1);
    --indent_;
    Line("}");
  }

  void Index(const IndexMeta& m) {
    Open("index " + Quote(m.name), Trail(m.range.begin));
    if (!m.province.empty()) Line("province " + Quote(m.province));
    if (!m.level.empty()) Line("level " + Quote(m.level));
    if (m.year != 0) Line("year " + std::to_string(m.year));
    Line("total " + FormatNumber(m.total));
    Line("precision " + std::to_string(m.precision));
    Line(std::string("bonus above total: ") + (m.bonus_above_total ? "yes" : "no"));
    Line(std::string("ties: ") + (m.ties == TieRule::kShared ? "shared" : "dense"));
    // Unlike the policies above, printed only when written or not the
    // default, so that files from before it existed format unchanged.
    if (m.weights != WeightScheme::kByMax || m.weights_range.end > m.weights_range.begin) {
      Line(std::string("weights: ") + WeightSchemeName(m.weights));
    }
    if (m.criterion_weights != WeightScheme::kByMax ||
        m.criterion_weights_range.end > m.criterion_weights_range.begin) {
      Line(std::string("criterion weights: ") + WeightSchemeName(m.criterion_weights));
    }
    if (!m.bands.empty()) {
      // Comments on the properties above (they carry no ranges) go here,
      // above the table rather than inside it.
      Lead(m.bands.front().range.begin);
      Open("bands");
      for (const BandDecl& b : m.bands) {
        Lead(b.range.begin);
        Line(Quote(b.label) + (b.is_else ? " else" : " >= " + FormatPercent(b.min_percent)) +
             Trail(b.range.begin));
      }
      Close({});
    }
    Close(m.range);
  }

  void Record(const RecordDecl& r) {
    std::string head = "record " + r.kind;
    if (!r.description.empty()) head += " " + Quote(r.description);
    Open(head, Trail(r.range.begin));
    for (const FieldDecl& f : r.fields) {
      Lead(f.range.begin);
      Line(f.name + ": " + FieldTypeName(f.type) + Modifiers(f) + Trail(f.range.begin));
    }
    for (const Invariant& inv : r.invariants) {
      Lead(inv.range.begin);
      Line("require " + Expression(inv.cond) + Trail(inv.range.begin));
    }
    Close(r.range);
  }

  // " in 1..5", " one of \"a\", \"b\"", " given": the order the language
  // reference gives them.
  static std::string Modifiers(const FieldDecl& f) {
    std::string out;
    if (f.has_range) {
      auto bound = [&](double v) {
        return f.type == FieldType::kPercent ? FormatPercent(v) : FormatNumber(v);
      };
      out += " in " + bound(f.lo) + ".." + bound(f.hi);
    }
    for (size_t i = 0; i < f.one_of.size(); ++i) {
      out += i == 0 ? " one of " : ", ";
      out += Quote(f.one_of[i]);
    }
    if (f.given) out += " given";
    return out;
  }

  void AreaBlock(const Area& a) {
    Open("area " + a.code + " " + Quote(a.name) + " max " + FormatNumber(a.max) +
             (a.weight ? " weight " + FormatNumber(*a.weight) : ""),
         Trail(a.range.begin));
    for (size_t i = 0; i < a.criteria.size(); ++i) {
      const Criterion& cr = a.criteria[i];
      if (i > 0) out_ += "\n";
      Lead(cr.range.begin);
      Open("criterion " + cr.code + " " + Quote(cr.name) + " max " + FormatNumber(cr.max) +
               (cr.weight ? " weight " + FormatNumber(*cr.weight) : ""),
           Trail(cr.range.begin));
      Items(cr.items);
      Close(cr.range);
    }
    Close(a.range);
  }

  void AdjustmentBlock(const char* what, const Adjustment& adj) {
    Open(std::string(what) + " " + Quote(adj.name) + " cap " + FormatNumber(adj.cap),
         Trail(adj.range.begin));
    Items(adj.items);
    Close(adj.range);
  }

  // Sibling items (and criteria, above) are separated by a blank line.
  void Items(const std::vector<Item>& items) {
    for (size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out_ += "\n";
      ItemBlock(items[i]);
    }
  }

  void ItemBlock(const Item& it) {
    Lead(it.range.begin);
    Open("item " + it.code + " " + Quote(it.name) + " max " + FormatNumber(it.max),
         Trail(it.range.begin));
    if (it.assessment == Assessment::kSurvey) Line("assessed by survey");
    if (it.evidence == EvidencePolicy::kRequired) Line("evidence required");
    if (it.evidence == EvidencePolicy::kOptional) Line("evidence optional");
    for (const std::string& e : it.expects) Line("expects " + Quote(e));
    if (!it.note.empty()) Line("note " + Quote(it.note));
    for (const Binding& b : it.bindings) {
      Lead(b.range.begin);
      Line("let " + b.name + " = " + Expression(b.value) + Trail(b.range.begin));
    }
    for (const ExprPtr& cond : it.not_applicable_when) {
      if (cond) Lead(cond->range.begin);
      Line("not applicable when " + Expression(cond));
    }
    if (it.rule) RuleLines(*it.rule);
    switch (it.no_cases) {
      case NoCasePolicy::kUnset:
        break;
      case NoCasePolicy::kFull:
        Line("when no cases: full");
        break;
      case NoCasePolicy::kZero:
        Line("when no cases: zero");
        break;
      case NoCasePolicy::kNotApplicable:
        Line("when no cases: not applicable");
        break;
    }
    Close(it.range);
  }

  static std::string Expression(const ExprPtr& e) {
    std::string s;
    PrintOperand(e.get(), kWhere, s);
    return s;
  }

  struct Entry {
    std::string text;
    SourceRange range;  // for comments, when printed on its own line
  };

  void RuleLines(const Rule& r) {
    Lead(r.range.begin);
    const std::string trail = Trail(r.range.begin);
    std::string head = std::string("score ") + RuleKindName(r.kind) + " " + Expression(r.subject);
    std::vector<Entry> table;
    bool has_table = false;
    switch (r.kind) {
      case RuleKind::kDeadline:
        head += " by " + Expression(r.param);
        table = {{"on time: " + Expression(r.on_time), {}},
                 {"late: " + Expression(r.late), {}},
                 {"missing: " + Expression(r.missing), {}}};
        has_table = true;
        break;
      case RuleKind::kBands:
      case RuleKind::kCount:
      case RuleKind::kLevels:
        for (const Band& b : r.bands) {
          std::string key;
          switch (b.cmp) {
            case Band::Cmp::kGe:
              key = ">= " + Expression(b.threshold);
              break;
            case Band::Cmp::kGt:
              key = "> " + Expression(b.threshold);
              break;
            case Band::Cmp::kLabel:
              key = Quote(b.label);
              break;
            case Band::Cmp::kElse:
              key = "else";
              break;
          }
          table.push_back({key + ": " + Expression(b.points), b.range});
        }
        has_table = true;
        break;
      case RuleKind::kBoolean:
        if (r.yes || r.no) {
          table = {{"yes: " + (r.yes ? Expression(r.yes) : std::string("max")), {}},
                   {"no: " + (r.no ? Expression(r.no) : std::string("0")), {}}};
          has_table = true;
        }
        break;
      case RuleKind::kLinear:
        head += " target " + Expression(r.param);
        break;
      case RuleKind::kDeduct:
        head += " each " + Expression(r.param);
        if (r.floor) head += " floor " + Expression(r.floor);
        break;
      case RuleKind::kPerCase:
        head += " each " + Expression(r.param);
        break;
      case RuleKind::kChecklist:
      case RuleKind::kScaled:
      case RuleKind::kLikert:
        head += " of " + Expression(r.param);
        break;
      case RuleKind::kPercent:
      case RuleKind::kManual:
        break;
    }
    if (!has_table) {
      Line(head + trail);
      return;
    }
    if (table.empty()) {
      Line(head + " {}" + trail);
      return;
    }
    std::string one_line = head + " {";
    for (size_t i = 0; i < table.size(); ++i) one_line += (i ? "  " : " ") + table[i].text;
    one_line += " }";
    // A comment inside the table keeps it on several lines, so that the
    // comment stays in it (and stays there when formatted again).
    const bool comment_inside = next_ < comments_.size() && comments_[next_].anchor < r.range.end;
    if (!comment_inside && indent_ * 2 + DisplayWidth(one_line) <= kFormatWidth) {
      Line(one_line + trail);
      return;
    }
    Open(head, trail);
    for (const Entry& e : table) {
      if (e.range.end > e.range.begin) {
        Lead(e.range.begin);
        Line(e.text + Trail(e.range.begin));
      } else {
        Line(e.text);
      }
    }
    Close(r.range);
  }

  std::vector<SourceComment> comments_;
  size_t next_ = 0;
  std::string out_;
  int indent_ = 0;
};

}  // namespace

std::string FormatExpr(const Expr& e) {
  std::string s;
  PrintExpr(e, kWhere, s);
  return s;
}

std::string FormatCriteria(const Criteria& criteria, std::string_view source_text) {
  return Printer(source_text).Run(criteria);
}

}  // namespace cchc
