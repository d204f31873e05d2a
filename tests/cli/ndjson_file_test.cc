// NdjsonFileInputs (an NDJSON file read a window at a time) against
// NdjsonInputs over the same text held whole: the same lines, names, numbers
// and texts for blank lines, CRLF, lone '\r', a missing final newline, lines
// longer than a window, at every window size; only the current window reads.
#include "cli/commands/ndjson_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands/load.h"
#include "engine/batch/batch.h"
#include "engine/render/batch.h"
#include "evidence/loader.h"

namespace cchc::ndjson_file_test {
namespace {

std::string TempPath(const std::string& tag) {
  return ::testing::TempDir() + "/cchc_ndjson_file_" + tag + "_" + std::to_string(::getpid()) +
         ".ndjson";
}

void Write(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

struct Line {
  std::string name;
  size_t line;
  std::string text;
  bool operator==(const Line&) const = default;
};

std::vector<Line> All(BatchInputs& in) {
  std::vector<Line> out;
  size_t begin = 0;
  BatchFailure failure;
  do {
    for (size_t i = begin; i < in.size(); ++i) {
      std::string buffer, error;
      std::string_view text;
      EXPECT_TRUE(in.Read(i, &buffer, &text, &error)) << error;
      out.push_back({in.Name(i), in.Line(i), std::string(text)});
      // Parsed in place when padded: the bytes after each line are readable
      // (the sanitized build checks it).
      if (in.Padded()) {
        volatile char last = text.data()[text.size() + EvidenceLoader::kPadding - 1];
        (void)last;
      }
    }
    if (begin > 0) {  // an earlier window is gone
      std::string buffer, error;
      std::string_view text;
      EXPECT_FALSE(in.Read(begin - 1, &buffer, &text, &error));
    }
    // The progress total: an estimate no lower than what is met, exact at the end.
    EXPECT_GE(in.Expected(), in.size());
    begin = in.size();
  } while (in.NextWindow(&failure));
  EXPECT_TRUE(failure.error.empty()) << failure.error;
  EXPECT_TRUE(in.Complete());
  EXPECT_EQ(in.Expected(), in.size());
  return out;
}

// The JSON of a batch over `inputs`, scored against the example criteria.
std::string Render(const std::string& path, std::unique_ptr<BatchInputs> inputs) {
  static const std::unique_ptr<const CompiledCriteria> criteria = [] {
    std::ostringstream err;
    auto c = LoadCriteria(std::string(CCHC_SOURCE_DIR) + "/examples/thai-nguyen-2026/criteria.cchc",
                          err);
    EXPECT_TRUE(c) << err.str();
    return c;
  }();
  if (!inputs) return "cannot open " + path;
  BatchConfig config;
  config.jobs = 2;
  return RenderBatchJson(criteria->plan(), ScoreBatch(criteria->plan(), *inputs, config), {});
}

TEST(NdjsonFileInputs, SameLinesAsTheWholeTextAtEveryWindowSize) {
  const std::vector<std::string> texts = {
      "",
      "\n",
      "{\"a\":1}",
      "{\"a\":1}\n{\"b\":2}\n",
      "{\"a\":1}\r\n\r\n  \t \n{\"b\":2}\r\n",
      "\r\n\r",
      " \r \r\n",
      "x\r\r\n\ty\n \r\n\r \n \rz",
      "\n\n\n{}\n\n{\"c\":\"d\\ne\"}   \n   {}\r",
      std::string(300, ' ') + "\n{\"long\":\"" + std::string(200, 'x') + "\"}\n\n{}",
  };
  const std::string path = TempPath("chunks");
  for (const std::string& text : texts) {
    Write(path, text);
    NdjsonInputs whole(path, text);
    const std::vector<Line> want = All(whole);
    for (size_t window : {1, 2, 3, 5, 7, 64, 1 << 20}) {
      std::unique_ptr<NdjsonFileInputs> file = NdjsonFileInputs::Open(path, 1 << 20, window);
      ASSERT_TRUE(file != nullptr);
      EXPECT_EQ(All(*file), want) << "text " << ::testing::PrintToString(text) << ", window "
                                  << window;
    }
  }
  std::remove(path.c_str());
}

TEST(NdjsonFileInputs, DeclinesWhatItCannotScan) {
  const std::string path = TempPath("limit");
  Write(path, "{}\n{}\n");
  EXPECT_TRUE(NdjsonFileInputs::Open(path, 6) != nullptr);
  EXPECT_TRUE(NdjsonFileInputs::Open(path, 5) == nullptr);  // over the limit
  EXPECT_TRUE(NdjsonFileInputs::Open(path + ".missing", 100) == nullptr);
  EXPECT_TRUE(NdjsonFileInputs::Open(::testing::TempDir(), 100) == nullptr);  // a folder
  std::remove(path.c_str());
}

// The limit is checked on the bytes read too: a file that grows past it
// after the check at Open ends the reading with a failure that says where.
TEST(NdjsonFileInputs, AFileThatGrowsPastTheLimitStopsWithAFailure) {
  const std::string path = TempPath("grew");
  Write(path, "{\"a\":1}\n{\"b\":2}\n");
  std::unique_ptr<NdjsonFileInputs> file = NdjsonFileInputs::Open(path, 20, 4);
  ASSERT_TRUE(file != nullptr);
  ASSERT_EQ(file->size(), 1u);
  Write(path, "{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n{\"d\":4}\n");
  BatchFailure failure;
  while (file->NextWindow(&failure)) {
  }
  EXPECT_EQ(failure.source.rfind(path + ":", 0), 0u) << failure.source;
  EXPECT_NE(failure.error.find("grew past 20 bytes"), std::string::npos) << failure.error;
  EXPECT_TRUE(file->Complete());
  std::remove(path.c_str());
}

// A batch over a file read in windows of a few lines scores every line and
// reports failures with their file lines, as over the text held whole.
TEST(NdjsonFileInputs, ABatchOverSmallWindowsEqualsOneOverTheWholeText) {
  const std::string path = TempPath("batch");
  std::string text;
  for (int i = 0; i < 40; ++i) {
    text += i == 7 ? "{\"unit\": \n"
            : i % 9 == 3
                ? "\n"
                : "{\"unit\": {\"code\": \"U" + std::to_string(i % 37) + "\"}, \"records\": []}\n";
  }
  Write(path, text);
  const std::string want = Render(path, std::make_unique<NdjsonInputs>(path, text));
  for (size_t window : {1, 30, 100, 1 << 20}) {
    EXPECT_EQ(Render(path, NdjsonFileInputs::Open(path, 1 << 20, window)), want)
        << "window " << window;
  }
  std::remove(path.c_str());
}

}  // namespace
}  // namespace cchc::ndjson_file_test
