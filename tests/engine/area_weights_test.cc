// Area weights as data: the index under equal weights and a weights file
// computed by hand on three areas (one not applicable for a unit), the by-max
// identity with the official index (here and on the shipped example), the
// batch's alternative ranks, weights-file validation, and the uncertainty
// model's nominal index under a scheme.
#include "engine/core/area_weights.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/analysis/tasks.h"
#include "engine/analysis/whatif.h"
#include "engine/batch/batch.h"
#include "engine/uncertainty/uncertainty.h"
#include "engine_test_util.h"
#include "evidence/loader.h"
#include "evidence/scenario_loader.h"

namespace cchc::area_weights_test {
namespace {

using testutil::Compile;
using testutil::N;
using testutil::Rec;

// Three areas of max 2, 3 and 5; item points a × 2, b × 3, c × 5 (c < 0:
// area III not applicable).
const char* kThree = R"(index "Test" {
  total 10
  bands {
    "A" >= 80%
    "B" >= 50%
    "C" else
  }
}
record fact "F" {
  a: number
  b: number
  c: number
}
area I "One" max 2 {
  criterion 1.1 "C" max 2 {
    item 1.1.1 "a" max 2 {
      let f = latest(records kind "fact")
      score scaled f.a of 1
    }
  }
}
area II "Two" max 3 {
  criterion 2.1 "C" max 3 {
    item 2.1.1 "b" max 3 {
      let f = latest(records kind "fact")
      score scaled f.b of 1
    }
  }
}
area III "Three" max 5 {
  criterion 3.1 "C" max 5 {
    item 3.1.1 "c" max 5 {
      let f = latest(records kind "fact")
      not applicable when f.c < 0
      score scaled f.c of 1
    }
  }
}
)";

std::string Read(const std::string& rel) {
  std::ifstream in(std::string(CCHC_SOURCE_DIR) + "/" + rel, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Evidence Facts(double a, double b, double c) {
  Evidence ev;
  ev.unit.code = "X";
  ev.records.push_back(Rec("f", "fact", {{"a", N(a)}, {"b", N(b)}, {"c", N(c)}}));
  return ev;
}

AreaWeights File(const std::string& text, const std::vector<Area>& areas) {
  AreaWeights w;
  std::string error;
  EXPECT_TRUE(ParseAreaWeightsFile(text, "w.txt", areas, &w, &error)) << error;
  return w;
}

TEST(AreaWeightsTest, HandComputedIndexUnderEqualAndFileWeights) {
  auto c = Compile(kThree);
  const Scorecard card = testutil::ScoreAll(*c, Facts(0.5, 1, 0.2));  // 1, 3, 1 points
  EXPECT_DOUBLE_EQ(card.percent, 50.0);                               // 5 / 10
  AreaWeights equal;
  ASSERT_TRUE(NamedAreaWeights("equal", 3, &equal));
  AlternativeIndex alt = AlternativeOf(c->criteria().index, equal, card);
  EXPECT_NEAR(alt.percent, (50.0 + 100.0 + 20.0) / 3, 1e-12);  // 56.67 %
  EXPECT_EQ(alt.band, "B");
  EXPECT_EQ(alt.scheme, "equal");
  // I 1, II 0, III 3: (1 × 50 + 0 × 100 + 3 × 20) / 4 = 27.5 %.
  alt = AlternativeOf(c->criteria().index, File("I 1\nII 0\nIII 3\n", c->criteria().areas), card);
  EXPECT_NEAR(alt.percent, 27.5, 1e-12);
  EXPECT_EQ(alt.band, "C");
  EXPECT_EQ(alt.scheme, "w.txt");
}

TEST(AreaWeightsTest, AreasWithNothingApplicableDropOut) {
  auto c = Compile(kThree);
  const Scorecard card = testutil::ScoreAll(*c, Facts(0.5, 1, -1));  // III not applicable
  EXPECT_DOUBLE_EQ(card.percent, 80.0);                              // 4 / 5
  AreaWeights equal;
  ASSERT_TRUE(NamedAreaWeights("equal", 3, &equal));
  EXPECT_NEAR(AlternativeOf(c->criteria().index, equal, card).percent, 75.0, 1e-12);
  // Only III weighs, and III is not applicable: the share falls back to points / max.
  EXPECT_NEAR(
      AlternativeOf(c->criteria().index, File("I 0\nII 0\nIII 1", c->criteria().areas), card)
          .percent,
      80.0, 1e-12);
}

TEST(AreaWeightsTest, ByMaxIsTheOfficialIndex) {
  auto c = Compile(kThree);
  for (const Evidence& ev : {Facts(0.5, 1, 0.2), Facts(0.3, 0.7, -1), Facts(0, 0, 0)}) {
    const Scorecard card = testutil::ScoreAll(*c, ev);
    AreaWeights by_max;
    ASSERT_TRUE(NamedAreaWeights("max", 3, &by_max));
    EXPECT_EQ(AlternativeOf(c->criteria().index, by_max, card).percent, card.percent);
    // The declared max as explicit weights: equal up to rounding when all applicable.
    if (card.max == 10) {
      EXPECT_NEAR(
          AlternativeOf(c->criteria().index, File("I 2\nII 3\nIII 5", c->criteria().areas), card)
              .percent,
          card.percent, 1e-12);
    }
  }
}

// The identity w_a = max_a on the shipped criteria and commune: the
// declared max as a weights file gives the official index.
TEST(AreaWeightsTest, ByMaxIdentityOnTheExample) {
  auto c = Compile(Read("examples/thai-nguyen-2026/criteria.cchc"));
  EvidenceLoad loaded =
      LoadEvidenceJson(Read("examples/an-khanh-2026/evidence.json"), "e.json", &c->criteria());
  ASSERT_TRUE(loaded.ok());
  const Scorecard card = testutil::ScoreAll(*c, loaded.evidence);
  std::string text;
  bool all_applicable = true;
  for (size_t a = 0; a < c->criteria().areas.size(); ++a) {
    text += c->criteria().areas[a].code + " " + std::to_string(c->criteria().areas[a].max) + "\n";
    all_applicable &= card.areas[a].max == card.areas[a].declared_max;
  }
  const AlternativeIndex declared =
      AlternativeOf(c->criteria().index, File(text, c->criteria().areas), card);
  if (all_applicable) {
    EXPECT_NEAR(declared.percent, card.percent, 1e-9);
  } else {  // the example has items not applicable: the declared max is not the weight
    EXPECT_GT(std::abs(declared.percent - card.percent), 1e-6);
  }
  // Each area's applicable max as its weight: the official index whatever applies.
  AreaWeights applicable_max;
  for (const GroupScore& g : card.areas) applicable_max.weight.push_back(g.max);
  EXPECT_NEAR(AlternativeOf(c->criteria().index, applicable_max, card).percent, card.percent, 1e-9);
  EXPECT_EQ(AlternativeOf(c->criteria().index, applicable_max, card).band, card.band);
}

TEST(AreaWeightsTest, WeightsFileErrorsSayWhereAndHowToFix) {
  auto c = Compile(kThree);
  const std::vector<Area>& areas = c->criteria().areas;
  auto error = [&](const std::string& text) {
    AreaWeights w;
    std::string why;
    EXPECT_FALSE(ParseAreaWeightsFile(text, "w.txt", areas, &w, &why)) << text;
    return why;
  };
  EXPECT_EQ(error("I 1\nII 1\nIIII 1\n"),
            "w.txt:3:1: unknown area \"IIII\"; did you mean \"III\"? (the criteria's areas: I, "
            "II, III)");
  EXPECT_EQ(error("I 1\n"),
            "w.txt: no weight for areas II, III; add a line `AREA WEIGHT` for each (0 to leave an "
            "area out)");
  EXPECT_EQ(error("I 1\nII -2\nIII 1\n"),
            "w.txt:2:4: weight -2 of area II is negative; weights are ≥ 0 (0 leaves the area out)");
  EXPECT_EQ(error("I 0\nII 0\nIII 0\n"),
            "w.txt: every weight is 0; give at least one area a weight above 0");
  EXPECT_EQ(error("I 1\nII x\nIII 1\n"),
            "w.txt:2:4: weight \"x\" of area II is not a number; write it as 15 or 0.15");
  EXPECT_EQ(error("I 1\nI 2\n"),
            "w.txt:2:1: area I given twice (first on line 1); keep one line per area");
  EXPECT_EQ(error("I 1 2\n"),
            "w.txt:1:1: expected `AREA WEIGHT` (an area code and a number ≥ 0, e.g. `III 15`)");
  EXPECT_NE(error("I nan\nII 1\nIII 1\n").find("not a number"), std::string::npos);
  // A Vietnamese decimal comma reads as a third column: the message says so.
  EXPECT_EQ(error("I 0,5\nII 1\nIII 1\n"),
            "w.txt:1:1: expected `AREA WEIGHT` (an area code and a number ≥ 0, e.g. `III 15`); "
            "write decimals with a point (0.5): a comma separates the columns");
  // Excel's "CSV UTF-8" starts with a byte order mark: read as if absent.
  EXPECT_EQ(File("\xEF\xBB\xBF"
                 "area,weight\nI,1\nII,1\nIII,2\n",
                 areas)
                .weight,
            (std::vector<double>{1, 1, 2}));
  // Accepted: comments, blank lines, commas, a CSV header, CRLF.
  const AreaWeights w = File("area,weight\r\n# c\n\nI,0.5\r\nII , 2  # two\nIII\t0\n", areas);
  EXPECT_EQ(w.weight, (std::vector<double>{0.5, 2, 0}));
  AreaWeights unused;
  EXPECT_FALSE(NamedAreaWeights("equals", 3, &unused));
}

// kThree with the index's `weights:` line and per-area weights (`w` empty:
// none written).
std::string Declared(const std::string& scheme, const std::vector<std::string>& w = {}) {
  std::string text = kThree;
  text.replace(text.find("  total 10\n"), 11, "  total 10\n  weights: " + scheme + "\n");
  const char* heads[] = {"area I \"One\" max 2", "area II \"Two\" max 3",
                         "area III \"Three\" max 5"};
  for (size_t a = 0; a < w.size(); ++a) {
    const size_t at = text.find(heads[a]) + std::string(heads[a]).size();
    text.insert(at, " weight " + w[a]);
  }
  return text;
}

// The criteria's declared scheme is the official index: the scorer, and the
// appraised index, compute it; `max` stays available as an alternative.
TEST(AreaWeightsTest, DeclaredSchemeIsTheOfficialIndex) {
  auto equal = Compile(Declared("equal"));
  Evidence ev = Facts(0.5, 1, 0.2);
  Scorecard card = testutil::ScoreAll(*equal, ev);
  EXPECT_NEAR(card.percent, (50.0 + 100.0 + 20.0) / 3, 1e-12);
  EXPECT_EQ(card.band, "B");
  EXPECT_EQ(DeclaredAreaWeights(equal->criteria()).name, "equal");
  AreaWeights by_max;
  ASSERT_TRUE(NamedAreaWeights("max", 3, &by_max));
  EXPECT_NEAR(AlternativeOf(equal->criteria().index, by_max, card).percent, 50.0, 1e-12);

  auto by_area = Compile(Declared("by area", {"1", "0", "3"}));
  EXPECT_EQ(DeclaredAreaWeights(by_area->criteria()).weight, (std::vector<double>{1, 0, 3}));
  EXPECT_EQ(DeclaredAreaWeights(by_area->criteria()).name, "criteria");
  // The council appraises item 3.1.1 at 5 of 5: III becomes 100 %.
  ev.appraisals.push_back({"3.1.1", 5.0, ""});
  card = testutil::ScoreAll(*by_area, ev);
  EXPECT_NEAR(card.percent, 27.5, 1e-12);  // (1 × 50 + 3 × 20) / 4
  EXPECT_EQ(card.band, "C");
  ASSERT_TRUE(card.appraised_percent);
  EXPECT_NEAR(*card.appraised_percent, (1 * 50.0 + 3 * 100.0) / 4, 1e-12);  // 87.5 %

  auto written_by_max = Compile(Declared("by max"));
  EXPECT_DOUBLE_EQ(testutil::ScoreAll(*written_by_max, Facts(0.5, 1, 0.2)).percent, 50.0);
  EXPECT_TRUE(DeclaredAreaWeights(written_by_max->criteria()).by_max());
}

// The task search scores sets under the criteria's scheme too: under equal
// weights finishing area I (max 2) is worth as much as finishing area II
// (max 8), where by max it would be worth a quarter as much.
TEST(AreaWeightsTest, TaskSearchUsesTheDeclaredScheme) {
  auto c = Compile(Declared("equal"));
  Evidence ev = Facts(0.5, 0.5, -1);  // I 50 %, II 50 %, III not applicable: 50 %
  const char* kTasksJson = R"({"tasks": [
    {"id": "A", "effort": 1, "effects": [{"op": "set", "id": "f", "fields": {"a": 1}}]},
    {"id": "B", "effort": 1, "effects": [{"op": "set", "id": "f", "fields": {"b": 1}}]}]})";
  TasksLoad load = LoadTasksJson(kTasksJson, "t.json", &c->criteria(), &ev);
  ASSERT_TRUE(load.ok());
  WhatIf w(c->plan(), ev);
  EXPECT_NEAR(w.base_card().percent, 50.0, 1e-12);
  const SubsetSearchResult one = SearchSubsets(w, load.tasks, 1.0, std::nullopt, 1).value();
  ASSERT_TRUE(one.best_for_budget);
  EXPECT_NEAR(one.best_for_budget->percent, 75.0, 1e-12);  // by max: B alone gives 90 %
  const SubsetSearchResult both = SearchSubsets(w, load.tasks, 2.0, std::nullopt, 1).value();
  ASSERT_TRUE(both.best_for_budget);
  EXPECT_NEAR(both.best_for_budget->percent, 100.0, 1e-12);
}

// A batch's alternative: index, band and rank under equal weights, beside
// the untouched official ones.
TEST(AreaWeightsTest, BatchRanksUnderTheAlternative) {
  auto c = Compile(kThree);
  auto unit = [](const std::string& code, double a, double b, double cc) {
    return R"({"unit": {"code": ")" + code + R"(", "name": "Xã )" + code +
           R"("}, "records": [{"id": "f", "kind": "fact", "a": )" + std::to_string(a) +
           R"(, "b": )" + std::to_string(b) + R"(, "c": )" + std::to_string(cc) + "}]}\n";
  };
  // X: 1, 3, 1 points: official 50 %, equal 56.67 %. Y: 2, 0, 4: official 60
  // %, equal (100 + 0 + 80) / 3 = 60 %. Z: 0, 3, 5: 80 %, equal 66.67 %.
  const std::string text = unit("X", 0.5, 1, 0.2) + unit("Y", 1, 0, 0.8) + unit("Z", 0, 1, 1);
  NdjsonInputs inputs("p.ndjson", text);
  BatchConfig config;
  config.jobs = 1;
  BatchResult r = ScoreBatch(c->plan(), inputs, config);
  ASSERT_EQ(r.units.size(), 3u);
  const BatchResult official = r;
  AreaWeights equal;
  ASSERT_TRUE(NamedAreaWeights("equal", 3, &equal));
  RankAlternative(c->plan(), equal, &r);
  const double want_percent[] = {(50.0 + 100 + 20) / 3, 60, 200.0 / 3};
  const int want_rank[] = {3, 2, 1}, official_rank[] = {3, 2, 1};
  for (size_t u = 0; u < 3; ++u) {
    ASSERT_TRUE(r.units[u].alternative);
    EXPECT_NEAR(r.units[u].alternative->percent, want_percent[u], 1e-12);
    EXPECT_EQ(r.units[u].alternative->rank, want_rank[u]);
    EXPECT_EQ(r.units[u].rank, official_rank[u]);
    EXPECT_EQ(r.units[u].percent, official.units[u].percent);
  }
  EXPECT_NEAR(r.units[0].percent, 50, 1e-12);
  EXPECT_NEAR(r.units[1].percent, 60, 1e-12);
  EXPECT_NEAR(r.units[2].percent, 80, 1e-12);
  // Weights I 0, II 0, III 1: X 20 %, Y 80 %, Z 100 %: Z, Y, X.
  RankAlternative(c->plan(), File("I 0\nII 0\nIII 1", c->criteria().areas), &r);
  EXPECT_EQ(r.units[0].alternative->rank, 3);
  EXPECT_NEAR(r.units[1].alternative->percent, 80, 1e-12);
  EXPECT_EQ(r.units[1].alternative->band, "A");
  EXPECT_EQ(r.units[2].alternative->rank, 1);
  // ReweighBatch puts the scheme in the official fields (the nominal batch
  // of an uncertainty run); by max it leaves the batch as it is.
  BatchResult nominal = official;
  ReweighBatch(c->plan(), equal, 10, &nominal);
  EXPECT_NEAR(nominal.units[0].percent, want_percent[0], 1e-12);
  EXPECT_EQ(nominal.units[2].rank, 1);
  AreaWeights by_max;
  ASSERT_TRUE(NamedAreaWeights("max", 3, &by_max));
  BatchResult same = official;
  ReweighBatch(c->plan(), by_max, 10, &same);
  EXPECT_EQ(same.units[1].percent, official.units[1].percent);
}

// Without noise, the uncertainty model's index under a scheme is the
// scheme's index: every sample equals the reweighed batch.
TEST(AreaWeightsTest, UncertaintyNominalIndexIsTheSchemesIndex) {
  auto c = Compile(kThree);
  std::string text;
  for (
      const char* u :
      {R"({"unit": {"code": "X"}, "records": [{"id": "f", "kind": "fact", "a": 0.5, "b": 1, "c": 0.2}]})",
       R"({"unit": {"code": "Y"}, "records": [{"id": "f", "kind": "fact", "a": 1, "b": 0, "c": -1}]})"}) {
    text += std::string(u) + "\n";
  }
  NdjsonInputs inputs("p.ndjson", text);
  BatchConfig bc;
  bc.jobs = 1;
  BatchResult batch = ScoreBatch(c->plan(), inputs, bc);
  ASSERT_EQ(batch.units.size(), 2u);
  const AreaWeights w = File("I 1\nII 0\nIII 3", c->criteria().areas);
  ReweighBatch(c->plan(), w, 10, &batch);
  EXPECT_NEAR(batch.units[0].percent, 27.5, 1e-12);
  EXPECT_NEAR(batch.units[1].percent, 100.0, 1e-12);  // only I weighs among I, II
  UncertaintyConfig config;
  config.samples = 20;
  config.groups = {NoiseGroup::kWeights};
  config.weight_noise = NormalNoise(0);
  config.area_weights = w.weight;
  config.weights_name = w.name;
  const UncertaintyResult r = AnalyzeUncertainty(c->plan(), batch, config);
  ASSERT_EQ(r.units.size(), 2u);
  for (const UnitUncertainty& u : r.units) {
    EXPECT_NEAR(u.p5, batch.units[u.unit].percent, 1e-12);
    EXPECT_NEAR(u.p95, batch.units[u.unit].percent, 1e-12);
    EXPECT_EQ(u.rank_p5, batch.units[u.unit].rank);
  }
}

}  // namespace
}  // namespace cchc::area_weights_test
