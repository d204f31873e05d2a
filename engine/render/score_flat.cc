// The flat forms of a scorecard: CSV (one row per item) and Markdown (the
// submitted table: max, self-score, evidence, explanation per item).
#include "criteria/source.h"
#include "engine/render/cells.h"
#include "engine/render/explain.h"
#include "engine/render/score.h"
#include "engine/render/text_table.h"
#include "engine/util/numfmt.h"

namespace cchc {

std::string RenderScoreCsv(const Plan& plan, const Scorecard& card, const RenderOptions& o) {
  TextTable t;
  for (const char* h : {"code", "name", "max", "points", "status", "branch", "evidence",
                        "explanation", "lost", "appraised"}) {
    t.AddColumn(h);
  }
  for (const ItemScore& s : card.items) {
    const Item& it = *plan.items()[static_cast<size_t>(s.index)].item;
    t.AddRow({it.code, it.name, FormatExact(s.max), FormatExact(s.points), ItemStatusName(s.status),
              s.branch, Join(s.evidence, ";"), ExplainItem(plan, s, o.lang), FormatExact(s.lost()),
              s.appraised ? FormatExact(*s.appraised) : ""});
  }
  return t.RenderCsv();
}

std::string RenderScoreMarkdown(const Plan& plan, const Scorecard& card, const RenderOptions& o) {
  const Labels& labels = LabelsFor(o.lang);
  const Labels::Common& l = labels.common;
  const int prec = o.precision >= 0 ? o.precision : plan.criteria().index.precision;
  std::string out =
      "# " +
      (plan.criteria().index.name.empty() ? std::string("cchc") : plan.criteria().index.name) +
      " — " + card.unit.name + "\n\n";
  auto n = [&](const std::string& number) { return LocalNumber(number, o.lang); };
  out += "**" + std::string(l.index_short) + ":** " + n(FormatPercent(card.percent / 100, prec)) +
         " · **" + l.band + ":** " + card.band + " · **" + l.points + ":** " +
         n(FormatTrim(card.points, prec)) + " / " + n(FormatTrim(card.max, prec)) + "\n\n";
  if (card.alternative) {
    out += "**" +
           Fill(labels.weights.alternative, {WeightSchemeLabel(card.alternative->scheme, o.lang)}) +
           ":** " + n(FormatPercent(card.alternative->percent / 100, prec)) + " · **" + l.band +
           ":** " + card.alternative->band + "\n\n";
  }
  TextTable areas;
  areas.AddColumn(l.area);
  areas.AddColumn(l.name);
  areas.AddColumn(l.points, TextTable::Align::kRight);
  areas.AddColumn(l.max, TextTable::Align::kRight);
  areas.AddColumn(l.percent, TextTable::Align::kRight);
  for (const GroupScore& g : card.areas) {
    areas.AddRow({std::string(g.code), std::string(g.name), FormatTrim(g.points, prec),
                  FormatTrim(g.max, prec), FormatPercent(g.percent() / 100, 1)});
  }
  out += areas.RenderMarkdown(LayoutFor(o));
  TextTable items;
  items.AddColumn(l.code);
  items.AddColumn(labels.score.md_item);
  items.AddColumn(l.max, TextTable::Align::kRight);
  items.AddColumn(l.self, TextTable::Align::kRight);
  items.AddColumn(l.status);
  items.AddColumn(l.evidence);
  items.AddColumn(l.explanation);
  for (const ItemScore& s : card.items) {
    const Item& it = *plan.items()[static_cast<size_t>(s.index)].item;
    items.AddRow({it.code, it.name, FormatTrim(it.max, prec),
                  s.status == ItemStatus::kNotApplicable ? "—" : FormatTrim(s.points, prec),
                  StatusLabel(s.status, o.lang), Join(s.evidence), ExplainItem(plan, s, o.lang)});
  }
  return out + "\n" + items.RenderMarkdown(LayoutFor(o));
}

}  // namespace cchc
