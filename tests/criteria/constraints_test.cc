// Record constraints in the language: ranges, enumerations, `require` and
// `given` parse to the model, format canonically (round trip), and the
// checker judges them and the criteria literals compared with an
// enumerated field.
#include <gtest/gtest.h>

#include <string>

#include "criteria/checker.h"
#include "criteria/formatter.h"
#include "criteria/parser.h"

namespace cchc::constraints_test {
namespace {

const char* kText = R"(index "T" {
  total 1
  precision 2
  bonus above total: no
  ties: shared
  bands {
    "A" >= 50%
    "B" else
  }
}

record survey {
  topic: string one of "sipas", "lanh_dao"
  sample: count given
  share: percent in 50%..100%
  mean: number in 1..5
  require sample >= 0 and mean <= 5
}

area I "a" max 1 {
  criterion 1.1 "c" max 1 {
    item 1.1.1 "i" max 1 {
      score boolean exists(records kind "survey" where topic = "sipas")
    }
  }
}
)";

ParseResult Parse(const std::string& text) { return ParseCriteria(SourceFile("t.cchc", text)); }

std::string Messages(const std::string& text) {
  ParseResult p = Parse(text);
  std::string out = RenderAll(SourceFile("t.cchc", text), p.diagnostics);
  if (p.ok()) out += RenderAll(SourceFile("t.cchc", text), CheckCriteria(p.criteria).diagnostics);
  return out;
}

TEST(Constraints, ParseToTheModel) {
  ParseResult p = Parse(kText);
  ASSERT_TRUE(p.ok()) << RenderAll(SourceFile("t.cchc", kText), p.diagnostics);
  const RecordDecl* r = FindRecord(p.criteria, "survey");
  ASSERT_NE(r, nullptr);
  ASSERT_EQ(r->fields.size(), 4u);
  EXPECT_EQ(r->fields[0].one_of, (std::vector<std::string>{"sipas", "lanh_dao"}));
  EXPECT_TRUE(r->fields[1].given);
  EXPECT_TRUE(r->fields[2].has_range);
  EXPECT_DOUBLE_EQ(r->fields[2].lo, 0.5);
  EXPECT_DOUBLE_EQ(r->fields[2].hi, 1.0);
  EXPECT_DOUBLE_EQ(r->fields[3].lo, 1);
  EXPECT_DOUBLE_EQ(r->fields[3].hi, 5);
  ASSERT_EQ(r->invariants.size(), 1u);
  EXPECT_EQ(FormatExpr(*r->invariants[0].cond), "sample >= 0 and mean <= 5");
  EXPECT_TRUE(CheckCriteria(p.criteria).ok());
}

TEST(Constraints, FormatIsCanonicalAndRoundTrips) {
  ParseResult p = Parse(kText);
  ASSERT_TRUE(p.ok());
  const std::string once = FormatCriteria(p.criteria, kText);
  EXPECT_EQ(once, kText);
  ParseResult again = Parse(once);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(Dump(again.criteria), Dump(p.criteria));
}

TEST(Constraints, FieldsNamedLikeTheKeywordsStillParse) {
  ParseResult p = Parse(R"(record r {
  a: count given
  given: count
  in: number in 0..1
  one: string
}
)");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.criteria.records[0].fields.size(), 4u);
  EXPECT_TRUE(p.criteria.records[0].fields[0].given);
}

TEST(Constraints, CheckerFlagsALiteralOutsideTheEnumeration) {
  std::string text = kText;
  text.replace(text.find("topic = \"sipas\""), 15, "topic = \"sipa\"");
  const std::string m = Messages(text);
  EXPECT_NE(m.find("\"sipa\" is not a value of 'topic'"), std::string::npos) << m;
  EXPECT_NE(m.find("did you mean 'sipas'?"), std::string::npos) << m;
}

TEST(Constraints, CheckerJudgesConstraintsAgainstTypes) {
  const std::string base = "index \"T\" { total 1 }\nrecord r {\n  %s\n}\n";
  auto with = [&](const std::string& field) {
    std::string t = base;
    t.replace(t.find("%s"), 2, field);
    return Messages(t);
  };
  EXPECT_NE(with("d: date in 1..5").find("needs a number, count or percent field"),
            std::string::npos);
  EXPECT_NE(with("n: number in 5..1").find("is empty"), std::string::npos);
  EXPECT_NE(with("c: count in -1..5").find("never negative"), std::string::npos);
  EXPECT_NE(with("p: percent in 0%..120%").find("0%..100%"), std::string::npos);
  EXPECT_NE(with("n: number one of \"a\"").find("needs a string field"), std::string::npos);
  EXPECT_NE(with("p: percent in 0..1").find("as percents"), std::string::npos);
  EXPECT_NE(with("n: number in 0%..5%").find("needs a percent field"), std::string::npos);
  EXPECT_NE(with("n: number\n  require m > 0").find("has no field 'm'"), std::string::npos);
  EXPECT_NE(with("n: number\n  require n + 1").find("must be a bool"), std::string::npos);
}

TEST(Constraints, WarnsWhenARatioCountsTheOnlyEvidence) {
  const std::string item = R"(index "T" { total 1 }
record task { status: string }
area I "a" max 1 { criterion 1.1 "c" max 1 { item 1.1.1 "i" max 1 {
  let t = records kind "task"
  score percent ratio(count(t where status = "done"), count(t))
  %s
} } }
)";
  std::string without = item, with = item;
  without.replace(without.find("%s"), 2, "");
  with.replace(with.find("%s"), 2, "when no cases: not applicable");
  EXPECT_NE(Messages(without).find("W308"), std::string::npos) << Messages(without);
  EXPECT_EQ(Messages(with).find("W308"), std::string::npos) << Messages(with);
}

}  // namespace
}  // namespace cchc::constraints_test
