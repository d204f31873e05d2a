// The area weight declaration: `weights: by max | equal | by area` in the
// index and `weight W` on an area — parsed, checked (E210, E211, and a sign
// is a syntax error), formatted back to the same model and printed only when
// written or not the default.
#include <gtest/gtest.h>

#include <string>

#include "criteria/checker.h"
#include "criteria/formatter.h"
#include "criteria/parser.h"

namespace cchc::weights_test {
namespace {

// Two areas of max 4 and 6; `scheme` is the index's `weights:` line (or ""),
// `w1`, `w2` what follows each area's max.
std::string Two(const std::string& scheme, const std::string& w1, const std::string& w2) {
  return "index \"t\" {\n  total 10\n" + scheme +
         "}\n"
         "area I \"a\" max 4" +
         w1 +
         " {\n  criterion 1.1 \"c\" max 4 {\n    item 1.1.1 \"i\" max 4 {\n"
         "      evidence optional\n      score manual max\n    }\n  }\n}\n"
         "area II \"b\" max 6" +
         w2 +
         " {\n  criterion 2.1 \"c\" max 6 {\n    item 2.1.1 \"i\" max 6 {\n"
         "      evidence optional\n      score manual max\n    }\n  }\n}\n";
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

// "E210 5:19" per diagnostic, in order.
std::string Codes(const Checked& c) {
  std::string out;
  for (const Diagnostic& d : c.parsed.ok() ? c.checked.diagnostics : c.parsed.diagnostics) {
    const LineCol at = c.src.Locate(d.range.begin);
    out += (out.empty() ? "" : " ") + DiagCodeName(d.code, d.severity) + " " +
           std::to_string(at.line) + ":" + std::to_string(at.column);
  }
  return out;
}

TEST(WeightsDeclaration, ParsesEachScheme) {
  Checked c = Check(Two("  weights: by area\n", " weight 0.25", " weight 1"));
  ASSERT_TRUE(c.parsed.ok()) << RenderAll(c.src, c.parsed.diagnostics);
  EXPECT_TRUE(c.checked.ok()) << RenderAll(c.src, c.checked.diagnostics);
  EXPECT_EQ(c.parsed.criteria.index.weights, WeightScheme::kByArea);
  EXPECT_EQ(c.parsed.criteria.areas[0].weight, 0.25);
  EXPECT_EQ(c.parsed.criteria.areas[1].weight, 1.0);
  EXPECT_EQ(Check(Two("  weights: equal\n", "", "")).parsed.criteria.index.weights,
            WeightScheme::kEqual);
  Checked by_max = Check(Two("  weights: by   max\n", "", ""));
  EXPECT_TRUE(by_max.checked.ok());
  EXPECT_EQ(by_max.parsed.criteria.index.weights, WeightScheme::kByMax);
  Checked none = Check(Two("", "", ""));
  EXPECT_EQ(none.parsed.criteria.index.weights, WeightScheme::kByMax);
  EXPECT_FALSE(none.parsed.criteria.areas[0].weight.has_value());
}

TEST(WeightsDeclaration, CheckSummaryNamesTheScheme) {
  EXPECT_NE(
      FormatSummary(Check(Two("  weights: by area\n", " weight 0.25", " weight 1")).checked.summary)
          .find("area weights: by area (I 0.25, II 1)\n"),
      std::string::npos);
  EXPECT_NE(FormatSummary(Check(Two("  weights: equal\n", "", "")).checked.summary)
                .find("area weights: equal\n"),
            std::string::npos);
  EXPECT_EQ(FormatSummary(Check(Two("", "", "")).checked.summary).find("weights"),
            std::string::npos);
}

TEST(WeightsDeclaration, CheckerErrorsWithPositions) {
  // An area without a weight under `by area`: at the area's code.
  EXPECT_EQ(Codes(Check(Two("  weights: by area\n", " weight 1", ""))), "E210 13:6");
  // A weight without `by area`: at the weight.
  EXPECT_EQ(Codes(Check(Two("", " weight 2", ""))), "E210 4:25");
  EXPECT_EQ(Codes(Check(Two("  weights: equal\n", "", " weight 2"))), "E210 13:26");
  // Every weight 0: at the `weights:` property.
  EXPECT_EQ(Codes(Check(Two("  weights: by area\n", " weight 0", " weight 0"))), "E211 3:3");
  // A sign, or a word, is a syntax error after `weight`.
  EXPECT_EQ(Codes(Check(Two("  weights: by area\n", " weight -1", " weight 1"))), "E102 5:25");
  EXPECT_EQ(Codes(Check(Two("  weights: by size\n", "", ""))), "E102 3:15");
  // Messages say how to fix.
  Checked c = Check(Two("  weights: by area\n", " weight 1", ""));
  ASSERT_EQ(c.checked.diagnostics.size(), 1u);
  EXPECT_EQ(c.checked.diagnostics[0].message,
            "area II has no weight, but the index says `weights: by area`; write `weight W` after "
            "its max (e.g. `max 6 weight 1`)");
}

TEST(WeightsDeclaration, FormatterRoundTrips) {
  for (const std::string& text :
       {Two("  weights: by area\n", " weight 0.25", "   weight 1.50"),
        Two("  weights: equal\n", "", ""), Two("  weights: by max\n", "", ""), Two("", "", "")}) {
    SCOPED_TRACE(text);
    Checked first = Check(text);
    ASSERT_TRUE(first.parsed.ok());
    const std::string once = FormatCriteria(first.parsed.criteria, text);
    Checked second = Check(once);
    ASSERT_TRUE(second.parsed.ok()) << once;
    EXPECT_EQ(Dump(second.parsed.criteria), Dump(first.parsed.criteria));
    EXPECT_EQ(FormatCriteria(second.parsed.criteria, once), once);
  }
  const std::string by_area = FormatCriteria(
      Check(Two("  weights: by area\n", " weight 0.25", "   weight 1.50")).parsed.criteria,
      Two("  weights: by area\n", " weight 0.25", "   weight 1.50"));
  EXPECT_NE(by_area.find("  weights: by area\n"), std::string::npos) << by_area;
  EXPECT_NE(by_area.find("area I \"a\" max 4 weight 0.25 {"), std::string::npos) << by_area;
  EXPECT_NE(by_area.find("area II \"b\" max 6 weight 1.5 {"), std::string::npos) << by_area;
  // Written at its default, it stays; not written, it is not added.
  const std::string written = Two("  weights: by max\n", "", "");
  EXPECT_NE(FormatCriteria(Check(written).parsed.criteria, written).find("weights: by max"),
            std::string::npos);
  const std::string unwritten = Two("", "", "");
  EXPECT_EQ(FormatCriteria(Check(unwritten).parsed.criteria, unwritten).find("weights"),
            std::string::npos);
}

}  // namespace
}  // namespace cchc::weights_test
