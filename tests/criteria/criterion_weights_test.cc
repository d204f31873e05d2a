// The criterion weight declaration: `criterion weights: by max | equal | by
// criterion` in the index and `weight W` on a criterion — parsed, checked
// (E212, E213), formatted back to the same model and printed only when written
// or not the default.
#include <gtest/gtest.h>

#include <string>

#include "criteria/checker.h"
#include "criteria/formatter.h"
#include "criteria/parser.h"

namespace cchc::criterion_weights_test {
namespace {

// One area of max 4 with criteria 1.1 (max 1) and 1.2 (max 3); `scheme` is
// the index's extra lines (or ""), `w1`, `w2` what follows each criterion's max.
std::string One(const std::string& scheme, const std::string& w1, const std::string& w2) {
  return "index \"t\" {\n  total 4\n" + scheme +
         "}\n"
         "area I \"a\" max 4 {\n"
         "  criterion 1.1 \"c\" max 1" +
         w1 +
         " {\n    item 1.1.1 \"i\" max 1 {\n      evidence optional\n      score manual max\n"
         "    }\n  }\n"
         "  criterion 1.2 \"d\" max 3" +
         w2 +
         " {\n    item 1.2.1 \"i\" max 3 {\n      evidence optional\n      score manual max\n"
         "    }\n  }\n}\n";
}

struct Checked {
  SourceFile src;
  ParseResult parsed;
  CheckResult checked;
};

Checked Check(const std::string& text) {
  SourceFile src("t.cchc", text);
  ParseResult parsed = ParseCriteria(src);
  CheckResult checked = CheckCriteria(parsed.criteria);
  return {std::move(src), std::move(parsed), std::move(checked)};
}

// "E212 5:19" per diagnostic, in order.
std::string Codes(const Checked& c) {
  std::string out;
  for (const Diagnostic& d : c.parsed.ok() ? c.checked.diagnostics : c.parsed.diagnostics) {
    const LineCol at = c.src.Locate(d.range.begin);
    out += (out.empty() ? "" : " ") + DiagCodeName(d.code, d.severity) + " " +
           std::to_string(at.line) + ":" + std::to_string(at.column);
  }
  return out;
}

TEST(CriterionWeightsDeclaration, ParsesEachScheme) {
  Checked c = Check(One("  criterion weights: by criterion\n", " weight 0.5", " weight 2"));
  ASSERT_TRUE(c.parsed.ok()) << RenderAll(c.src, c.parsed.diagnostics);
  EXPECT_TRUE(c.checked.ok()) << RenderAll(c.src, c.checked.diagnostics);
  EXPECT_EQ(c.parsed.criteria.index.criterion_weights, WeightScheme::kByCriterion);
  EXPECT_EQ(c.parsed.criteria.index.weights, WeightScheme::kByMax);
  EXPECT_EQ(c.parsed.criteria.areas[0].criteria[0].weight, 0.5);
  EXPECT_EQ(c.parsed.criteria.areas[0].criteria[1].weight, 2.0);
  EXPECT_EQ(c.checked.summary.criterion_weights, "by criterion");
  EXPECT_NE(FormatSummary(c.checked.summary).find("criterion weights: by criterion\n"),
            std::string::npos);
  Checked equal = Check(One("  weights: equal\n  criterion weights: equal\n", "", ""));
  ASSERT_TRUE(equal.parsed.ok()) << RenderAll(equal.src, equal.parsed.diagnostics);
  EXPECT_TRUE(equal.checked.ok());
  EXPECT_EQ(equal.parsed.criteria.index.criterion_weights, WeightScheme::kEqual);
  EXPECT_EQ(equal.parsed.criteria.index.weights, WeightScheme::kEqual);
  Checked none = Check(One("", "", ""));
  EXPECT_EQ(none.parsed.criteria.index.criterion_weights, WeightScheme::kByMax);
  EXPECT_FALSE(none.parsed.criteria.areas[0].criteria[0].weight.has_value());
  EXPECT_EQ(FormatSummary(none.checked.summary).find("criterion weights"), std::string::npos);
}

TEST(CriterionWeightsDeclaration, CheckerErrorsWithPositions) {
  // A criterion without a weight under `by criterion`: at the criterion's code.
  EXPECT_EQ(Codes(Check(One("  criterion weights: by criterion\n", " weight 1", ""))),
            "E212 12:13");
  // A weight without `by criterion`: at the weight.
  EXPECT_EQ(Codes(Check(One("", " weight 2", ""))), "E212 5:34");
  EXPECT_EQ(Codes(Check(One("  criterion weights: equal\n", "", " weight 2"))), "E212 12:34");
  // Every criterion weight of an area 0: at the area's code.
  EXPECT_EQ(Codes(Check(One("  criterion weights: by criterion\n", " weight 0", " weight 0"))),
            "E213 5:6");
  // A sign is a syntax error after `weight`; `by area` is not a criterion scheme.
  EXPECT_EQ(Codes(Check(One("  criterion weights: by criterion\n", " weight -1", " weight 1"))),
            "E102 6:34");
  EXPECT_EQ(Codes(Check(One("  criterion weights: by area\n", "", ""))), "E102 3:25");
  Checked c = Check(One("  criterion weights: by criterion\n", " weight 1", ""));
  ASSERT_EQ(c.checked.diagnostics.size(), 1u);
  EXPECT_EQ(c.checked.diagnostics[0].message,
            "criterion 1.2 has no weight, but the index says `criterion weights: by criterion`; "
            "write `weight W` after its max (e.g. `max 3 weight 1`)");
}

TEST(CriterionWeightsDeclaration, FormatterRoundTrips) {
  for (const std::string& text :
       {One("  criterion weights: by criterion\n", " weight 0.25", "   weight 1.50"),
        One("  weights: equal\n  criterion weights: equal\n", "", ""),
        One("  criterion weights: by max\n", "", ""), One("", "", "")}) {
    SCOPED_TRACE(text);
    Checked first = Check(text);
    ASSERT_TRUE(first.parsed.ok());
    const std::string once = FormatCriteria(first.parsed.criteria, text);
    Checked second = Check(once);
    ASSERT_TRUE(second.parsed.ok()) << once;
    EXPECT_EQ(Dump(second.parsed.criteria), Dump(first.parsed.criteria));
    EXPECT_EQ(FormatCriteria(second.parsed.criteria, once), once);
  }
  const std::string text =
      One("  criterion weights: by criterion\n", " weight 0.25", "   weight 1.50");
  const std::string formatted = FormatCriteria(Check(text).parsed.criteria, text);
  EXPECT_NE(formatted.find("  criterion weights: by criterion\n"), std::string::npos) << formatted;
  EXPECT_NE(formatted.find("criterion 1.1 \"c\" max 1 weight 0.25 {"), std::string::npos)
      << formatted;
  EXPECT_NE(formatted.find("criterion 1.2 \"d\" max 3 weight 1.5 {"), std::string::npos)
      << formatted;
  const std::string written = One("  criterion weights: by max\n", "", "");
  EXPECT_NE(
      FormatCriteria(Check(written).parsed.criteria, written).find("criterion weights: by max"),
      std::string::npos);
  const std::string unwritten = One("", "", "");
  EXPECT_EQ(FormatCriteria(Check(unwritten).parsed.criteria, unwritten).find("criterion weights"),
            std::string::npos);
}

}  // namespace
}  // namespace cchc::criterion_weights_test
