// The cchc command line: CLI11 parses flags, then the library's Run*
// functions do the work. Only this file includes CLI11.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands/commands.h"

namespace {

void AddOutputFlags(CLI::App* cmd, cchc::OutputOptions* o) {
  cmd->add_option("--format,-f", o->format, "table (default), json, csv or md");
  cmd->add_option("-o,--output", o->output, "write to FILE (atomically) instead of stdout");
  cmd->add_option("--lang", o->lang, "report labels: vi (default) or en");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"cchc — scores the commune administrative-reform index (Chỉ số CCHC)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "cchc 0.1.0");

  cchc::CheckOptions check;
  auto* check_cmd = app.add_subcommand("check", "check a criteria file and report every problem");
  check_cmd->add_option("CRITERIA", check.criteria, "criteria file (.cchc)")->required();
  check_cmd->add_flag("-q,--quiet", check.quiet, "print diagnostics only");

  cchc::FmtOptions fmt;
  auto* fmt_cmd = app.add_subcommand("fmt", "print a criteria file in canonical layout");
  fmt_cmd->add_option("CRITERIA", fmt.criteria, "criteria file (.cchc)")->required();
  fmt_cmd->add_flag("--check", fmt.check, "exit 1 when the file is not in canonical layout");
  fmt_cmd->add_option("-o,--output", fmt.output, "write to FILE (atomically)");

  cchc::ScoreOptions score;
  auto* score_cmd = app.add_subcommand("score", "score a commune's evidence against the criteria");
  score_cmd->add_option("CRITERIA", score.criteria, "criteria file (.cchc)")->required();
  score_cmd->add_option("EVIDENCE", score.evidence, "evidence file (.json or .csv)")->required();
  AddOutputFlags(score_cmd, &score.output);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : cchc::kExitInvalidInput;
  }
  if (*check_cmd) return cchc::RunCheck(check, std::cout, std::cerr);
  if (*fmt_cmd) return cchc::RunFmt(fmt, std::cout, std::cerr);
  if (*score_cmd) return cchc::RunScore(score, std::cout, std::cerr);
  return cchc::kExitFailure;
}
