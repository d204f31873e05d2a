// The shipped example scored end to end: the whole score JSON is compared
// with a checked-in golden file (regenerate with CCHC_UPDATE_GOLDENS=1 and
// review the diff), and the hand-computed figures of
// examples/an-khanh-2026/README.md are asserted directly.
#include <fstream>
#include <sstream>

#include "engine/render/explain.h"
#include "engine/render/score.h"
#include "evidence/loader.h"
#include "tests/engine/engine_test_util.h"
#include "tests/golden_util.h"

namespace cchc::testutil::example_test {
namespace {

std::string Read(const std::string& rel) {
  std::ifstream in(std::string(CCHC_SOURCE_DIR) + "/" + rel, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class ExampleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    c_ = Compile(Read("examples/thai-nguyen-2026/criteria.cchc"));
    EvidenceLoad load = LoadEvidenceJson(Read("examples/an-khanh-2026/evidence.json"),
                                         "evidence.json", &c_->criteria());
    ASSERT_TRUE(load.ok()) << RenderIssues(load.issues);
    evidence_ = std::move(load.evidence);
    card_ = ScoreAll(*c_, evidence_);
  }
  std::unique_ptr<const CompiledCriteria> c_;
  Evidence evidence_;
  Scorecard card_;
};

TEST_F(ExampleTest, MatchesTheHandComputedTotals) {
  // examples/an-khanh-2026/README.md: 76.329 of 98.5, bonus +1, penalty -0.5.
  EXPECT_NEAR(card_.points, 76.329, 0.0005);
  EXPECT_DOUBLE_EQ(card_.max, 98.5);
  EXPECT_DOUBLE_EQ(card_.bonus.points, 1.0);
  EXPECT_DOUBLE_EQ(card_.penalty.points, 0.5);
  EXPECT_NEAR(card_.percent, (card_.points + 0.5) / 98.5 * 100, 1e-9);
  EXPECT_EQ(card_.band, "Khá");
}

TEST_F(ExampleTest, ShowsEveryStatus) {
  EXPECT_EQ(ItemOf(*c_, card_, "2.1.1").status, ItemStatus::kNotApplicable);
  for (const char* code : {"2.4.1", "4.3.1", "5.2.2"}) {
    EXPECT_EQ(ItemOf(*c_, card_, code).status, ItemStatus::kMissingEvidence) << code;
  }
  // 1.3.2 sits exactly on its 80 % threshold (4 of 5 inspections).
  const ItemScore& edge = ItemOf(*c_, card_, "1.3.2");
  EXPECT_EQ(edge.branch, ">= 80%");
  EXPECT_DOUBLE_EQ(edge.points, 0.25);
  for (const ItemScore& s : card_.items) {
    EXPECT_NE(s.status, ItemStatus::kError) << ExplainItem(c_->plan(), s, Lang::kEn);
    EXPECT_FALSE(ExplainItem(c_->plan(), s, Lang::kEn).empty());
    if (s.status == ItemStatus::kScored && s.group == ItemGroup::kArea &&
        c_->plan().items()[static_cast<size_t>(s.index)].evidence_required) {
      EXPECT_FALSE(s.evidence.empty())
          << c_->plan().items()[static_cast<size_t>(s.index)].item->code;
    }
  }
}

TEST_F(ExampleTest, AppraisalGivesSelfVersusAppraised) {
  ASSERT_TRUE(card_.appraised_percent.has_value());
  EXPECT_NEAR(*card_.appraised_percent, 76.55, 0.005);
}

TEST_F(ExampleTest, ScoreJsonMatchesGolden) {
  const std::string json = RenderScoreJson(c_->plan(), card_, RenderOptions{});
  golden::ExpectMatchesGolden(
      json, std::string(CCHC_SOURCE_DIR) + "/tests/golden/score/an-khanh-2026.json");
}

TEST_F(ExampleTest, RescoringTheSameEvidenceIsIdentical) {
  Scorecard again = ScoreAll(*c_, evidence_);
  ASSERT_EQ(again.items.size(), card_.items.size());
  for (size_t i = 0; i < again.items.size(); ++i) {
    EXPECT_EQ(again.items[i].points, card_.items[i].points);
    EXPECT_EQ(ExplainItem(c_->plan(), again.items[i], Lang::kVi),
              ExplainItem(c_->plan(), card_.items[i], Lang::kVi));
  }
  EXPECT_EQ(again.percent, card_.percent);
}

}  // namespace
}  // namespace cchc::testutil::example_test
