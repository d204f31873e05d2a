// Table-driven tests of ParseCriteria: valid inputs against their DumpExpr /
// Dump text, invalid inputs against their diagnostic code and line:col.
#include "criteria/parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace cchc::parser_test {
namespace {

ParseResult Parse(const std::string& text, const ParseLimits& limits = {}) {
  return ParseCriteria(SourceFile("t.cchc", text), limits);
}

std::string AllDiags(const std::string& text, const ParseResult& r) {
  return RenderAll(SourceFile("t.cchc", text), r.diagnostics);
}

// Wraps item statements in an area / criterion / item.
std::string InItem(const std::string& stmts) {
  return "area I \"A\" max 1 {\n criterion 1 \"C\" max 1 {\n  item 1.1 \"I\" max 1 {\n" + stmts +
         "\n  }\n }\n}\n";
}

// The one item of a file made by InItem.
const Item* OnlyItem(const ParseResult& r) {
  if (r.criteria.areas.size() != 1 || r.criteria.areas[0].criteria.size() != 1 ||
      r.criteria.areas[0].criteria[0].items.size() != 1) {
    return nullptr;
  }
  return &r.criteria.areas[0].criteria[0].items[0];
}

// ---------------------------------------------------------------- expressions

struct ExprCase {
  const char* input;
  const char* dump;
};

const ExprCase kExprCases[] = {
    {"a + b * c", "(+ a (* b c))"},
    {"a * b + c", "(+ (* a b) c)"},
    {"a - b - c", "(- (- a b) c)"},
    {"a / b * c", "(* (/ a b) c)"},
    {"(a + b) * c", "(* (+ a b) c)"},
    {"not a and b", "(and (not a) b)"},
    {"not not a", "(not (not a))"},
    {"a or b and c", "(or a (and b c))"},
    {"a and b or c", "(or (and a b) c)"},
    {"not a = b", "(not (= a b))"},
    {"x where a = 1 and b = 2", "(where x (and (= a 1) (= b 2)))"},
    {"x where a where b", "(where (where x a) b)"},
    {"records kind \"task\" where status = \"done\" and late = false",
     "(where (records \"task\") (and (= status \"done\") (= late false)))"},
    {"records", "(records \"\")"},
    {"plan.issued", "(. plan issued)"},
    {"a.b.c", "(. (. a b) c)"},
    {"latest(records kind \"plan\").issued", "(. (call latest (records \"plan\")) issued)"},
    {"latest(records kind \"plan\", due)", "(call latest (records \"plan\") due)"},
    {"count(tasks where status = \"done\")", "(call count (where tasks (= status \"done\")))"},
    {"ratio(count(a), count(b))", "(call ratio (call count a) (call count b))"},
    {"f()", "(call f)"},
    {"max", "max"},
    {"max * 0.5", "(* max 0.5)"},
    {"max(a, b)", "(call max a b)"},
    {"max (a, b)", "(call max a b)"},
    {"maxi", "maxi"},
    {"notable or orange", "(or notable orange)"},
    {"kind = \"plan\"", "(= kind \"plan\")"},
    {"x.kind", "(. x kind)"},
    {"95%", "0.94999999999999996%f"},
    {"80.5%", "0.80500000000000005%f"},
    {"12", "12"},
    {"0.25", "0.25"},
    {"2026-01-31", "2026-01-31"},
    {"2024-02-29", "2024-02-29"},
    {"\"cchc\"", "\"cchc\""},
    {"\"a\\\"b\\\\c\"", "\"a\\\"b\\\\c\""},
    {"\"Kế hoạch\"", "\"Kế hoạch\""},
    {"true", "true"},
    {"false", "false"},
    {"yes", "true"},
    {"no", "false"},
    {"-a", "(- a)"},
    {"- -a", "(- (- a))"},
    {"a - -1", "(- a (- 1))"},
    {"-a.b * 2", "(* (- (. a b)) 2)"},
    {"a = b", "(= a b)"},
    {"a != b", "(!= a b)"},
    {"a < b", "(< a b)"},
    {"a <= b", "(<= a b)"},
    {"a > b", "(> a b)"},
    {"a >= 80%", "(>= a 0.80000000000000004%f)"},
    {"days(plan.issued, as_of) <= 30", "(<= (call days (. plan issued) as_of) 30)"},
    {"a+b*c", "(+ a (* b c))"},
    {"a # comment\n + b", "(+ a b)"},
};

class ExprTest : public ::testing::TestWithParam<ExprCase> {};

TEST_P(ExprTest, Dumps) {
  const ExprCase& c = GetParam();
  const std::string text = InItem(std::string("let v = ") + c.input + "\nscore manual v");
  const ParseResult r = Parse(text);
  ASSERT_TRUE(r.ok()) << AllDiags(text, r);
  const Item* it = OnlyItem(r);
  ASSERT_NE(it, nullptr);
  ASSERT_EQ(it->bindings.size(), 1u);
  EXPECT_EQ(DumpExpr(*it->bindings[0].value), c.dump) << c.input;
}

INSTANTIATE_TEST_SUITE_P(Parser, ExprTest, ::testing::ValuesIn(kExprCases));

TEST(ParserTest, ExprRanges) {
  const std::string text = InItem("let v = plan.issued + 2 * x");
  const ParseResult r = Parse(text);
  ASSERT_TRUE(r.ok()) << AllDiags(text, r);
  const Binding& b = OnlyItem(r)->bindings[0];
  const auto slice = [&](SourceRange range) {
    return text.substr(range.begin, range.end - range.begin);
  };
  EXPECT_EQ(slice(b.range), "let v = plan.issued + 2 * x");
  EXPECT_EQ(slice(b.name_range), "v");
  EXPECT_EQ(slice(b.value->range), "plan.issued + 2 * x");
  EXPECT_EQ(slice(b.value->args[0]->range), "plan.issued");
  EXPECT_EQ(slice(b.value->args[0]->args[0]->range), "plan");
  EXPECT_EQ(slice(b.value->args[1]->range), "2 * x");
  EXPECT_EQ(slice(b.value->args[1]->args[1]->range), "x");
}

TEST(ParserTest, RecordsAndParenRanges) {
  const std::string text = InItem("let v = (a + b) * count(records kind \"t\")");
  const ParseResult r = Parse(text);
  ASSERT_TRUE(r.ok()) << AllDiags(text, r);
  const Expr& e = *OnlyItem(r)->bindings[0].value;
  const auto slice = [&](SourceRange range) {
    return text.substr(range.begin, range.end - range.begin);
  };
  EXPECT_EQ(slice(e.range), "(a + b) * count(records kind \"t\")");
  EXPECT_EQ(slice(e.args[0]->range), "(a + b)");
  EXPECT_EQ(slice(e.args[1]->range), "count(records kind \"t\")");
  EXPECT_EQ(slice(e.args[1]->args[0]->range), "records kind \"t\"");
}

// Every node of every valid file gets a range inside the text.
void CheckRanges(const Expr& e, size_t size) {
  EXPECT_LE(e.range.begin, e.range.end);
  EXPECT_LE(e.range.end, size);
  for (const auto& a : e.args) CheckRanges(*a, size);
}

TEST(ParserTest, AllExprRangesInsideText) {
  for (const ExprCase& c : kExprCases) {
    const std::string text = InItem(std::string("let v = ") + c.input);
    const ParseResult r = Parse(text);
    ASSERT_TRUE(r.ok());
    CheckRanges(*OnlyItem(r)->bindings[0].value, text.size());
  }
}

TEST(ParserTest, PercentIsAFraction) {
  const ParseResult r = Parse(InItem("let v = 95%\nscore manual v"));
  ASSERT_TRUE(r.ok());
  const Expr& e = *OnlyItem(r)->bindings[0].value;
  EXPECT_EQ(e.kind, ExprKind::kPercent);
  EXPECT_DOUBLE_EQ(e.number, 0.95);
}

// ---------------------------------------------------------------- rules

struct RuleCase {
  const char* input;
  const char* dump;  // the item's score line and band lines
};

const RuleCase kRuleCases[] = {
    {"deadline plan.issued by 2026-01-31 { on time: 1  late: 0.5  missing: 0 }",
     "    score deadline (. plan issued) param=2026-01-31 floor=_ on_time=1 late=0.5 "
     "missing=0 yes=_ no=_\n"},
    {"bands done { >= 100%: 2  >= 80%: done * max  else: 0 }",
     "    score bands done param=_ floor=_ on_time=_ late=_ missing=_ yes=_ no=_\n"
     "      band >= 1%f \"\" -> 2\n"
     "      band >= 0.80000000000000004%f \"\" -> (* done max)\n"
     "      band else _ \"\" -> 0\n"},
    {"bands done { > 90%: max >= 50%: 0.5 }",
     "    score bands done param=_ floor=_ on_time=_ late=_ missing=_ yes=_ no=_\n"
     "      band > 0.90000000000000002%f \"\" -> max\n"
     "      band >= 0.5%f \"\" -> 0.5\n"},
    {"count count(x) { >= 2: 1  >= 1: 0.5  else: 0 }",
     "    score count (call count x) param=_ floor=_ on_time=_ late=_ missing=_ yes=_ no=_\n"
     "      band >= 2 \"\" -> 1\n"
     "      band >= 1 \"\" -> 0.5\n"
     "      band else _ \"\" -> 0\n"},
    {"linear x target 10",
     "    score linear x param=10 floor=_ on_time=_ late=_ missing=_ yes=_ no=_\n"},
    {"boolean exists(p)",
     "    score boolean (call exists p) param=_ floor=_ on_time=_ late=_ missing=_ yes=_ no=_\n"},
    {"boolean ok { yes: 1  no: 0.5 }",
     "    score boolean ok param=_ floor=_ on_time=_ late=_ missing=_ yes=1 no=0.5\n"},
    {"deduct n each 0.25",
     "    score deduct n param=0.25 floor=_ on_time=_ late=_ missing=_ yes=_ no=_\n"},
    {"deduct n each 0.25 floor 0.5",
     "    score deduct n param=0.25 floor=0.5 on_time=_ late=_ missing=_ yes=_ no=_\n"},
    {"checklist done of 5",
     "    score checklist done param=5 floor=_ on_time=_ late=_ missing=_ yes=_ no=_\n"},
    {"scaled s of 10",
     "    score scaled s param=10 floor=_ on_time=_ late=_ missing=_ yes=_ no=_\n"},
    {"percent share",
     "    score percent share param=_ floor=_ on_time=_ late=_ missing=_ yes=_ no=_\n"},
    {"likert a of 5", "    score likert a param=5 floor=_ on_time=_ late=_ missing=_ yes=_ no=_\n"},
    {"levels grade { \"tốt\": 1  \"khá\": 0.5  else: 0 }",
     "    score levels grade param=_ floor=_ on_time=_ late=_ missing=_ yes=_ no=_\n"
     "      band label _ \"tốt\" -> 1\n"
     "      band label _ \"khá\" -> 0.5\n"
     "      band else _ \"\" -> 0\n"},
    {"manual x", "    score manual x param=_ floor=_ on_time=_ late=_ missing=_ yes=_ no=_\n"},
    {"per n each 0.5", "    score per n param=0.5 floor=_ on_time=_ late=_ missing=_ yes=_ no=_\n"},
};

class RuleTest : public ::testing::TestWithParam<RuleCase> {};

TEST_P(RuleTest, Dumps) {
  const RuleCase& c = GetParam();
  const std::string text = InItem(std::string("score ") + c.input);
  const ParseResult r = Parse(text);
  ASSERT_TRUE(r.ok()) << AllDiags(text, r);
  const std::string dump = Dump(r.criteria);
  const size_t at = dump.find("    score ");
  ASSERT_NE(at, std::string::npos) << dump;
  EXPECT_EQ(dump.substr(at), c.dump) << c.input;
}

INSTANTIATE_TEST_SUITE_P(Parser, RuleTest, ::testing::ValuesIn(kRuleCases));

// ---------------------------------------------------------------- files

TEST(ParserTest, ItemStatements) {
  const std::string text = InItem(
      "    assessed by survey\n"
      "    evidence optional\n"
      "    expects \"Kế hoạch\"\n"
      "    expects \"B\"\n"
      "    note \"n\"\n"
      "    let a = 1\n"
      "    not applicable when a = 0\n"
      "    not applicable when false\n"
      "    when no cases: not applicable\n"
      "    score manual a");
  const ParseResult r = Parse(text);
  ASSERT_TRUE(r.ok()) << AllDiags(text, r);
  EXPECT_EQ(Dump(r.criteria),
            "index \"\" province=\"\" level=\"\" year=0 total=100 precision=2 "
            "bonus_above_total=0 ties=shared\n"
            "area I \"A\" max 1\n"
            "  criterion 1 \"C\" max 1\n"
            "   item 1.1 \"I\" max 1 survey evidence=2 no_cases=3 note=\"n\"\n"
            "    expects \"Kế hoạch\"\n"
            "    expects \"B\"\n"
            "    let a = 1\n"
            "    na when (= a 0)\n"
            "    na when false\n"
            "    score manual a param=_ floor=_ on_time=_ late=_ missing=_ yes=_ no=_\n");
}

TEST(ParserTest, PolicyVariants) {
  struct Case {
    const char* stmt;
    Assessment assessment;
    EvidencePolicy evidence;
    NoCasePolicy no_cases;
  };
  const Case cases[] = {
      {"assessed by self", Assessment::kSelf, EvidencePolicy::kDefault, NoCasePolicy::kUnset},
      {"evidence required", Assessment::kSelf, EvidencePolicy::kRequired, NoCasePolicy::kUnset},
      {"when no cases: full", Assessment::kSelf, EvidencePolicy::kDefault, NoCasePolicy::kFull},
      {"when no cases : zero", Assessment::kSelf, EvidencePolicy::kDefault, NoCasePolicy::kZero},
  };
  for (const Case& c : cases) {
    const ParseResult r = Parse(InItem(std::string(c.stmt) + "\nscore manual 1"));
    ASSERT_TRUE(r.ok()) << c.stmt;
    const Item* it = OnlyItem(r);
    EXPECT_EQ(it->assessment, c.assessment) << c.stmt;
    EXPECT_EQ(it->evidence, c.evidence) << c.stmt;
    EXPECT_EQ(it->no_cases, c.no_cases) << c.stmt;
  }
}

TEST(ParserTest, IndexRecordsAreasBonusPenalty) {
  const std::string text =
      "# Bộ chỉ số\n"
      "index \"Chỉ số CCHC cấp xã\" {\n"
      "  province \"Thái Nguyên\"\n"
      "  level \"xã\"\n"
      "  year 2026\n"
      "  total 100\n"
      "  precision 3\n"
      "  bonus above total: yes\n"
      "  ties: dense\n"
      "  bands {\n"
      "    \"Xuất sắc\" >= 90%\n"
      "    \"Tốt\" >= 80%\n"
      "    \"Yếu\" else\n"
      "  }\n"
      "}\n"
      "record task \"Nhiệm vụ\" {\n"
      "  plan: string\n"
      "  cases: count\n"
      "  share: percent\n"
      "  due: date\n"
      "  done: bool\n"
      "  cost: number\n"
      "}\n"
      "record plan { }\n"
      "area I \"Chỉ đạo\" max 10 {\n"
      "  criterion 1.1 \"Kế hoạch\" max 10 {\n"
      "    item 1.1.1 \"Ban hành\" max 4 { score manual 1 }\n"
      "    item 1.1.2 \"Hoàn thành\" max 6 { score manual 2 }\n"
      "  }\n"
      "}\n"
      "area II \"Thể chế\" max 5 {\n"
      "}\n"
      "bonus \"Sáng kiến\" cap 2 {\n"
      "  item T1 \"Sáng kiến\" max 1 { score per n each 0.5 }\n"
      "}\n"
      "penalty \"Vi phạm\" cap 3 {\n"
      "  item P1 \"Vi phạm\" max 3 { score per v each 1 }\n"
      "}\n";
  const ParseResult r = Parse(text);
  ASSERT_TRUE(r.ok()) << AllDiags(text, r);
  EXPECT_EQ(Dump(r.criteria),
            "index \"Chỉ số CCHC cấp xã\" province=\"Thái Nguyên\" level=\"xã\" year=2026 "
            "total=100 precision=3 bonus_above_total=1 ties=dense\n"
            " band \"Xuất sắc\" 0.90000000000000002\n"
            " band \"Tốt\" 0.80000000000000004\n"
            " band \"Yếu\" else\n"
            "record task \"Nhiệm vụ\"\n"
            " field plan string\n"
            " field cases count\n"
            " field share percent\n"
            " field due date\n"
            " field done bool\n"
            " field cost number\n"
            "record plan \"\"\n"
            "area I \"Chỉ đạo\" max 10\n"
            "  criterion 1.1 \"Kế hoạch\" max 10\n"
            "   item 1.1.1 \"Ban hành\" max 4 self evidence=0 no_cases=0 note=\"\"\n"
            "    score manual 1 param=_ floor=_ on_time=_ late=_ missing=_ yes=_ no=_\n"
            "   item 1.1.2 \"Hoàn thành\" max 6 self evidence=0 no_cases=0 note=\"\"\n"
            "    score manual 2 param=_ floor=_ on_time=_ late=_ missing=_ yes=_ no=_\n"
            "area II \"Thể chế\" max 5\n"
            "bonus \"Sáng kiến\" cap 2\n"
            "   item T1 \"Sáng kiến\" max 1 self evidence=0 no_cases=0 note=\"\"\n"
            "    score per n param=0.5 floor=_ on_time=_ late=_ missing=_ yes=_ no=_\n"
            "penalty \"Vi phạm\" cap 3\n"
            "   item P1 \"Vi phạm\" max 3 self evidence=0 no_cases=0 note=\"\"\n"
            "    score per v param=1 floor=_ on_time=_ late=_ missing=_ yes=_ no=_\n");
  EXPECT_TRUE(r.criteria.index.declared);
  const Item& it = r.criteria.areas[0].criteria[0].items[0];
  EXPECT_EQ(text.substr(it.code_range.begin, it.code_range.end - it.code_range.begin), "1.1.1");
  EXPECT_EQ(text.substr(it.max_range.begin, it.max_range.end - it.max_range.begin), "4");
  EXPECT_EQ(text.substr(it.range.begin, 4), "item");
  EXPECT_EQ(text[it.range.end - 1], '}');
}

TEST(ParserTest, DocExampleParses) {
  const std::string text =
      "area I \"Công tác chỉ đạo, điều hành CCHC\" max 10 {\n"
      "  criterion 1.1 \"Kế hoạch CCHC năm\" max 3 {\n"
      "    item 1.1.1 \"Ban hành Kế hoạch CCHC năm đúng thời hạn\" max 1 {\n"
      "      expects \"Kế hoạch CCHC năm (số, ngày ban hành)\"\n"
      "      let plan = latest(records kind \"plan\" where topic = \"cchc\")\n"
      "      score deadline plan.issued by 2026-01-31 { on time: 1  late: 0.5  missing: 0 }\n"
      "    }\n"
      "    item 1.1.2 \"Mức độ hoàn thành Kế hoạch CCHC năm\" max 2 {\n"
      "      let tasks = records kind \"task\" where plan = \"cchc\"\n"
      "      let done = ratio(count(tasks where status = \"done\"), count(tasks))\n"
      "      score bands done { >= 100%: 2  >= 80%: done * max  else: 0 }\n"
      "      when no cases: not applicable\n"
      "    }\n"
      "  }\n"
      "}\n";
  const ParseResult r = Parse(text);
  ASSERT_TRUE(r.ok()) << AllDiags(text, r);
  ASSERT_EQ(r.criteria.areas[0].criteria[0].items.size(), 2u);
}

TEST(ParserTest, KeywordsNeedAWordBoundary) {
  // `note` is not `not e`, `records_x` is a name, `bandsx` is not `bands x`.
  const ParseResult r =
      Parse(InItem("note \"x\"\nlet records_x = wherever\nscore manual records_x"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(OnlyItem(r)->note, "x");
  EXPECT_EQ(DumpExpr(*OnlyItem(r)->bindings[0].value), "wherever");
  const ParseResult bad = Parse(InItem("score bandsx x { }"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.diagnostics[0].code, DiagCode::kSyntax);
}

TEST(ParserTest, BomCrlfAndTabsAccepted) {
  const std::string text =
      "\xEF\xBB\xBF"
      "area I \"A\" max 1 {\r\n"
      "\tcriterion 1 \"C\" max 1 {\r\n"
      "\t\titem 1.1 \"I\" max 1 {\t# tab and comment\r\n"
      "\t\t\tscore manual 1\r\n"
      "\t\t}\r\n"
      "\t}\r\n"
      "}\r\n";
  const ParseResult r = Parse(text);
  ASSERT_TRUE(r.ok()) << AllDiags(text, r);
  const Item* it = OnlyItem(r);
  ASSERT_NE(it, nullptr);
  const LineCol lc = SourceFile("t", text).Locate(it->code_range.begin);
  EXPECT_EQ(lc.line, 3u);
  EXPECT_EQ(lc.column, 8u);  // two tabs count one column each
}

TEST(ParserTest, EmptyFileAndCommentsOnly) {
  EXPECT_TRUE(Parse("").ok());
  EXPECT_TRUE(Parse("# nothing here\n\n   # still nothing").ok());
}

TEST(ParserTest, DuplicateScoreKeepsTheFirst) {
  const std::string text = InItem("score manual 1\nscore manual 2");
  const ParseResult r = Parse(text);
  ASSERT_EQ(r.diagnostics.size(), 1u) << AllDiags(text, r);
  EXPECT_EQ(r.diagnostics[0].code, DiagCode::kDuplicateClause);
  const Item* it = OnlyItem(r);
  ASSERT_NE(it, nullptr);
  EXPECT_EQ(DumpExpr(*it->rule->subject), "1");
}

TEST(ParserTest, RecoveryKeepsGoodItems) {
  const std::string text =
      "area I \"A\" max 3 {\n"
      "  criterion 1 \"C\" max 3 {\n"
      "    item 1.1 \"bad\" max { score manual 1 }\n"
      "    item 1.2 \"good\" max 1 { score manual 1 }\n"
      "    item 1.3 \"bad\" max 1 { score bands x { >= 80% 1 } }\n"
      "    item 1.4 \"good\" max 1 { expects \"}\" # }\n score manual 1 }\n"
      "  }\n"
      "}\n";
  const ParseResult r = Parse(text);
  ASSERT_EQ(r.diagnostics.size(), 2u) << AllDiags(text, r);
  const auto& items = r.criteria.areas[0].criteria[0].items;
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].code, "1.2");
  EXPECT_EQ(items[1].code, "1.4");
  EXPECT_EQ(r.diagnostics[0].message, "expected a number after 'max' here");
}

TEST(ParserTest, UnclosedItemNamesTheItem) {
  const std::string text =
      "area I \"A\" max 2 {\n"
      "  criterion 1 \"C\" max 2 {\n"
      "    item 1.1 \"I\" max 1 { score manual 1\n"
      "    item 1.2 \"J\" max 1 { score manual 1 }\n"
      "  }\n"
      "}\n";
  const ParseResult r = Parse(text);
  ASSERT_EQ(r.diagnostics.size(), 1u) << AllDiags(text, r);
  EXPECT_NE(r.diagnostics[0].message.find("'}' to close item 1.1"), std::string::npos)
      << r.diagnostics[0].message;
  const auto& items = r.criteria.areas[0].criteria[0].items;
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].code, "1.2");
}

TEST(ParserTest, TooManyErrorsStops) {
  std::string body;
  for (int i = 0; i < 25; ++i) body += "item 1." + std::to_string(i) + " \"x\" max { }\n";
  const std::string text = "area I \"A\" max 1 { criterion 1 \"C\" max 1 {\n" + body + "} }\n";
  const ParseResult r = Parse(text);
  ASSERT_EQ(r.diagnostics.size(), 21u);
  EXPECT_EQ(r.diagnostics.back().code, DiagCode::kTooManyErrors);
}

TEST(ParserTest, DeepParenthesesNeverReachTheGrammar) {
  const std::string text = InItem("let v = " + std::string(10000, '(') + "1" +
                                  std::string(10000, ')') + "\nscore manual v");
  const ParseResult r = Parse(text);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, DiagCode::kNestingTooDeep);
  const LineCol lc = SourceFile("t", text).Locate(r.diagnostics[0].range.begin);
  EXPECT_EQ(lc.line, 4u);
  EXPECT_EQ(lc.column, 9u + 64u);  // the 65th '('
  EXPECT_EQ(OnlyItem(r), nullptr);
}

TEST(ParserTest, NestingWithinLimitParses) {
  const std::string text =
      InItem("let v = " + std::string(64, '(') + "1" + std::string(64, ')') + "\nscore manual v");
  EXPECT_TRUE(Parse(text).ok());
}

TEST(ParserTest, LongOperatorChainsAreBounded) {
  std::string chain = "1";
  for (int i = 0; i < 100000; ++i) chain += "+1";
  const ParseResult r = Parse(InItem("let v = " + chain + "\nscore manual v"));
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, DiagCode::kNestingTooDeep);
  std::string negs(100000, '-');
  const ParseResult r2 = Parse(InItem("let v = " + negs + "1\nscore manual v"));
  ASSERT_EQ(r2.diagnostics.size(), 1u);
  EXPECT_EQ(r2.diagnostics[0].code, DiagCode::kNestingTooDeep);
}

// ---------------------------------------------------------------- bad inputs

struct BadCase {
  const char* name;
  std::string input;
  DiagCode code;
  uint32_t line, column;
  size_t count;  // number of diagnostics expected
};

const std::string kHead = "area I \"A\" max 1 {\n criterion 1 \"C\" max 1 {\n";  // lines 1-2

std::vector<BadCase> BadCases() {
  return {
      {"missing max number", kHead + "  item 1.1 \"I\" max { score manual 1 }\n }\n}\n",
       DiagCode::kSyntax, 3, 20, 1},
      {"missing max keyword", kHead + "  item 1.1 \"I\" 1 { score manual 1 }\n }\n}\n",
       DiagCode::kSyntax, 3, 16, 1},
      {"bad date", InItem("score deadline d by 2026-02-30 { on time: 1 late: 0 missing: 0 }"),
       DiagCode::kBadDate, 4, 21, 1},
      {"month 13", InItem("let d = 2026-13-01\nscore manual 1"), DiagCode::kBadDate, 4, 9, 1},
      {"unterminated string", InItem("expects \"abc\nscore manual 1"), DiagCode::kSyntax, 4, 13, 1},
      {"bad escape", InItem("note \"a\\qb\""), DiagCode::kSyntax, 4, 9, 1},
      {"invalid utf8", "area I \"A\xC3\x28\" max 1 {}\n", DiagCode::kInvalidUtf8, 1, 10, 1},
      {"invalid utf8 line 2", "# ok\n\xFF", DiagCode::kInvalidUtf8, 2, 1, 1},
      {"huge number", InItem("score manual 10000000000000000000"), DiagCode::kBadNumber, 4, 14, 1},
      {"huge max",
       kHead + "  item 1.1 \"I\" max 1" + std::string(400, '0') + " { score manual 1 }\n }\n}\n",
       DiagCode::kBadNumber, 3, 20, 1},
      {"reserved let name", InItem("let max = 1\nscore manual 1"), DiagCode::kSyntax, 4, 5, 1},
      {"reserved let name kind", InItem("let kind = 1\nscore manual 1"), DiagCode::kSyntax, 4, 5,
       1},
      {"unknown rule kind", InItem("score bandsx x { }"), DiagCode::kSyntax, 4, 7, 1},
      {"band without colon", InItem("score bands x { >= 80% 1 }"), DiagCode::kSyntax, 4, 24, 1},
      {"band threshold not a number", InItem("score bands x { >= y: 1 }"), DiagCode::kSyntax, 4, 20,
       1},
      // Newlines are whitespace: `a +` takes the next line's `score` as its
      // operand, and the error shows at `manual`.
      {"missing operand", InItem("let v = a +\nscore manual v"), DiagCode::kSyntax, 5, 7, 1},
      {"missing close paren", InItem("let v = (a + b\nscore manual v"), DiagCode::kSyntax, 5, 1, 1},
      {"field name missing", InItem("let v = a.\nscore manual v"), DiagCode::kSyntax, 5, 7, 1},
      {"missing operand at end", InItem("let v = a +"), DiagCode::kSyntax, 5, 3, 1},
      {"deadline missing late", InItem("score deadline d by x { on time: 1 missing: 0 }"),
       DiagCode::kSyntax, 4, 36, 1},
      {"not applicable typo", InItem("not aplicable when x"), DiagCode::kSyntax, 4, 5, 1},
      {"no cases bad value", InItem("when no cases: some"), DiagCode::kSyntax, 4, 16, 1},
      {"junk at top level", "foo bar\n", DiagCode::kSyntax, 1, 1, 1},
      {"junk after area", "area I \"A\" max 1 { }\n}\n", DiagCode::kSyntax, 2, 1, 1},
      {"record bad type", "record task {\n  due: integer\n}\n", DiagCode::kSyntax, 2, 8, 1},
      {"index band without percent", "index \"Chỉ số\" {\n  bands {\n    \"Tốt\" >= 80\n  }\n}\n",
       DiagCode::kSyntax, 3, 14, 1},
      {"index bad ties", "index \"x\" { ties: random }\n", DiagCode::kSyntax, 1, 19, 1},
      {"year not whole", "index \"x\" { year 2026.5 }\n", DiagCode::kBadNumber, 1, 18, 1},
      {"second index", "index \"x\" { }\nindex \"y\" { }\n", DiagCode::kDuplicateClause, 2, 1, 1},
      {"duplicate score", InItem("score manual 1\n score manual 2"), DiagCode::kDuplicateClause, 5,
       2, 1},
      {"two bad items recover",
       kHead + "  item 1.1 \"I\" max 1 { score manual }\n"
               "  item 1.2 \"J\" max 1 { score manual 1 }\n"
               "  item 1.3 \"K\" max 1 { let = 2 }\n }\n}\n",
       DiagCode::kSyntax, 3, 37, 2},
      {"vietnamese columns", kHead + "  item 1.1 \"Kế hoạch\" max x { }\n }\n}\n",
       DiagCode::kSyntax, 3, 27, 1},
  };
}

TEST(ParserTest, BadInputs) {
  for (const BadCase& c : BadCases()) {
    SCOPED_TRACE(c.name);
    const SourceFile src("t.cchc", c.input);
    const ParseResult r = ParseCriteria(src);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.diagnostics.size(), c.count) << RenderAll(src, r.diagnostics);
    const Diagnostic& d = r.diagnostics[0];
    EXPECT_EQ(d.code, c.code) << RenderAll(src, r.diagnostics);
    const LineCol lc = src.Locate(d.range.begin);
    EXPECT_EQ(lc.line, c.line) << RenderAll(src, r.diagnostics);
    EXPECT_EQ(lc.column, c.column) << RenderAll(src, r.diagnostics);
  }
}

TEST(ParserTest, FileTooLarge) {
  ParseLimits limits;
  limits.max_file_bytes = 10;
  const ParseResult r = Parse("# this is longer than ten bytes\n", limits);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, DiagCode::kFileTooLarge);
}

TEST(ParserTest, SyntaxMessagesSayWhatWasExpected) {
  const struct {
    std::string input;
    const char* message;
  } cases[] = {
      {kHead + "  item 1.1 \"I\" max { }\n }\n}\n", "expected a number after 'max' here"},
      {InItem("score deadline d by x { on time: 1 missing: 0 }"), "expected 'late' here"},
      {InItem("score"),
       "expected a scoring rule (deadline, bands, count, linear, boolean, "
       "deduct, checklist, scaled, percent, likert, levels, manual or per) here"},
      {"record r { x: int }",
       "expected a field type (number, count, percent, date, string or "
       "bool) here"},
  };
  for (const auto& c : cases) {
    const ParseResult r = Parse(c.input);
    ASSERT_FALSE(r.diagnostics.empty()) << c.input;
    EXPECT_EQ(r.diagnostics[0].message, c.message) << c.input;
  }
}

TEST(ParserTest, NeverCrashesOnTruncations) {
  const std::string text =
      "index \"x\" { bands { \"a\" >= 90% \"b\" else } }\n"
      "record t \"d\" { a: count }\n" +
      InItem(
          "let v = count(records kind \"t\" where a >= 2) / max(1, 2)\n"
          "score bands v { >= 1: 1 else: 0 }\n"
          "not applicable when not exists(records)");
  for (size_t n = 0; n <= text.size(); ++n) {
    const ParseResult r = Parse(text.substr(0, n));
    if (n < text.size()) {
      // Every prefix is either valid or explained.
      EXPECT_TRUE(r.ok() || !r.diagnostics.empty());
    } else {
      EXPECT_TRUE(r.ok()) << AllDiags(text, r);
    }
  }
}

}  // namespace
}  // namespace cchc::parser_test
