// Criterion weights: an area's percentage as the weighted mean of its
// criteria's percentages, computed by hand on two areas of two criteria each
// (one not applicable for a unit), the by-max identity, the declared schemes
// as the official index, the batch's alternative, and weights-file lines for
// criteria.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/batch/batch.h"
#include "engine/core/area_weights.h"
#include "engine_test_util.h"

namespace cchc::criterion_weights_test {
namespace {

using testutil::Compile;
using testutil::N;
using testutil::Rec;

// Area I (max 4): 1.1 max 1 (a × 1), 1.2 max 3 (b × 3). Area II (max 6): 2.1
// max 2 (c × 2), 2.2 max 4 (d × 4; d < 0: not applicable).
const char* kFour = R"(index "Test" {
  total 10
%SCHEME%  bands {
    "A" >= 80%
    "B" >= 40%
    "C" else
  }
}
record fact "F" {
  a: number
  b: number
  c: number
  d: number
}
area I "One" max 4 {
  criterion 1.1 "C" max 1%W11% {
    item 1.1.1 "a" max 1 {
      let f = latest(records kind "fact")
      score scaled f.a of 1
    }
  }
  criterion 1.2 "C" max 3%W12% {
    item 1.2.1 "b" max 3 {
      let f = latest(records kind "fact")
      score scaled f.b of 1
    }
  }
}
area II "Two" max 6 {
  criterion 2.1 "C" max 2%W21% {
    item 2.1.1 "c" max 2 {
      let f = latest(records kind "fact")
      score scaled f.c of 1
    }
  }
  criterion 2.2 "C" max 4%W22% {
    item 2.2.1 "d" max 4 {
      let f = latest(records kind "fact")
      not applicable when f.d < 0
      score scaled f.d of 1
    }
  }
}
)";

std::string Four(const std::string& scheme = "", const std::vector<std::string>& w = {}) {
  std::string text = kFour;
  auto put = [&](const std::string& key, const std::string& value) {
    text.replace(text.find(key), key.size(), value);
  };
  put("%SCHEME%", scheme);
  const char* keys[] = {"%W11%", "%W12%", "%W21%", "%W22%"};
  for (size_t k = 0; k < 4; ++k) put(keys[k], k < w.size() ? " weight " + w[k] : "");
  return text;
}

Evidence Facts(double a, double b, double c, double d) {
  Evidence ev;
  ev.unit.code = "X";
  ev.records.push_back(Rec("f", "fact", {{"a", N(a)}, {"b", N(b)}, {"c", N(c)}, {"d", N(d)}}));
  return ev;
}

AreaWeights File(const std::string& text, const std::vector<Area>& areas) {
  AreaWeights w;
  std::string error;
  EXPECT_TRUE(ParseAreaWeightsFile(text, "w.txt", areas, &w, &error)) << error;
  return w;
}

// 1.1 100 %, 1.2 0 %, 2.1 50 %, 2.2 25 %: points 1 + 0 + 1 + 1 = 3 of 10.
TEST(CriterionWeightsTest, HandComputedIndexUnderCriterionWeights) {
  auto c = Compile(Four());
  const Scorecard card = testutil::ScoreAll(*c, Facts(1, 0, 0.5, 0.25));
  EXPECT_DOUBLE_EQ(card.percent, 30.0);
  // Equal criteria, areas by max: I (100 + 0) / 2 = 50 %, II (50 + 25) / 2 =
  // 37.5 %; (4 × 50 + 6 × 37.5) / 10 = 42.5 %: 12.5 points above the official.
  AreaWeights w = File("I 4\nII 6\n1.1 1\n1.2 1\n2.1 1\n2.2 1\n", c->criteria().areas);
  EXPECT_EQ(w.criterion, (std::vector<double>{1, 1, 1, 1}));
  AlternativeIndex alt = AlternativeOf(c->criteria(), w, card);
  EXPECT_NEAR(alt.percent, 42.5, 1e-12);
  EXPECT_EQ(alt.band, "B");
  // equal-criteria: areas equal too, (50 + 37.5) / 2 = 43.75 %.
  AreaWeights equal;
  ASSERT_TRUE(NamedWeights("equal-criteria", c->criteria(), &equal));
  EXPECT_NEAR(AlternativeOf(c->criteria(), equal, card).percent, 43.75, 1e-12);
  // A file: I 1, II 1; 1.1 0, 1.2 1 (I = 0 %), 2.1 3, 2.2 1 (II = (150 + 25)
  // / 4 = 43.75 %): (0 + 43.75) / 2 = 21.875 %.
  alt = AlternativeOf(c->criteria(),
                      File("I 1\nII 1\n1.1 0\n1.2 1\n2.1 3\n2.2 1", c->criteria().areas), card);
  EXPECT_NEAR(alt.percent, 21.875, 1e-12);
  EXPECT_EQ(alt.band, "C");
  // 2.2 not applicable: II is 2.1 alone (50 %, applicable max 2); equal
  // criteria, areas by max: (4 × 50 + 2 × 50) / 6 = 50 %, official 2 / 6.
  const Scorecard na = testutil::ScoreAll(*c, Facts(1, 0, 0.5, -1));
  EXPECT_NEAR(na.percent, 100.0 / 3, 1e-12);
  EXPECT_NEAR(AlternativeOf(c->criteria(), w, na).percent, 50.0, 1e-12);
}

// Criterion weights by max reproduce today's index: the declared `by max`
// exactly, a file giving each criterion its max up to rounding.
TEST(CriterionWeightsTest, ByMaxIsTheOfficialIndex) {
  auto plain = Compile(Four());
  auto written = Compile(Four("  criterion weights: by max\n"));
  for (const Evidence& ev : {Facts(1, 0, 0.5, 0.25), Facts(0.3, 0.7, 0.1, -1), Facts(0, 0, 0, 0)}) {
    const Scorecard card = testutil::ScoreAll(*plain, ev);
    EXPECT_EQ(testutil::ScoreAll(*written, ev).percent, card.percent);
    EXPECT_TRUE(DeclaredAreaWeights(written->criteria()).by_max());
    const AreaWeights by_max =
        File("I 4\nII 6\n1.1 1\n1.2 3\n2.1 2\n2.2 4\n", plain->criteria().areas);
    if (ev.records.size() == 1 && card.criteria[3].max > 0) {
      EXPECT_NEAR(AlternativeOf(plain->criteria(), by_max, card).percent, card.percent, 1e-9);
    }
  }
}

// Declared in the criteria, the scheme is the official index (and the
// appraised index uses the appraised criterion points).
TEST(CriterionWeightsTest, DeclaredSchemeIsTheOfficialIndex) {
  auto equal = Compile(Four("  criterion weights: equal\n"));
  Evidence ev = Facts(1, 0, 0.5, 0.25);
  Scorecard card = testutil::ScoreAll(*equal, ev);
  EXPECT_NEAR(card.percent, 42.5, 1e-12);
  EXPECT_EQ(card.band, "B");
  EXPECT_EQ(DeclaredAreaWeights(equal->criteria()).name, "criteria");

  auto by_criterion =
      Compile(Four("  weights: equal\n  criterion weights: by criterion\n", {"0", "1", "3", "1"}));
  card = testutil::ScoreAll(*by_criterion, ev);
  EXPECT_NEAR(card.percent, 21.875, 1e-12);
  // The council appraises 1.2.1 at 3 of 3: I becomes 100 %; (100 + 43.75) / 2.
  ev.appraisals.push_back({"1.2.1", 3.0, ""});
  card = testutil::ScoreAll(*by_criterion, ev);
  ASSERT_TRUE(card.appraised_percent);
  EXPECT_NEAR(*card.appraised_percent, 71.875, 1e-12);
}

TEST(CriterionWeightsTest, BatchAlternativeUsesCriterionWeights) {
  auto c = Compile(Four());
  auto unit = [](const std::string& code, double a, double b, double cc, double d) {
    return R"({"unit": {"code": ")" + code + R"(", "name": "Xã )" + code +
           R"("}, "records": [{"id": "f", "kind": "fact", "a": )" + std::to_string(a) +
           R"(, "b": )" + std::to_string(b) + R"(, "c": )" + std::to_string(cc) + R"(, "d": )" +
           std::to_string(d) + "}]}\n";
  };
  // X: official 30 %, equal criteria (areas by max) 42.5 %. Y: 0, 1, 0, 0:
  // official 30 %, I (0 + 100) / 2 = 50 %, II 0 %: 20 %.
  const std::string text = unit("X", 1, 0, 0.5, 0.25) + unit("Y", 0, 1, 0, 0);
  NdjsonInputs inputs("p.ndjson", text);  // keeps a view of the text
  BatchConfig config;
  config.jobs = 1;
  BatchResult r = ScoreBatch(c->plan(), inputs, config);
  ASSERT_EQ(r.units.size(), 2u) << (r.failed.empty() ? "" : r.failed[0].error);
  RankAlternative(c->plan(), File("I 4\nII 6\n1.1 1\n1.2 1\n2.1 1\n2.2 1\n", c->criteria().areas),
                  &r);
  ASSERT_TRUE(r.units[0].alternative && r.units[1].alternative);
  EXPECT_NEAR(r.units[0].percent, 30.0, 1e-12);
  EXPECT_NEAR(r.units[1].percent, 30.0, 1e-12);
  const BatchUnit& x = r.units[0].unit.code == "X" ? r.units[0] : r.units[1];
  const BatchUnit& y = r.units[0].unit.code == "X" ? r.units[1] : r.units[0];
  EXPECT_NEAR(x.alternative->percent, 42.5, 1e-12);
  EXPECT_NEAR(y.alternative->percent, 20.0, 1e-12);
  EXPECT_EQ(x.alternative->rank, 1);
  EXPECT_EQ(y.alternative->rank, 2);
}

TEST(CriterionWeightsTest, WeightsFileCriterionLinesAreValidated) {
  auto c = Compile(Four());
  const std::vector<Area>& areas = c->criteria().areas;
  auto error = [&](const std::string& text) {
    AreaWeights w;
    std::string why;
    EXPECT_FALSE(ParseAreaWeightsFile(text, "w.txt", areas, &w, &why)) << text;
    return why;
  };
  EXPECT_EQ(error("I 1\nII 1\n1.3 1\n"),
            "w.txt:3:1: unknown criterion \"1.3\"; did you mean \"1.1\"?");
  EXPECT_EQ(error("I 1\nII 1\n1.1 1\n1.2 1\n2.1 1\n"),
            "w.txt: no weight for criterion 2.2; when the file weighs criteria, add a line "
            "`CRITERION WEIGHT` for each (0 to leave one out)");
  EXPECT_EQ(error("I 1\nII 1\n1.1 1\n1.1 2\n"),
            "w.txt:4:1: criterion 1.1 given twice (first on line 3); keep one line per criterion");
  EXPECT_EQ(error("I 1\nII 1\n1.1 -1\n"),
            "w.txt:3:5: weight -1 of criterion 1.1 is negative; weights are ≥ 0 (0 leaves the "
            "criterion out)");
  EXPECT_EQ(error("I 1\nII 1\n1.1 1\n1.2 1\n2.1 0\n2.2 0\n"),
            "w.txt: every criterion weight of area II is 0; give at least one of its criteria a "
            "weight above 0");
  // Without criterion lines the file is an area file as before.
  EXPECT_TRUE(File("I 1\nII 1\n", areas).criterion.empty());
  AreaWeights unused;
  EXPECT_FALSE(NamedWeights("equal-criterion", c->criteria(), &unused));
  ASSERT_TRUE(NamedWeights("equal", c->criteria(), &unused));
  EXPECT_TRUE(unused.criterion.empty());
}

}  // namespace
}  // namespace cchc::criterion_weights_test
