// The cchc commands as plain functions over option structs, so tests call them
// without CLI11. Each writes results to `out`, diagnostics to `err`, and
// returns the exit code: 0 success, 2 invalid input, 3 partial batch, 1 other.
#ifndef CCHC_CLI_COMMANDS_COMMANDS_H_
#define CCHC_CLI_COMMANDS_COMMANDS_H_

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace cchc {

enum ExitCode { kExitOk = 0, kExitFailure = 1, kExitInvalidInput = 2, kExitPartial = 3 };

// Options every printing command shares.
// The format is --format, else the -o file's extension (.json, .csv, .md,
// and .xlsx for batch), else the table; a --format that contradicts the
// extension is an error (cli/commands/output.h).
struct OutputOptions {
  std::string format;       // table | json | csv | md; empty: from -o, else table
  std::string output;       // -o FILE; empty: stdout
  std::string lang = "vi";  // vi | en
  bool bom = false;         // a UTF-8 BOM before CSV, so that Excel reads it as UTF-8
  bool wide = false;        // --wide: terminal tables at full width
};

struct CheckOptions {
  std::string criteria;
  bool quiet = false;  // diagnostics only, no summary
};
int RunCheck(const CheckOptions& o, std::ostream& out, std::ostream& err);

struct FmtOptions {
  std::string criteria;
  bool check = false;  // exit 1 when the file is not canonical
  std::string output;
};
int RunFmt(const FmtOptions& o, std::ostream& out, std::ostream& err);

struct ScoreOptions {
  std::string criteria;
  std::string evidence;
  OutputOptions output;
  std::string weights;  // --weights equal|max|FILE: the index under it beside the official
};
int RunScore(const ScoreOptions& o, std::ostream& out, std::ostream& err);

// `cchc whatif CRITERIA EVIDENCE SCENARIO... [--set ID.FIELD=VALUE]...`:
// each scenario file is a column; the --set assignments, when given, form one
// more scenario. An effect that cannot apply (unknown record, an add of an
// existing id) is invalid input: exit 2, nothing printed.
struct WhatIfOptions {
  std::string criteria;
  std::string evidence;
  std::vector<std::string> scenarios;  // scenario JSON files
  std::vector<std::string> sets;       // ID.FIELD=VALUE
  OutputOptions output;
};
int RunWhatIf(const WhatIfOptions& o, std::ostream& out, std::ostream& err);

// `cchc tasks CRITERIA EVIDENCE TASKS`: task gains, best set for a budget,
// cheapest set for a target band (default: the next band above the current
// one), greedy order. An unknown band label or a negative budget: exit 2.
struct TasksOptions {
  std::string criteria;
  std::string evidence;
  std::string tasks;
  std::optional<double> budget;  // effort; none: no best-for-budget set
  std::string target_band;       // empty: the next band up (none when at the top)
  int threads = 0;               // <= 0: every core (ParallelFor)
  OutputOptions output;
};
int RunTasks(const TasksOptions& o, std::ostream& out, std::ostream& err);

// `cchc sensitivity CRITERIA EVIDENCE`: points lost, threshold distances,
// tornado.
struct SensitivityOptions {
  std::string criteria;
  std::string evidence;
  OutputOptions output;
};
int RunSensitivity(const SensitivityOptions& o, std::ostream& out, std::ostream& err);

// `cchc synth`: synthetic communes' evidence, deterministic in the seed.
// `output` ending in ".ndjson" gets one compact document per line; anything
// else is a folder (created if needed) of UNITCODE.json files. Writes are atomic.
struct SynthOptions {
  std::string criteria;
  int units = 92;
  uint64_t seed = 1;
  std::string template_path = "examples/an-khanh-2026/evidence.json";
  std::string province;  // empty: the criteria's province
  std::string output;    // DIR or FILE.ndjson; required
};
int RunSynth(const SynthOptions& o, std::ostream& out, std::ostream& err);

// `cchc batch`: scores a folder of .json/.csv/.xlsx evidence files or one .ndjson
// file in parallel and ranks the units. Exit 0 when every unit scored, 3 when
// some failed (each in failed[] / on stderr), 2 when none could be scored or
// the input is empty or unreadable. --format also takes xlsx (needs -o).
struct BatchOptions {
  std::string criteria;
  std::string input;
  int jobs = 0;          // <= 0: hardware concurrency
  int gaps = 10;         // largest self-vs-appraised gaps listed
  bool progress = true;  // draw a progress bar when stderr is a terminal
  std::string weights;   // --weights equal|max|FILE: index, band, rank under it beside the official
  OutputOptions output;
};
int RunBatch(const BatchOptions& o, std::ostream& out, std::ostream& err);

// `cchc uncertainty CRITERIA INPUT`: scores INPUT as `cchc batch` does, then
// runs a seeded Monte Carlo over survey error, appraisal acceptance and area
// weight noise (and the Sobol analysis with --sobol). Failed units are
// reported and left out: exit 3; exit 2 for invalid flags or input, or when
// no unit could be scored. docs/uncertainty.md has the method and the JSON.
struct UncertaintyOptions {
  std::string criteria;
  std::string input;
  int samples = 1000;
  uint64_t seed = 1;
  std::optional<double> survey_sd;  // shorthand for survey_noise "normal:SD"
  std::string survey_noise;         // a noise law ("uniform:0.1"); default normal:0.05
  double accept = 0.95;
  std::optional<double> weight_sd;  // shorthand for weight_noise "normal:SD"
  std::string weight_noise;         // default normal:0.1
  std::string weight_noise_file;    // per-area laws, `AREA LAW` lines
  std::string weights;              // --weights equal|max|FILE: the nominal weights
  std::string groups = "survey,appraisal,weights";
  bool sobol = false;
  std::string factors = "groups";  // Sobol factors: groups | areas | items
  int bootstrap = 200;
  double target_se = 0;      // > 0: sample until every standard error is at most this
  int max_samples = 100000;  // the cap with target_se
  std::string samples_out;   // per-sample export, .csv or .ndjson
  int jobs = 0;              // <= 0: hardware concurrency (scoring and sampling)
  OutputOptions output;
};
int RunUncertainty(const UncertaintyOptions& o, std::ostream& out, std::ostream& err);

// `cchc report CRITERIA EVIDENCE -o FILE`: the commune's report as one
// self-contained HTML file (default) or the XLSX self-assessment form, with
// the task chart and task sets when --tasks is given. -o is required; a
// missing -o, an unknown --format or --lang, or a negative budget: exit 2.
struct ReportCommandOptions {
  std::string criteria;
  std::string evidence;
  std::string tasks;             // optional task list (.json); HTML only
  std::optional<double> budget;  // effort budget for the best task set
  std::string format;            // html | xlsx; empty: from -o (.xlsx), else html
  std::string output;            // -o FILE; required
  std::string lang = "vi";       // vi | en
};
int RunReport(const ReportCommandOptions& o, std::ostream& out, std::ostream& err);

// `cchc template CRITERIA -o evidence.xlsx [--from EVIDENCE] [--unit CODE
// --name NAME]`: the evidence workbook to fill in, from the criteria's record
// declarations; with --from, filled with existing evidence (JSON, CSV or
// .xlsx). -o is required; bad criteria or evidence: exit 2.
struct TemplateCommandOptions {
  std::string criteria;
  std::string output;  // -o FILE (.xlsx); required
  std::string from;    // optional evidence file
  std::string unit_code, unit_name;
};
int RunTemplate(const TemplateCommandOptions& o, std::ostream& out, std::ostream& err);

}  // namespace cchc

#endif  // CCHC_CLI_COMMANDS_COMMANDS_H_
