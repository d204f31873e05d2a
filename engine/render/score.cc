// Helpers every command's renderer shares, and the scorecard format dispatch.
#include "engine/render/score.h"

#include <algorithm>

namespace cchc {

bool ParseOutputFormat(std::string_view name, OutputFormat* out) {
  if (name == "table")
    *out = OutputFormat::kTable;
  else if (name == "json")
    *out = OutputFormat::kJson;
  else if (name == "csv")
    *out = OutputFormat::kCsv;
  else if (name == "md" || name == "markdown")
    *out = OutputFormat::kMd;
  else
    return false;
  return true;
}

TableLayout LayoutFor(const RenderOptions& o) {
  return {.width = o.width, .vietnamese_numbers = o.lang == Lang::kVi};
}

std::string RenderScorecard(const Plan& plan, const Scorecard& card, OutputFormat format,
                            const RenderOptions& options) {
  switch (format) {
    case OutputFormat::kTable:
      return RenderScoreTable(plan, card, options);
    case OutputFormat::kJson:
      return RenderScoreJson(plan, card, options);
    case OutputFormat::kCsv:
      return RenderScoreCsv(plan, card, options);
    case OutputFormat::kMd:
      return RenderScoreMarkdown(plan, card, options);
  }
  return {};
}

std::vector<const ItemScore*> PointsLost(const Scorecard& card) {
  std::vector<const ItemScore*> out;
  for (const ItemScore& s : card.items) {
    if (s.lost() > 1e-12) out.push_back(&s);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const ItemScore* a, const ItemScore* b) { return a->lost() > b->lost(); });
  return out;
}

const char* StatusLabel(ItemStatus s, Lang lang) {
  const Labels::Status& l = LabelsFor(lang).status;
  switch (s) {
    case ItemStatus::kScored:
      return l.scored;
    case ItemStatus::kNotApplicable:
      return l.not_applicable;
    case ItemStatus::kMissingEvidence:
      return l.missing_evidence;
    case ItemStatus::kError:
      return l.error;
  }
  return "?";
}

}  // namespace cchc
