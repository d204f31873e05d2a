// Exit codes and outputs of `whatif`, `tasks` and `sensitivity`, run as
// library functions on the shipped example and on broken inputs.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/commands/commands.h"

namespace cchc::cli_whatif_tasks_sensitivity_test {
namespace {

const std::string kDir = CCHC_SOURCE_DIR;
const std::string kCriteria = kDir + "/examples/thai-nguyen-2026/criteria.cchc";
const std::string kEvidence = kDir + "/examples/an-khanh-2026/evidence.json";
const std::string kTasks = kDir + "/examples/an-khanh-2026/tasks.json";
const std::string kScenario = kDir + "/examples/an-khanh-2026/scenario-dialogue.json";

std::string TempFile(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("cchc_wts_" + name);
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

TEST(WhatIfCommand, ScenarioAndSetSideBySide) {
  WhatIfOptions o;
  o.criteria = kCriteria;
  o.evidence = kEvidence;
  o.scenarios = {kScenario};
  o.sets = {"CL-CONGKHAI-TTHC.met=124"};
  o.output.format = "json";
  std::ostringstream out, err;
  ASSERT_EQ(RunWhatIf(o, out, err), kExitOk) << err.str();
  const std::string s = out.str();
  EXPECT_NE(s.find("\"scenarios\""), std::string::npos);
  EXPECT_NE(s.find("78.3162"), std::string::npos);              // the dialogue scenario
  EXPECT_NE(s.find("\"code\": \"3.1.1\""), std::string::npos);  // the --set column

  o.output.format = "table";
  o.output.lang = "en";
  std::ostringstream table, err2;
  ASSERT_EQ(RunWhatIf(o, table, err2), kExitOk) << err2.str();
  EXPECT_NE(table.str().find("Items that change"), std::string::npos);
  EXPECT_NE(table.str().find("78.32 %"), std::string::npos);
}

TEST(WhatIfCommand, InvalidInputsExitTwo) {
  const std::string bad_op = TempFile("bad_op.json", R"({"effects": [{"op": "move", "id": "X"}]})");
  const std::string unknown =
      TempFile("unknown.json", R"({"effects": [{"op": "remove", "id": "NO-SUCH"}]})");
  struct Case {
    std::vector<std::string> scenarios, sets;
    const char* expect;
  } cases[] = {
      {{bad_op}, {}, "E524"},
      {{unknown}, {}, "E525"},
      {{}, {"NO-SUCH.x=1"}, "E525"},
      {{}, {"TTHC-2026-T11.online=lots"}, "E509"},
      {{kDir + "/no/such/file.json"}, {}, "cannot read"},
      {{}, {}, "at least one"},
  };
  for (const Case& c : cases) {
    WhatIfOptions o;
    o.criteria = kCriteria;
    o.evidence = kEvidence;
    o.scenarios = c.scenarios;
    o.sets = c.sets;
    std::ostringstream out, err;
    EXPECT_EQ(RunWhatIf(o, out, err), kExitInvalidInput) << c.expect;
    EXPECT_NE(err.str().find(c.expect), std::string::npos) << err.str();
    EXPECT_TRUE(out.str().empty());
  }
}

TEST(TasksCommand, JsonCarriesTasksBestFirst) {
  TasksOptions o;
  o.criteria = kCriteria;
  o.evidence = kEvidence;
  o.tasks = kTasks;
  o.budget = 40;
  o.output.format = "json";
  std::ostringstream out, err;
  ASSERT_EQ(RunTasks(o, out, err), kExitOk) << err.str();
  const std::string s = out.str();
  const size_t nv11 = s.find("\"id\": \"NV11\""), nv10 = s.find("\"id\": \"NV10\""),
               nv18 = s.find("\"id\": \"NV18\"");
  ASSERT_NE(nv11, std::string::npos);
  EXPECT_LT(nv11, nv10);
  EXPECT_LT(nv10, nv18);
  EXPECT_NE(s.find("\"gain\": 0.3045685"), std::string::npos);
  // Default target: the next band up from Khá.
  EXPECT_NE(s.find("\"band\": \"Tốt\""), std::string::npos);
  EXPECT_NE(s.find("\"reachable\": true"), std::string::npos);
}

TEST(TasksCommand, TableShowsNoEffectTasksAndSets) {
  TasksOptions o;
  o.criteria = kCriteria;
  o.evidence = kEvidence;
  o.tasks = kTasks;
  o.budget = 40;
  o.target_band = "Xuất sắc";
  std::ostringstream out, err;
  ASSERT_EQ(RunTasks(o, out, err), kExitOk) << err.str();
  const std::string s = out.str();
  EXPECT_NE(s.find("không tác động"), std::string::npos);
  EXPECT_NE(s.find("{NV08, NV12, NV14, NV17}"), std::string::npos);
  EXPECT_NE(s.find("không thể đạt"), std::string::npos);  // 81.7 % at most
}

// A task title with a line break stays inside its Markdown cell: every line
// of the ranking table is a table row.
TEST(TasksCommand, MarkdownKeepsMultiLineTitlesInTheirCells) {
  std::ifstream in(kTasks, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  std::string tasks = buf.str();
  const std::string title = "\"Xây dựng Kế hoạch tuyên truyền CCHC năm 2026 của xã\"";
  const size_t at = tasks.find(title);
  ASSERT_NE(at, std::string::npos);
  tasks.replace(at, title.size(), "\"Xây dựng Kế hoạch tuyên truyền\\nCCHC | năm 2026\"");
  TasksOptions o;
  o.criteria = kCriteria;
  o.evidence = kEvidence;
  o.tasks = TempFile("multiline_tasks.json", tasks);
  o.output.format = "md";
  std::ostringstream out, err;
  ASSERT_EQ(RunTasks(o, out, err), kExitOk) << err.str();
  const std::string md = out.str();
  EXPECT_NE(md.find("| Xây dựng Kế hoạch tuyên truyền<br>CCHC \\| năm 2026 |"), std::string::npos)
      << md;
  std::istringstream lines(md);
  std::string line;
  bool in_table = false;
  int rows = 0;
  while (std::getline(lines, line)) {
    if (line.rfind("| # |", 0) == 0) in_table = true;
    if (!in_table) continue;
    if (line.empty()) break;
    EXPECT_EQ(line.front(), '|') << line;
    EXPECT_EQ(line.back(), '|') << line;
    ++rows;
  }
  EXPECT_EQ(rows, 2 + 18);  // header, rule, one row per task
}

TEST(TasksCommand, InvalidInputsExitTwo) {
  const std::string dup =
      TempFile("dup.json", R"({"tasks": [{"id": "A", "effort": 1}, {"id": "A", "effort": 1}]})");
  const std::string neg = TempFile("neg.json", R"({"tasks": [{"id": "A", "effort": -3}]})");
  struct Case {
    std::string tasks, band;
    std::optional<double> budget;
    const char* expect;
  } cases[] = {
      {dup, "", std::nullopt, "E526"},
      {neg, "", std::nullopt, "E527"},
      {kTasks, "Giỏi", std::nullopt, "unknown --target-band"},
      {kTasks, "", -5.0, "--budget"},
  };
  for (const Case& c : cases) {
    TasksOptions o;
    o.criteria = kCriteria;
    o.evidence = kEvidence;
    o.tasks = c.tasks;
    o.target_band = c.band;
    o.budget = c.budget;
    std::ostringstream out, err;
    EXPECT_EQ(RunTasks(o, out, err), kExitInvalidInput) << c.expect;
    EXPECT_NE(err.str().find(c.expect), std::string::npos) << err.str();
  }
}

TEST(SensitivityCommand, ExampleInEveryFormat) {
  for (const char* format : {"table", "json", "csv", "md"}) {
    SensitivityOptions o;
    o.criteria = kCriteria;
    o.evidence = kEvidence;
    o.output.format = format;
    o.output.lang = "en";
    std::ostringstream out, err;
    ASSERT_EQ(RunSensitivity(o, out, err), kExitOk) << format << err.str();
    EXPECT_NE(out.str().find("48 more on_time in TTHC-2026-T11"), std::string::npos) << format;
  }
  SensitivityOptions bad;
  bad.criteria = kCriteria;
  bad.evidence = kEvidence;
  bad.output.format = "xml";
  std::ostringstream out, err;
  EXPECT_EQ(RunSensitivity(bad, out, err), kExitInvalidInput);
}

}  // namespace
}  // namespace cchc::cli_whatif_tasks_sensitivity_test
