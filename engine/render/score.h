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
#include "engine/render/text_table.h"

namespace cchc {

enum class OutputFormat { kTable, kJson, kCsv, kMd };

// "table", "json", "csv", "md"; false for anything else.
bool ParseOutputFormat(std::string_view name, OutputFormat* out);

// Terminal tables fit a 100-column window unless asked for the full width.
inline constexpr int kTerminalWidth = 100;

struct RenderOptions {
  Lang lang = Lang::kVi;
  int precision = -1;          // decimals; -1: the criteria's declared precision
  int width = kTerminalWidth;  // terminal tables fit this many columns; 0: no limit (--wide)
};

// The layout of the human tables these options ask for.
TableLayout LayoutFor(const RenderOptions& o);

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
