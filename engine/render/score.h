// Rendering a scorecard for people and programs: an aligned terminal table,
// JSON (docs/output-formats.md), CSV and Markdown. Vietnamese labels by
// default. Rounding happens here only.
#ifndef CCHC_ENGINE_RENDER_SCORE_H_
#define CCHC_ENGINE_RENDER_SCORE_H_

#include <string>
#include <string_view>

#include "engine/core/plan.h"
#include "engine/core/scorecard.h"
#include "engine/render/labels.h"

namespace cchc {

enum class OutputFormat { kTable, kJson, kCsv, kMd };

// "table", "json", "csv", "md"; false for anything else.
bool ParseOutputFormat(std::string_view name, OutputFormat* out);

struct RenderOptions {
  Lang lang = Lang::kVi;
  int precision = -1;  // decimals; -1: the criteria's declared precision
};

std::string RenderScorecard(const Plan& plan, const Scorecard& card, OutputFormat format,
                            const RenderOptions& options = {});

std::string RenderScoreTable(const Plan& plan, const Scorecard& card, const RenderOptions& o);
std::string RenderScoreJson(const Plan& plan, const Scorecard& card, const RenderOptions& o);
std::string RenderScoreCsv(const Plan& plan, const Scorecard& card, const RenderOptions& o);
std::string RenderScoreMarkdown(const Plan& plan, const Scorecard& card, const RenderOptions& o);

// Items sorted by points lost, largest first (ties by plan order); only items
// that lost something.
std::vector<const ItemScore*> PointsLost(const Scorecard& card);

// The label of a status in the output language.
const char* StatusLabel(ItemStatus s, Lang lang);

}  // namespace cchc

#endif  // CCHC_ENGINE_RENDER_SCORE_H_
