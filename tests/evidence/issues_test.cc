// Rendering of evidence issues: the parts that are empty are left out.
#include "evidence/issues.h"

#include <gtest/gtest.h>

namespace cchc::issues_test {
namespace {

TEST(RenderIssue, AllParts) {
  EvidenceIssue i{Severity::kError, "E509", "ak.json", 4, 17, "KH-01", "issued", "why"};
  EXPECT_EQ(RenderIssue(i), "ak.json:4:17: error[E509]: record \"KH-01\" field \"issued\": why");
}

TEST(RenderIssue, OmitsEmptyParts) {
  const struct {
    EvidenceIssue issue;
    const char* want;
  } cases[] = {
      {{Severity::kError, "E513", "big.json", 0, 0, "", "", "too big"},
       "big.json: error[E513]: too big"},
      {{Severity::kError, "E513", "big.json", 3, 0, "", "", "too big"},
       "big.json:3: error[E513]: too big"},
      {{Severity::kError, "E503", "big.json", 3, 0, "A", "", "no id"},
       "big.json:3: error[E503]: record \"A\": no id"},
      {{Severity::kWarning, "W512", "big.json", 3, 0, "", "year", "unknown"},
       "big.json:3: warning[W512]: field \"year\": unknown"},
      {{Severity::kWarning, "W512", "", 0, 0, "", "year", "unknown"},
       "warning[W512]: field \"year\": unknown"},
  };
  for (const auto& c : cases) EXPECT_EQ(RenderIssue(c.issue), c.want);
}

TEST(EvidenceCodeName, Letters) {
  EXPECT_EQ(EvidenceCodeName(EvidenceCode::kSyntax, Severity::kError), "E501");
  EXPECT_EQ(EvidenceCodeName(EvidenceCode::kUnknownKey, Severity::kWarning), "W512");
  EXPECT_FALSE(HasErrors({EvidenceIssue{Severity::kWarning, "W512"}}));
  EXPECT_TRUE(HasErrors({EvidenceIssue{Severity::kError, "E501"}}));
}

}  // namespace
}  // namespace cchc::issues_test
