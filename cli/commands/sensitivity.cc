// `cchc sensitivity CRITERIA EVIDENCE`: points lost per item, the distance
// from each numeric input to its next threshold, and a tornado table.
#include "engine/analysis/sensitivity.h"

#include "cli/commands/commands.h"
#include "cli/commands/load.h"
#include "engine/render/analysis.h"

namespace cchc {

int RunSensitivity(const SensitivityOptions& o, std::ostream& out, std::ostream& err) {
  OutputFormat format;
  RenderOptions render;
  if (!ParseRenderFlags(o.output.format, o.output.lang, &format, &render, err))
    return kExitInvalidInput;
  LoadedCriteria criteria;
  if (!LoadCriteria(o.criteria, &criteria, err)) return kExitInvalidInput;
  Evidence evidence;
  if (!LoadEvidence(o.evidence, criteria.criteria, &evidence, err)) return kExitInvalidInput;
  WhatIf whatif(*criteria.plan, evidence);
  SensitivityReport r = AnalyzeSensitivity(whatif);
  return Emit(RenderSensitivity(*criteria.plan, r, format, render), o.output.output, out, err)
             ? kExitOk
             : kExitFailure;
}

}  // namespace cchc
