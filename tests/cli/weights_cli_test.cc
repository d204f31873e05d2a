// `--weights` through the command functions: `score` and `batch` add the
// alternative index beside an unchanged official one (JSON equal once the
// added field is removed); by max reproduces the official index and rank;
// `uncertainty --weights` centres the run on the scheme; criteria that
// declare a scheme score officially under it.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli/commands/commands.h"

namespace cchc::weights_cli_test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kSrc = CCHC_SOURCE_DIR;
const std::string kCriteria = kSrc + "/examples/thai-nguyen-2026/criteria.cchc";
const std::string kEvidence = kSrc + "/examples/an-khanh-2026/evidence.json";

struct CmdRun {
  int code = -1;
  std::string out, err;
};

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// 12 synthetic communes as NDJSON, made once.
const std::string& Province() {
  static const std::string path = [] {
    const fs::path p = fs::temp_directory_path() / "cchc_weights_cli_12.ndjson";
    SynthOptions o;
    o.criteria = kCriteria;
    o.template_path = kEvidence;
    o.units = 12;
    o.seed = 7;
    o.output = p.string();
    std::ostringstream out, err;
    EXPECT_EQ(RunSynth(o, out, err), 0) << err.str();
    return p.string();
  }();
  return path;
}

CmdRun Score(const std::string& criteria, const std::string& weights,
             const std::string& format = "json") {
  ScoreOptions o;
  o.criteria = criteria;
  o.evidence = kEvidence;
  o.weights = weights;
  o.output.format = format;
  std::ostringstream out, err;
  CmdRun r;
  r.code = RunScore(o, out, err);
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

CmdRun Batch(const std::string& weights, const std::string& format = "json",
             const std::string& output = "") {
  BatchOptions o;
  o.criteria = kCriteria;
  o.input = Province();
  o.jobs = 1;
  o.progress = false;
  o.weights = weights;
  o.output.format = format;
  o.output.output = output;
  std::ostringstream out, err;
  CmdRun r;
  r.code = RunBatch(o, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

TEST(WeightsCli, ScoreAddsTheAlternativeOnly) {
  const CmdRun plain = Score(kCriteria, ""), equal = Score(kCriteria, "equal");
  ASSERT_EQ(plain.code, 0) << plain.err;
  ASSERT_EQ(equal.code, 0) << equal.err;
  json with = json::parse(equal.out);
  ASSERT_TRUE(with.contains("alternative"));
  EXPECT_EQ(with["alternative"]["scheme"], "equal");
  // Equal weights: the mean of the eight area percentages + (bonus − penalty) / max.
  double sum = 0;
  for (const auto& a : with["areas"]) sum += a["percent"].get<double>();
  const double adjust =
      (with["bonus"]["points"].get<double>() - with["penalty"]["points"].get<double>()) /
      with["max"].get<double>() * 100;
  EXPECT_NEAR(with["alternative"]["percent"].get<double>(), sum / 8 + adjust, 1e-9);
  with.erase("alternative");
  EXPECT_EQ(with, json::parse(plain.out));
  const CmdRun by_max = Score(kCriteria, "max");
  EXPECT_EQ(json::parse(by_max.out)["alternative"]["percent"], json::parse(plain.out)["percent"]);
  const CmdRun table = Score(kCriteria, "equal", "table");
  EXPECT_NE(table.out.find("Chỉ số theo trọng số bằng nhau: "), std::string::npos) << table.out;
  EXPECT_EQ(Score(kCriteria, "no-such-weights.txt").code, 2);
}

TEST(WeightsCli, BatchAddsAlternativeIndexBandAndRank) {
  const CmdRun plain = Batch(""), by_max = Batch("max"), equal = Batch("equal");
  ASSERT_EQ(plain.code, 0) << plain.err;
  const json p = json::parse(plain.out), m = json::parse(by_max.out);
  json e = json::parse(equal.out);
  ASSERT_EQ(m["units"].size(), 12u);
  for (const auto& u : m["units"]) {
    EXPECT_EQ(u["alternative"]["percent"], u["percent"]);
    EXPECT_EQ(u["alternative"]["rank"], u["rank"]);
    EXPECT_EQ(u["alternative"]["band"], u["band"]);
  }
  bool reordered = false;
  for (auto& u : e["units"]) {
    ASSERT_TRUE(u.contains("alternative"));
    reordered |= u["alternative"]["rank"] != u["rank"];
    u.erase("alternative");
  }
  EXPECT_EQ(e, p);  // every official field unchanged
  EXPECT_TRUE(reordered) << "equal weights should move some of the 12 communes";
  const CmdRun table = Batch("equal", "table");
  EXPECT_NE(table.out.find("Hạng*"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("(*) theo trọng số bằng nhau"), std::string::npos);
  const CmdRun csv = Batch("equal", "csv");
  EXPECT_NE(csv.out.find(",alternative_percent,alternative_band,alternative_rank\n"),
            std::string::npos);
  // The workbook's ranking sheet carries the three columns and the legend.
  const fs::path xlsx = fs::temp_directory_path() / "cchc_weights_cli_batch.xlsx";
  ASSERT_EQ(Batch("equal", "xlsx", xlsx.string()).code, 0);
  const std::string strings = Unzip(xlsx, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("Hạng*"), std::string::npos) << strings.substr(0, 500);
  EXPECT_NE(strings.find("(*) theo trọng số bằng nhau"), std::string::npos);
  const fs::path plain_xlsx = fs::temp_directory_path() / "cchc_weights_cli_plain.xlsx";
  ASSERT_EQ(Batch("", "xlsx", plain_xlsx.string()).code, 0);
  EXPECT_EQ(Unzip(plain_xlsx, "xl/sharedStrings.xml").find("Hạng*"), std::string::npos);
}

TEST(WeightsCli, UncertaintyIsCentredOnTheScheme) {
  UncertaintyOptions o;
  o.criteria = kCriteria;
  o.input = Province();
  o.samples = 50;
  o.jobs = 1;
  o.survey_sd = 0;
  o.accept = 1;
  o.weight_sd = 0;
  o.weights = "equal";
  o.output.format = "json";
  std::ostringstream out, err;
  ASSERT_EQ(RunUncertainty(o, out, err), 0) << err.str();
  const json u = json::parse(out.str());
  EXPECT_EQ(u["parameters"]["weights"]["scheme"], "equal");
  EXPECT_EQ(u["parameters"]["weights"]["areas"]["VIII"], 1.0);
  const json b = json::parse(Batch("equal").out);
  std::map<std::string, json> alt;
  for (const auto& x : b["units"]) alt[x["code"]] = x["alternative"];
  for (const auto& x : u["units"]) {
    const json& a = alt[x["code"].get<std::string>()];
    EXPECT_NEAR(x["base"]["percent"].get<double>(), a["percent"].get<double>(), 1e-12);
    EXPECT_EQ(x["base"]["rank"], a["rank"]);
    EXPECT_NEAR(x["percent"]["median"].get<double>(), a["percent"].get<double>(), 1e-9);
  }
  o.weights.clear();
  std::ostringstream out2, err2;
  ASSERT_EQ(RunUncertainty(o, out2, err2), 0) << err2.str();
  EXPECT_FALSE(json::parse(out2.str())["parameters"].contains("weights"));
}

// The example criteria with `weights: equal` declared: the official index is
// the equal-weight one, and `--weights max` gives back today's index.
TEST(WeightsCli, DeclaredSchemeIsOfficial) {
  std::string text = Slurp(kCriteria);
  const size_t at = text.find("  ties: shared\n");
  ASSERT_NE(at, std::string::npos);
  text.insert(at, "  weights: equal\n");
  const fs::path declared = fs::temp_directory_path() / "cchc_weights_cli_equal.cchc";
  std::ofstream(declared, std::ios::binary) << text;
  const CmdRun official = Score(declared.string(), "max");
  ASSERT_EQ(official.code, 0) << official.err;
  const json d = json::parse(official.out);
  const json equal = json::parse(Score(kCriteria, "equal").out);
  const json plain = json::parse(Score(kCriteria, "").out);
  EXPECT_EQ(d["percent"], equal["alternative"]["percent"]);
  EXPECT_EQ(d["band"], equal["alternative"]["band"]);
  EXPECT_EQ(d["alternative"]["percent"], plain["percent"]);
  EXPECT_EQ(d["alternative"]["scheme"], "max");
}

}  // namespace
}  // namespace cchc::weights_cli_test
