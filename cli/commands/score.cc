// `cchc score CRITERIA EVIDENCE`: the self-assessment score table.
#include "engine/render/score.h"

#include <climits>
#include <map>
#include <string>

#include "cli/commands/commands.h"
#include "cli/commands/load.h"
#include "cli/commands/output.h"
#include "cli/commands/weights.h"
#include "engine/core/data_quality.h"
#include "engine/core/evidence_index.h"
#include "engine/core/scorer.h"

namespace cchc {

int RunScore(const ScoreOptions& o, std::ostream& out, std::ostream& err) {
  std::string format_name;
  OutputFormat format;
  RenderOptions render;
  if (!ParseOutputFlags("score", o.output, false, &format_name, &format, &render, err))
    return kExitInvalidInput;
  const std::unique_ptr<const CompiledCriteria> criteria = LoadCriteria(o.criteria, err);
  if (!criteria) return kExitInvalidInput;
  AreaWeights weights;
  if (!o.weights.empty() && !LoadAreaWeights(o.weights, criteria->criteria(), &weights, err)) {
    return kExitInvalidInput;
  }
  Evidence evidence;
  if (!LoadEvidence(o.evidence, criteria->criteria(), &evidence, err)) return kExitInvalidInput;
  EvidenceIndex index(criteria->plan(), evidence);
  Scorer scorer(criteria->plan());
  Scorecard card = scorer.Score(index);
  card.warnings = CheckDataQuality(criteria->plan(), evidence, card);
  if (!o.weights.empty()) card.alternative = AlternativeOf(criteria->criteria(), weights, card);
  if (!card.warnings.empty() && format != OutputFormat::kTable) {
    // JSON holds every warning in "warnings"; then the terminal gets the
    // first few of each code (200,000 unmatched records took 25 s of writes).
    // CSV and Markdown have no such field: every warning is shown.
    const int shown_per_code = format == OutputFormat::kJson ? 20 : INT_MAX;
    std::map<std::string, int> seen;
    std::string text;
    for (const DataWarning& w : card.warnings) {
      if (++seen[w.code] > shown_per_code) continue;
      text += o.evidence + ": warning[" + w.code + "]: record \"" + w.record + "\"" +
              (w.field.empty() ? "" : " field \"" + w.field + "\"") + ": " + w.message + "\n";
    }
    for (const auto& [code, n] : seen) {
      if (n <= shown_per_code) continue;
      text += o.evidence + ": warning[" + code + "]: " + std::to_string(n - shown_per_code) +
              " more like these; every one is in the JSON's \"warnings\"\n";
    }
    err << text;
  }
  return EmitOutput(RenderScorecard(criteria->plan(), card, format, render), o.output, format_name,
                    render.lang, out, err)
             ? kExitOk
             : kExitFailure;
}

}  // namespace cchc
