// Explanations in words: the shipped example's score in both languages
// against golden files (regenerate with CCHC_UPDATE_GOLDENS=1 and review
// the diff), hand-written sentences of a few rule kinds, Vietnamese number
// formatting, and no English word left in the Vietnamese explanations.
#include "engine/render/explain.h"

#include <fstream>
#include <regex>
#include <sstream>

#include "engine/render/score.h"
#include "evidence/loader.h"
#include "tests/engine/engine_test_util.h"
#include "tests/golden_util.h"

namespace cchc::testutil::explain_test {
namespace {

std::string Read(const std::string& rel) {
  std::ifstream in(std::string(CCHC_SOURCE_DIR) + "/" + rel, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class ExplainExample : public ::testing::Test {
 protected:
  void SetUp() override {
    c_ = Compile(Read("examples/thai-nguyen-2026/criteria.cchc"));
    EvidenceLoad load = LoadEvidenceJson(Read("examples/an-khanh-2026/evidence.json"),
                                         "evidence.json", &c_->criteria());
    ASSERT_TRUE(load.ok()) << RenderIssues(load.issues);
    evidence_ = std::move(load.evidence);
    card_ = ScoreAll(*c_, evidence_);
  }
  const ItemScore& Item(const std::string& code) const {
    for (const ItemScore& s : card_.items) {
      if (c_->plan().items()[static_cast<size_t>(s.index)].item->code == code) return s;
    }
    ADD_FAILURE() << code;
    return card_.items.front();
  }
  static void Golden(const std::string& rel, const std::string& text) {
    golden::ExpectMatchesGolden(text, std::string(CCHC_SOURCE_DIR) + "/" + rel);
  }
  std::unique_ptr<const CompiledCriteria> c_;
  Evidence evidence_;
  Scorecard card_;
};

TEST_F(ExplainExample, HandWrittenSentences) {
  const Plan& plan = c_->plan();
  EXPECT_EQ(ExplainItem(plan, Item("3.2.1"), Lang::kVi),
            "96,00 % (1.152/1.200) → đạt mức ≥ 95 %: 3/4 điểm");
  EXPECT_EQ(ExplainItem(plan, Item("3.2.1"), Lang::kEn),
            "on_time = 96.00 % (1152 of 1200) → >= 95%: 3 of 4 points");
  EXPECT_EQ(ExplainItem(plan, Item("1.1.1"), Lang::kVi),
            "ngày 20/01/2026, hạn 31/01/2026 → đúng hạn: 1/1 điểm");
  EXPECT_EQ(ExplainItem(plan, Item("2.2.1"), Lang::kVi),
            "ngày 18/11/2026, chậm 3 ngày so với hạn 15/11/2026 → chậm hạn: 0,25/0,5 điểm");
  EXPECT_EQ(ExplainItem(plan, Item("1.1.2"), Lang::kVi),
            "61,11 % (11/18) → chưa đạt mức nào: 0/2 điểm");
  EXPECT_EQ(ExplainItem(plan, Item("3.4.3"), Lang::kVi),
            "85,00 % (1.020/1.200), mục tiêu 100,00 % → đạt 85 % của 1 điểm: 0,85/1 điểm");
  EXPECT_EQ(ExplainItem(plan, Item("1.2.1"), Lang::kVi),
            "1 trường hợp × 0,25 điểm, trừ vào 1 điểm → 0,75/1 điểm");
  EXPECT_EQ(ExplainItem(plan, Item("1.3.1"), Lang::kVi), "có → đạt: 0,5/0,5 điểm");
  EXPECT_EQ(BranchLabel(">= 95%", Lang::kVi), "đạt mức ≥ 95 %");
  EXPECT_EQ(BranchLabel("> 0.5", Lang::kVi), "đạt mức > 0,5");
  EXPECT_EQ(BranchLabel("no cases: full", Lang::kVi), "không phát sinh: đủ điểm");
  EXPECT_EQ(BranchLabel("no cases: full", Lang::kEn), "no cases: full");
}

TEST(LocalNumber, VietnameseGroupsThousandsAndUsesADecimalComma) {
  EXPECT_EQ(LocalNumber("1152", Lang::kVi), "1.152");
  EXPECT_EQ(LocalNumber("1234567.25", Lang::kVi), "1.234.567,25");
  EXPECT_EQ(LocalNumber("-0.5", Lang::kVi), "-0,5");
  EXPECT_EQ(LocalNumber("+12.5", Lang::kVi), "+12,5");
  EXPECT_EQ(LocalNumber("100", Lang::kVi), "100");
  EXPECT_EQ(LocalNumber("1152.5", Lang::kEn), "1152.5");
  EXPECT_EQ(LocalNumber("—", Lang::kVi), "—");
}

// No English word of a fixed list in the Vietnamese JSON explanations.
TEST_F(ExplainExample, VietnameseJsonExplanationsHaveNoEnglish) {
  const std::string json = RenderScoreJson(c_->plan(), card_, RenderOptions{});
  const std::regex field("\"explanation\": \"([^\"\\\\]*(?:\\\\.[^\"\\\\]*)*)\"");
  const std::regex english("\\b(points|deadline|on time|below|band|missing|else|of)\\b",
                           std::regex::icase);
  int n = 0;
  for (auto it = std::sregex_iterator(json.begin(), json.end(), field);
       it != std::sregex_iterator(); ++it, ++n) {
    const std::string text = (*it)[1];
    EXPECT_FALSE(text.empty());
    EXPECT_FALSE(std::regex_search(text, english)) << text;
  }
  EXPECT_EQ(n, static_cast<int>(card_.items.size()));
  // The English report keeps English.
  RenderOptions en;
  en.lang = Lang::kEn;
  EXPECT_NE(RenderScoreJson(c_->plan(), card_, en).find(" of 4 points"), std::string::npos);
}

// The Vietnamese JSON golden is example_test.cc's an-khanh-2026.json.
TEST_F(ExplainExample, GoldenOutputsInBothLanguages) {
  RenderOptions vi, en;
  en.lang = Lang::kEn;
  Golden("tests/golden/score/an-khanh-2026.en.json", RenderScoreJson(c_->plan(), card_, en));
  Golden("tests/golden/score/an-khanh-2026.vi.txt", RenderScoreTable(c_->plan(), card_, vi));
  Golden("tests/golden/score/an-khanh-2026.en.txt", RenderScoreTable(c_->plan(), card_, en));
}

}  // namespace
}  // namespace cchc::testutil::explain_test
