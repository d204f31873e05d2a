// The two evidence JSON readers agree on synthetic communes (compact, as in
// NDJSON, and pretty-printed over many lines): the simdjson reader accepts
// every one, and the nlohmann SAX reader gives the same load with no issue;
// so do loaders kept across the documents, as batch keeps them.
#include <gtest/gtest.h>

#include <optional>
#include <sstream>
#include <string>

#include "cli/commands/load.h"
#include "engine/synth/synth.h"
#include "evidence/json_fast.h"
#include "evidence/json_writer.h"
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
      if (!a) continue;
      ++fast;
      EXPECT_EQ(testutil::LoadDifference(*a, b), "") << name;
    }
  });
  EXPECT_EQ(fast, 80);
}

}  // namespace
}  // namespace cchc::json_fast_synth_test
