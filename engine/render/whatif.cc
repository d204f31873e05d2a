// What-if results side by side: base, then each scenario; changed items,
// every area, the totals, the index and the band.
#include "engine/analysis/whatif.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "engine/render/analysis.h"
#include "engine/render/cells.h"
#include "engine/render/explain.h"
#include "engine/render/text_table.h"
#include "engine/util/numfmt.h"

namespace cchc {
namespace {

using nlohmann::ordered_json;

bool Changed(const ItemScore& a, const ItemScore& b) {
  return std::fabs(a.points - b.points) > 1e-12 || a.status != b.status || a.max != b.max;
}

// Item positions changed in any scenario, in plan order.
std::vector<size_t> ChangedItems(const Scorecard& base, const std::vector<WhatIfColumn>& cols) {
  std::vector<size_t> out;
  for (size_t i = 0; i < base.items.size(); ++i) {
    for (const WhatIfColumn& c : cols) {
      if (i < c.card.items.size() && Changed(base.items[i], c.card.items[i])) {
        out.push_back(i);
        break;
      }
    }
  }
  return out;
}

std::string Points(const ItemScore& s, int prec) {
  return s.status == ItemStatus::kNotApplicable ? "—" : FormatTrim(s.points, prec);
}

// "2.5 (+0.3125)" when it differs from the base.
std::string WithDelta(double base, double after, int prec, const std::string& text) {
  if (std::fabs(after - base) <= 1e-12) return text;
  return text + " (" + Gain(after - base, prec) + ")";
}

double Raw(const Scorecard& c) { return c.points + c.bonus.points - c.penalty.points; }

std::string Table(const Plan& plan, const Scorecard& base, const std::vector<WhatIfColumn>& cols,
                  const RenderOptions& o) {
  const Labels& labels = LabelsFor(o.lang);
  const Labels::Common& l = labels.common;
  const Labels::WhatIf& lw = labels.whatif;
  const int prec = o.precision >= 0 ? o.precision : plan.criteria().index.precision;
  std::string out;
  for (size_t k = 0; k < cols.size(); ++k) {
    std::string line = Fill(lw.scenario, {std::to_string(k + 1)}) + ": " + cols[k].name;
    if (!cols[k].source.empty() && cols[k].source != cols[k].name)
      line += " (" + cols[k].source + ")";
    out += WrapToWidth(line, o.width, 0);
  }
  auto header = [&](TextTable* t) {
    t->AddColumn(l.code);
    t->AddColumn(l.name, TextTable::Align::kLeft, 40);
    t->AddColumn(l.max, TextTable::Align::kRight);
    t->AddColumn(lw.base, TextTable::Align::kRight);
    for (size_t k = 0; k < cols.size(); ++k) {
      t->AddColumn(Fill(lw.column, {std::to_string(k + 1)}), TextTable::Align::kRight);
    }
  };
  out += "\n" + std::string(lw.changed) + "\n";
  const std::vector<size_t> changed = ChangedItems(base, cols);
  if (changed.empty()) {
    out += "  " + std::string(lw.no_change) + "\n";
  } else {
    TextTable items;
    header(&items);
    for (size_t i : changed) {
      const ItemScore& b = base.items[i];
      const Item& it = *plan.items()[static_cast<size_t>(b.index)].item;
      std::vector<std::string> row = {it.code, it.name, FormatTrim(it.max, prec), Points(b, prec)};
      for (const WhatIfColumn& c : cols) {
        const ItemScore& a = c.card.items[i];
        std::string cell = WithDelta(b.points, a.points, prec, Points(a, prec));
        if (a.status != b.status) cell += " [" + std::string(StatusLabel(a.status, o.lang)) + "]";
        row.push_back(cell);
      }
      items.AddRow(std::move(row));
    }
    out += items.Render(LayoutFor(o));
  }
  out += "\n" + std::string(l.areas) + "\n";
  TextTable areas;
  header(&areas);
  for (size_t a = 0; a < base.areas.size(); ++a) {
    const GroupScore& g = base.areas[a];
    std::vector<std::string> row = {std::string(g.code), std::string(g.name),
                                    FormatTrim(g.max, prec), FormatTrim(g.points, prec)};
    for (const WhatIfColumn& c : cols) {
      const GroupScore& x = c.card.areas[a];
      row.push_back(WithDelta(g.points, x.points, prec, FormatTrim(x.points, prec)));
    }
    areas.AddRow(std::move(row));
  }
  out += areas.Render(LayoutFor(o));

  out += "\n" + std::string(lw.totals) + "\n";
  TextTable totals;
  totals.AddColumn("");
  totals.AddColumn(lw.base, TextTable::Align::kRight);
  for (size_t k = 0; k < cols.size(); ++k) {
    totals.AddColumn(Fill(lw.column, {std::to_string(k + 1)}), TextTable::Align::kRight);
  }
  auto row = [&](const char* label, auto value) {
    std::vector<std::string> r = {label, value(base)};
    for (const WhatIfColumn& c : cols) r.push_back(value(c.card));
    totals.AddRow(std::move(r));
  };
  row(lw.item_points, [&](const Scorecard& c) {
    return WithDelta(base.points, c.points, prec, FormatTrim(c.points, prec));
  });
  if (base.bonus.cap > 0 || base.bonus.raw > 0) {
    row(l.bonus, [&](const Scorecard& c) {
      return WithDelta(base.bonus.points, c.bonus.points, prec, FormatTrim(c.bonus.points, prec));
    });
  }
  if (base.penalty.cap > 0 || base.penalty.raw > 0) {
    row(l.penalty, [&](const Scorecard& c) {
      return WithDelta(base.penalty.points, c.penalty.points, prec,
                       FormatTrim(c.penalty.points, prec));
    });
  }
  row(lw.applicable_max, [&](const Scorecard& c) { return FormatTrim(c.max, prec); });
  row(l.index, [&](const Scorecard& c) { return FormatPercent(c.percent / 100, prec); });
  row(lw.change_pp, [&](const Scorecard& c) { return Gain(c.percent - base.percent, prec); });
  row(l.band, [&](const Scorecard& c) {
    return c.band == base.band ? c.band : base.band + " → " + c.band;
  });
  out += totals.Render(LayoutFor(o));
  return out;
}

const ItemScore& ItemOf(const Scorecard& card, int index) {
  for (const ItemScore& s : card.items) {
    if (s.index == index) return s;
  }
  return card.items.front();
}

std::string Json(const Plan& plan, const Scorecard& base, const std::vector<WhatIfColumn>& cols,
                 const RenderOptions& o) {
  ordered_json j;
  j["base"] = {
      {"percent", base.percent},        {"points", base.points}, {"bonus", base.bonus.points},
      {"penalty", base.penalty.points}, {"max", base.max},       {"band", base.band}};
  j["scenarios"] = ordered_json::array();
  for (const WhatIfColumn& c : cols) {
    ordered_json s;
    s["name"] = c.name;
    s["source"] = c.source;
    s["percent"] = c.card.percent;
    s["gain"] = c.card.percent - base.percent;
    s["points"] = c.card.points;
    s["bonus"] = c.card.bonus.points;
    s["penalty"] = c.card.penalty.points;
    s["gain_points"] = Raw(c.card) - Raw(base);
    s["max"] = c.card.max;
    s["band"] = c.card.band;
    s["band_changed"] = c.card.band != base.band;
    ScoreDiff d = Diff(base, c.card);
    s["items"] = ordered_json::array();
    for (const ItemDelta& x : d.items) {
      const Item& it = *plan.items()[static_cast<size_t>(x.index)].item;
      s["items"].push_back({{"code", it.code},
                            {"name", it.name},
                            {"before", x.before},
                            {"after", x.after},
                            {"delta", x.after - x.before},
                            {"status_before", ItemStatusName(x.status_before)},
                            {"status_after", ItemStatusName(x.status_after)},
                            {"explanation", ExplainItem(plan, ItemOf(c.card, x.index), o.lang)}});
    }
    s["areas"] = ordered_json::array();
    for (size_t a = 0; a < base.areas.size(); ++a) {
      s["areas"].push_back({{"code", base.areas[a].code},
                            {"before", d.areas[a].first},
                            {"after", d.areas[a].second},
                            {"delta", d.areas[a].second - d.areas[a].first}});
    }
    j["scenarios"].push_back(std::move(s));
  }
  return j.dump(2) + "\n";
}

// One row per (scenario, changed item), then per area, then the index.
std::string Csv(const Plan& plan, const Scorecard& base, const std::vector<WhatIfColumn>& cols) {
  TextTable t;
  for (const char* h :
       {"scenario", "level", "code", "before", "after", "delta", "status_before", "status_after"}) {
    t.AddColumn(h);
  }
  for (const WhatIfColumn& c : cols) {
    ScoreDiff d = Diff(base, c.card);
    for (const ItemDelta& x : d.items) {
      t.AddRow({c.name, "item", plan.items()[static_cast<size_t>(x.index)].item->code,
                FormatExact(x.before), FormatExact(x.after), FormatExact(x.after - x.before),
                ItemStatusName(x.status_before), ItemStatusName(x.status_after)});
    }
    for (size_t a = 0; a < base.areas.size(); ++a) {
      t.AddRow({c.name, "area", std::string(base.areas[a].code), FormatExact(d.areas[a].first),
                FormatExact(d.areas[a].second), FormatExact(d.areas[a].second - d.areas[a].first),
                "", ""});
    }
    t.AddRow({c.name, "index", "percent", FormatExact(base.percent), FormatExact(c.card.percent),
              FormatExact(c.card.percent - base.percent), "", ""});
    t.AddRow({c.name, "index", "band", base.band, c.card.band, "", "", ""});
  }
  return t.RenderCsv();
}

std::string Markdown(const Plan& plan, const Scorecard& base, const std::vector<WhatIfColumn>& cols,
                     const RenderOptions& o) {
  const Labels& labels = LabelsFor(o.lang);
  const Labels::Common& l = labels.common;
  const Labels::WhatIf& lw = labels.whatif;
  const int prec = o.precision >= 0 ? o.precision : plan.criteria().index.precision;
  std::string out = "# " + std::string(lw.title) + "\n\n";
  for (size_t k = 0; k < cols.size(); ++k) {
    out += std::to_string(k + 1) + ". " + MdCell(cols[k].name) + "\n";
  }
  auto header = [&](TextTable* t) {
    t->AddColumn(l.code);
    t->AddColumn(l.name);
    t->AddColumn(lw.base, TextTable::Align::kRight);
    for (size_t k = 0; k < cols.size(); ++k) {
      t->AddColumn(Fill(lw.column, {std::to_string(k + 1)}), TextTable::Align::kRight);
    }
  };
  TextTable items;
  header(&items);
  for (size_t i : ChangedItems(base, cols)) {
    const Item& it = *plan.items()[static_cast<size_t>(base.items[i].index)].item;
    std::vector<std::string> row = {it.code, it.name, Points(base.items[i], prec)};
    for (const WhatIfColumn& c : cols) {
      row.push_back(WithDelta(base.items[i].points, c.card.items[i].points, prec,
                              Points(c.card.items[i], prec)));
    }
    items.AddRow(std::move(row));
  }
  out += "\n## " + std::string(lw.changed_md) + "\n\n" + items.RenderMarkdown(LayoutFor(o));
  TextTable areas;
  header(&areas);
  for (size_t a = 0; a < base.areas.size(); ++a) {
    std::vector<std::string> row = {std::string(base.areas[a].code),
                                    std::string(base.areas[a].name),
                                    FormatTrim(base.areas[a].points, prec)};
    for (const WhatIfColumn& c : cols) {
      row.push_back(WithDelta(base.areas[a].points, c.card.areas[a].points, prec,
                              FormatTrim(c.card.areas[a].points, prec)));
    }
    areas.AddRow(std::move(row));
  }
  out += "\n## " + std::string(l.areas) + "\n\n" + areas.RenderMarkdown(LayoutFor(o));
  // The index and band close the areas table, their label in bold.
  out += "| | **" + std::string(l.index_short) + "** | " + FormatPercent(base.percent / 100, prec) +
         " |";
  for (const WhatIfColumn& c : cols) out += " " + FormatPercent(c.card.percent / 100, prec) + " |";
  out += "\n| | **" + std::string(l.band) + "** | " + MdCell(base.band) + " |";
  for (const WhatIfColumn& c : cols) out += " " + MdCell(c.card.band) + " |";
  return out + "\n";
}

}  // namespace

std::string RenderWhatIf(const Plan& plan, const Scorecard& base,
                         const std::vector<WhatIfColumn>& scenarios, OutputFormat format,
                         const RenderOptions& options) {
  switch (format) {
    case OutputFormat::kTable:
      return Table(plan, base, scenarios, options);
    case OutputFormat::kJson:
      return Json(plan, base, scenarios, options);
    case OutputFormat::kCsv:
      return Csv(plan, base, scenarios);
    case OutputFormat::kMd:
      return Markdown(plan, base, scenarios, options);
  }
  return {};
}

}  // namespace cchc
