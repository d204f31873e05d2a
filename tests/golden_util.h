// The one golden-file switch for every golden test. With CCHC_UPDATE_GOLDENS=1
// a test rewrites its golden file and fails, saying so, so that a rewrite is
// never mistaken for a pass; review the diff, then run again without it.
#ifndef CCHC_TESTS_GOLDEN_UTIL_H_
#define CCHC_TESTS_GOLDEN_UTIL_H_

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace cchc::golden {

inline constexpr const char* kUpdateVariable = "CCHC_UPDATE_GOLDENS";

// True when CCHC_UPDATE_GOLDENS is exactly "1". Any other value fails the
// calling test, so that a typo cannot silently compare instead of rewrite.
inline bool Updating() {
  const char* v = std::getenv(kUpdateVariable);
  if (v == nullptr || *v == '\0') return false;
  if (std::string_view(v) == "1") return true;
  ADD_FAILURE() << kUpdateVariable << "='" << v << "': set it to 1 to rewrite the golden files";
  return false;
}

// Compares `got` with the golden file at `path` byte for byte; under
// CCHC_UPDATE_GOLDENS=1 rewrites the file instead and fails, reporting it.
inline void ExpectMatchesGolden(const std::string& got, const std::filesystem::path& path) {
  if (Updating()) {
    std::ofstream(path, std::ios::binary) << got;
    ADD_FAILURE() << "rewrote " << path << " (" << kUpdateVariable
                  << "=1): review the diff, then run the tests again without it";
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << path << " is missing; create it with " << kUpdateVariable << "=1";
  std::ostringstream want;
  want << in.rdbuf();
  EXPECT_EQ(got, want.str()) << path << " differs; if the change is intended, regenerate with "
                             << kUpdateVariable << "=1 and review the diff";
}

}  // namespace cchc::golden

#endif  // CCHC_TESTS_GOLDEN_UTIL_H_
