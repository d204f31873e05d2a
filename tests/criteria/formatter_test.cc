// Formatter tests: round trip (the formatted text parses to the same model)
// and idempotence on every golden and example file; number, string and
// parenthesis spelling; the table layout rule; comments.
#include "criteria/formatter.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "criteria/comments.h"
#include "criteria/parser.h"

namespace cchc::formatter_test {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

ParseResult Parse(const std::string& text) { return ParseCriteria(SourceFile("t.cchc", text)); }

std::string Format(const std::string& text) {
  ParseResult p = Parse(text);
  EXPECT_TRUE(p.ok()) << RenderAll(SourceFile("t.cchc", text), p.diagnostics);
  return FormatCriteria(p.criteria, text);
}

// Every .cchc file of the golden tests and the examples, found at run time.
std::vector<fs::path> CorpusFiles() {
  std::vector<fs::path> out;
  const fs::path root(CCHC_SOURCE_DIR);
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(root / "tests" / "golden", ec)) {
    if (e.path().extension() == ".cchc") out.push_back(e.path());
  }
  for (const auto& e : fs::recursive_directory_iterator(root / "examples", ec)) {
    if (e.path().extension() == ".cchc") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(FormatterCorpus, RoundTripAndIdempotence) {
  int formatted = 0;
  for (const fs::path& path : CorpusFiles()) {
    SCOPED_TRACE(path.string());
    const std::string text = ReadFile(path);
    ParseResult first = Parse(text);
    if (!first.ok()) continue;  // a golden file may pin a syntax error
    ++formatted;
    const std::string once = FormatCriteria(first.criteria, text);
    ParseResult second = Parse(once);
    ASSERT_TRUE(second.ok()) << RenderAll(SourceFile("formatted", once), second.diagnostics)
                             << once;
    EXPECT_EQ(Dump(second.criteria), Dump(first.criteria)) << once;
    EXPECT_EQ(FormatCriteria(second.criteria, once), once);
    // Every comment survives.
    EXPECT_EQ(CollectComments(once).size(), CollectComments(text).size());
  }
  EXPECT_GE(formatted, 12);
}

// A file with one item whose statements are `body`; returns the formatted
// lines of that item's body.
std::string ItemBody(const std::string& body) {
  const std::string text =
      "area 1 \"a\" max 1 {\n criterion 1.1 \"c\" max 1 {\n item 1.1.1 \"i\" max 1 {\n" + body +
      "\n}\n}\n}\n";
  std::string out = Format(text);
  const std::string open = "    item 1.1.1 \"i\" max 1 {\n";
  const size_t a = out.find(open);
  const size_t b = out.find("\n    }\n");
  if (a == std::string::npos || b == std::string::npos) return out;
  return out.substr(a + open.size(), b + 1 - a - open.size());
}

// The canonical spelling of one expression, through the parser.
std::string Canon(const std::string& expr) {
  std::string body = ItemBody("let x = " + expr + "\nscore boolean true");
  const std::string let = "      let x = ";
  const size_t a = body.find(let);
  if (a == std::string::npos) return body;
  const size_t e = body.find('\n', a);
  return body.substr(a + let.size(), e - a - let.size());
}

TEST(FormatterExpr, NumbersAndLiterals) {
  EXPECT_EQ(Canon("1"), "1");
  EXPECT_EQ(Canon("1.0"), "1");
  EXPECT_EQ(Canon("0.50"), "0.5");
  EXPECT_EQ(Canon("2.250"), "2.25");
  EXPECT_EQ(Canon("1204"), "1204");
  EXPECT_EQ(Canon("95%"), "95%");
  EXPECT_EQ(Canon("80.5%"), "80.5%");
  EXPECT_EQ(Canon("100.0%"), "100%");
  EXPECT_EQ(Canon("0.1%"), "0.1%");
  EXPECT_EQ(Canon("2026-01-31"), "2026-01-31");
  EXPECT_EQ(Canon("yes"), "true");
  EXPECT_EQ(Canon("no"), "false");
  EXPECT_EQ(Canon("\"a\\\"b\\\\c\\td\\ne # not a comment\""),
            "\"a\\\"b\\\\c\\td\\ne # not a comment\"");
  EXPECT_EQ(Canon("\"Kế hoạch\""), "\"Kế hoạch\"");
}

TEST(FormatterExpr, MinimalParentheses) {
  EXPECT_EQ(Canon("(1 + 2) * 3"), "(1 + 2) * 3");
  EXPECT_EQ(Canon("1 + (2 * 3)"), "1 + 2 * 3");
  EXPECT_EQ(Canon("(1 - 2) - 3"), "1 - 2 - 3");
  EXPECT_EQ(Canon("1 - (2 - 3)"), "1 - (2 - 3)");
  EXPECT_EQ(Canon("1 / (2 * 3)"), "1 / (2 * 3)");
  EXPECT_EQ(Canon("-(1 + 2)"), "-(1 + 2)");
  EXPECT_EQ(Canon("-(-1)"), "- -1");
  EXPECT_EQ(Canon("(-1) * 2"), "-1 * 2");
  EXPECT_EQ(Canon("not (1 = 2)"), "not 1 = 2");
  EXPECT_EQ(Canon("(not true) = false"), "(not true) = false");
  EXPECT_EQ(Canon("(1 < 2) = true"), "(1 < 2) = true");
  EXPECT_EQ(Canon("(true or false) and true"), "(true or false) and true");
  EXPECT_EQ(Canon("true or (false and true)"), "true or false and true");
  EXPECT_EQ(Canon("not (true and false)"), "not (true and false)");
  EXPECT_EQ(Canon("(records kind \"t\" where a) where b"), "records kind \"t\" where a where b");
  EXPECT_EQ(Canon("records kind \"t\" where (a where b)"), "records kind \"t\" where (a where b)");
  EXPECT_EQ(Canon("records where a = 1 and b != \"x\""), "records where a = 1 and b != \"x\"");
  EXPECT_EQ(Canon("(latest(records kind \"t\")).issued"), "latest(records kind \"t\").issued");
  EXPECT_EQ(Canon("(records kind \"t\" where a).b"), "(records kind \"t\" where a).b");
  EXPECT_EQ(Canon("max(1, (2)) * max"), "max(1, 2) * max");
  EXPECT_EQ(Canon("ratio(count(t where s = \"done\"), count(t))"),
            "ratio(count(t where s = \"done\"), count(t))");
  EXPECT_EQ(Canon("days(a.issued, as_of) <= 30"), "days(a.issued, as_of) <= 30");
}

TEST(FormatterLayout, CanonicalItem) {
  EXPECT_EQ(ItemBody("score bands d { >= 100%: 2 >= 80%: d*max else: 0 }\n"
                     "when no cases: not applicable\nlet d = 1\nexpects \"x\"\n"
                     "assessed by survey\nevidence optional\nnote \"n\"\n"
                     "not applicable when false"),
            "      assessed by survey\n"
            "      evidence optional\n"
            "      expects \"x\"\n"
            "      note \"n\"\n"
            "      let d = 1\n"
            "      not applicable when false\n"
            "      score bands d { >= 100%: 2  >= 80%: d * max  else: 0 }\n"
            "      when no cases: not applicable\n");
}

TEST(FormatterLayout, RuleSpellings) {
  EXPECT_EQ(ItemBody("score deadline a by 2026-01-31 { on time: 1 late: 0.5 missing: 0 }"),
            "      score deadline a by 2026-01-31 { on time: 1  late: 0.5  missing: 0 }\n");
  EXPECT_EQ(ItemBody("score boolean b"), "      score boolean b\n");
  EXPECT_EQ(ItemBody("score boolean b { yes: 1 no: 0.5 }"),
            "      score boolean b { yes: 1  no: 0.5 }\n");
  EXPECT_EQ(ItemBody("score linear r target 80%"), "      score linear r target 80%\n");
  EXPECT_EQ(ItemBody("score deduct n each 0.25"), "      score deduct n each 0.25\n");
  EXPECT_EQ(ItemBody("score deduct n each 0.25 floor 0.5"),
            "      score deduct n each 0.25 floor 0.5\n");
  EXPECT_EQ(ItemBody("score checklist n of 5"), "      score checklist n of 5\n");
  EXPECT_EQ(ItemBody("score scaled s of 100"), "      score scaled s of 100\n");
  EXPECT_EQ(ItemBody("score percent p"), "      score percent p\n");
  EXPECT_EQ(ItemBody("score likert m of 5"), "      score likert m of 5\n");
  EXPECT_EQ(ItemBody("score manual m"), "      score manual m\n");
  EXPECT_EQ(ItemBody("score per n each 1"), "      score per n each 1\n");
  EXPECT_EQ(ItemBody("score levels l { \"tốt\": 1 \"khá\": 0.5 else: 0 }"),
            "      score levels l { \"tốt\": 1  \"khá\": 0.5  else: 0 }\n");
  EXPECT_EQ(ItemBody("score count c { > 2: 1 >= 1: 0.5 else: 0 }"),
            "      score count c { > 2: 1  >= 1: 0.5  else: 0 }\n");
}

TEST(FormatterLayout, LongTablesGoOneBranchPerLine) {
  const std::string body = ItemBody(
      "score bands ratio(count(dossiers where on_time), count(dossiers)) "
      "{ >= 100%: 4 >= 95%: 3 >= 90%: 2 >= 80%: 1 else: 0 }");
  EXPECT_EQ(body,
            "      score bands ratio(count(dossiers where on_time), count(dossiers)) {\n"
            "        >= 100%: 4\n"
            "        >= 95%: 3\n"
            "        >= 90%: 2\n"
            "        >= 80%: 1\n"
            "        else: 0\n"
            "      }\n");
}

TEST(FormatterLayout, WholeFileOrderAndIndexDefaults) {
  const std::string text =
      "penalty \"p\" cap 5 { item P1 \"p\" max 1 { score per n each 1 } }\n"
      "area I \"a\" max 1 { criterion 1.1 \"c\" max 1 { item 1.1.1 \"i\" max 1 {"
      " score boolean true } } }\n"
      "bonus \"b\" cap 3 { item T1 \"t\" max 1 { score per n each 1 } }\n"
      "record task \"Nhiệm vụ\" { status: string due: date }\n"
      "index \"Chỉ số\" { total 1 bands { \"Tốt\" >= 80% \"Yếu\" else } }\n";
  EXPECT_EQ(Format(text),
            "index \"Chỉ số\" {\n"
            "  total 1\n"
            "  precision 2\n"
            "  bonus above total: no\n"
            "  ties: shared\n"
            "  bands {\n"
            "    \"Tốt\" >= 80%\n"
            "    \"Yếu\" else\n"
            "  }\n"
            "}\n"
            "\n"
            "record task \"Nhiệm vụ\" {\n"
            "  status: string\n"
            "  due: date\n"
            "}\n"
            "\n"
            "area I \"a\" max 1 {\n"
            "  criterion 1.1 \"c\" max 1 {\n"
            "    item 1.1.1 \"i\" max 1 {\n"
            "      score boolean true\n"
            "    }\n"
            "  }\n"
            "}\n"
            "\n"
            "bonus \"b\" cap 3 {\n"
            "  item T1 \"t\" max 1 {\n"
            "    score per n each 1\n"
            "  }\n"
            "}\n"
            "\n"
            "penalty \"p\" cap 5 {\n"
            "  item P1 \"p\" max 1 {\n"
            "    score per n each 1\n"
            "  }\n"
            "}\n");
}

TEST(FormatterComments, SurviveStayingOrMovingAbove) {
  const std::string text =
      "# header\n"
      "area 1 \"a # not a comment\" max 2 {  # trailing on the area\n"
      "  # before the criterion\n"
      "  criterion 1.1 \"c\" max 2 {\n"
      "    item 1.1.1 \"i\" max 1 {\n"
      "      expects \"x\"   # on a line the formatter moves: goes above the next construct\n"
      "      score boolean true     # trailing on the rule\n"
      "      # last in the item\n"
      "    }  # after a closing brace\n"
      "    # before the second item\n"
      "    item 1.1.2 \"j\" max 1 { score boolean true }\n"
      "  }\n"
      "}\n"
      "# the end\n";
  const std::string want =
      "# header\n"
      "area 1 \"a # not a comment\" max 2 {  # trailing on the area\n"
      "  # before the criterion\n"
      "  criterion 1.1 \"c\" max 2 {\n"
      "    item 1.1.1 \"i\" max 1 {\n"
      "      expects \"x\"\n"
      "      # on a line the formatter moves: goes above the next construct\n"
      "      score boolean true  # trailing on the rule\n"
      "      # last in the item\n"
      "      # after a closing brace\n"
      "    }\n"
      "\n"
      "    # before the second item\n"
      "    item 1.1.2 \"j\" max 1 {\n"
      "      score boolean true\n"
      "    }\n"
      "  }\n"
      "}\n"
      "\n"
      "# the end\n";
  EXPECT_EQ(Format(text), want);
  EXPECT_EQ(Format(want), want);
}

TEST(FormatterComments, TrailingCommentsOfFieldsAndBandsStay) {
  const std::string text =
      "index \"t\" { total 1  bands {\n \"A\" >= 50%   # half\n \"B\" else } }\n"
      "record r {\n  a: count    # how many\n  b: date\n}\n"
      "area 1 \"a\" max 1 { criterion 1.1 \"c\" max 1 { item 1.1.1 \"i\" max 1 {\n"
      "let x = 1   # one\n"
      "score manual x } } }\n";
  const std::string once = Format(text);
  EXPECT_NE(once.find("    \"A\" >= 50%  # half\n"), std::string::npos) << once;
  EXPECT_NE(once.find("  a: count  # how many\n"), std::string::npos) << once;
  EXPECT_NE(once.find("      let x = 1  # one\n"), std::string::npos) << once;
  EXPECT_EQ(Format(once), once);
}

TEST(FormatterComments, CommentInsideATableKeepsItOpen) {
  const std::string text =
      "area 1 \"a\" max 1 { criterion 1.1 \"c\" max 1 { item 1.1.1 \"i\" max 1 {\n"
      "score bands d {\n"
      "  # full marks\n"
      "  >= 100%: 1\n"
      "  else: 0\n"
      "}\n"
      "} } }\n";
  const std::string once = Format(text);
  EXPECT_NE(once.find("      score bands d {\n"
                      "        # full marks\n"
                      "        >= 100%: 1\n"
                      "        else: 0\n"
                      "      }\n"),
            std::string::npos)
      << once;
  EXPECT_EQ(Format(once), once);
}

TEST(FormatterComments, ScannerSkipsStrings) {
  const auto cs = CollectComments("let a = \"x # y \\\" # z\"  # real\n# own line\n\"#\"");
  ASSERT_EQ(cs.size(), 2u);
  EXPECT_EQ(cs[0].text, "# real");
  EXPECT_EQ(cs[0].anchor, 0u);
  EXPECT_EQ(cs[1].text, "# own line");
  EXPECT_EQ(cs[1].anchor, cs[1].offset);
}

TEST(FormatterNumbers, ShortestRoundTrip) {
  EXPECT_EQ(FormatNumber(1), "1");
  EXPECT_EQ(FormatNumber(0.5), "0.5");
  EXPECT_EQ(FormatNumber(2.25), "2.25");
  EXPECT_EQ(FormatNumber(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(FormatNumber(1e20), "100000000000000000000");
  EXPECT_EQ(FormatPercent(0.95), "95%");
  EXPECT_EQ(FormatPercent(80.5 / 100), "80.5%");
  EXPECT_EQ(FormatPercent(1), "100%");
}

// A 100 000-term chain prints without deep recursion.
TEST(FormatterDepth, LongChainsPrintIteratively) {
  auto one = [] {
    auto e = std::make_unique<Expr>();
    e->kind = ExprKind::kNumber;
    e->number = 1;
    return e;
  };
  ExprPtr chain = one();
  for (int i = 0; i < 100000; ++i) {
    auto add = std::make_unique<Expr>();
    add->kind = ExprKind::kBinary;
    add->op = Op::kAdd;
    add->args.push_back(std::move(chain));
    add->args.push_back(one());
    chain = std::move(add);
  }
  const std::string s = FormatExpr(*chain);
  EXPECT_EQ(s.size(), 1 + 100000 * 4u);
  while (chain && !chain->args.empty()) {
    ExprPtr left = std::move(chain->args[0]);
    chain = std::move(left);
  }
}

}  // namespace
}  // namespace cchc::formatter_test
