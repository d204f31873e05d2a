// The canonical formatter behind `cchc fmt`: prints a criteria model in one
// fixed layout whose text parses back to the same model, keeping comments.
#ifndef CCHC_CRITERIA_FORMATTER_H_
#define CCHC_CRITERIA_FORMATTER_H_

#include <string>
#include <string_view>

#include "criteria/ast.h"

namespace cchc {

// Prints `criteria` in canonical layout: 2-space indent, one statement per
// line; the index block, then records, areas, bonus, penalty, separated by a
// blank line (as are sibling criteria and items); item statements in a fixed
// order (assessed by, evidence, expects, note, let, not applicable when,
// score, when no cases); index properties at their defaults are printed too
// (the policies stay visible), except province, level and year when unset.
//
// A table (bands, count tiers, levels, deadline tiers, boolean points) stays
// on the `score` line when that line fits in kFormatWidth display columns,
// else one branch per line. Expressions get the fewest parentheses the
// grammar's precedence allows.
//
// `source_text` is the text `criteria` was parsed from (its ranges index
// it); its `#` comments are printed, each before the first construct
// (declaration, index band, field, area, criterion, item, `let`, `not
// applicable when`, `score`, band of a multi-line table) that starts after
// it. A trailing comment stays at the end of its line when the line starts
// one of those constructs, else it moves to its own line before the next; a
// comment before a closing `}` stays in that block; comments after the last
// construct end the file. With no source text no comments are printed. The
// result is a fixed point: formatting it again (with its own text) returns
// it unchanged.
std::string FormatCriteria(const Criteria& criteria, std::string_view source_text = {});

// One expression, canonically (for messages and tests).
std::string FormatExpr(const Expr& e);

// Shortest decimal that reads back as `v`, never with an exponent: 1, 0.5,
// 2.25, 1204. "inf" / "nan" for the non-finite (never in a parsed model).
std::string FormatNumber(double v);
// A fraction as the shortest percent literal that reads back as it
// (number / 100): 0.95 -> "95%", 0.805 -> "80.5%".
std::string FormatPercent(double fraction);

inline constexpr int kFormatWidth = 100;

}  // namespace cchc

#endif  // CCHC_CRITERIA_FORMATTER_H_
