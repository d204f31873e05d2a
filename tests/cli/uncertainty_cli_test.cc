// `cchc uncertainty` through the command function: byte-identical output for
// one seed (any --jobs), zero noise collapsing onto the batch's index and
// rank, JSON fields, failed units reported with exit 3, and bad flags exit 2.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>

#include "cli/commands/commands.h"

namespace cchc::uncertainty_cli_test {
namespace {

namespace fs = std::filesystem;

const std::string kSrc = CCHC_SOURCE_DIR;
const std::string kCriteria = kSrc + "/examples/thai-nguyen-2026/criteria.cchc";
const std::string kTemplate = kSrc + "/examples/an-khanh-2026/evidence.json";

struct CmdRun {
  int code = -1;
  std::string out, err;
};

// 12 synthetic communes as NDJSON, made once.
const std::string& Province() {
  static const std::string path = [] {
    const fs::path p = fs::temp_directory_path() / "cchc_uncertainty_cli_12.ndjson";
    SynthOptions o;
    o.criteria = kCriteria;
    o.template_path = kTemplate;
    o.units = 12;
    o.seed = 7;
    o.output = p.string();
    std::ostringstream out, err;
    EXPECT_EQ(RunSynth(o, out, err), 0) << err.str();
    return p.string();
  }();
  return path;
}

UncertaintyOptions Options(const std::string& format = "json") {
  UncertaintyOptions o;
  o.criteria = kCriteria;
  o.input = Province();
  o.samples = 200;
  o.jobs = 1;
  o.output.format = format;
  return o;
}

CmdRun Unc(const UncertaintyOptions& o) {
  std::ostringstream out, err;
  CmdRun r;
  r.code = RunUncertainty(o, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

TEST(UncertaintyCli, SameSeedSameBytesAnyJobs) {
  UncertaintyOptions o = Options();
  o.sobol = true;
  o.bootstrap = 40;
  const CmdRun a = Unc(o);
  ASSERT_EQ(a.code, 0) << a.err;
  o.jobs = 2;
  const CmdRun b = Unc(o);
  EXPECT_EQ(a.out, b.out);
  o.seed = 2;
  const CmdRun c = Unc(o);
  EXPECT_NE(a.out, c.out);
  for (const char* format : {"table", "csv", "md"}) {
    UncertaintyOptions t = Options(format);
    const CmdRun x = Unc(t), y = Unc(t);
    EXPECT_EQ(x.code, 0) << format;
    EXPECT_EQ(x.out, y.out) << format;
    EXPECT_FALSE(x.out.empty()) << format;
  }
}

TEST(UncertaintyCli, JsonFieldsAndZeroNoise) {
  UncertaintyOptions o = Options();
  o.survey_sd = 0;
  o.accept = 1;
  o.weight_sd = 0;
  const CmdRun r = Unc(o);
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["parameters"]["samples"], 200);
  EXPECT_EQ(j["parameters"]["groups"].size(), 3u);
  EXPECT_TRUE(j["sobol"].is_null());
  EXPECT_EQ(j["totals"]["scored"], 12);
  ASSERT_EQ(j["units"].size(), 12u);
  int previous_rank = 0;
  for (const auto& u : j["units"]) {
    const double base = u["base"]["percent"];
    for (const char* k : {"mean", "median", "p5", "p95"}) EXPECT_NEAR(u["percent"][k], base, 1e-9);
    for (const char* k : {"median", "p5", "p95"}) EXPECT_EQ(u["rank"][k], u["base"]["rank"]);
    EXPECT_GE(u["base"]["rank"].get<int>(), previous_rank);
    previous_rank = u["base"]["rank"];
    double sum = 0;
    for (const auto& b : u["bands"]) {
      sum += b["probability"].get<double>();
      if (b["band"] == u["base"]["band"]) {
        EXPECT_EQ(b["probability"], 1.0);
      }
    }
    EXPECT_NEAR(sum, 1.0, 1e-12);
  }
  EXPECT_EQ(j["mean_rank_shift"], 0.0);
}

TEST(UncertaintyCli, SobolJson) {
  UncertaintyOptions o = Options();
  o.sobol = true;
  o.bootstrap = 30;
  o.groups = "weights,survey";
  const CmdRun r = Unc(o);
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j["sobol"].is_object());
  EXPECT_EQ(j["sobol"]["evaluations"], 800);
  ASSERT_EQ(j["sobol"]["factors"].size(), 2u);
  EXPECT_EQ(j["sobol"]["factors"][0]["factor"], "survey");
  EXPECT_EQ(j["sobol"]["factors"][1]["factor"], "weights");
  for (const auto& g : j["sobol"]["factors"]) {
    const auto& t = g["index"]["total"];
    EXPECT_LE(t["low"].get<double>(), t["estimate"].get<double>());
    EXPECT_GE(t["high"].get<double>(), t["estimate"].get<double>());
  }
}

TEST(UncertaintyCli, FailedUnitsAreReportedAndExcludedWithExit3) {
  const fs::path p = fs::temp_directory_path() / "cchc_uncertainty_cli_partial.ndjson";
  {
    std::ifstream in(Province());
    std::ofstream out(p);
    std::string line;
    for (int i = 0; i < 3 && std::getline(in, line); ++i) out << line << "\n";
    out << "{\"unit\": 5}\n";
  }
  UncertaintyOptions o = Options();
  o.input = p.string();
  const CmdRun r = Unc(o);
  EXPECT_EQ(r.code, 3) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["units"].size(), 3u);
  ASSERT_EQ(j["failed"].size(), 1u);
  EXPECT_NE(j["failed"][0]["source"].get<std::string>().find(":4"), std::string::npos);
  EXPECT_NE(r.err.find("failed: "), std::string::npos);
  EXPECT_NE(r.err.find("read 4, scored 3, failed 1"), std::string::npos);
  // The table lists the failure in its own section.
  o.output.format = "table";
  const CmdRun t = Unc(o);
  EXPECT_EQ(t.code, 3);
  EXPECT_NE(t.out.find("Không chấm được (1)"), std::string::npos);
}

TEST(UncertaintyCli, InvalidInputExits2) {
  auto code = [](UncertaintyOptions o) {
    const CmdRun r = Unc(o);
    EXPECT_FALSE(r.err.empty());
    EXPECT_TRUE(r.out.empty());
    return r.code;
  };
  UncertaintyOptions o = Options();
  o.samples = 0;
  EXPECT_EQ(code(o), 2);
  o = Options();
  o.accept = 1.2;
  EXPECT_EQ(code(o), 2);
  o = Options();
  o.groups = "survey,noise";
  EXPECT_EQ(code(o), 2);
  o = Options();
  o.output.format = "xlsx";
  EXPECT_EQ(code(o), 2);
  o = Options();
  o.input = "/nonexistent/communes.ndjson";
  EXPECT_EQ(code(o), 2);
  o = Options();
  o.criteria = "/nonexistent/criteria.cchc";
  EXPECT_EQ(code(o), 2);
  const fs::path bad = fs::temp_directory_path() / "cchc_uncertainty_cli_all_bad.ndjson";
  std::ofstream(bad) << "{\"unit\": 5}\nnot json\n";
  o = Options();
  o.input = bad.string();
  EXPECT_EQ(code(o), 2);
}

TEST(UncertaintyCli, EnglishLabelsAndFileOutput) {
  UncertaintyOptions o = Options("table");
  o.output.lang = "en";
  o.sobol = true;
  o.bootstrap = 10;
  const fs::path file = fs::temp_directory_path() / "cchc_uncertainty_cli_out.txt";
  fs::remove(file);
  o.output.output = file.string();
  const CmdRun r = Unc(o);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  EXPECT_NE(s.str().find("PAR index uncertainty"), std::string::npos);
  EXPECT_NE(s.str().find("Sobol indices per factor"), std::string::npos);
  // Fitted to 100 columns: the band probabilities in one column ("--wide"
  // shows the median rank and one column per band).
  EXPECT_NE(s.str().find("Possible bands (probability)"), std::string::npos);
  EXPECT_EQ(s.str().find("Median rank"), std::string::npos);
}

// The Vietnamese report writes every number the Vietnamese way: the noise
// laws in words, intervals as "[a; b]" (the comma is the decimal mark), the
// Sobol cells with two decimals, in the terminal table and in Markdown.
TEST(UncertaintyCli, VietnameseReportHasNoEnglishDecimals) {
  for (const std::string format : {"table", "wide", "md"}) {
    UncertaintyOptions o = Options(format == "wide" ? "table" : format);
    o.sobol = true;
    o.bootstrap = 10;
    o.output.wide = format == "wide";
    const CmdRun r = Unc(o);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("phân phối chuẩn, σ = 0,05"), std::string::npos) << format << r.out;
    EXPECT_NE(r.out.find("0,95)"), std::string::npos) << format;  // p = 0,95, maybe wrapped
    EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(\d,\d\d \[-?\d,\d\d; -?\d,\d\d\])")))
        << format << r.out;
    // No "0.24" or "[85.43, 90.04]" anywhere: a decimal point between digits
    // only appears in item codes ("1.1.2") and the criteria's file name.
    std::smatch m;
    EXPECT_FALSE(std::regex_search(r.out, m, std::regex(R"((^|[^.\d])\d+\.\d+([^.\d]|$))")))
        << format << ": " << m.str();
  }
}

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(UncertaintyCli, CoinrRecipePerAreaSobolAndSampleExport) {
  UncertaintyOptions o = Options();
  o.groups = "weights";
  o.weight_noise = "uniform:0.25";
  o.sobol = true;
  o.factors = "areas";
  o.bootstrap = 20;
  const fs::path csv = fs::temp_directory_path() / "cchc_uncertainty_cli_samples.csv";
  const fs::path ndjson = fs::temp_directory_path() / "cchc_uncertainty_cli_samples.ndjson";
  fs::remove(csv);
  fs::remove(ndjson);
  o.samples_out = csv.string();
  const CmdRun r = Unc(o);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err.find("warning"), std::string::npos) << r.err;  // 8 factors
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["parameters"]["weight_noise"]["I"], "uniform:0.25");
  EXPECT_EQ(j["parameters"]["factors"], "areas");
  EXPECT_EQ(j["moved_items"]["survey"], 0);
  EXPECT_EQ(j["moved_items"]["appraisal"], 0);
  EXPECT_EQ(j["sobol"]["level"], "areas");
  ASSERT_EQ(j["sobol"]["factors"].size(), 8u);
  EXPECT_EQ(j["sobol"]["factors"][0]["factor"], "weights:I");
  EXPECT_EQ(j["sobol"]["evaluations"], 200 * 10);
  const auto& unit = j["units"][0];
  ASSERT_EQ(unit["sobol"].size(), 8u);
  EXPECT_EQ(unit["sobol"][7]["factor"], "weights:VIII");
  EXPECT_TRUE(unit["rank"]["mean"].is_number());
  EXPECT_TRUE(unit["percent"]["se"]["p95"].is_number());
  EXPECT_EQ(j["convergence"]["samples"], 200);
  // The CSV export: a header, then 200 samples × 12 units, weights in [0.75, 1.25].
  const std::string text = ReadAll(csv);
  std::istringstream lines(text);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line.rfind("sample,code,index,rank,band,w:I,w:II,", 0), 0u) << line;
  size_t rows = 0;
  while (std::getline(lines, line)) {
    ++rows;
    const double w = std::stod(line.substr(line.rfind(',') + 1));
    EXPECT_GE(w, 0.75);
    EXPECT_LE(w, 1.25);
  }
  EXPECT_EQ(rows, 200u * 12);
  // NDJSON: one line per sample, the same values.
  o.samples_out = ndjson.string();
  o.output.format = "csv";
  const CmdRun c = Unc(o);
  ASSERT_EQ(c.code, 0) << c.err;
  std::istringstream nd(ReadAll(ndjson));
  std::getline(nd, line);
  const auto first = nlohmann::json::parse(line);
  EXPECT_EQ(first["sample"], 0);
  EXPECT_EQ(first["weights"].size(), 8u);
  EXPECT_EQ(first["units"].size(), 12u);
  EXPECT_EQ(first["units"][0]["rank"].get<int>() >= 1, true);
  // The CSV report carries the per-unit Sobol columns.
  EXPECT_NE(c.out.find(",mean_rank,se_mean,se_median,se_p5,se_p95,S:weights:I,"),
            std::string::npos);
}

TEST(UncertaintyCli, WarningsSingleFactorAndTargetCap) {
  UncertaintyOptions o = Options();
  o.groups = "weights";
  o.sobol = true;
  o.bootstrap = 0;
  CmdRun r = Unc(o);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("warning: the Sobol design has a single factor (weights)"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["warnings"].size(), 1u);
  o = Options();
  o.groups = "weights";
  o.target_se = 1e-6;
  o.max_samples = 400;
  r = Unc(o);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("not met at the cap of 400 samples"), std::string::npos) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["convergence"]["samples"], 400);
  EXPECT_EQ(j["convergence"]["target_met"], false);
}

TEST(UncertaintyCli, WeightNoiseFileAndFlagErrorsExit2) {
  const fs::path file = fs::temp_directory_path() / "cchc_uncertainty_cli_laws.txt";
  std::ofstream(file) << "# laws\nIII uniform:0.4\nVI discrete:0.5,1,1.5\n";
  UncertaintyOptions o = Options();
  o.groups = "weights";
  o.weight_noise_file = file.string();
  CmdRun r = Unc(o);
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["parameters"]["weight_noise"]["III"], "uniform:0.4");
  EXPECT_EQ(j["parameters"]["weight_noise"]["VI"], "discrete:0.5,1,1.5");
  EXPECT_EQ(j["parameters"]["weight_noise"]["I"], "normal:0.1");
  std::ofstream(file) << "III uniform:0.4\nXX normal:0.1\n";
  r = Unc(o);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find(file.string() + ":2:1: unknown area \"XX\""), std::string::npos) << r.err;
  auto expect_2 = [](UncertaintyOptions x, const std::string& needle) {
    const CmdRun y = Unc(x);
    EXPECT_EQ(y.code, 2) << needle;
    EXPECT_NE(y.err.find(needle), std::string::npos) << y.err;
  };
  o = Options();
  o.weight_noise = "uniform:2";
  expect_2(o, "--weight-noise");
  o = Options();
  o.weight_noise = "normal:0.1";
  o.weight_sd = 0.2;
  expect_2(o, "not both");
  o = Options();
  o.factors = "cells";
  expect_2(o, "--factors");
  o = Options();
  o.samples_out = "/tmp/samples.txt";
  expect_2(o, ".csv or .ndjson");
  o = Options();
  o.target_se = 0.1;
  o.max_samples = 10;
  expect_2(o, "--max-samples");
  o = Options();
  o.samples = 200000;
  o.samples_out = "/tmp/cchc_uncertainty_cli_too_many.csv";
  expect_2(o, "2000000 rows");
  EXPECT_FALSE(fs::exists(o.samples_out));
}

}  // namespace
}  // namespace cchc::uncertainty_cli_test
