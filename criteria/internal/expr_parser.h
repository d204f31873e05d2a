// The expression grammar of criteria files, parsed by hand by precedence
// climbing into a flat list of nodes in post-order (operands before their
// operator). The X3 grammar calls it wherever an expression stands; lower.cc
// builds the cchc::Expr tree from the list.
#ifndef CCHC_CRITERIA_INTERNAL_EXPR_PARSER_H_
#define CCHC_CRITERIA_INTERNAL_EXPR_PARSER_H_

#include <cstdint>
#include <vector>

#include "criteria/ast.h"

namespace cchc::internal {

// What a syntax error says was expected (after "expected "); the X3 grammar
// names its string rules with the same two texts.
inline constexpr char kExpectedExpression[] = "an expression";
inline constexpr char kExpectedFieldName[] = "a field name after '.'";
inline constexpr char kExpectedCloseCall[] = "',' or ')' to close the function call";
inline constexpr char kExpectedCloseParen[] = "')' to close the parenthesis";
inline constexpr char kExpectedCloseQuote[] =
    "'\"' to close the string (strings end on the same line)";
inline constexpr char kExpectedEscape[] = "an escape: \\\" \\\\ \\n or \\t";

// One node. Spans point into the parsed buffer.
struct ExprNode {
  enum class Kind : uint8_t {
    kNumber,   // begin..end: 1.5
    kPercent,  // 95%
    kDate,     // 2026-01-31 (validity checked when lowering)
    kString,   // "..." with its quotes and escapes
    kBool,     // true false yes no
    kRecords,  // records [kind "x"]; name: the kind's string, if any
    kMaxRef,   // max
    kName,     // a name
    kCall,     // name(args): the `args` nodes before it are its arguments
    kParen,    // ( the node before )
    kField,    // the node before, then .name
    kNeg,      // begin: the '-' before the node before
    kNot,      // begin: the 'not' before the node before
    kBinary,   // the two nodes before, joined by `op` (kNone: where)
  };
  Kind kind = Kind::kNumber;
  Op op = Op::kNone;
  uint32_t args = 0;
  const char* begin = nullptr;
  const char* end = nullptr;
  const char* name_begin = nullptr;
  const char* name_end = nullptr;
};

// kWhole: a full expression (`where` binds loosest). kAdditive: no
// comparison, `and`, `or`, `not` or `where` at the top, so that a band's
// points end before the next band's `>=`.
enum class ExprLevel { kWhole, kAdditive };

enum class ExprParse {
  kMatched,  // *pos is after the expression's last token
  kNone,     // no expression starts here: *pos and *out unchanged
  kError,    // a syntax error: *error says where and what was expected
};

struct ExprError {
  const char* where = nullptr;
  const char* expected = nullptr;
};

// Parses one expression at *pos (blanks and `#` comments first), appending
// its nodes to *out.
ExprParse ParseExpression(const char** pos, const char* end, ExprLevel level,
                          std::vector<ExprNode>* out, ExprError* error);

}  // namespace cchc::internal

#endif  // CCHC_CRITERIA_INTERNAL_EXPR_PARSER_H_
