// The single-file HTML report of one commune: header, inline SVG charts
// (areas against max, points lost, task gains), the self-assessment table
// with status colours, and the items missing evidence. No scripts.
#include "engine/render/html/report.h"

#include <cmath>
#include <string>

#include "engine/render/cells.h"
#include "engine/render/explain.h"
#include "engine/render/html/svg_chart.h"
#include "engine/util/numfmt.h"

namespace cchc {
namespace {

constexpr const char* kCss = R"(
body{font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;color:#1b1f24;margin:24px auto;max-width:1140px;padding:0 16px;line-height:1.4}
h1{font-size:1.6em;margin:0 0 4px}h2{font-size:1.2em;margin:28px 0 8px;border-bottom:2px solid #2f6fb3;padding-bottom:3px}
.meta{color:#444;margin:0 0 12px}
.summary{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}
.kpi{border:1px solid #c9d3de;border-radius:6px;padding:8px 14px;min-width:120px;background:#f6f9fc}
.kpi .k{font-size:.8em;color:#555}.kpi .v{font-size:1.35em;font-weight:600}
svg.chart{max-width:100%;height:auto;font-size:12px}
svg .label{fill:#222}svg .value{fill:#333;font-variant-numeric:tabular-nums}
svg .bar{fill:#2f6fb3}svg .outline{fill:#fff;stroke:#8aa4c1;stroke-width:1}
svg .bar.lost{fill:#c0392b}svg .bar.gain{fill:#2e8b57}svg .bar.neg{fill:#c0392b}svg .zero{stroke:#555}
table{border-collapse:collapse;width:100%;font-size:.86em}
th,td{border:1px solid #c9d3de;padding:3px 6px;vertical-align:top;text-align:left}
th{background:#e8eef5}td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
tr.area td{background:#dbe6f2;font-weight:700}tr.crit td{background:#f1f5f9;font-weight:600}
tr.total td{font-weight:700;background:#e8eef5}
td.st-scored{background:#e6f4ea}td.st-not_applicable{background:#eeeeee;color:#555}
td.st-missing_evidence{background:#fff1cc}td.st-error{background:#f8d7da}
td.ev{font-size:.92em;width:17%}.id{white-space:nowrap}td.ex{font-size:.92em;width:30%}
td.nm{width:26%}td[class^="st-"]{white-space:nowrap}
ul.sets li,ul.missing li{margin:4px 0}.muted{color:#666}
@page{size:A4 portrait;margin:12mm 10mm}
@media print{body{margin:0;max-width:none;font-size:10pt}h2{break-after:avoid}
tr,svg,li,.kpi{break-inside:avoid;page-break-inside:avoid}thead{display:table-header-group}
section#table{break-before:page}.kpi{background:none}a{color:inherit}}
@media (max-width:640px){body{margin:8px auto;padding:0 6px}h1{font-size:1.25em}
table{font-size:.78em}th,td{padding:2px 3px}td.nm,td.ex,td.ev{width:auto}
svg.chart{font-size:22px}.kpi{min-width:0;flex:1 1 40%}}
)";

std::string Esc(std::string_view s) { return HtmlEscape(s); }

// The report's language, from its label table.
Lang LangOf(const Labels& l) {
  return std::string_view(l.html.lang) == "en" ? Lang::kEn : Lang::kVi;
}

std::string Kpi(const std::string& k, const std::string& v) {
  return "<div class=\"kpi\"><div class=\"k\">" + Esc(k) + "</div><div class=\"v\">" + Esc(v) +
         "</div></div>";
}

const Item& ItemOf(const Plan& plan, const ItemScore& s) {
  return *plan.items()[static_cast<size_t>(s.index)].item;
}

std::string Header(const Plan& plan, const Scorecard& card, const Labels& l, int prec) {
  const IndexMeta& meta = plan.criteria().index;
  std::string out = "<header>\n<h1>" + Esc(l.html.title) + "</h1>\n<p class=\"meta\">" +
                    Esc(l.common.unit) + ": <strong>" + Esc(card.unit.name) + "</strong> (" +
                    Esc(card.unit.code) + ")";
  if (!card.unit.province.empty()) out += ", " + Esc(card.unit.province);
  if (card.year) out += " · " + Esc(l.html.year) + " " + std::to_string(card.year);
  if (!meta.name.empty() || !meta.province.empty()) {
    out += "<br>" + Esc(l.html.criteria) + ": " + Esc(meta.name);
    if (!meta.province.empty()) out += " (" + Esc(meta.province) + ")";
  }
  out += "</p>\n<div class=\"summary\">";
  out += Kpi(l.common.index, LocalNumber(FormatPercent(card.percent / 100.0, prec), LangOf(l)));
  out += Kpi(l.common.band, card.band);
  out += Kpi(l.common.points, LocalNumber(FormatTrim(card.points, prec), LangOf(l)) + " / " +
                                  LocalNumber(FormatTrim(card.max, prec), LangOf(l)));
  if (card.bonus.cap > 0 || card.bonus.raw > 0)
    out += Kpi(l.common.bonus, "+" + LocalNumber(FormatTrim(card.bonus.points, prec), LangOf(l)));
  if (card.penalty.cap > 0 || card.penalty.raw > 0) {
    out +=
        Kpi(l.common.penalty, "-" + LocalNumber(FormatTrim(card.penalty.points, prec), LangOf(l)));
  }
  if (card.appraised_percent) {
    out += Kpi(l.common.appraised,
               LocalNumber(FormatPercent(*card.appraised_percent / 100.0, prec), LangOf(l)));
    out += Kpi(l.common.gap,
               LocalNumber(FormatSigned(*card.appraised_percent - card.percent, prec), LangOf(l)));
  }
  return out + "</div>\n</header>\n";
}

std::string AreasChart(const Scorecard& card, const Labels& l, int prec) {
  std::vector<BarRow> rows;
  for (const GroupScore& g : card.areas) {
    rows.push_back({std::string(g.code) + ". " + std::string(g.name), g.percent(), 100.0,
                    LocalNumber(FormatPercent(g.percent() / 100.0, 1), LangOf(l)) + " (" +
                        LocalNumber(FormatTrim(g.points, prec), LangOf(l)) + " / " +
                        LocalNumber(FormatTrim(g.max, prec), LangOf(l)) + ")",
                    ""});
  }
  BarChartSpec spec;
  spec.title = l.html.areas;
  return "<section id=\"areas\">\n<h2>" + Esc(l.html.areas) + "</h2>\n" +
         RenderBarChart(spec, rows) + "</section>\n";
}

std::string LostChart(const Plan& plan, const Scorecard& card, const Labels& l, int prec) {
  std::string out = "<section id=\"lost\">\n<h2>" + Esc(l.html.lost) + " <span class=\"muted\">(" +
                    Esc(l.html.top) + ")</span></h2>\n";
  const auto lost = PointsLost(card);
  if (lost.empty()) return out + "<p>" + Esc(l.html.lost_none) + "</p>\n</section>\n";
  std::vector<BarRow> rows;
  for (size_t i = 0; i < lost.size() && i < 15; ++i) {
    const Item& it = ItemOf(plan, *lost[i]);
    rows.push_back({it.code + " " + it.name, lost[i]->lost(), std::nullopt,
                    "-" + LocalNumber(FormatTrim(lost[i]->lost(), prec), LangOf(l)), "lost"});
  }
  BarChartSpec spec;
  spec.title = l.html.lost;
  return out + RenderBarChart(spec, rows) + "</section>\n";
}

std::string SetText(const TasksView& v, const TaskSet& s, const Labels& l, int prec) {
  std::string ids;
  for (int t : s.tasks) ids += (ids.empty() ? "" : ", ") + v.list->tasks[static_cast<size_t>(t)].id;
  return "<strong>{" + Esc(ids) + "}</strong> · " +
         LocalNumber(FormatTrim(s.effort, 2), LangOf(l)) + " " + Esc(l.tasks.person_days) + " · " +
         Esc(l.tasks.set_index) + " " +
         LocalNumber(FormatPercent(s.percent / 100, prec), LangOf(l)) + " (" +
         LocalNumber(Gain(s.gain, prec), LangOf(l)) + ") · " + Esc(s.band);
}

std::string TasksSection(const TasksView& v, const Labels& l, int prec) {
  const TaskAnalysis& a = *v.analysis;
  std::string out = "<section id=\"tasks\">\n<h2>" + Esc(l.html.tasks) + "</h2>\n";
  if (!v.list->plan.empty()) out += "<p class=\"meta\">" + Esc(v.list->plan) + "</p>\n";
  out += "<h3>" + Esc(l.html.gains_alone) + "</h3>\n";
  std::vector<BarRow> rows;
  std::string none;
  for (const TaskGain& g : a.ranked) {
    const Task& t = v.list->tasks[static_cast<size_t>(g.task)];
    if (g.items.empty() && std::fabs(g.gain) <= 1e-12) {
      none += "<li>" + Esc(t.id) + " " + Esc(t.title) + "</li>";
      continue;
    }
    std::string text = LocalNumber(Gain(g.gain, prec), LangOf(l));
    if (g.changes_band) text += " → " + g.band_after;
    rows.push_back({t.id + " " + t.title, g.gain, std::nullopt, text, g.gain < 0 ? "neg" : "gain"});
  }
  BarChartSpec spec;
  spec.title = l.html.gains_alone;
  out += RenderBarChart(spec, rows);
  if (!none.empty())
    out += "<p>" + Esc(l.html.no_effect) + ":</p>\n<ul class=\"muted\">" + none + "</ul>\n";
  out += "<ul class=\"sets\">\n";
  if (v.budget) {
    out += "<li>" + Esc(l.tasks.best_within) + " " +
           LocalNumber(FormatTrim(*v.budget, 2), LangOf(l)) + " " + Esc(l.tasks.person_days) + ": ";
    if (a.best_for_budget) out += SetText(v, *a.best_for_budget, l, prec);
    out += "</li>\n";
  }
  if (v.target_band) {
    out += "<li>" + Esc(l.tasks.cheapest) + " " + Esc(*v.target_band) + ": ";
    if (a.cheapest_for_band && a.cheapest_for_band->tasks.empty())
      out += Esc(l.tasks.already);
    else if (a.cheapest_for_band)
      out += SetText(v, *a.cheapest_for_band, l, prec);
    else
      out += Esc(l.tasks.unreachable);
    out += "</li>\n";
  }
  return out + "</ul>\n</section>\n";
}

std::string GroupRow(const char* cls, std::string_view code, std::string_view name, double max,
                     double points, std::optional<double> appraised, bool with_appraised, int prec,
                     Lang lang) {
  std::string out = std::string("<tr class=\"") + cls + "\"><td>" + Esc(code) + "</td><td>" +
                    Esc(name) + "</td><td class=\"n\">" + LocalNumber(FormatTrim(max, prec), lang) +
                    "</td><td class=\"n\">" + LocalNumber(FormatTrim(points, prec), lang) + "</td>";
  if (with_appraised)
    out += "<td class=\"n\">" + (appraised ? LocalNumber(FormatTrim(*appraised, prec), lang) : "") +
           "</td>";
  return out + "<td></td><td></td><td></td></tr>\n";
}

std::string ItemRow(const Plan& plan, const ItemScore& s, bool with_appraised, Lang lang,
                    int prec) {
  const Item& it = ItemOf(plan, s);
  std::string ev;
  for (const std::string& id : s.evidence) {
    ev += (ev.empty() ? "" : ", ") + std::string("<span class=\"id\">") + Esc(id) + "</span>";
  }
  std::string out =
      "<tr><td>" + Esc(it.code) + "</td><td class=\"nm\">" + Esc(it.name) +
      "</td><td class=\"n\">" + LocalNumber(FormatTrim(it.max, prec), lang) +
      "</td><td class=\"n\">" +
      (s.status == ItemStatus::kNotApplicable ? "—"
                                              : LocalNumber(FormatTrim(s.points, prec), lang)) +
      "</td>";
  if (with_appraised)
    out += "<td class=\"n\">" +
           (s.appraised ? LocalNumber(FormatTrim(*s.appraised, prec), lang) : "") + "</td>";
  out += std::string("<td class=\"st-") + ItemStatusName(s.status) + "\">" +
         Esc(StatusLabel(s.status, lang)) + "</td><td class=\"ev\">" + ev +
         "</td><td class=\"ex\">" + Esc(ExplainItem(plan, s, lang)) + "</td></tr>\n";
  return out;
}

std::string ScoreTable(const Plan& plan, const Scorecard& card, const Labels& l, Lang lang,
                       int prec) {
  const bool ap = card.appraised_percent.has_value();
  std::string out = "<section id=\"table\">\n<h2>" + Esc(l.html.table) +
                    "</h2>\n<table>\n<thead><tr><th>" + Esc(l.common.code) + "</th><th>" +
                    Esc(l.html.name) + "</th><th>" + Esc(l.common.max) + "</th><th>" +
                    Esc(l.common.self) + "</th>" +
                    (ap ? "<th>" + Esc(l.common.appraised) + "</th>" : "") + "<th>" +
                    Esc(l.common.status) + "</th><th>" + Esc(l.html.evidence) + "</th><th>" +
                    Esc(l.html.explanation) + "</th></tr></thead>\n<tbody>\n";
  // Items are in plan order: area items grouped by area and criterion, then
  // bonus, then penalty. Criteria in the card are flat in area order.
  int last_area = -1, last_crit = -1;
  size_t crit_base = 0, crit_index = 0;
  std::vector<size_t> area_crit_base;
  for (const Area& a : plan.criteria().areas) {
    area_crit_base.push_back(crit_base);
    crit_base += a.criteria.size();
  }
  ItemGroup last_group = ItemGroup::kArea;
  for (const ItemScore& s : card.items) {
    const CompiledItem& ci = plan.items()[static_cast<size_t>(s.index)];
    if (ci.group == ItemGroup::kArea) {
      if (ci.area != last_area) {
        const GroupScore& g = card.areas[static_cast<size_t>(ci.area)];
        out += GroupRow("area", g.code, g.name, g.max, g.points, g.appraised, ap, prec, lang);
        last_area = ci.area;
        last_crit = -1;
      }
      if (ci.criterion != last_crit) {
        crit_index =
            area_crit_base[static_cast<size_t>(ci.area)] + static_cast<size_t>(ci.criterion);
        const GroupScore& g = card.criteria[crit_index];
        out += GroupRow("crit", g.code, g.name, g.max, g.points, g.appraised, ap, prec, lang);
        last_crit = ci.criterion;
      }
    } else if (ci.group != last_group) {
      if (last_group == ItemGroup::kArea) {
        out += GroupRow("total", "", l.common.total, card.max, card.points, card.appraised_points,
                        ap, prec, lang);
      }
      const bool bonus = ci.group == ItemGroup::kBonus;
      const Adjustments& adj = bonus ? card.bonus : card.penalty;
      out += GroupRow("area", "", std::string(bonus ? l.common.bonus : l.common.penalty), adj.cap,
                      adj.points, std::nullopt, ap, prec, lang);
    }
    last_group = ci.group;
    out += ItemRow(plan, s, ap, lang, prec);
  }
  if (last_group == ItemGroup::kArea) {
    out += GroupRow("total", "", l.common.total, card.max, card.points, card.appraised_points, ap,
                    prec, lang);
  }
  return out + "</tbody>\n</table>\n</section>\n";
}

std::string Missing(const Plan& plan, const Scorecard& card, const Labels& l) {
  std::string out = "<section id=\"missing\">\n<h2>" + Esc(l.html.missing) + "</h2>\n";
  std::string items;
  for (const ItemScore& s : card.items) {
    if (s.status != ItemStatus::kMissingEvidence) continue;
    const Item& it = ItemOf(plan, s);
    const std::string expects = Join(it.expects, "; ");
    items += "<li><strong>" + Esc(it.code) + "</strong> " + Esc(it.name) + " — " +
             (expects.empty() ? "<span class=\"muted\">" + Esc(l.html.expects_none) + "</span>"
                              : Esc(expects)) +
             "</li>\n";
  }
  out += items.empty() ? "<p>" + Esc(l.html.missing_none) + "</p>\n"
                       : "<ul class=\"missing\">\n" + items + "</ul>\n";
  if (!card.unmatched.empty()) {
    out += "<p><strong>" + Esc(l.common.unmatched) + ":</strong> " + Esc(Join(card.unmatched)) +
           "</p>\n";
  }
  return out + "</section>\n";
}

}  // namespace

std::string RenderHtmlReport(const Plan& plan, const Scorecard& card, const TasksView* tasks,
                             const RenderOptions& o) {
  const Labels& l = LabelsFor(o.lang);
  const int prec = o.precision >= 0 ? o.precision : plan.criteria().index.precision;
  std::string out = "<!DOCTYPE html>\n<html lang=\"";
  out += l.html.lang;
  out +=
      "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
      "content=\"width=device-width, "
      "initial-scale=1\">\n<title>" +
      Esc(std::string(l.html.title) + " — " + card.unit.name) + "</title>\n<style>" + kCss +
      "</style>\n</head>\n<body>\n";
  out += Header(plan, card, l, prec);
  out += AreasChart(card, l, prec);
  out += LostChart(plan, card, l, prec);
  if (tasks && tasks->list && tasks->analysis) out += TasksSection(*tasks, l, prec);
  out += ScoreTable(plan, card, l, o.lang, prec);
  out += Missing(plan, card, l);
  return out + "</body>\n</html>\n";
}

}  // namespace cchc
