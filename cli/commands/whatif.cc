// `cchc whatif CRITERIA EVIDENCE SCENARIO... [--set ID.FIELD=VALUE]...`: each
// scenario re-scored incrementally and shown beside the base.
#include "engine/analysis/whatif.h"

#include "cli/commands/commands.h"
#include "cli/commands/io.h"
#include "cli/commands/load.h"
#include "cli/commands/output.h"
#include "engine/render/analysis.h"
#include "evidence/scenario_loader.h"

namespace cchc {

int RunWhatIf(const WhatIfOptions& o, std::ostream& out, std::ostream& err) {
  std::string format_name;
  OutputFormat format;
  RenderOptions render;
  if (!ParseOutputFlags("whatif", o.output, false, &format_name, &format, &render, err))
    return kExitInvalidInput;
  if (o.scenarios.empty() && o.sets.empty()) {
    err << "error: give at least one SCENARIO file or --set ID.FIELD=VALUE\n";
    return kExitInvalidInput;
  }
  const std::unique_ptr<const CompiledCriteria> criteria = LoadCriteria(o.criteria, err);
  if (!criteria) return kExitInvalidInput;
  Evidence evidence;
  if (!LoadEvidence(o.evidence, criteria->criteria(), &evidence, err)) return kExitInvalidInput;

  // Load every scenario first, so that all problems are reported together.
  std::vector<Scenario> scenarios;
  std::vector<std::string> sources;
  bool bad = false;
  const ScenarioLimits limits;
  for (const std::string& path : o.scenarios) {
    auto text = ReadInput(path, InputFile::kScenario, err);
    if (!text) {
      bad = true;
      continue;
    }
    ScenarioLoad load = LoadScenarioJson(*text, path, &criteria->criteria(), &evidence, limits);
    for (const EvidenceIssue& issue : load.issues) err << RenderIssue(issue) << "\n";
    if (!load.ok()) {
      bad = true;
      continue;
    }
    if (load.scenario.name.empty()) load.scenario.name = path;
    scenarios.push_back(std::move(load.scenario));
    sources.push_back(path);
  }
  if (!o.sets.empty()) {
    Scenario inline_scenario;
    std::vector<EvidenceIssue> issues;
    for (const std::string& set : o.sets) {
      if (auto e = ParseSetAssignment(set, &criteria->criteria(), evidence, &issues)) {
        inline_scenario.effects.push_back(std::move(*e));
      }
    }
    for (const EvidenceIssue& issue : issues) err << RenderIssue(issue) << "\n";
    if (HasErrors(issues)) bad = true;
    inline_scenario.name = "--set";
    for (const std::string& set : o.sets) inline_scenario.name += " " + set;
    scenarios.push_back(std::move(inline_scenario));
    sources.push_back("--set");
  }
  if (bad) {
    err << "the scenarios have errors; nothing scored\n";
    return kExitInvalidInput;
  }

  WhatIf whatif(criteria->plan(), evidence);
  std::vector<WhatIfColumn> columns;
  for (size_t k = 0; k < scenarios.size(); ++k) {
    std::vector<std::string> problems;
    Scorecard card = whatif.Apply(scenarios[k].effects, &problems);
    for (const std::string& p : problems) {
      err << sources[k] << ": error["
          << EvidenceCodeName(EvidenceCode::kUnknownTarget, Severity::kError) << "]: " << p << "\n";
      bad = true;
    }
    columns.push_back({scenarios[k].name, sources[k], std::move(card)});
  }
  if (bad) return kExitInvalidInput;  // the loader resolves targets; kept as a guard
  return EmitOutput(RenderWhatIf(criteria->plan(), whatif.base_card(), columns, format, render),
                    o.output, format_name, render.lang, out, err)
             ? kExitOk
             : kExitFailure;
}

}  // namespace cchc
