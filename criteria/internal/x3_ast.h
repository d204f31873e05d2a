// The X3-side parse tree of a criteria file: structs shaped for Spirit X3's
// attribute rules (variants, fusion sequences). Private to criteria/internal/;
// lower.cc turns it into the plain cchc::Criteria of criteria/ast.h.
#ifndef CCHC_CRITERIA_INTERNAL_X3_AST_H_
#define CCHC_CRITERIA_INTERNAL_X3_AST_H_

#include <boost/optional.hpp>
#include <boost/range/iterator_range.hpp>
#include <boost/spirit/home/x3/support/ast/variant.hpp>
#include <vector>

#include "criteria/internal/expr_parser.h"

namespace cchc::criteria_x3::ast {

namespace x3 = boost::spirit::x3;

// A slice of the source buffer. Leaf tokens keep only their slice: lowering
// reads number, date, keyword and string text straight from the source, which
// avoids X3's single-element-struct attribute pitfalls.
using Range = boost::iterator_range<const char*>;

// Set by the on_success handler of every rule whose attribute derives from it.
struct Tagged {
  const char* pos_begin = nullptr;
  const char* pos_end = nullptr;
};

// Leaves: the type says what it is, the tag says where.
struct NumberLit : Tagged {};   // 12, 0.25
struct PercentLit : Tagged {};  // 95%
struct StringLit : Tagged {};   // "..." with escapes, quotes included
struct Ident : Tagged {};       // [A-Za-z_][A-Za-z0-9_]*
struct Code : Tagged {};        // I, 1.2.3, T1

// An expression, parsed by hand (expr_parser.cc): its nodes in post-order,
// one vector that X3 moves as it builds the statements around it.
struct Expr {
  std::vector<internal::ExprNode> nodes;
};

// ---------------------------------------------------------------- rules

struct Threshold : x3::variant<PercentLit, NumberLit> {
  using base_type::base_type;
  using base_type::operator=;
};

struct CmpBand : Tagged {
  Range cmp;  // ">=" or ">"
  Threshold threshold;
  Expr points;  // additive level, so the next ">=" starts a new band
};

struct LabelBand : Tagged {
  StringLit label;
  Expr points;
};

struct ElseBand : Tagged {
  Range word;
  Expr points;
};

struct DeadlineRule : Tagged {
  Expr subject, by, on_time, late, missing;
};
struct BandsRule : Tagged {  // bands and count
  Range word;
  Expr subject;
  std::vector<CmpBand> bands;
  boost::optional<ElseBand> otherwise;
};
struct LevelsRule : Tagged {
  Expr subject;
  std::vector<LabelBand> bands;
  boost::optional<ElseBand> otherwise;
};
struct PairRule : Tagged {  // linear target, checklist/scaled/likert of, per each
  Range word;
  Expr subject;
  Expr param;
};
struct DeductRule : Tagged {
  Expr subject;
  Expr each;
  boost::optional<Expr> floor;
};
struct YesNo {
  Expr yes;
  Expr no;
};
struct BooleanRule : Tagged {
  Expr subject;
  boost::optional<YesNo> points;
};
struct SingleRule : Tagged {  // percent, manual
  Range word;
  Expr subject;
};

struct RuleV : x3::variant<DeadlineRule, BandsRule, LevelsRule, PairRule, DeductRule, BooleanRule,
                           SingleRule> {
  using base_type::base_type;
  using base_type::operator=;
};

// ---------------------------------------------------------------- items

struct EnumStmt : Tagged {  // assessed by X, evidence X, when no cases: X
  Range head;
  Range value;
};
struct TextStmt : Tagged {  // expects "..", note ".."
  Range head;
  StringLit text;
};
struct LetStmt : Tagged {
  Ident name;
  Expr value;
};
struct CondStmt : Tagged {  // not applicable when EXPR
  Range head;
  Expr cond;
};
struct ScoreStmt : Tagged {
  Range head;
  RuleV rule;
};

struct ItemStmt : x3::variant<EnumStmt, TextStmt, LetStmt, CondStmt, ScoreStmt> {
  using base_type::base_type;
  using base_type::operator=;
};

struct ItemNode : Tagged {
  Code code;
  StringLit name;
  NumberLit max;
  std::vector<ItemStmt> stmts;
};
struct CriterionNode : Tagged {
  Code code;
  StringLit name;
  NumberLit max;
  boost::optional<NumberLit> weight;  // `weight W`
  std::vector<ItemNode> items;
};
struct AreaNode : Tagged {
  Code code;
  StringLit name;
  NumberLit max;
  boost::optional<NumberLit> weight;  // `weight W`
  std::vector<CriterionNode> criteria;
};
struct AdjustNode : Tagged {  // bonus / penalty
  Range head;
  StringLit name;
  NumberLit cap;
  std::vector<ItemNode> items;
};

// ---------------------------------------------------------------- header

// After a field's type: `in LO..HI` (args: the two bounds), `one of "a", "b"`
// (args: the quoted strings), `given` (no args). `head` is the keyword(s).
struct FieldMod : Tagged {
  Range head;
  std::vector<Range> args;
};
struct FieldNode : Tagged {
  Ident name;
  Range type;
  std::vector<FieldMod> mods;
};
struct RequireStmt : Tagged {  // require EXPR
  Range head;
  Expr cond;
};
struct RecordMember : x3::variant<FieldNode, RequireStmt> {
  using base_type::base_type;
  using base_type::operator=;
};
struct RecordNode : Tagged {
  Ident kind;
  boost::optional<StringLit> description;
  std::vector<RecordMember> members;
};

struct StrProp : Tagged {  // province "..", level ".."
  Range key;
  StringLit value;
};
struct NumProp : Tagged {  // year, total, precision
  Range key;
  NumberLit value;
};
struct WordProp : Tagged {  // bonus above total: yes|no, ties: shared|dense, weights: …
  Range key;
  Range value;
};
struct IndexBand : Tagged {
  StringLit label;
  boost::optional<PercentLit> min;  // none: else
};
struct BandsProp : Tagged {
  Range key;
  std::vector<IndexBand> bands;
};
struct IndexProp : x3::variant<StrProp, NumProp, WordProp, BandsProp> {
  using base_type::base_type;
  using base_type::operator=;
};
struct IndexNode : Tagged {
  StringLit name;
  std::vector<IndexProp> props;
};

struct TopDecl : x3::variant<IndexNode, RecordNode, AreaNode, AdjustNode> {
  using base_type::base_type;
  using base_type::operator=;
};

using File = std::vector<TopDecl>;

}  // namespace cchc::criteria_x3::ast

#endif  // CCHC_CRITERIA_INTERNAL_X3_AST_H_
