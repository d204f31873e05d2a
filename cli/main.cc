// The cchc command line: CLI11 parses flags, then the library's Run*
// functions do the work. Only this file includes CLI11.
#include <CLI/CLI.hpp>
#include <cctype>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands/commands.h"
#include "cli/commands/suggest.h"
#include "cli/serve/serve.h"

namespace {

void AddOutputFlags(CLI::App* cmd, cchc::OutputOptions* o) {
  cmd->add_option("--format,-f", o->format,
                  "table, json, csv or md (default: from the -o extension, else table); "
                  "contradicting the extension is an error");
  cmd->add_option("-o,--output", o->output, "write to FILE (atomically) instead of stdout");
  cmd->add_option("--lang", o->lang, "report labels: vi (default) or en");
  cmd->add_flag("--bom", o->bom, "CSV only: start with a UTF-8 BOM so that Excel shows Vietnamese");
  cmd->add_flag("--wide", o->wide, "terminal tables at full width (default: fit 100 columns)");
}

// "Example:" lines under a command's --help, run from the repository's root.
std::string Example(std::initializer_list<const char*> lines) {
  std::string s = "Example:";
  for (const char* line : lines) s += std::string("\n  ") + line;
  return s + "\n";
}

// After a failed parse: a clearer message, with "did you mean", for an
// unknown command or an unknown option of the command. False when the
// arguments show neither (CLI11's own message is printed then).
bool ExplainUnknown(const CLI::App& app, int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "error: no command given; for example 'cchc score CRITERIA EVIDENCE' (cchc "
                 "--help lists the commands)\n";
    return true;
  }
  if (argv[1][0] == '-') return false;
  const std::string typed = argv[1];
  const CLI::App* cmd = nullptr;
  std::vector<std::string> commands;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    commands.push_back(sub->get_name());
    if (sub->get_name() == typed) cmd = sub;
  }
  if (!cmd) {
    const std::string near = cchc::ClosestName(typed, commands);
    std::cerr << "error: unknown command '" << typed << "'";
    if (!near.empty()) std::cerr << "; did you mean '" << near << "'?";
    std::cerr << " (cchc --help lists the commands)\n";
    return true;
  }
  std::vector<std::string> longs;
  for (const CLI::Option* opt : cmd->get_options()) {
    for (const std::string& n : opt->get_lnames()) longs.push_back(n);
  }
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") break;
    std::string name;
    if (arg.size() > 2 && arg.compare(0, 2, "--") == 0) {
      name =
          arg.substr(2, arg.find('=') == std::string::npos ? std::string::npos : arg.find('=') - 2);
      const CLI::Option* opt = cmd->get_option_no_throw("--" + name);
      if (opt) {  // skip its value, which may itself start with '-'
        if (arg.find('=') == std::string::npos && opt->get_items_expected_min() > 0) ++i;
        continue;
      }
    } else if (arg.size() >= 2 && arg[0] == '-' &&
               std::isalpha(static_cast<unsigned char>(arg[1]))) {
      const CLI::Option* opt = cmd->get_option_no_throw(arg.substr(0, 2));
      if (opt) {
        if (arg.size() == 2 && opt->get_items_expected_min() > 0) ++i;
        continue;
      }
    } else {
      continue;
    }
    const std::string near = name.empty() ? "" : cchc::ClosestName(name, longs);
    std::cerr << "error: unknown option '" << arg.substr(0, arg.find('=')) << "' for 'cchc "
              << typed << "'";
    if (!near.empty()) std::cerr << "; did you mean '--" << near << "'?";
    std::cerr << " (cchc " << typed << " --help lists the options)\n";
    return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"cchc — scores the commune administrative-reform index (Chỉ số CCHC)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "cchc 0.1.0");
  app.footer("Run 'cchc COMMAND --help' for a command's options and an example.\n");

  cchc::CheckOptions check;
  auto* check_cmd = app.add_subcommand("check", "check a criteria file and report every problem");
  check_cmd->add_option("CRITERIA", check.criteria, "criteria file (.cchc)")->required();
  check_cmd->add_flag("-q,--quiet", check.quiet, "print diagnostics only");
  check_cmd->footer(Example({"cchc check examples/thai-nguyen-2026/criteria.cchc"}));

  cchc::FmtOptions fmt;
  auto* fmt_cmd = app.add_subcommand("fmt", "print a criteria file in canonical layout");
  fmt_cmd->add_option("CRITERIA", fmt.criteria, "criteria file (.cchc)")->required();
  fmt_cmd->add_flag("--check", fmt.check, "exit 1 when the file is not in canonical layout");
  fmt_cmd->add_option("-o,--output", fmt.output, "write to FILE (atomically)");
  fmt_cmd->footer(Example({"cchc fmt examples/thai-nguyen-2026/criteria.cchc --check"}));

  cchc::ScoreOptions score;
  auto* score_cmd = app.add_subcommand("score", "score a commune's evidence against the criteria");
  score_cmd->add_option("CRITERIA", score.criteria, "criteria file (.cchc)")->required();
  score_cmd->add_option("EVIDENCE", score.evidence, "evidence file (.json, .csv or .xlsx)")
      ->required();
  score_cmd->add_option("--weights", score.weights,
                        "also the index under other weights: equal, equal-criteria, max or a "
                        "FILE of `AREA WEIGHT` (and `CRITERION WEIGHT`) lines");
  AddOutputFlags(score_cmd, &score.output);
  score_cmd->footer(Example({"cchc score examples/thai-nguyen-2026/criteria.cchc \\",
                             "    examples/an-khanh-2026/evidence.json",
                             "cchc score examples/thai-nguyen-2026/criteria.cchc \\",
                             "    examples/an-khanh-2026/evidence.json -o an-khanh.csv --bom"}));

  cchc::SynthOptions synth;
  auto* synth_cmd = app.add_subcommand("synth", "generate synthetic communes' evidence (seeded)");
  synth_cmd->add_option("CRITERIA", synth.criteria, "criteria file (.cchc)")->required();
  synth_cmd->add_option("--units,-n", synth.units, "number of communes (default 92)");
  synth_cmd->add_option("--seed,-s", synth.seed, "random seed (default 1)");
  synth_cmd->add_option("--template", synth.template_path,
                        "template evidence (default examples/an-khanh-2026/evidence.json)");
  synth_cmd->add_option("--province", synth.province, "province name (default: the criteria's)");
  synth_cmd->add_option("-o,--output", synth.output, "DIR (one UNITCODE.json each) or FILE.ndjson")
      ->required();
  synth_cmd->footer(Example(
      {"cchc synth examples/thai-nguyen-2026/criteria.cchc --units 92 --seed 2026 -o communes/"}));

  cchc::BatchOptions batch;
  auto* batch_cmd = app.add_subcommand("batch", "score, rank and summarise many communes");
  batch_cmd->add_option("CRITERIA", batch.criteria, "criteria file (.cchc)")->required();
  batch_cmd->add_option("INPUT", batch.input, "folder of .json/.csv/.xlsx evidence, or one .ndjson")
      ->required();
  batch_cmd->add_option("--jobs,-j", batch.jobs, "worker threads (default: all cores)");
  batch_cmd->add_option("--gaps", batch.gaps, "largest self-vs-appraised gaps listed (default 10)");
  batch_cmd->add_flag("!--no-progress", batch.progress, "no progress bar on stderr");
  batch_cmd->add_option("--weights", batch.weights,
                        "also index, band, rank under other weights: equal, equal-criteria, max "
                        "or a FILE");
  AddOutputFlags(batch_cmd, &batch.output);
  batch_cmd->get_option("--format")
      ->description(
          "table, json, csv, md or xlsx (default: from the -o extension, else table); "
          "contradicting the extension is an error");
  batch_cmd->footer(Example(
      {"cchc batch examples/thai-nguyen-2026/criteria.cchc communes/ -o thai-nguyen-2026.xlsx"}));

  // What-if, tasks and sensitivity.
  cchc::WhatIfOptions whatif;
  auto* whatif_cmd =
      app.add_subcommand("whatif", "re-score under scenarios, shown beside the base");
  whatif_cmd->add_option("CRITERIA", whatif.criteria, "criteria file (.cchc)")->required();
  whatif_cmd->add_option("EVIDENCE", whatif.evidence, "evidence file (.json, .csv or .xlsx)")
      ->required();
  whatif_cmd->add_option("SCENARIO", whatif.scenarios, "scenario files (.json), one column each");
  whatif_cmd->add_option("--set", whatif.sets, "ID.FIELD=VALUE, repeatable: one more scenario");
  AddOutputFlags(whatif_cmd, &whatif.output);
  whatif_cmd->footer(Example({"cchc whatif examples/thai-nguyen-2026/criteria.cchc \\",
                              "    examples/an-khanh-2026/evidence.json \\",
                              "    examples/an-khanh-2026/scenario-dialogue.json"}));

  cchc::TasksOptions tasks;
  double tasks_budget = 0;
  auto* tasks_cmd =
      app.add_subcommand("tasks", "rank the plan's tasks by index gain; best task sets");
  tasks_cmd->add_option("CRITERIA", tasks.criteria, "criteria file (.cchc)")->required();
  tasks_cmd->add_option("EVIDENCE", tasks.evidence, "evidence file (.json, .csv or .xlsx)")
      ->required();
  tasks_cmd->add_option("TASKS", tasks.tasks, "task list (.json)")->required();
  auto* budget_opt = tasks_cmd->add_option("--budget", tasks_budget, "effort budget (person-days)");
  tasks_cmd->add_option("--target-band", tasks.target_band,
                        "band to reach at least cost (default: the next band up); any letter "
                        "case, accents composed or not");
  tasks_cmd->add_option("--threads", tasks.threads,
                        "threads for the exact search (default: all cores)");
  AddOutputFlags(tasks_cmd, &tasks.output);
  tasks_cmd->footer(
      Example({"cchc tasks examples/thai-nguyen-2026/criteria.cchc \\",
               "    examples/an-khanh-2026/evidence.json \\",
               "    examples/an-khanh-2026/tasks.json --budget 30 --target-band tốt"}));

  cchc::SensitivityOptions sensitivity;
  auto* sensitivity_cmd =
      app.add_subcommand("sensitivity", "points lost, distances to thresholds, tornado");
  sensitivity_cmd->add_option("CRITERIA", sensitivity.criteria, "criteria file (.cchc)")
      ->required();
  sensitivity_cmd
      ->add_option("EVIDENCE", sensitivity.evidence, "evidence file (.json, .csv or .xlsx)")
      ->required();
  AddOutputFlags(sensitivity_cmd, &sensitivity.output);
  sensitivity_cmd->footer(Example({"cchc sensitivity examples/thai-nguyen-2026/criteria.cchc \\",
                                   "    examples/an-khanh-2026/evidence.json"}));

  cchc::UncertaintyOptions uncertainty;
  auto* uncertainty_cmd = app.add_subcommand(
      "uncertainty", "Monte Carlo index and rank intervals, band probabilities, Sobol indices");
  uncertainty_cmd->add_option("CRITERIA", uncertainty.criteria, "criteria file (.cchc)")
      ->required();
  uncertainty_cmd
      ->add_option("INPUT", uncertainty.input,
                   "folder of .json/.csv/.xlsx evidence, or one .ndjson")
      ->required();
  uncertainty_cmd->add_option("--samples,-n", uncertainty.samples,
                              "Monte Carlo samples (default 1000)");
  uncertainty_cmd->add_option("--seed,-s", uncertainty.seed, "random seed (default 1)");
  uncertainty_cmd->add_option("--survey-sd", uncertainty.survey_sd,
                              "relative survey error σ: --survey-noise normal:SD");
  uncertainty_cmd->add_option(
      "--survey-noise", uncertainty.survey_noise,
      "survey points multiplier: normal:SD, uniform:X or discrete:V1,V2,… (default normal:0.05)");
  uncertainty_cmd->add_option("--accept", uncertainty.accept,
                              "probability self-assessed evidence is accepted (default 0.95)");
  uncertainty_cmd->add_option("--weight-sd", uncertainty.weight_sd,
                              "relative area weight noise σ: --weight-noise normal:SD");
  uncertainty_cmd->add_option(
      "--weight-noise", uncertainty.weight_noise,
      "area weight multiplier: normal:SD, uniform:X (COINr) or discrete:V1,… (default normal:0.1)");
  uncertainty_cmd->add_option("--weight-noise-file", uncertainty.weight_noise_file,
                              "per-area weight laws, one `AREA LAW` line each");
  uncertainty_cmd->add_option("--weights", uncertainty.weights,
                              "nominal area weights: equal, max (default) or a FILE");
  uncertainty_cmd->add_option("--groups", uncertainty.groups,
                              "input groups, comma-separated (default survey,appraisal,weights)");
  uncertainty_cmd->add_flag("--sobol", uncertainty.sobol, "Sobol first-order and total indices");
  uncertainty_cmd->add_option("--factors", uncertainty.factors,
                              "Sobol factors: groups (default), areas or items");
  uncertainty_cmd->add_option("--bootstrap", uncertainty.bootstrap,
                              "bootstrap resamples for the Sobol intervals (default 200)");
  uncertainty_cmd->add_option("--target-se", uncertainty.target_se,
                              "sample until every standard error is at most this (index points)");
  uncertainty_cmd->add_option("--max-samples", uncertainty.max_samples,
                              "the sample cap with --target-se (default 100000)");
  uncertainty_cmd->add_option(
      "--samples-out", uncertainty.samples_out,
      "write every sample (weights, index, rank, band) to FILE.csv|.ndjson");
  uncertainty_cmd->add_option("--jobs,-j", uncertainty.jobs, "threads (default: all cores)");
  AddOutputFlags(uncertainty_cmd, &uncertainty.output);
  uncertainty_cmd->footer(Example(
      {"cchc synth examples/thai-nguyen-2026/criteria.cchc --units 92 --seed 2026 -o communes/",
       "cchc uncertainty examples/thai-nguyen-2026/criteria.cchc communes/ --sobol"}));

  // The commune's report (HTML or the XLSX self-assessment form).
  cchc::ReportCommandOptions report;
  double report_budget = 0;
  auto* report_cmd =
      app.add_subcommand("report", "the commune's HTML report or XLSX self-assessment form");
  report_cmd->add_option("CRITERIA", report.criteria, "criteria file (.cchc)")->required();
  report_cmd->add_option("EVIDENCE", report.evidence, "evidence file (.json, .csv or .xlsx)")
      ->required();
  report_cmd->add_option("--tasks", report.tasks,
                         "task list (.json): task chart and task sets (HTML)");
  auto* report_budget_opt =
      report_cmd->add_option("--budget", report_budget, "effort budget for the best task set");
  report_cmd->add_option("--format,-f", report.format,
                         "html or xlsx (default: from the -o extension, else html); "
                         "contradicting the extension is an error");
  report_cmd->add_option("-o,--output", report.output, "write to FILE (atomically); required");
  report_cmd->add_option("--lang", report.lang, "report labels: vi (default) or en");
  report_cmd->footer(Example({"cchc report examples/thai-nguyen-2026/criteria.cchc \\",
                              "    examples/an-khanh-2026/evidence.json -o an-khanh.html",
                              "cchc report examples/thai-nguyen-2026/criteria.cchc \\",
                              "    examples/an-khanh-2026/evidence.json -o an-khanh.xlsx"}));

  // The self-assessment in a browser (one commune, or a province's batch).
  cchc::ServeOptions serve;
  auto* serve_cmd =
      app.add_subcommand("serve", "the self-assessment in a web browser (dashboard, editor, plan)");
  serve_cmd->add_option("CRITERIA", serve.criteria, "criteria file (.cchc)")->required();
  serve_cmd
      ->add_option("EVIDENCE", serve.input,
                   "evidence file (.json, editable), or a folder / .ndjson of communes")
      ->required();
  serve_cmd->add_option("--tasks", serve.tasks, "task list (.json) for the task planner");
  serve_cmd->add_option("--port,-p", serve.port, "port (default 8080; 0: any free port)");
  serve_cmd->add_option("--host", serve.host, "address to listen on (default 127.0.0.1)");
  serve_cmd->add_option("--token", serve.token,
                        "access token required on every request (generated and printed when "
                        "not given)");
  serve_cmd->add_option("--lang", serve.lang, "page language: vi (default) or en");
  serve_cmd->footer(
      Example({"cp examples/an-khanh-2026/evidence.json an-khanh.json   # saving edits the file",
               "cchc serve examples/thai-nguyen-2026/criteria.cchc an-khanh.json \\",
               "    --tasks examples/an-khanh-2026/tasks.json"}));

  cchc::TemplateCommandOptions templ;
  auto* template_cmd =
      app.add_subcommand("template", "write the evidence workbook (.xlsx) for offices to fill in");
  template_cmd->add_option("CRITERIA", templ.criteria, "criteria file (.cchc)")->required();
  template_cmd->add_option("-o,--output", templ.output, "the workbook to write (.xlsx)")
      ->required();
  template_cmd->add_option("--from", templ.from,
                           "fill it with this evidence (.json, .csv or .xlsx)");
  template_cmd->add_option("--unit", templ.unit_code, "the unit's code (Mã đơn vị)");
  template_cmd->add_option("--name", templ.unit_name, "the unit's name (Tên đơn vị)");
  template_cmd->footer(
      Example({"cchc template examples/thai-nguyen-2026/criteria.cchc -o an-khanh.xlsx --unit AK "
               "--name \"Xã An Khánh\""}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() != 0 && ExplainUnknown(app, argc, argv)) return cchc::kExitInvalidInput;
    const int code = app.exit(e);
    return code == 0 ? 0 : cchc::kExitInvalidInput;
  }
  if (*check_cmd) return cchc::RunCheck(check, std::cout, std::cerr);
  if (*template_cmd) return cchc::RunTemplate(templ, std::cout, std::cerr);
  if (*fmt_cmd) return cchc::RunFmt(fmt, std::cout, std::cerr);
  if (*score_cmd) return cchc::RunScore(score, std::cout, std::cerr);
  if (*synth_cmd) return cchc::RunSynth(synth, std::cout, std::cerr);
  if (*batch_cmd) return cchc::RunBatch(batch, std::cout, std::cerr);
  if (*whatif_cmd) return cchc::RunWhatIf(whatif, std::cout, std::cerr);
  if (*tasks_cmd) {
    if (budget_opt->count() > 0) tasks.budget = tasks_budget;
    return cchc::RunTasks(tasks, std::cout, std::cerr);
  }
  if (*sensitivity_cmd) return cchc::RunSensitivity(sensitivity, std::cout, std::cerr);
  if (*uncertainty_cmd) return cchc::RunUncertainty(uncertainty, std::cout, std::cerr);
  if (*report_cmd) {
    if (report_budget_opt->count() > 0) report.budget = report_budget;
    return cchc::RunReport(report, std::cout, std::cerr);
  }
  if (*serve_cmd) return cchc::RunServe(serve, std::cout, std::cerr);
  return cchc::kExitFailure;
}
