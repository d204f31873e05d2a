// `cchc synth` and `cchc batch` through the command functions: exit codes,
// failure isolation with totals, empty input, byte-identical output across
// --jobs and across synth runs, and the XLSX workbook read back with unzip.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/commands/commands.h"

namespace cchc::batch_cli_test {
namespace {

namespace fs = std::filesystem;

const std::string kSrc = CCHC_SOURCE_DIR;
const std::string kCriteria = kSrc + "/examples/thai-nguyen-2026/criteria.cchc";
const std::string kTemplate = kSrc + "/examples/an-khanh-2026/evidence.json";

struct CmdRun {
  int code = -1;
  std::string out, err;
};

fs::path Fresh(const std::string& name) {
  fs::path p = fs::temp_directory_path() / ("cchc_batch_cli_" + name);
  fs::remove_all(p);
  return p;
}

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

CmdRun Synth(const std::string& output, int units, uint64_t seed) {
  SynthOptions o;
  o.criteria = kCriteria;
  o.template_path = kTemplate;
  o.units = units;
  o.seed = seed;
  o.output = output;
  std::ostringstream out, err;
  CmdRun r;
  r.code = RunSynth(o, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

CmdRun Batch(const std::string& input, const std::string& format = "table", int jobs = 0,
             const std::string& output = "", const std::string& lang = "vi") {
  BatchOptions o;
  o.criteria = kCriteria;
  o.input = input;
  o.jobs = jobs;
  o.output.format = format;
  o.output.output = output;
  o.output.lang = lang;
  std::ostringstream out, err;
  CmdRun r;
  r.code = RunBatch(o, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

// The text of one file of a zip archive, via unzip -p.
std::string Unzip(const fs::path& zip, const std::string& member) {
  const std::string cmd = "unzip -p '" + zip.string() + "' '" + member + "' 2>/dev/null";
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  pclose(p);
  return out;
}

TEST(SynthCommand, FolderAndNdjsonSameSeedSameBytes) {
  const fs::path dir = Fresh("synth_dir");
  ASSERT_EQ(Synth(dir.string(), 5, 9).code, kExitOk);
  EXPECT_TRUE(fs::exists(dir / "TN0001.json"));
  EXPECT_TRUE(fs::exists(dir / "TN0005.json"));
  EXPECT_FALSE(fs::exists(dir / "TN0006.json"));
  const fs::path a = Fresh("a.ndjson"), b = Fresh("b.ndjson"), c = Fresh("c.ndjson");
  ASSERT_EQ(Synth(a.string(), 40, 9).code, kExitOk);
  ASSERT_EQ(Synth(b.string(), 40, 9).code, kExitOk);
  ASSERT_EQ(Synth(c.string(), 40, 10).code, kExitOk);
  const std::string one = Slurp(a);
  EXPECT_EQ(one, Slurp(b));
  EXPECT_NE(one, Slurp(c));
  EXPECT_EQ(std::count(one.begin(), one.end(), '\n'), 40);
}

TEST(SynthCommand, BadArgumentsExitTwo) {
  EXPECT_EQ(Synth(Fresh("zero.ndjson").string(), 0, 1).code, kExitInvalidInput);
  SynthOptions o;
  o.criteria = kCriteria;
  o.template_path = kSrc + "/no/such/evidence.json";
  o.output = Fresh("nt.ndjson").string();
  std::ostringstream out, err;
  EXPECT_EQ(RunSynth(o, out, err), kExitInvalidInput);
  EXPECT_NE(err.str().find("--template"), std::string::npos) << err.str();
}

TEST(BatchCommand, OneBadFileAmongGoodOnesExitsThreeWithTotals) {
  const fs::path dir = Fresh("mixed");
  ASSERT_EQ(Synth(dir.string(), 6, 4).code, kExitOk);
  std::ofstream(dir / "TN9999.json") << "{\"unit\": {\"code\": \"X\"}, \"records\": [";
  std::ofstream(dir / "notes.txt") << "ignored";
  CmdRun json = Batch(dir.string(), "json");
  EXPECT_EQ(json.code, kExitPartial) << json.err;
  EXPECT_NE(
      json.out.find("\"totals\": {\n    \"read\": 7,\n    \"scored\": 6,\n    \"failed\": 1\n  }"),
      std::string::npos)
      << json.out.substr(0, 400);
  EXPECT_NE(json.out.find("\"source\": \"" + (dir / "TN9999.json").string() + "\""),
            std::string::npos);
  EXPECT_NE(json.out.find("error[E501]"), std::string::npos);
  EXPECT_NE(json.err.find("batch: read 7, scored 6, failed 1"), std::string::npos) << json.err;
  EXPECT_NE(json.err.find("skipped 1"), std::string::npos) << json.err;
  CmdRun table = Batch(dir.string(), "table", 0, "", "en");
  EXPECT_EQ(table.code, kExitPartial);
  EXPECT_NE(table.err.find("batch: read 7, scored 6, failed 1"), std::string::npos) << table.err;
  EXPECT_NE(table.out.find("read 7, scored 6, failed 1"), std::string::npos);
  EXPECT_NE(table.out.find("TN9999.json"), std::string::npos);
}

TEST(BatchCommand, EmptyOrMissingInputExitsTwo) {
  const fs::path dir = Fresh("empty");
  fs::create_directories(dir);
  CmdRun r = Batch(dir.string());
  EXPECT_EQ(r.code, kExitInvalidInput);
  EXPECT_NE(r.err.find("no .json, .csv or .xlsx evidence files"), std::string::npos) << r.err;
  EXPECT_EQ(Batch(Fresh("nothing-here").string()).code, kExitInvalidInput);
  const fs::path blank = Fresh("blank.ndjson");
  std::ofstream(blank) << "\n\n";
  EXPECT_EQ(Batch(blank.string()).code, kExitInvalidInput);
  EXPECT_EQ(Batch(dir.string(), "xlsx").code, kExitInvalidInput);  // xlsx needs -o
}

TEST(BatchCommand, AllFailedExitsTwo) {
  const fs::path nd = Fresh("allbad.ndjson");
  std::ofstream(nd) << "{\n[\n";
  CmdRun r = Batch(nd.string(), "json");
  EXPECT_EQ(r.code, kExitInvalidInput);
  EXPECT_NE(r.out.find("\"source\": \"" + nd.string() + ":2\""), std::string::npos) << r.out;
}

TEST(BatchCommand, JsonIsByteIdenticalAcrossJobsAndRuns) {
  const fs::path nd = Fresh("det.ndjson");
  ASSERT_EQ(Synth(nd.string(), 92, 2026).code, kExitOk);
  CmdRun one = Batch(nd.string(), "json", 1);
  CmdRun two = Batch(nd.string(), "json", 2);
  CmdRun many = Batch(nd.string(), "json", 5);
  ASSERT_EQ(one.code, kExitOk) << one.err;
  EXPECT_EQ(one.out, two.out);
  EXPECT_EQ(one.out, many.out);
  EXPECT_NE(one.out.find("\"rank\": 1,"), std::string::npos);
  EXPECT_NE(one.out.find("\"largest_gaps\""), std::string::npos);
  CmdRun csv1 = Batch(nd.string(), "csv", 1), csv2 = Batch(nd.string(), "csv", 3);
  EXPECT_EQ(csv1.out, csv2.out);
  EXPECT_EQ(std::count(csv1.out.begin(), csv1.out.end(), '\n'), 93);  // header + 92
}

TEST(BatchCommand, XlsxIsARealWorkbook) {
  const fs::path dir = Fresh("xlsx_in");
  ASSERT_EQ(Synth(dir.string(), 8, 5).code, kExitOk);
  std::ofstream(dir / "broken.json") << "{";
  const fs::path xlsx = Fresh("out.xlsx");
  CmdRun r = Batch(dir.string(), "xlsx", 2, xlsx.string(), "en");
  ASSERT_EQ(r.code, kExitPartial) << r.err;
  ASSERT_TRUE(fs::exists(xlsx));
  const std::string workbook = Unzip(xlsx, "xl/workbook.xml");
  for (const char* sheet : {"Ranking", "Areas", "Item matrix", "Self vs appraised", "Failed"}) {
    EXPECT_NE(workbook.find(std::string("<sheet name=\"") + sheet + "\""), std::string::npos)
        << sheet << "\n"
        << workbook;
  }
  const std::string strings = Unzip(xlsx, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find(">Rank<"), std::string::npos);
  EXPECT_NE(strings.find(">TN0001<"), std::string::npos);
  EXPECT_NE(strings.find("broken.json"), std::string::npos);
  const std::string sheet1 = Unzip(xlsx, "xl/worksheets/sheet1.xml");
  // A1 is the header, A2 the first rank (a number), 8 unit rows + header.
  EXPECT_NE(sheet1.find("<c r=\"A1\""), std::string::npos);
  EXPECT_NE(sheet1.find("<c r=\"A2\"><v>1</v></c>"), std::string::npos) << sheet1.substr(0, 2000);
  EXPECT_NE(sheet1.find("<row r=\"9\""), std::string::npos);
  EXPECT_EQ(sheet1.find("<row r=\"10\""), std::string::npos);
  // Nothing left beside the workbook.
  for (const auto& e : fs::directory_iterator(xlsx.parent_path())) {
    EXPECT_EQ(e.path().filename().string().rfind("cchc_batch_cli_out.xlsx.tmp", 0),
              std::string::npos);
  }
}

}  // namespace
}  // namespace cchc::batch_cli_test
