// The evidence JSON writer round-trips what cchc ships and makes: the example
// commune and synthetic communes, written on one line and indented, read back
// by both evidence JSON readers to the same content, bit for bit.
#include <gtest/gtest.h>

#include <optional>
#include <sstream>
#include <string>

#include "cli/commands/load.h"
#include "engine/synth/synth.h"
#include "evidence/json_fast.h"
#include "evidence/json_writer.h"
#include "tests/evidence/same_load.h"

namespace cchc::json_writer_round_trip_test {
namespace {

const std::string kSrc = CCHC_SOURCE_DIR;

void ExpectRoundTrip(const Evidence& e, const Criteria& schema, const std::string& name) {
  for (bool pretty : {false, true}) {
    const std::string text = EvidenceToJson(e, pretty);
    const std::string label = name + (pretty ? " (pretty)" : " (one line)");
    EvidenceLoad sax = evidence_internal::LoadEvidenceJsonSax(text, label, &schema, {});
    EXPECT_TRUE(sax.issues.empty()) << label << "\n" << RenderIssues(sax.issues);
    EXPECT_EQ(testutil::ContentDifference(e, sax.evidence), "") << label;
    std::optional<EvidenceLoad> fast =
        evidence_internal::LoadEvidenceJsonFast(text, label, &schema, {});
    ASSERT_TRUE(fast.has_value()) << label << ": the fast reader declined";
    EXPECT_EQ(testutil::LoadDifference(*fast, sax), "") << label;
    EXPECT_EQ(EvidenceToJson(fast->evidence, pretty), text) << label;
  }
}

TEST(JsonWriterRoundTrip, ExampleAndSyntheticCommunes) {
  std::ostringstream err;
  const std::unique_ptr<const CompiledCriteria> criteria =
      LoadCriteria(kSrc + "/examples/thai-nguyen-2026/criteria.cchc", err);
  ASSERT_TRUE(criteria) << err.str();
  Evidence example;
  ASSERT_TRUE(LoadEvidence(kSrc + "/examples/an-khanh-2026/evidence.json", criteria->criteria(),
                           &example, err))
      << err.str();
  ASSERT_GT(example.records.size(), 50u);
  ExpectRoundTrip(example, criteria->criteria(), "an-khanh-2026");
  SynthConfig config;
  config.units = 60;
  config.seed = 11;
  int units = 0;
  Synthesize(criteria->plan(), example, config, [&](const SynthUnit& u) {
    ++units;
    ExpectRoundTrip(u.evidence, criteria->criteria(), u.evidence.unit.code);
  });
  EXPECT_EQ(units, 60);
}

}  // namespace
}  // namespace cchc::json_writer_round_trip_test
