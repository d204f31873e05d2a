// The expression grammar by hand (docs/criteria-language.md), one function per
// precedence level, loosest first:
//   where  or  and  not  comparison  + -  * /  unary -  .field  primary
// It accepts exactly what the X3 rules it replaces accepted and fails at the
// same places with the same texts: a level that finds no operand fails softly
// (the caller may try something else), an operator without its right operand
// is an error. Recursion happens only through parentheses and calls, whose
// nesting ParseCriteria bounds before parsing.
#include "criteria/internal/expr_parser.h"

#include <cstring>
#include <string_view>

namespace cchc::internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsIdentChar(char c) { return IsAlpha(c) || IsDigit(c) || c == '_'; }

class Parser {
 public:
  Parser(const char* end, std::vector<ExprNode>* out, ExprError* error)
      : end_(end), out_(out), error_(error) {}

  bool failed() const { return failed_; }

  // Each level: true with p after what it parsed; false and p unchanged when
  // nothing matched (or failed() after an error). A level that matches
  // nothing has appended no node.
  bool Where(const char*& p) { return Chain(p, &Parser::Or, kWhereOps); }

  bool Additive(const char*& p) { return Chain(p, &Parser::Mul, kAddOps); }

 private:
  using Level = bool (Parser::*)(const char*&);
  enum OpSet { kWhereOps, kOrOps, kAndOps, kAddOps, kMulOps };

  // Blanks and `#` comments, as the X3 skipper skips them.
  const char* Skip(const char* p) const {
    while (p != end_) {
      const char c = *p;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
        ++p;
      } else if (c == '#') {
        while (p != end_ && *p != '\n') ++p;
      } else {
        break;
      }
    }
    return p;
  }

  // The word after blanks, not followed by an identifier character.
  bool Keyword(const char*& p, std::string_view word) const {
    const char* s = Skip(p);
    if (static_cast<size_t>(end_ - s) < word.size() || std::memcmp(s, word.data(), word.size())) {
      return false;
    }
    const char* e = s + word.size();
    if (e != end_ && IsIdentChar(*e)) return false;
    p = e;
    return true;
  }

  // The operator of `set` after blanks: its Op (kNone for `where`).
  bool Operator(const char*& p, OpSet set, Op* op) const {
    const char* s = Skip(p);
    if (s == end_) return false;
    switch (set) {
      case kWhereOps:
        *op = Op::kNone;
        return Keyword(p, "where");
      case kOrOps:
        *op = Op::kOr;
        return Keyword(p, "or");
      case kAndOps:
        *op = Op::kAnd;
        return Keyword(p, "and");
      case kAddOps:
        if (*s != '+' && *s != '-') return false;
        *op = *s == '+' ? Op::kAdd : Op::kSub;
        break;
      case kMulOps:
        if (*s != '*' && *s != '/') return false;
        *op = *s == '*' ? Op::kMul : Op::kDiv;
        break;
    }
    p = s + 1;
    return true;
  }

  bool Fail(const char* where, const char* expected) {
    failed_ = true;
    error_->where = where;
    error_->expected = expected;
    return false;
  }

  // Most expressions have a few nodes: one allocation for them.
  void Push(const ExprNode& n) {
    if (out_->capacity() == 0) out_->reserve(8);
    out_->push_back(n);
  }

  void Emit(ExprNode::Kind kind, const char* begin, const char* end) {
    ExprNode n;
    n.kind = kind;
    n.begin = begin;
    n.end = end;
    Push(n);
  }

  // next (op next)*, left-associative.
  bool Chain(const char*& p, Level next, OpSet set) {
    if (!(this->*next)(p)) return false;
    Op op{};
    const char* q = p;
    while (Operator(q, set, &op)) {
      if (!(this->*next)(q)) return failed_ ? false : Fail(q, kExpectedExpression);
      ExprNode n;
      n.kind = ExprNode::Kind::kBinary;
      n.op = op;
      Push(n);
      p = q;
    }
    return true;
  }

  bool Or(const char*& p) { return Chain(p, &Parser::And, kOrOps); }
  bool And(const char*& p) { return Chain(p, &Parser::Not, kAndOps); }

  // not* comparison.
  bool Not(const char*& p) {
    const char* q = p;
    const size_t mark = prefixes_.size();
    for (const char* s = Skip(q); Keyword(q, "not"); s = Skip(q)) prefixes_.push_back(s);
    const bool ok = Comparison(q);
    return Prefixed(p, q, mark, ExprNode::Kind::kNot, ok);
  }

  // After the operand of a run of prefixes (pushed since `mark`) was parsed
  // or not: one node per prefix, innermost first.
  bool Prefixed(const char*& p, const char* q, size_t mark, ExprNode::Kind kind, bool ok) {
    if (ok) {
      for (size_t i = prefixes_.size(); i-- > mark;) Emit(kind, prefixes_[i], nullptr);
      p = q;
    }
    prefixes_.resize(mark);
    return ok;
  }

  // additive [cmp additive].
  bool Comparison(const char*& p) {
    if (!Additive(p)) return false;
    const char* q = Skip(p);
    if (q == end_) return true;
    Op op{};
    const char c = *q;
    const bool eq_next = q + 1 != end_ && q[1] == '=';
    if (c == '<' || c == '>' || c == '!' || c == '=') {
      if (eq_next && c != '=') {
        op = c == '<' ? Op::kLe : c == '>' ? Op::kGe : Op::kNe;
        q += 2;
      } else if (c != '!') {
        op = c == '<' ? Op::kLt : c == '>' ? Op::kGt : Op::kEq;
        q += 1;
      } else {
        return true;
      }
    } else {
      return true;
    }
    if (!Additive(q)) return failed_ ? false : Fail(q, kExpectedExpression);
    ExprNode n;
    n.kind = ExprNode::Kind::kBinary;
    n.op = op;
    Push(n);
    p = q;
    return true;
  }

  bool Mul(const char*& p) { return Chain(p, &Parser::Unary, kMulOps); }

  // -* postfix.
  bool Unary(const char*& p) {
    const char* q = p;
    const size_t mark = prefixes_.size();
    for (const char* s = Skip(q); s != end_ && *s == '-'; s = Skip(q)) {
      prefixes_.push_back(s);
      q = s + 1;
    }
    const bool ok = Postfix(q);
    return Prefixed(p, q, mark, ExprNode::Kind::kNeg, ok);
  }

  // primary (. field)*.
  bool Postfix(const char*& p) {
    if (!Primary(p)) return false;
    while (true) {
      const char* q = Skip(p);
      if (q == end_ || *q != '.') return true;
      ++q;
      const char* name = Skip(q);
      const char* name_end = Word(name);
      if (name_end == name) return Fail(q, kExpectedFieldName);
      ExprNode n;
      n.kind = ExprNode::Kind::kField;
      n.name_begin = name;
      n.name_end = name_end;
      Push(n);
      p = name_end;
    }
  }

  // The end of an identifier starting at s, or s when none does.
  const char* Word(const char* s) const {
    if (s == end_ || !(IsAlpha(*s) || *s == '_')) return s;
    ++s;
    while (s != end_ && IsIdentChar(*s)) ++s;
    return s;
  }

  // digits (. digits)?, or s when no digit.
  const char* Digits(const char* s) const {
    const char* e = s;
    while (e != end_ && IsDigit(*e)) ++e;
    if (e == s) return s;
    if (e != end_ && *e == '.' && e + 1 != end_ && IsDigit(e[1])) {
      e += 2;
      while (e != end_ && IsDigit(*e)) ++e;
    }
    return e;
  }

  // A date YYYY-MM-DD not followed by an identifier character, or s.
  const char* Date(const char* s) const {
    static constexpr char kShape[] = "dddd-dd-dd";
    const char* e = s;
    for (const char* k = kShape; *k != '\0'; ++k, ++e) {
      if (e == end_ || (*k == 'd' ? !IsDigit(*e) : *e != '-')) return s;
    }
    if (e != end_ && IsIdentChar(*e)) return s;
    return e;
  }

  // A string starting at the '"' at s: its end, or an error.
  bool String(const char* s, const char** end) {
    const char* i = s + 1;
    while (i != end_) {
      const char c = *i;
      if (c == '\\') {
        ++i;
        if (i == end_ || (*i != '"' && *i != '\\' && *i != 'n' && *i != 't')) {
          return Fail(i, kExpectedEscape);
        }
        ++i;
      } else if (c == '"' || c == '\r' || c == '\n') {
        break;
      } else {
        ++i;
      }
    }
    if (i == end_ || *i != '"') return Fail(i, kExpectedCloseQuote);
    *end = i + 1;
    return true;
  }

  bool Primary(const char*& p) {
    const char* s = Skip(p);
    if (s == end_) return false;
    const char c = *s;
    if (IsDigit(c)) {  // a date or a percent starts like a number
      if (const char* e = Date(s); e != s) return Leaf(p, ExprNode::Kind::kDate, s, e);
      const char* e = Digits(s);
      if (e != end_ && *e == '%') return Leaf(p, ExprNode::Kind::kPercent, s, e + 1);
      if (e != end_ && (IsAlpha(*e) || *e == '_' || *e == '%')) return false;
      return Leaf(p, ExprNode::Kind::kNumber, s, e);
    }
    if (c == '"') {
      const char* e;
      if (!String(s, &e)) return false;
      return Leaf(p, ExprNode::Kind::kString, s, e);
    }
    if (c == '(') return Paren(p, s);
    const char* w = Word(s);
    if (w == s) return false;
    const std::string_view word(s, w - s);
    if (word == "true" || word == "false" || word == "yes" || word == "no") {
      return Leaf(p, ExprNode::Kind::kBool, s, w);
    }
    if (word == "records") return Records(p, s, w);
    if (const char* open = Skip(w); open != end_ && *open == '(') return Call(p, s, w, open);
    if (word == "max") return Leaf(p, ExprNode::Kind::kMaxRef, s, w);
    if (word == "and" || word == "or" || word == "not" || word == "where") return false;
    return Leaf(p, ExprNode::Kind::kName, s, w);
  }

  bool Leaf(const char*& p, ExprNode::Kind kind, const char* begin, const char* end) {
    Emit(kind, begin, end);
    p = end;
    return true;
  }

  // records [kind "x"]
  bool Records(const char*& p, const char* s, const char* w) {
    ExprNode n;
    n.kind = ExprNode::Kind::kRecords;
    n.begin = s;
    n.end = w;
    if (const char* q = w; Keyword(q, "kind")) {
      const char* str = Skip(q);
      if (str == end_ || *str != '"') return Fail(q, kExpectedExpression);
      if (!String(str, &n.end)) return false;
      n.name_begin = str;
      n.name_end = n.end;
    }
    Push(n);
    p = n.end;
    return true;
  }

  // name ( [expr (, expr)*] )
  bool Call(const char*& p, const char* s, const char* w, const char* open) {
    const char* q = open + 1;
    uint32_t args = 0;
    if (Where(q)) {
      ++args;
      while (true) {
        const char* comma = Skip(q);
        if (comma == end_ || *comma != ',') break;
        const char* r = comma + 1;
        if (!Where(r)) {
          if (failed_) return false;
          break;
        }
        ++args;
        q = r;
      }
    } else if (failed_) {
      return false;
    }
    const char* close = Skip(q);
    if (close == end_ || *close != ')') return Fail(q, kExpectedCloseCall);
    ExprNode n;
    n.kind = ExprNode::Kind::kCall;
    n.args = args;
    n.begin = s;
    n.end = close + 1;
    n.name_begin = s;
    n.name_end = w;
    Push(n);
    p = n.end;
    return true;
  }

  // ( expr )
  bool Paren(const char*& p, const char* s) {
    const char* q = s + 1;
    if (!Where(q)) return failed_ ? false : Fail(q, kExpectedExpression);
    const char* close = Skip(q);
    if (close == end_ || *close != ')') return Fail(q, kExpectedCloseParen);
    Emit(ExprNode::Kind::kParen, s, close + 1);
    p = close + 1;
    return true;
  }

  const char* end_;
  std::vector<ExprNode>* out_;
  ExprError* error_;
  std::vector<const char*> prefixes_;  // pending '-' and 'not', across nesting
  bool failed_ = false;
};

}  // namespace

ExprParse ParseExpression(const char** pos, const char* end, ExprLevel level,
                          std::vector<ExprNode>* out, ExprError* error) {
  Parser parser(end, out, error);
  const char* p = *pos;
  const bool ok = level == ExprLevel::kWhole ? parser.Where(p) : parser.Additive(p);
  if (parser.failed()) return ExprParse::kError;
  if (!ok) return ExprParse::kNone;
  *pos = p;
  return ExprParse::kMatched;
}

}  // namespace cchc::internal
