// The two evidence JSON readers agree on synthetic communes (compact, as in
// NDJSON, and pretty-printed over many lines): the simdjson reader accepts
// every one, and the nlohmann SAX reader gives the same load with no issue;
// so do loaders kept across the documents, as batch keeps them, and one that
// keeps only the plan's fields (as batch's) scores every commune the same.
#include <gtest/gtest.h>

#include <optional>
#include <sstream>
#include <string>

#include "cli/commands/load.h"
#include "engine/core/evidence_index.h"
#include "engine/core/scorer.h"
#include "engine/synth/synth.h"
#include "evidence/json_fast.h"
#include "evidence/json_writer.h"
#include "evidence/validate.h"
#include "tests/evidence/same_load.h"

namespace cchc::json_fast_synth_test {
namespace {

const std::string kSrc = CCHC_SOURCE_DIR;

TEST(JsonFastSynth, SyntheticCommunesTakeTheFastPath) {
  Evidence tmpl;
  std::ostringstream err;
  const std::unique_ptr<const CompiledCriteria> criteria =
      LoadCriteria(kSrc + "/examples/thai-nguyen-2026/criteria.cchc", err);
  ASSERT_TRUE(criteria) << err.str();
  ASSERT_TRUE(LoadEvidence(kSrc + "/examples/an-khanh-2026/evidence.json", criteria->criteria(),
                           &tmpl, err))
      << err.str();
  SynthConfig config;
  config.units = 40;
  config.seed = 2026;
  int fast = 0;
  EvidenceLoad reused;  // every document loaded into the same load too
  // And by loaders kept across the documents, as batch keeps one per thread.
  EvidenceLoader kept(&criteria->criteria(), {});
  EvidenceLoader kept_no_origins(&criteria->criteria(), {}, /*origins=*/false);
  EvidenceLoad kept_load, kept_no_origins_load;
  // Batch's: only the fields the plan reads (and the require conditions).
  EvidenceLoader plan_fields(&criteria->criteria(), {}, /*origins=*/false);
  plan_fields.KeepOnlyFields(criteria->plan().fields());
  EvidenceLoad plan_fields_load;
  std::vector<std::string> kept_names = criteria->plan().fields();
  for (const RecordDecl& decl : criteria->criteria().records) {
    for (std::string& n : evidence_internal::EvidenceBuilder::InvariantFields(decl)) {
      kept_names.push_back(std::move(n));
    }
  }
  Scorer scorer(criteria->plan());
  scorer.set_explain(false);
  size_t dropped = 0;
  Synthesize(criteria->plan(), tmpl, config, [&](const SynthUnit& u) {
    for (bool pretty : {false, true}) {
      const std::string text = EvidenceToJson(u.evidence, pretty);
      const std::string name = u.evidence.unit.code + (pretty ? " (pretty)" : "");
      std::optional<EvidenceLoad> a =
          evidence_internal::LoadEvidenceJsonFast(text, name, &criteria->criteria(), {});
      EvidenceLoad b =
          evidence_internal::LoadEvidenceJsonSax(text, name, &criteria->criteria(), {});
      EXPECT_TRUE(b.issues.empty()) << name << "\n" << RenderIssues(b.issues);
      EXPECT_TRUE(evidence_internal::LoadEvidenceJsonFastInto(text, name, &criteria->criteria(), {},
                                                              &reused));
      EXPECT_EQ(testutil::LoadDifference(reused, b), "") << name << " (into a reused load)";
      kept.Load(text, name, &kept_load);
      EXPECT_EQ(testutil::LoadDifference(kept_load, b), "") << name << " (kept loader)";
      kept_no_origins.Load(text, name, &kept_no_origins_load);
      EXPECT_EQ(testutil::ContentDifference(kept_no_origins_load.evidence, b.evidence), "")
          << name << " (kept loader, no origins)";
      EXPECT_TRUE(kept_no_origins_load.issues.empty()) << name;
      plan_fields.Load(text, name, &plan_fields_load);
      EXPECT_TRUE(plan_fields_load.issues.empty()) << name;
      Evidence only = b.evidence;
      for (Record& r : only.records) {
        dropped += std::erase_if(r.fields, [&](const auto& f) {
          return std::find(kept_names.begin(), kept_names.end(), f.first) == kept_names.end();
        });
      }
      EXPECT_EQ(testutil::ContentDifference(plan_fields_load.evidence, only), "")
          << name << " (plan's fields only)";
      const EvidenceIndex full_index(criteria->plan(), b.evidence);
      const EvidenceIndex kept_index(criteria->plan(), plan_fields_load.evidence);
      const Scorecard full = scorer.Score(full_index), kept_card = scorer.Score(kept_index);
      EXPECT_EQ(full.percent, kept_card.percent) << name;
      for (size_t i = 0; i < full.items.size(); ++i) {
        EXPECT_EQ(full.items[i].points, kept_card.items[i].points) << name << " item " << i;
        EXPECT_EQ(full.items[i].status, kept_card.items[i].status) << name << " item " << i;
      }
      if (!a) continue;
      ++fast;
      EXPECT_EQ(testutil::LoadDifference(*a, b), "") << name;
    }
  });
  EXPECT_EQ(fast, 80);
  EXPECT_GT(dropped, 80u * 100);  // titles, issuers...: the comparison above is not vacuous
}

}  // namespace
}  // namespace cchc::json_fast_synth_test
