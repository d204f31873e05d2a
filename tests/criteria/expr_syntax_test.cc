// Syntax errors inside expressions (criteria/internal/expr_parser.cc): the
// place and text of each, as the Spirit X3 expression rules reported them
// before the expression grammar was written by hand. Each expression stands
// in `let v = EXPR` on line 4, followed by `score manual 1` on the next line
// (newlines are blanks, so an unfinished expression reads on into it).
#include <gtest/gtest.h>

#include <string>

#include "criteria/parser.h"

namespace cchc::expr_syntax_test {
namespace {

constexpr char kStatement[] =
    "expected a statement (score, let, expects, note, evidence, assessed by, when no cases, not "
    "applicable when) or '}' to close item 1.1 here";

struct Case {
  const char* expr;
  uint32_t line, column;
  const char* message;
};

const Case kCases[] = {
    {"f(a, )", 4, 12, "expected ',' or ')' to close the function call here"},
    {"f(a b)", 4, 13, "expected ',' or ')' to close the function call here"},
    {"records kind 5", 4, 22, "expected an expression here"},
    {"records kind \"x", 4, 24,
     "expected '\"' to close the string (strings end on the same line) here"},
    {"\"a\\q\"", 4, 12, "expected an escape: \\\" \\\\ \\n or \\t here"},
    {"x.1", 4, 11, "expected a field name after '.' here"},
    {"(a", 5, 1, "expected ')' to close the parenthesis here"},
    {"()", 4, 10, "expected an expression here"},
    {"a < b < c", 4, 15, kStatement},
    {"not", 5, 7, kStatement},
    {"- -", 5, 7, kStatement},
    {"a where", 5, 7, kStatement},
    {"a and or b", 4, 15, "expected an expression here"},
    {"1a", 4, 9, "expected an expression here"},
    {"a = = b", 4, 13, "expected an expression here"},
    {"a.b.", 5, 7, kStatement},
    {"f(", 5, 7, "expected ',' or ')' to close the function call here"},
    {"count(records kind \"t\" where)", 4, 37, "expected an expression here"},
    {"a +", 5, 7, kStatement},
    {"-not x", 4, 9, "expected an expression here"},
    {"x # comment\n  .y.", 6, 7, kStatement},
    {"ratio(1, 2) * (3", 5, 1, "expected ')' to close the parenthesis here"},
};

TEST(ExprSyntaxTest, ErrorsKeepTheirPlaceAndText) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.expr);
    const std::string text =
        "area I \"A\" max 1 {\n criterion 1 \"C\" max 1 {\n  item 1.1 \"I\" max 1 {\n"
        "let v = " +
        std::string(c.expr) + "\nscore manual 1\n  }\n }\n}\n";
    const SourceFile src("t.cchc", text);
    const ParseResult r = ParseCriteria(src);
    ASSERT_FALSE(r.diagnostics.empty());
    const Diagnostic& d = r.diagnostics[0];
    EXPECT_EQ(d.code, DiagCode::kSyntax);
    const LineCol lc = src.Locate(d.range.begin);
    EXPECT_EQ(lc.line, c.line);
    EXPECT_EQ(lc.column, c.column);
    EXPECT_EQ(d.message, c.message);
  }
}

}  // namespace
}  // namespace cchc::expr_syntax_test
