// Batch scoring: ranks and ties checked by hand (shared and dense), quartiles,
// failure isolation, NDJSON line numbers, duplicate codes, gaps, and output
// that does not depend on the number of worker threads.
#include "engine/batch/batch.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "engine/batch/ranking.h"
#include "engine/core/gaps.h"
#include "engine/render/batch.h"
#include "engine_test_util.h"

namespace cchc::batch_test {
namespace {

using testutil::Compile;

std::string Mini(const char* ties) {
  return std::string(R"(index "Test" {
  province "P"
  year 2026
  total 10
  precision 2
  ties: )") +
         ties + R"(
  bands {
    "A" >= 90%
    "B" >= 50%
    "C" else
  }
}
record fact "F" {
  value: number
}
area I "One" max 10 {
  criterion 1.1 "C" max 10 {
    item 1.1.1 "Value" max 10 {
      let f = latest(records kind "fact")
      score scaled f.value of 10
    }
  }
}
)";
}

// A unit whose index is value * 10 %; `appraised` adds the council's points.
std::string Unit(const std::string& code, double value, double appraised = -1) {
  std::string s = R"({"unit": {"code": ")" + code + R"(", "name": "Xã )" + code +
                  R"("}, "year": 2026, "records": [{"id": "f", "kind": "fact", "value": )" +
                  std::to_string(value) + "}]";
  if (appraised >= 0) {
    s += R"(, "appraisal": [{"item": "1.1.1", "points": )" + std::to_string(appraised) + "}]";
  }
  return s + "}";
}

class MemoryInputs : public BatchInputs {
 public:
  explicit MemoryInputs(std::vector<std::string> texts) : texts_(std::move(texts)) {}
  size_t size() const override { return texts_.size(); }
  std::string Name(size_t i) const override { return "u" + std::to_string(i) + ".json"; }
  bool Read(size_t i, std::string*, std::string_view* text, std::string* error) const override {
    if (texts_[i] == "UNREADABLE") {
      *error = "permission denied";
      return false;
    }
    *text = texts_[i];
    return true;
  }

 private:
  std::vector<std::string> texts_;
};

const BatchUnit& ByCode(const BatchResult& r, const std::string& code) {
  for (const BatchUnit& u : r.units) {
    if (u.unit.code == code) return u;
  }
  ADD_FAILURE() << "no unit " << code;
  return r.units.front();
}

TEST(Ranking, SharedSkipsAfterTies) {
  Ranking r = RankDescending({80, 90, 80, 70}, {"B", "A", "C", "D"}, TieRule::kShared);
  EXPECT_EQ(r.rank, (std::vector<int>{2, 1, 2, 4}));
  EXPECT_EQ(r.order, (std::vector<size_t>{1, 0, 2, 3}));
}

TEST(Ranking, DenseCountsGroups) {
  Ranking r = RankDescending({80, 90, 80, 70}, {"B", "A", "C", "D"}, TieRule::kDense);
  EXPECT_EQ(r.rank, (std::vector<int>{2, 1, 2, 3}));
}

TEST(Ranking, EqualUnitsListedByCodeAndNoiseIsATie) {
  // 0.1 + 0.2 != 0.3 in binary: the same index summed differently still ties.
  Ranking r = RankDescending({0.1 + 0.2, 0.3, 0.3}, {"Z", "M", "A"}, TieRule::kShared);
  EXPECT_EQ(r.rank, (std::vector<int>{1, 1, 1}));
  EXPECT_EQ(r.order, (std::vector<size_t>{2, 1, 0}));
  // Differences above the epsilon are not ties.
  Ranking s = RankDescending({50.001, 50}, {"B", "A"}, TieRule::kShared);
  EXPECT_EQ(s.rank, (std::vector<int>{1, 2}));
}

TEST(BatchStats, QuartilesInterpolate) {
  Summary s = Summarize({4, 1, 3, 2});
  EXPECT_EQ(s.n, 4u);
  EXPECT_DOUBLE_EQ(s.mean, 2.5);
  EXPECT_DOUBLE_EQ(s.min, 1);
  EXPECT_DOUBLE_EQ(s.max, 4);
  EXPECT_DOUBLE_EQ(s.q1, 1.75);
  EXPECT_DOUBLE_EQ(s.median, 2.5);
  EXPECT_DOUBLE_EQ(s.q3, 3.25);
  Summary one = Summarize({7});
  EXPECT_DOUBLE_EQ(one.q1, 7);
  EXPECT_DOUBLE_EQ(one.q3, 7);
  EXPECT_EQ(Summarize({}).n, 0u);
}

TEST(Batch, HandCheckedSharedRanks) {
  auto c = Compile(Mini("shared"));
  MemoryInputs in({Unit("D", 7), Unit("B", 9), Unit("A", 9.5), Unit("C", 9), Unit("E", 4)});
  BatchResult r = ScoreBatch(c->plan(), in, {});
  ASSERT_EQ(r.units.size(), 5u);
  EXPECT_EQ(ByCode(r, "A").rank, 1);
  EXPECT_EQ(ByCode(r, "B").rank, 2);
  EXPECT_EQ(ByCode(r, "C").rank, 2);
  EXPECT_EQ(ByCode(r, "D").rank, 4);
  EXPECT_EQ(ByCode(r, "E").rank, 5);
  std::vector<std::string> shown;
  for (size_t k : r.order) shown.push_back(r.units[k].unit.code);
  EXPECT_EQ(shown, (std::vector<std::string>{"A", "B", "C", "D", "E"}));
  EXPECT_DOUBLE_EQ(ByCode(r, "A").percent, 95);
  EXPECT_EQ(ByCode(r, "A").band, "A");
  EXPECT_EQ(ByCode(r, "E").band, "C");
  ASSERT_EQ(r.summary.bands.size(), 3u);
  EXPECT_EQ(r.summary.bands[0].count, 3u);  // A: 95, 90, 90 (>= 90 %)
  EXPECT_EQ(r.summary.bands[1].count, 1u);  // B: 70
  EXPECT_EQ(r.summary.bands[2].count, 1u);  // C: 40
  EXPECT_DOUBLE_EQ(r.summary.index.median, 90);
  EXPECT_DOUBLE_EQ(r.summary.index.q1, 70);
  EXPECT_DOUBLE_EQ(r.summary.index.q3, 90);
  ASSERT_EQ(r.summary.areas.size(), 1u);
  EXPECT_DOUBLE_EQ(r.summary.areas[0].stats.max, 95);
}

TEST(Batch, HandCheckedDenseRanks) {
  auto c = Compile(Mini("dense"));
  MemoryInputs in({Unit("D", 7), Unit("B", 9), Unit("A", 9.5), Unit("C", 9), Unit("E", 7)});
  BatchResult r = ScoreBatch(c->plan(), in, {});
  EXPECT_EQ(ByCode(r, "A").rank, 1);
  EXPECT_EQ(ByCode(r, "B").rank, 2);
  EXPECT_EQ(ByCode(r, "C").rank, 2);
  EXPECT_EQ(ByCode(r, "D").rank, 3);
  EXPECT_EQ(ByCode(r, "E").rank, 3);
}

TEST(Batch, BadInputsAreReportedAndTheRestScored) {
  auto c = Compile(Mini("shared"));
  MemoryInputs in(
      {Unit("A", 8), "{\"unit\": ", "UNREADABLE",
       R"({"unit": {"code": "X"}, "records": [{"id": "f", "kind": "fact", "value": "high"}]})",
       R"({"year": 2026, "records": []})", Unit("A", 5), Unit("B", 6)});
  BatchResult r = ScoreBatch(c->plan(), in, {});
  EXPECT_EQ(r.read(), 7u);
  ASSERT_EQ(r.units.size(), 2u);
  ASSERT_EQ(r.failed.size(), 5u);
  EXPECT_EQ(r.read(), r.units.size() + r.failed.size());
  EXPECT_EQ(r.failed[0].source, "u1.json");
  EXPECT_NE(r.failed[0].error.find("E501"), std::string::npos) << r.failed[0].error;
  EXPECT_NE(r.failed[1].error.find("permission denied"), std::string::npos);
  EXPECT_NE(r.failed[2].error.find("E509"), std::string::npos) << r.failed[2].error;
  EXPECT_NE(r.failed[3].error.find("unit.code"), std::string::npos);
  EXPECT_EQ(r.failed[4].source, "u5.json");
  EXPECT_NE(r.failed[4].error.find("duplicate unit code \"A\""), std::string::npos);
  EXPECT_EQ(ByCode(r, "A").percent, 80);  // the first A stands
  EXPECT_NE(r.failed[4].error.find("already scored from u0.json"), std::string::npos);
  EXPECT_EQ(r.units[1].source, "u6.json");  // moved up past the failures, whole
  EXPECT_EQ(r.units[1].percent, 60);
}

// Duplicates are found among codes long enough to live outside the string
// (the check views each kept unit's code where the unit rests).
TEST(Batch, LongDuplicateCodesAmongFailures) {
  auto c = Compile(Mini("shared"));
  const std::string a = "UBND-XA-AN-KHANH-2026-A", b = "UBND-XA-AN-KHANH-2026-B";
  MemoryInputs in({"[", Unit(a, 8), "[", Unit(b, 6), Unit(a, 5), "[", Unit(b, 4), Unit("C", 3)});
  BatchResult r = ScoreBatch(c->plan(), in, {});
  ASSERT_EQ(r.units.size(), 3u);
  EXPECT_EQ(r.units[0].unit.code, a);
  EXPECT_EQ(r.units[1].unit.code, b);
  EXPECT_EQ(r.units[2].unit.code, "C");
  EXPECT_EQ(r.units[1].percent, 60);
  ASSERT_EQ(r.failed.size(), 5u);
  EXPECT_EQ(r.failed[2].error, "duplicate unit code \"" + a + "\" (already scored from u1.json)");
  EXPECT_EQ(r.failed[4].error, "duplicate unit code \"" + b + "\" (already scored from u3.json)");
}

TEST(Batch, NdjsonErrorsCarryTheFileLine) {
  auto c = Compile(Mini("shared"));
  const std::string text =
      Unit("A", 8) + "\n\n" + Unit("B", 6) + "\n{\"unit\": 1,}\n" + Unit("C", 3);
  NdjsonInputs in("units.ndjson", text);
  ASSERT_EQ(in.size(), 4u);  // the blank line is no unit
  BatchResult r = ScoreBatch(c->plan(), in, {});
  ASSERT_EQ(r.failed.size(), 1u);
  EXPECT_EQ(r.failed[0].source, "units.ndjson:4");
  EXPECT_EQ(r.failed[0].error.rfind("units.ndjson:4:", 0), 0u) << r.failed[0].error;
  EXPECT_EQ(r.units.size(), 3u);
  EXPECT_EQ(ByCode(r, "B").source, "units.ndjson:3");
}

TEST(Batch, SameOutputForAnyNumberOfJobs) {
  auto c = Compile(Mini("shared"));
  std::vector<std::string> texts;
  for (int i = 0; i < 60; ++i) {
    texts.push_back(
        i == 17 ? "["
                : Unit("U" + std::to_string(100 + i), (i * 37 % 101) / 10.0, (i % 3) ? 5 : -1));
  }
  MemoryInputs in(texts);
  std::string first;
  for (int jobs : {1, 2, 4, 7}) {
    BatchConfig config;
    config.jobs = jobs;
    std::string json = RenderBatchJson(c->plan(), ScoreBatch(c->plan(), in, config), {});
    if (first.empty()) first = json;
    EXPECT_EQ(json, first) << "jobs " << jobs;
  }
  EXPECT_NE(first.find("\"failed\": 1"), std::string::npos);
}

TEST(Batch, GapsListedLargestFirst) {
  auto c = Compile(Mini("shared"));
  MemoryInputs in({Unit("A", 8, 7.5), Unit("B", 6, 3), Unit("C", 5, 5), Unit("D", 4)});
  BatchConfig config;
  config.max_gaps = 5;
  BatchResult r = ScoreBatch(c->plan(), in, config);
  ASSERT_EQ(r.largest_gaps.size(), 2u);  // C's appraisal equals its self-score
  EXPECT_EQ(r.units[r.largest_gaps[0].unit].unit.code, "B");
  EXPECT_DOUBLE_EQ(r.largest_gaps[0].gap(), -3);
  EXPECT_EQ(r.units[r.largest_gaps[1].unit].unit.code, "A");
  EXPECT_EQ(r.summary.appraised_units, 3u);
  EXPECT_DOUBLE_EQ(*ByCode(r, "B").appraised_percent, 30);
  EXPECT_FALSE(ByCode(r, "D").appraised_percent.has_value());
  const std::string json = RenderBatchJson(c->plan(), r, {});
  EXPECT_NE(json.find("\"gap\": -30"), std::string::npos) << json;
}

TEST(BatchGaps, OneScorecard) {
  Scorecard card;
  ItemScore a, b, d;
  a.index = 0, a.points = 1, a.appraised = 0.5;
  b.index = 1, b.points = 2, b.appraised = 2;
  d.index = 2, d.points = 0, d.appraised = 1;
  card.items = {a, b, d};
  auto gaps = LargestGaps(card, 10);
  ASSERT_EQ(gaps.size(), 2u);
  EXPECT_EQ(gaps[0]->index, 2);
  EXPECT_EQ(gaps[1]->index, 0);
  EXPECT_EQ(LargestGaps(card, 1).size(), 1u);
}

// FinishBatch keeps the largest gaps as they come (a bounded heap): the list
// equals sorting every gap by |gap|, then rank, then item, for any max_gaps,
// over units built by hand with many equal gaps and equal ranks.
TEST(BatchGaps, LargestEqualSortingEveryGap) {
  auto c = Compile(Mini("shared"));
  std::mt19937 rng(5);
  BatchResult units;
  for (int u = 0; u < 40; ++u) {
    BatchUnit unit;
    unit.unit.code = "U" + std::to_string(u);
    unit.percent = static_cast<double>(rng() % 5) * 10;
    constexpr size_t kItems = 4;
    unit.item_points.assign(kItems, 0);
    unit.item_status.assign(kItems, ItemStatus::kScored);
    unit.item_appraised.assign(kItems, std::nullopt);
    for (size_t i = 0; i < kItems; ++i) {
      unit.item_points[i] = static_cast<double>(rng() % 5);
      if (rng() % 3 != 0) unit.item_appraised[i] = static_cast<double>(rng() % 5) * 0.5;
    }
    units.units.push_back(unit);
  }
  for (size_t max_gaps : {0, 1, 2, 7, 50, 1000}) {
    BatchResult r = units;
    FinishBatch(c->plan(), max_gaps, &r);
    std::vector<size_t> position(r.units.size());
    for (size_t k = 0; k < r.order.size(); ++k) position[r.order[k]] = k;
    std::vector<BatchGap> all;
    for (size_t u = 0; u < r.units.size(); ++u) {
      for (size_t i = 0; i < r.units[u].item_appraised.size(); ++i) {
        if (!r.units[u].item_appraised[i]) continue;
        BatchGap g{u, static_cast<int>(i), r.units[u].item_points[i],
                   *r.units[u].item_appraised[i]};
        if (std::fabs(g.gap()) > 1e-9) all.push_back(g);
      }
    }
    std::sort(all.begin(), all.end(), [&](const BatchGap& a, const BatchGap& b) {
      if (std::fabs(a.gap()) != std::fabs(b.gap())) return std::fabs(a.gap()) > std::fabs(b.gap());
      if (a.unit != b.unit) return position[a.unit] < position[b.unit];
      return a.item < b.item;
    });
    ASSERT_GT(all.size(), 50u);  // enough gaps that 50 is a real cut
    all.resize(std::min(max_gaps, all.size()));
    ASSERT_EQ(r.largest_gaps.size(), all.size()) << "max_gaps " << max_gaps;
    for (size_t k = 0; k < all.size(); ++k) {
      EXPECT_EQ(r.largest_gaps[k].unit, all[k].unit) << "max_gaps " << max_gaps << " #" << k;
      EXPECT_EQ(r.largest_gaps[k].item, all[k].item) << "max_gaps " << max_gaps << " #" << k;
    }
  }
}

TEST(BatchRender, TableCsvMarkdownCarryRanksAndFailures) {
  auto c = Compile(Mini("shared"));
  MemoryInputs in({Unit("A", 8), Unit("B", 8), "nope"});
  BatchResult r = ScoreBatch(c->plan(), in, {});
  RenderOptions en;
  en.lang = Lang::kEn;
  const std::string table = RenderBatchTable(c->plan(), r, en);
  EXPECT_NE(table.find("read 3, scored 2, failed 1"), std::string::npos) << table;
  EXPECT_NE(table.find("u2.json:"), std::string::npos) << table;
  const std::string csv = RenderBatchCsv(c->plan(), r, en);
  EXPECT_EQ(
      csv.substr(0, csv.find('\n')),
      "rank,code,name,source,percent,band,points,max,appraised_percent,gap,area:I,item:1.1.1");
  EXPECT_NE(csv.find("\n1,A,Xã A,u0.json,80,B,8,10,,,80,8\n1,B,"), std::string::npos) << csv;
  const std::string md = RenderBatchMarkdown(c->plan(), r, {});
  // Markdown is for people: Vietnamese separators, while the CSV above keeps "80".
  EXPECT_NE(md.find("| 1 | B | Xã B | 80,00 | B |"), std::string::npos) << md;
}

}  // namespace
}  // namespace cchc::batch_test
