// NdjsonFileInputs (an NDJSON file read line by line) against NdjsonInputs
// over the same text held whole: the same lines, names, numbers and texts for
// blank lines, CRLF, lone '\r', a missing final newline, at every chunk size.
#include "cli/commands/ndjson_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "engine/batch/batch.h"

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

std::vector<Line> All(const BatchInputs& in) {
  std::vector<Line> out;
  for (size_t i = 0; i < in.size(); ++i) {
    std::string buffer, error;
    std::string_view text;
    EXPECT_TRUE(in.Read(i, &buffer, &text, &error)) << error;
    out.push_back({in.Name(i), in.Line(i), std::string(text)});
  }
  return out;
}

TEST(NdjsonFileInputs, SameLinesAsTheWholeTextAtEveryChunkSize) {
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
  };
  const std::string path = TempPath("chunks");
  for (const std::string& text : texts) {
    Write(path, text);
    NdjsonInputs whole(path, text);
    const std::vector<Line> want = All(whole);
    for (size_t chunk : {1, 2, 3, 5, 7, 64, 1 << 20}) {
      std::unique_ptr<NdjsonFileInputs> file = NdjsonFileInputs::Open(path, 1 << 20, chunk);
      ASSERT_TRUE(file != nullptr);
      EXPECT_EQ(All(*file), want) << "text " << ::testing::PrintToString(text) << ", chunk "
                                  << chunk;
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

TEST(NdjsonFileInputs, AFileThatShrankIsAnError) {
  const std::string path = TempPath("shrank");
  Write(path, "{\"a\":1}\n{\"b\":2}\n");
  std::unique_ptr<NdjsonFileInputs> file = NdjsonFileInputs::Open(path, 100);
  ASSERT_TRUE(file != nullptr);
  ASSERT_EQ(file->size(), 2u);
  Write(path, "{}");
  std::string buffer, error;
  std::string_view text;
  EXPECT_FALSE(file->Read(1, &buffer, &text, &error));
  EXPECT_EQ(error, "the file is shorter than when it was opened");
  std::remove(path.c_str());
}

}  // namespace
}  // namespace cchc::ndjson_file_test
