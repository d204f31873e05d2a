// Hand-computed acceptance cases of the evidence-trust work: one comparison
// rule for every threshold, the no-cases policy before the evidence gate,
// advice that never moves a given field nor does less work, and a property
// test mutating the example evidence.
#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

#include "engine/analysis/sensitivity.h"
#include "engine/core/data_quality.h"
#include "engine/core/threshold.h"
#include "evidence/loader.h"
#include "tests/engine/engine_test_util.h"

namespace cchc::testutil::trust_test {
namespace {

std::string Read(const std::string& rel) {
  std::ifstream in(std::string(CCHC_SOURCE_DIR) + "/" + rel, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(Threshold, RatiosOfCountsAreExact) {
  // 1152 / 1200 = 96 % exactly; 1151 / 1200 is below.
  EXPECT_TRUE(MeetsThreshold(1152.0 / 1200, true, 1152, 1200, 0.96, false));
  EXPECT_FALSE(MeetsThreshold(1151.0 / 1200, true, 1151, 1200, 0.96, false));
  EXPECT_FALSE(MeetsThreshold(1152.0 / 1200, true, 1152, 1200, 0.96, true));
  // 7 / 10 against 70 %: 0.7 in binary is not 7/10, the integers are.
  EXPECT_TRUE(MeetsThreshold(7.0 / 10, true, 7, 10, 0.7, false));
  // A ratio a hair under the threshold is not forgiven: 999999999 / 1e9 < 100 %.
  EXPECT_FALSE(MeetsThreshold(0.999999999, true, 999999999, 1000000000, 1.0, false));
}

TEST(Threshold, DecimalInputsMeetWhatTheyEqualInDecimal) {
  const double sum = 0.7 + 0.1;  // 0.7999999999999999 in binary
  ASSERT_LT(sum, 0.8);
  EXPECT_TRUE(MeetsThreshold(sum, false, 0, 0, 0.8, false));
  EXPECT_FALSE(MeetsThreshold(sum, false, 0, 0, 0.8, true));
  EXPECT_FALSE(MeetsThreshold(0.7999, false, 0, 0, 0.8, false));
  EXPECT_TRUE(MeetsThreshold(80.0, false, 0, 0, 80.0, false));
}

TEST(Threshold, SumOfPercentsMeetsItsBandWithTheRightExplanation) {
  auto c = Compile(R"(
index "T" { total 1 bands { "A" >= 50%  "B" else } }
record s { online: percent  postal: percent }
area 1 "A" max 1 { criterion 1.1 "C" max 1 { item 1.1.1 "I" max 1 {
  let x = latest(records kind "s")
  score bands x.online + x.postal { >= 80%: 1  else: 0 }
} } }
)");
  Evidence ev;
  ev.records = {Rec("S", "s", {{"online", P(0.7)}, {"postal", P(0.1)}})};
  Scorecard card = ScoreAll(*c, ev);
  const ItemScore& s = ItemOf(*c, card, "1.1.1");
  EXPECT_DOUBLE_EQ(s.points, 1);
  EXPECT_EQ(s.branch, ">= 80%");
  EXPECT_EQ(s.branch, ">= 80%") << "not \"below every band\"";
}

TEST(Threshold, IndexBandsUseTheSameRule) {
  auto c = Compile(R"(
index "T" { total 10 bands { "A" >= 80%  "B" else } }
record s { v: percent }
area 1 "A" max 10 { criterion 1.1 "C" max 10 {
  item 1.1.1 "I" max 7 { score percent value(records kind "s", v) }
  item 1.1.2 "J" max 3 { score percent value(records kind "s", v) }
} }
)");
  Evidence ev;
  ev.records = {Rec("S", "s", {{"v", P(0.7 + 0.1)}})};
  Scorecard card = ScoreAll(*c, ev);
  EXPECT_EQ(card.band, "A") << card.percent;
}

TEST(NoCases, DeclaredPolicyAppliesWhenTheSelectionIsEmpty) {
  auto c = Compile(R"(
index "T" { total 4 bands { "A" >= 50%  "B" else } }
record task { plan: string  status: string }
area 1 "A" max 4 { criterion 1.1 "C" max 4 {
  item 1.1.1 "NA" max 1 {
    let t = records kind "task" where plan = "cchc"
    score bands ratio(count(t where status = "done"), count(t)) { >= 100%: 1  else: 0 }
    when no cases: not applicable
  }
  item 1.1.2 "Full" max 1 {
    let t = records kind "task" where plan = "cchc"
    score bands ratio(count(t where status = "done"), count(t)) { >= 100%: 1  else: 0 }
    when no cases: full
  }
  item 1.1.3 "Zero" max 1 {
    let t = records kind "task" where plan = "cchc"
    score bands ratio(count(t where status = "done"), count(t)) { >= 100%: 1  else: 0 }
    when no cases: zero
  }
  item 1.1.4 "None" max 1 {
    score boolean exists(records kind "task" where plan = "cchc")
  }
} }
)");
  Evidence ev;  // no task at all
  Scorecard card = ScoreAll(*c, ev);
  EXPECT_EQ(ItemOf(*c, card, "1.1.1").status, ItemStatus::kNotApplicable);
  EXPECT_DOUBLE_EQ(ItemOf(*c, card, "1.1.1").max, 0);
  EXPECT_EQ(ItemOf(*c, card, "1.1.2").status, ItemStatus::kScored);
  EXPECT_DOUBLE_EQ(ItemOf(*c, card, "1.1.2").points, 1);
  EXPECT_EQ(ItemOf(*c, card, "1.1.3").status, ItemStatus::kScored);
  EXPECT_DOUBLE_EQ(ItemOf(*c, card, "1.1.3").points, 0);
  // Without a policy the gate still gives missing evidence.
  EXPECT_EQ(ItemOf(*c, card, "1.1.4").status, ItemStatus::kMissingEvidence);
  EXPECT_DOUBLE_EQ(card.max, 3);
}

TEST(DataQuality, WarnsWithCodeRecordAndField) {
  auto c = Compile(R"(
index "T" { total 2 bands { "A" >= 50%  "B" else } }
record plan { topic: string }
record survey { satisfaction: percent  mean: number in 1..5 }
area 1 "A" max 2 { criterion 1.1 "C" max 2 {
  item 1.1.1 "Plan" max 1 { score boolean exists(records kind "plan" where topic = "cchc") }
  item 1.1.2 "Survey" max 1 {
    assessed by survey
    score percent value(records kind "survey", satisfaction)
  }
} }
)");
  Evidence ev;
  ev.as_of = *ParseIsoDate("2026-11-20");
  ev.records = {
      Rec("P1", "plan", {{"topic", S("cchc")}, {"item", S("1.1.1")}}),
      Rec("P2", "plan", {{"topic", S("dao_tao")}, {"item", S("1.1.1")}}),      // W601 and W604
      Rec("P3", "plan", {{"topic", S("cchc")}, {"issued", D("2026-12-01")}}),  // W603
      Rec("S1", "survey", {{"satisfaction", P(1.0)}, {"mean", N(5)}}),         // W602 twice
  };
  Scorecard card = ScoreAll(*c, ev);
  std::vector<DataWarning> w = CheckDataQuality(c->plan(), ev, card);
  std::vector<std::string> got;
  for (const DataWarning& x : w) got.push_back(x.code + " " + x.record + "." + x.field);
  EXPECT_EQ(got, (std::vector<std::string>{"W601 P2.item", "W604 P2.", "W603 P3.issued",
                                           "W602 S1.satisfaction", "W602 S1.mean"}));
}

TEST(DataQuality, TheShippedExampleIsClean) {
  auto c = Compile(Read("examples/thai-nguyen-2026/criteria.cchc"));
  EvidenceLoad load = LoadEvidenceJson(Read("examples/an-khanh-2026/evidence.json"),
                                       "evidence.json", &c->criteria());
  ASSERT_TRUE(load.ok()) << RenderIssues(load.issues);
  EXPECT_TRUE(load.issues.empty()) << RenderIssues(load.issues);
  Scorecard card = ScoreAll(*c, load.evidence);
  EXPECT_TRUE(card.unmatched.empty());
  for (const DataWarning& w : CheckDataQuality(c->plan(), load.evidence, card)) {
    ADD_FAILURE() << w.code << " " << w.record << "." << w.field << ": " << w.message;
  }
}

// The shipped example: its sensitivity suggests no given field and never a
// decrease of work done (numbers down, dates later, fewer records).
TEST(Advice, ExampleSensitivityProposesOnlyWhatTheCommuneCanDo) {
  auto c = Compile(Read("examples/thai-nguyen-2026/criteria.cchc"));
  EvidenceLoad load = LoadEvidenceJson(Read("examples/an-khanh-2026/evidence.json"),
                                       "evidence.json", &c->criteria());
  ASSERT_TRUE(load.ok()) << RenderIssues(load.issues);
  WhatIf w(c->plan(), load.evidence);
  SensitivityReport r = AnalyzeSensitivity(w);
  ASSERT_FALSE(r.inputs.empty());
  int steps = 0;
  for (const InputSensitivity& s : r.inputs) {
    const SensitivityInput& in = s.input;
    if (in.kind != InputKind::kRecordCount) {
      const FieldDecl* decl = FindField(c->criteria(), in.record_kind, in.field);
      ASSERT_NE(decl, nullptr) << in.record_kind << "." << in.field;
      EXPECT_FALSE(decl->given) << "sensitivity moves the given field " << in.record_id << "."
                                << in.field;
    }
    if (in.kind == InputKind::kDate) {
      EXPECT_FALSE(s.up.has_value()) << in.record_id << "." << in.field << " later";
    } else {
      EXPECT_FALSE(s.down.has_value()) << in.record_id << "." << in.field << " lowered";
    }
    steps += s.up.has_value() + s.down.has_value();
  }
  EXPECT_GT(steps, 0) << "still gives advice";
}

// 500 seeded mutations of the example evidence, each a data-entry mistake of
// the kinds the issue lists (a misspelt field name, a value out of its type
// or range, a misspelt enumerated value, a broken invariant): loading and
// scoring never succeeds silently with a different score.
TEST(Property, MutatedExampleEvidenceNeverChangesTheScoreSilently) {
  auto c = Compile(Read("examples/thai-nguyen-2026/criteria.cchc"));
  const std::string text = Read("examples/an-khanh-2026/evidence.json");
  EvidenceLoad base = LoadEvidenceJson(text, "evidence.json", &c->criteria());
  ASSERT_TRUE(base.ok()) << RenderIssues(base.issues);
  const double base_percent = ScoreAll(*c, base.evidence).percent;

  // Field keys inside records: `"name": value` after the "records" key.
  struct Slot {
    size_t key_begin, key_end, value_begin, value_end;
  };
  std::vector<Slot> slots;
  const size_t records_at = text.find("\"records\"");
  const size_t appraisal_at = text.find("\"appraisal\"");
  for (size_t i = text.find('"', records_at + 10); i < appraisal_at && i != std::string::npos;) {
    const size_t end = text.find('"', i + 1);
    if (end == std::string::npos) break;
    size_t colon = end + 1;
    while (colon < text.size() && text[colon] == ' ') ++colon;
    if (colon < text.size() && text[colon] == ':') {
      size_t v = colon + 1;
      while (text[v] == ' ') ++v;
      size_t ve = v;
      if (text[v] == '"') {
        ve = text.find('"', v + 1) + 1;
      } else {
        while (ve < text.size() && text[ve] != ',' && text[ve] != '\n' && text[ve] != '}') ++ve;
      }
      const std::string key = text.substr(i + 1, end - i - 1);
      if (key != "id" && key != "kind") slots.push_back({i + 1, end, v, ve});
      i = text.find('"', ve);
    } else {
      i = text.find('"', end + 1);
    }
  }
  ASSERT_GT(slots.size(), 100u);

  std::mt19937 rng(20261201);
  int silent = 0, caught = 0;
  for (int round = 0; round < 500; ++round) {
    std::string t = text;
    const Slot& s = slots[rng() % slots.size()];
    const std::string key = text.substr(s.key_begin, s.key_end - s.key_begin);
    const std::string value = text.substr(s.value_begin, s.value_end - s.value_begin);
    if (value == "null") continue;  // an absent field: nothing to mistype
    const bool numeric =
        !value.empty() && (std::isdigit(static_cast<unsigned char>(value[0])) || value[0] == '-');
    std::string desc;
    switch (rng() % 4) {
      case 0: {  // a misspelt field name: drop, double or swap a letter
        std::string k = key;
        const size_t at = rng() % k.size();
        const int how = static_cast<int>(rng() % 3);
        if (how == 0 && k.size() > 1) {
          k.erase(at, 1);
        } else if (how == 1) {
          k.insert(at, 1, k[at]);
        } else {
          k[at] = k[at] == 'x' ? 'y' : 'x';
        }
        t.replace(s.key_begin, s.key_end - s.key_begin, k);
        desc = "key " + key + " -> " + k;
        break;
      }
      case 1: {  // a negative or impossible number
        const std::string v = numeric ? "-" + value : "1e400";
        t.replace(s.value_begin, s.value_end - s.value_begin, v);
        desc = key + " = " + v;
        break;
      }
      case 2: {  // a misspelt text (enumerated fields must catch it)
        if (value.size() < 3 || value[0] != '"' || key == "title" || key == "issuer" ||
            key == "number" || key == "file" || key == "note" || key == "inspected" ||
            key == "chaired_by" || key == "period") {
          continue;  // free text: any spelling is valid
        }
        std::string v = value;
        v.insert(v.size() - 1, "x");
        t.replace(s.value_begin, s.value_end - s.value_begin, v);
        desc = key + " = " + v;
        break;
      }
      default: {  // a wrong type
        const std::string v = numeric ? "\"" + value + "\"" : "12.5";
        t.replace(s.value_begin, s.value_end - s.value_begin, v);
        desc = key + " = " + v;
        break;
      }
    }
    EvidenceLoad load = LoadEvidenceJson(t, "evidence.json", &c->criteria());
    if (!load.ok() || !load.issues.empty()) {
      ++caught;
      continue;
    }
    const double percent = ScoreAll(*c, load.evidence).percent;
    if (std::fabs(percent - base_percent) > 1e-9) {
      ++silent;
      ADD_FAILURE() << "round " << round << ": " << desc << " changed " << base_percent << " to "
                    << percent << " with no error or warning";
    }
  }
  EXPECT_EQ(silent, 0);
  EXPECT_GT(caught, 200);
}

}  // namespace
}  // namespace cchc::testutil::trust_test
