// Checker tests, table-driven as re2's: input text -> the (code, line:col) of
// every diagnostic; plus messages, the summary and the depth guard.
#include "criteria/checker.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "criteria/parser.h"

namespace cchc::checker_test {
namespace {

// A clean file around one item; `body` starts on line 6, column 7.
std::string InItem(const std::string& body) {
  return "index \"t\" { total 1 }\n"
         "record task { status: string  due: date  hours: number  share: percent  ok: bool"
         "  n: count }\n"
         "area 1 \"a\" max 1 {\n"
         "  criterion 1.1 \"c\" max 1 {\n"
         "    item 1.1.1 \"i\" max 1 {\n      " +
         body +
         "\n"
         "    }\n"
         "  }\n"
         "}\n";
}

struct Checked {
  SourceFile src;
  ParseResult parsed;
  CheckResult result;
};

Checked Check(const std::string& text) {
  SourceFile src("t.cchc", text);
  ParseResult parsed = ParseCriteria(src);
  CheckResult result = CheckCriteria(parsed.criteria);
  return {std::move(src), std::move(parsed), std::move(result)};
}

// "E400 6:20", in source order (as RenderAll prints them).
std::vector<std::string> Codes(const Checked& c) {
  std::vector<const Diagnostic*> ds;
  for (const auto& d : c.result.diagnostics) ds.push_back(&d);
  std::stable_sort(ds.begin(), ds.end(), [](const Diagnostic* a, const Diagnostic* b) {
    return a->range.begin < b->range.begin;
  });
  std::vector<std::string> out;
  for (const Diagnostic* d : ds) {
    LineCol at = c.src.Locate(d->range.begin);
    out.push_back(DiagCodeName(d->code, d->severity) + " " + std::to_string(at.line) + ":" +
                  std::to_string(at.column));
  }
  return out;
}

struct Case {
  const char* name;
  std::string text;
  std::vector<std::string> want;
};

const std::vector<Case>& Cases() {
  static const std::vector<Case> kCases = {
      {"clean", InItem("score boolean exists(records kind \"task\")"), {}},
      // ---- names
      {"unknown name", InItem("score manual hoursx"), {"E400 6:20"}},
      {"used before its let",
       InItem("let a = b\n      let b = 1\n      score manual a"),
       {"E400 6:15", "W406 7:11"}},
      {"unknown field",
       InItem("let t = latest(records kind \"task\")\n"
              "      score deadline t.dew by 2026-01-31 { on time: 1  late: 0  missing: 0 }"),
       {"E401 7:24"}},
      {"unknown field in where",
       InItem("score boolean exists(records kind \"task\" where stat = \"x\")"),
       {"E401 6:54"}},
      {"unknown kind", InItem("score boolean exists(records kind \"tsk\")"), {"E402 6:28"}},
      {"unknown function",
       InItem("score manual summ(records kind \"task\", hours)"),
       {"E403 6:20"}},
      {"arity", InItem("score manual count(records kind \"task\", hours)"), {"E404 6:20"}},
      {"unused let", InItem("let x = 1\n      score boolean true"), {"W406 6:11"}},
      {"duplicate let",
       InItem("let x = 1\n      let x = 2\n      score manual x"),
       {"W406 6:11", "E407 7:11"}},
      {"as_of is a date",
       InItem("score deadline as_of by 2026-01-31 { on time: 1  late: 0  missing: 0 }"),
       {}},
      {"where name falls back to a binding",
       InItem(
           "let s = \"done\"\n      score boolean exists(records kind \"task\" where status = s)"),
       {}},
      // ---- types
      {"date vs number",
       InItem("score boolean exists(records kind \"task\" where due > 5)"),
       {"E405 6:54"}},
      {"sum over a string field",
       InItem("score manual sum(records kind \"task\", status)"),
       {"E405 6:45"}},
      {"and on numbers", InItem("score boolean 1 and 2"), {"E405 6:21"}},
      {"deadline subject",
       InItem("score deadline 5 by 2026-01-31 { on time: 1  late: 0  "
              "missing: 0 }"),
       {"E405 6:22"}},
      {"bands subject", InItem("score bands \"x\" { >= 1: 1  else: 0 }"), {"E405 6:19"}},
      {"boolean subject", InItem("score boolean 5"), {"E405 6:21"}},
      {"levels subject", InItem("score levels 5 { \"a\": 1  else: 0 }"), {"E405 6:20"}},
      {"where on a number", InItem("score boolean exists(5 where ok)"), {"E405 6:28"}},
      {"field of a set", InItem("score manual (records kind \"task\").hours"), {"E405 6:20"}},
      {"percent vs 80",
       InItem("score boolean exists(records kind \"task\" where share >= 80)"),
       {"W408 6:63"}},
      {"percent vs 0.8 is fine",
       InItem("score boolean exists(records kind \"task\" where share >= 0.8)"),
       {}},
      // ---- rules
      {"bands ascending", InItem("score bands 5 { >= 1: 0.5  >= 2: 1  else: 0 }"), {"E300 6:34"}},
      {"bands same threshold",
       InItem("score bands 5 { >= 1: 1  >= 1: 0.5  else: 0 }"),
       {"E301 6:32"}},
      {"bands without else", InItem("score bands 5 { >= 1: 1 }"), {"E302 6:23"}},
      {"strict band after its non-strict twin",
       InItem("score count 5 { >= 2: 1  > 2: 0.5  else: 0 }"),
       {"E300 6:32"}},
      {"non-strict after strict is fine",
       InItem("score count 5 { > 2: 1  >= 2: 0.5  else: 0 }"),
       {}},
      {"unbounded band",
       InItem("let h = latest(records kind \"task\").hours\n"
              "      score bands h { >= 1: h  else: 0 }"),
       {"E303 7:29"}},
      {"proportional band bounded by the band above",
       InItem("let t = records kind \"task\"\n"
              "      let d = ratio(count(t where ok), count(t))\n"
              "      score bands d { >= 100%: 1  >= 80%: d * max  else: 0 }\n"
              "      when no cases: zero"),
       {}},
      {"negative branch",
       InItem("score deadline as_of by 2026-01-31 { on time: 1  late: -1  missing: 0 }"),
       {"E304 6:62"}},
      {"max unreachable", InItem("score boolean true { yes: 0.5  no: 0 }"), {"W305 6:7"}},
      {"zero target", InItem("score linear 5 target 0"), {"E306 6:29"}},
      {"ratio without policy", InItem("score percent ratio(2, 2)"), {"W307 6:21"}},
      {"ratio with policy", InItem("score percent ratio(2, 2)\n      when no cases: full"), {}},
      // ---- structure
      {"duplicate item code",
       "index \"t\" { total 2 }\n"
       "area 1 \"a\" max 2 {\n"
       "  criterion 1.1 \"c\" max 2 {\n"
       "    item 1.1.1 \"i\" max 1 { score boolean true }\n"
       "    item 1.1.1 \"j\" max 1 { score boolean true }\n"
       "  }\n"
       "}\n",
       {"E200 5:10"}},
      {"criterion outside its area",
       "index \"t\" { total 1 }\n"
       "area II \"a\" max 1 {\n"
       "  criterion 1.1 \"c\" max 1 {\n"
       "    item 1.1.1 \"i\" max 1 { score boolean true }\n"
       "  }\n"
       "}\n",
       {"E201 3:13"}},
      {"roman area, arabic criterion",
       "index \"t\" { total 1 }\n"
       "area II \"a\" max 1 {\n"
       "  criterion 2.1 \"c\" max 1 {\n"
       "    item 2.1.1 \"i\" max 1 { score boolean true }\n"
       "  }\n"
       "}\n",
       {}},
      {"max sums",
       "index \"t\" { total 5 }\n"
       "area 1 \"a\" max 3 {\n"
       "  criterion 1.1 \"c\" max 2 {\n"
       "    item 1.1.1 \"i\" max 1 { score boolean true }\n"
       "  }\n"
       "}\n",
       {"E203 1:1", "E202 2:16", "E202 3:25"}},
      {"no index: total 100",
       "area 1 \"a\" max 1 {\n"
       "  criterion 1.1 \"c\" max 1 {\n"
       "    item 1.1.1 \"i\" max 1 { score boolean true }\n"
       "  }\n"
       "}\n",
       {"E203 1:6"}},
      {"max zero",
       "index \"t\" { total 1 }\n"
       "area 1 \"a\" max 1 {\n"
       "  criterion 1.1 \"c\" max 1 {\n"
       "    item 1.1.1 \"i\" max 0 { score boolean true }\n"
       "    item 1.1.2 \"j\" max 1 { score boolean true }\n"
       "  }\n"
       "}\n",
       {"E204 4:24"}},
      {"no rule, empty criterion",
       "index \"t\" { total 2 }\n"
       "area 1 \"a\" max 2 {\n"
       "  criterion 1.1 \"c\" max 1 {\n"
       "    item 1.1.1 \"i\" max 1 { expects \"x\" }\n"
       "  }\n"
       "  criterion 1.2 \"d\" max 1 {\n"
       "  }\n"
       "}\n",
       {"E205 4:10", "E207 6:13"}},
      {"index bands",
       "index \"t\" {\n"
       "  total 1\n"
       "  bands {\n"
       "    \"B\" >= 80%\n"
       "    \"A\" >= 90%\n"
       "  }\n"
       "}\n"
       "area 1 \"a\" max 1 {\n"
       "  criterion 1.1 \"c\" max 1 {\n"
       "    item 1.1.1 \"i\" max 1 { score boolean true }\n"
       "  }\n"
       "}\n",
       {"E208 5:5", "E208 5:5"}},
      {"record declared twice",
       "index \"t\" { total 1 }\n"
       "record r { a: string  a: number }\n"
       "record r { }\n"
       "area 1 \"a\" max 1 {\n"
       "  criterion 1.1 \"c\" max 1 {\n"
       "    item 1.1.1 \"i\" max 1 { score boolean true }\n"
       "  }\n"
       "}\n",
       {"E209 2:23", "E209 3:1"}},
  };
  return kCases;
}

class CheckerCaseTest : public ::testing::TestWithParam<Case> {};

TEST_P(CheckerCaseTest, ReportsExactlyTheseCodesAndPlaces) {
  const Case& c = GetParam();
  Checked checked = Check(c.text);
  ASSERT_TRUE(checked.parsed.ok()) << RenderAll(checked.src, checked.parsed.diagnostics);
  EXPECT_EQ(Codes(checked), c.want) << RenderAll(checked.src, checked.result.diagnostics);
}

INSTANTIATE_TEST_SUITE_P(Table, CheckerCaseTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           std::string n = info.param.name;
                           for (char& ch : n) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return n;
                         });

std::string Messages(const Checked& c) {
  std::string out;
  for (const auto& d : c.result.diagnostics) out += d.message + "\n";
  return out;
}

TEST(CheckerMessages, SuggestTheClosestName) {
  Checked c = Check(InItem("let done = 1\n      score bands dnoe { >= 1: 1  else: 0 }"));
  EXPECT_NE(Messages(c).find("unknown name 'dnoe'; did you mean 'done'?"), std::string::npos)
      << Messages(c);
  Checked f = Check(InItem("score boolean exists(records kind \"task\" where stauts = \"x\")"));
  EXPECT_NE(Messages(f).find("did you mean 'status'?"), std::string::npos) << Messages(f);
}

TEST(CheckerMessages, SumsAndRangesAreSpelledOut) {
  Checked c = Check(
      "index \"t\" { total 3 }\n"
      "area 1 \"a\" max 3 {\n"
      "  criterion 1.1 \"c\" max 3 {\n"
      "    item 1.1.1 \"i\" max 1.5 { score boolean true }\n"
      "    item 1.1.2 \"j\" max 1 { score count count(records) { >= 1: 2  else: 0 } }\n"
      "  }\n"
      "}\n");
  const std::string m = Messages(c);
  EXPECT_NE(m.find("the max of the items sums to 2.5, but criterion 1.1 has max 3"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("the band >= 1 gives 2 points, above item 1.1.2's max 1"), std::string::npos)
      << m;
}

TEST(CheckerMessages, UnreachableMaxSaysHowMuch) {
  Checked c = Check(InItem("score boolean true { yes: 0.5  no: 0 }"));
  EXPECT_NE(Messages(c).find("at most 0.5 of 1 points"), std::string::npos) << Messages(c);
}

TEST(CheckerSummary, CountsTheShape) {
  std::ifstream in(std::string(CCHC_SOURCE_DIR) + "/tests/golden/ok_example.cchc");
  std::stringstream text;
  text << in.rdbuf();
  Checked c = Check(text.str());
  ASSERT_TRUE(c.parsed.ok());
  EXPECT_TRUE(c.result.ok()) << RenderAll(c.src, c.result.diagnostics);
  const CriteriaSummary& s = c.result.summary;
  EXPECT_EQ(s.areas, 2);
  EXPECT_EQ(s.criteria, 3);
  EXPECT_EQ(s.items, 6);
  EXPECT_EQ(s.self_items, 5);
  EXPECT_EQ(s.survey_items, 1);
  EXPECT_EQ(s.total_max, 10);
  EXPECT_EQ(s.record_kinds, 4);
  const std::string text_summary = FormatSummary(s);
  EXPECT_NE(text_summary.find("areas: 2, criteria: 3, items: 6"), std::string::npos);
  EXPECT_NE(text_summary.find("total max: 10"), std::string::npos);
}

TEST(CheckerSummary, BonusAndPenaltyCaps) {
  Checked c = Check(
      "index \"t\" { total 1 }\n"
      "area 1 \"a\" max 1 { criterion 1.1 \"c\" max 1 {\n"
      "  item 1.1.1 \"i\" max 1 { score boolean true } } }\n"
      "bonus \"b\" cap 3 { item T1 \"t\" max 1 { score per 2 each 0.5 } }\n"
      "penalty \"p\" cap 5 { item P1 \"p\" max 2 { score per 2 each 1 }\n"
      "  item P2 \"q\" max 1 { score per 1 each 1 } }\n");
  ASSERT_TRUE(c.parsed.ok());
  EXPECT_EQ(Codes(c), std::vector<std::string>{});
  EXPECT_EQ(c.result.summary.bonus_cap, 3);
  EXPECT_EQ(c.result.summary.bonus_items, 1);
  EXPECT_EQ(c.result.summary.penalty_cap, 5);
  EXPECT_EQ(c.result.summary.penalty_items, 2);
  EXPECT_NE(FormatSummary(c.result.summary).find("penalty: 2 items, cap 5"), std::string::npos);
}

// The shipped examples must check without errors (warnings are allowed).
TEST(CheckerExamples, HaveNoErrors) {
  namespace fs = std::filesystem;
  int files = 0;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(CCHC_SOURCE_DIR) / "examples")) {
    if (e.path().extension() != ".cchc") continue;
    ++files;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    Checked c = Check(text.str());
    ASSERT_TRUE(c.parsed.ok()) << e.path();
    EXPECT_TRUE(c.result.ok()) << e.path() << "\n" << RenderAll(c.src, c.result.diagnostics);
  }
  EXPECT_GT(files, 0);
}

// A long `1 + 1 + ...` chain is a deep left spine: the walkers stop at their
// bound with one E103 instead of overflowing the stack.
TEST(CheckerDepth, DeepChainIsReportedNotWalked) {
  Criteria c;
  Area a;
  a.code = "1";
  a.max = 100;
  Criterion cr;
  cr.code = "1.1";
  cr.max = 100;
  Item it;
  it.code = "1.1.1";
  it.max = 100;
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
  Rule r;
  r.kind = RuleKind::kManual;
  r.subject = std::move(chain);
  it.rule = std::move(r);
  cr.items.push_back(std::move(it));
  a.criteria.push_back(std::move(cr));
  c.areas.push_back(std::move(a));
  CheckResult res = CheckCriteria(c);
  int deep = 0;
  for (const auto& d : res.diagnostics) deep += d.code == DiagCode::kNestingTooDeep;
  EXPECT_EQ(deep, 1);
  // Freeing the chain recursively is the AST's business; unwind it here
  // iteratively so the test itself does not overflow.
  ExprPtr e = std::move(c.areas[0].criteria[0].items[0].rule->subject);
  while (e && !e->args.empty()) {
    ExprPtr left = std::move(e->args[0]);
    e = std::move(left);
  }
}

}  // namespace
}  // namespace cchc::checker_test
