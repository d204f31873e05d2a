// The HTML report and its SVG bar charts: the scale and geometry of a chart,
// escaping of every text, and the sections of a small scored criteria set
// (groups, status classes, missing evidence with what is expected).
#include "engine/render/html/report.h"

#include <string>

#include "engine/render/html/svg_chart.h"
#include "tests/engine/engine_test_util.h"

namespace cchc::testutil::report_test {
namespace {

size_t Count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

TEST(HtmlEscapeTest, EscapesTheFiveCharacters) {
  EXPECT_EQ(HtmlEscape("a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&#39;f");
  EXPECT_EQ(HtmlEscape("Xã An Khánh"), "Xã An Khánh");
}

TEST(SvgChartTest, BarsAndOutlinesShareOneScale) {
  BarChartSpec spec;
  spec.width = 600;
  spec.label_width = 100;
  spec.value_width = 92;  // bar area: 600 - 108 - 92 - 8 = 392 px
  const std::string svg =
      RenderBarChart(spec, {{"A", 5, 10.0, "5 / 10", ""}, {"B", 10, 10.0, "10", ""}});
  EXPECT_EQ(Count(svg, "<rect class=\"outline\""), 2u);
  EXPECT_EQ(Count(svg, "<rect class=\"bar\""), 2u);
  // Zero at x = 108; max 10 maps to 392 px, so 5 is 196 px wide.
  EXPECT_NE(svg.find("class=\"bar\" x=\"108.0\" y=\"8.6\" width=\"196.0\""), std::string::npos)
      << svg;
  EXPECT_NE(svg.find("class=\"outline\" x=\"108.0\" y=\"8.6\" width=\"392.0\""), std::string::npos)
      << svg;
  EXPECT_NE(svg.find(">5 / 10</text>"), std::string::npos);
}

TEST(SvgChartTest, NegativeValuesDrawLeftOfAZeroLine) {
  BarChartSpec spec;
  spec.width = 600;
  spec.label_width = 100;
  spec.value_width = 92;
  const std::string svg = RenderBarChart(
      spec, {{"up", 1, std::nullopt, "+1", ""}, {"down", -1, std::nullopt, "-1", "neg"}});
  EXPECT_NE(svg.find("<line class=\"zero\" x1=\"304.0\""), std::string::npos) << svg;
  EXPECT_NE(svg.find("class=\"bar neg\" x=\"108.0\""), std::string::npos) << svg;
}

TEST(SvgChartTest, LongLabelsAreTruncatedWithTheFullTextAsTooltip) {
  BarChartSpec spec;
  spec.label_chars = 10;
  const std::string label = "Công tác chỉ đạo, điều hành cải cách hành chính";
  const std::string svg = RenderBarChart(spec, {{label, 1, std::nullopt, "1", ""}});
  EXPECT_NE(svg.find("<title>" + label + "</title>"), std::string::npos);
  EXPECT_NE(svg.find("…</text>"), std::string::npos);
  EXPECT_EQ(svg.find(">" + label + "</text>"), std::string::npos);
}

TEST(SvgChartTest, EmptyAndZeroChartsStillRender) {
  EXPECT_NE(RenderBarChart({}, {}).find("</svg>"), std::string::npos);
  const std::string svg = RenderBarChart({}, {{"z", 0, 0.0, "0", ""}});
  EXPECT_EQ(svg.find("nan\""), std::string::npos);  // no NaN coordinates
  EXPECT_EQ(svg.find("inf\""), std::string::npos);
  EXPECT_NE(svg.find("width=\"0.0\""), std::string::npos);
}

const char* kCriteria = R"(
index "Bộ <tiêu chí> & 'thử'" {
  year 2026
  total 4
  bands { "Tốt" >= 90%  "Khá" >= 50%  "Yếu" else }
}
record doc { topic: string }

area 1 "Lĩnh vực <A> & 'B'" max 4 {
  criterion 1.1 "Tiêu chí" max 4 {
    item 1.1.1 "Có kế hoạch" max 2 {
      expects "Kế hoạch <số, ngày>"
      score boolean exists(records kind "doc" where topic = "plan")
    }
    item 1.1.2 "Có báo cáo" max 2 {
      expects "Báo cáo năm"
      score boolean exists(records kind "doc" where topic = "report")
    }
  }
}
)";

TEST(HtmlReportTest, SectionsEscapingAndMissingEvidence) {
  auto c = Compile(kCriteria);
  Evidence ev;
  ev.unit = {"X1", "Xã <script>alert('x')</script>", "Tỉnh"};
  ev.year = 2026;
  ev.records.push_back(Rec("D1", "doc", {{"topic", S("plan")}}));
  const Scorecard card = ScoreAll(*c, ev);
  ASSERT_EQ(card.band, "Khá");
  const std::string html = RenderHtmlReport(c->plan(), card, nullptr, {});
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("Xã &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("Lĩnh vực &lt;A&gt; &amp; &#39;B&#39;"), std::string::npos);
  EXPECT_NE(html.find("Bộ &lt;tiêu chí&gt; &amp; &#39;thử&#39;"), std::string::npos);
  EXPECT_NE(html.find("<html lang=\"vi\">"), std::string::npos);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(html.find("50,00 %"), std::string::npos);  // Vietnamese separators
  EXPECT_EQ(Count(html, "<svg"), 2u);                  // areas and points lost; no tasks
  EXPECT_NE(html.find("<td class=\"st-scored\">"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"st-missing_evidence\">thiếu TLKC</td>"), std::string::npos);
  // The missing item with what is expected; the scored one not listed there.
  const std::string missing = html.substr(html.find("<section id=\"missing\">"));
  EXPECT_NE(missing.find("1.1.2</strong> Có báo cáo — Báo cáo năm"), std::string::npos) << missing;
  EXPECT_EQ(missing.find("1.1.1"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST(HtmlReportTest, EnglishLabels) {
  auto c = Compile(kCriteria);
  Evidence ev;
  ev.unit = {"X1", "X", ""};
  RenderOptions o;
  o.lang = Lang::kEn;
  const std::string html = RenderHtmlReport(c->plan(), ScoreAll(*c, ev), nullptr, o);
  EXPECT_NE(html.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(html.find("Self-assessment table"), std::string::npos);
  EXPECT_EQ(html.find("Bảng tự đánh giá"), std::string::npos);
}

}  // namespace
}  // namespace cchc::testutil::report_test
