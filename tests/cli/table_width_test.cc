// Terminal tables fit a 100-column window by default (the items' explanations
// on their own lines) and keep every column with --wide; checked for every
// command that prints a table, on the shipped example, in both languages.
#include <gtest/gtest.h>

#include <functional>
#include <sstream>
#include <string>

#include "cli/commands/commands.h"
#include "criteria/source.h"

namespace cchc::table_width_test {
namespace {

const std::string kSrc = CCHC_SOURCE_DIR;
const std::string kCriteria = kSrc + "/examples/thai-nguyen-2026/criteria.cchc";
const std::string kExample = kSrc + "/examples/an-khanh-2026/";

// The widest line of `text`, in display cells (Vietnamese marks take none).
int WidestLine(const std::string& text) {
  int widest = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) widest = std::max(widest, DisplayWidth(line));
  return widest;
}

using Command = std::function<int(const OutputOptions&, std::ostream&, std::ostream&)>;

std::string RunTable(const Command& command, const std::string& lang, bool wide) {
  OutputOptions o;
  o.lang = lang;
  o.wide = wide;
  std::ostringstream out, err;
  EXPECT_EQ(command(o, out, err), kExitOk) << err.str();
  return out.str();
}

const std::vector<std::pair<std::string, Command>>& Commands() {
  static const std::vector<std::pair<std::string, Command>> kCommands = {
      {"score",
       [](const OutputOptions& out, std::ostream& o, std::ostream& e) {
         ScoreOptions s;
         s.criteria = kCriteria;
         s.evidence = kExample + "evidence.json";
         s.output = out;
         return RunScore(s, o, e);
       }},
      {"whatif",
       [](const OutputOptions& out, std::ostream& o, std::ostream& e) {
         WhatIfOptions s;
         s.criteria = kCriteria;
         s.evidence = kExample + "evidence.json";
         s.scenarios = {kExample + "scenario-dialogue.json"};
         s.output = out;
         return RunWhatIf(s, o, e);
       }},
      {"tasks",
       [](const OutputOptions& out, std::ostream& o, std::ostream& e) {
         TasksOptions s;
         s.criteria = kCriteria;
         s.evidence = kExample + "evidence.json";
         s.tasks = kExample + "tasks.json";
         s.budget = 30;
         s.output = out;
         return RunTasks(s, o, e);
       }},
      {"sensitivity",
       [](const OutputOptions& out, std::ostream& o, std::ostream& e) {
         SensitivityOptions s;
         s.criteria = kCriteria;
         s.evidence = kExample + "evidence.json";
         s.output = out;
         return RunSensitivity(s, o, e);
       }},
  };
  return kCommands;
}

TEST(TableWidth, EveryCommandFitsOneHundredColumnsByDefault) {
  for (const auto& [name, command] : Commands()) {
    for (const char* lang : {"vi", "en"}) {
      const std::string text = RunTable(command, lang, /*wide=*/false);
      EXPECT_LE(WidestLine(text), 100) << name << " --lang " << lang << "\n" << text;
    }
  }
}

TEST(TableWidth, WideKeepsTheFullTable) {
  const std::string fitted = RunTable(Commands()[0].second, "vi", false);
  const std::string wide = RunTable(Commands()[0].second, "vi", true);
  EXPECT_GT(WidestLine(wide), 100);
  // Fitted, the explanation stands under its item; wide, in its own section.
  EXPECT_NE(fitted.find("1.1.1  Ban hành Kế hoạch CCHC năm của UBND x…"), std::string::npos)
      << fitted;
  EXPECT_NE(fitted.find("\n       ngày 20/01/2026, hạn 31/01/2026 → đúng hạn: 1/1 điểm\n"),
            std::string::npos)
      << fitted;
  EXPECT_NE(wide.find("\nGiải thích\n"), std::string::npos) << wide;
  EXPECT_EQ(fitted.find("\nGiải thích\n"), std::string::npos) << fitted;
}

TEST(TableWidth, TasksSayWhichPartnerATaskNeeds) {
  const std::string text = RunTable(Commands()[2].second, "vi", false);
  EXPECT_NE(text.find("NV08: không tác động khi làm riêng; làm cùng NV14 thì chỉ số tăng thêm "
                      "1,02 điểm %"),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace cchc::table_width_test
