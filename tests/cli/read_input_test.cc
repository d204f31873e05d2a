// ReadInput: the one way a command reads an input file, with one message shape
// and the codes of InputError for every kind of input.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "cli/commands/io.h"

namespace cchc::read_input_test {
namespace {

std::string Failure(const std::string& path, InputFile kind) {
  std::ostringstream err;
  EXPECT_FALSE(ReadInput(path, kind, err).has_value());
  return err.str();
}

TEST(ReadInput, MissingFileNamesTheKindAndCode) {
  const std::string missing = "/nonexistent/dir/file";
  EXPECT_EQ(Failure(missing, InputFile::kCriteria),
            missing + ": error[E107]: cannot read the criteria file: No such file or directory\n");
  EXPECT_EQ(Failure(missing, InputFile::kEvidence),
            missing + ": error[E590]: cannot read the evidence file: No such file or directory\n");
  EXPECT_EQ(Failure(missing, InputFile::kScenario),
            missing + ": error[E590]: cannot read the scenario file: No such file or directory\n");
  EXPECT_EQ(Failure(missing, InputFile::kTasks),
            missing + ": error[E590]: cannot read the task file: No such file or directory\n");
  EXPECT_EQ(Failure(missing, InputFile::kNdjson),
            missing + ": error[E590]: cannot read the NDJSON file: No such file or directory\n");
}

TEST(ReadInput, AFolderIsNotAFile) {
  const std::string dir = CCHC_SOURCE_DIR "/tests";
  EXPECT_EQ(Failure(dir, InputFile::kCriteria),
            dir + ": error[E107]: cannot read the criteria file: is a directory, not a file\n");
}

TEST(ReadInput, ReadsAFileWhole) {
  std::ostringstream err;
  auto text =
      ReadInput(CCHC_SOURCE_DIR "/examples/an-khanh-2026/evidence.json", InputFile::kEvidence, err);
  ASSERT_TRUE(text.has_value()) << err.str();
  EXPECT_TRUE(err.str().empty());
  EXPECT_EQ(text->front(), '{');
}

TEST(ReadInput, CodeNamesAndLimits) {
  EXPECT_EQ(InputErrorName(InputError::kCriteriaTooLarge), "E100");
  EXPECT_EQ(InputErrorName(InputError::kUnreadable), "E590");
  EXPECT_LT(InputLimit(InputFile::kCriteria), InputLimit(InputFile::kEvidence));
  EXPECT_LT(InputLimit(InputFile::kEvidence), InputLimit(InputFile::kNdjson));
}

}  // namespace
}  // namespace cchc::read_input_test
