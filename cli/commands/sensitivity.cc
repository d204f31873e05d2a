// `cchc sensitivity CRITERIA EVIDENCE`: points lost per item, the distance
// from each numeric input to its next threshold, and a tornado table.
#include "engine/analysis/sensitivity.h"

#include "cli/commands/commands.h"
#include "cli/commands/load.h"
#include "cli/commands/output.h"
#include "engine/render/analysis.h"

namespace cchc {

int RunSensitivity(const SensitivityOptions& o, std::ostream& out, std::ostream& err) {
  std::string format_name;
  OutputFormat format;
  RenderOptions render;
  if (!ParseOutputFlags("sensitivity", o.output, false, &format_name, &format, &render, err))
    return kExitInvalidInput;
  const std::unique_ptr<const CompiledCriteria> criteria = LoadCriteria(o.criteria, err);
  if (!criteria) return kExitInvalidInput;
  Evidence evidence;
  if (!LoadEvidence(o.evidence, criteria->criteria(), &evidence, err)) return kExitInvalidInput;
  WhatIf whatif(criteria->plan(), evidence);
  SensitivityReport r = AnalyzeSensitivity(whatif);
  return EmitOutput(RenderSensitivity(criteria->plan(), r, format, render), o.output, format_name,
                    render.lang, out, err)
             ? kExitOk
             : kExitFailure;
}

}  // namespace cchc
