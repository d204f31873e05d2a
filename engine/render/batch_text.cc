// The batch as a terminal table, Markdown and CSV, and the format dispatch.
#include <string>
#include <vector>

#include "criteria/source.h"
#include "engine/render/batch.h"
#include "engine/render/text_table.h"
#include "engine/util/numfmt.h"

namespace cchc {
namespace {

int Precision(const Plan& plan, const RenderOptions& o) {
  return o.precision >= 0 ? o.precision : plan.criteria().index.precision;
}

bool AnyAppraisal(const BatchResult& r) { return r.summary.appraised_units > 0; }

// The scheme of the alternative index (--weights), or null when there is none.
const std::string* AlternativeScheme(const BatchResult& r) {
  return !r.units.empty() && r.units.front().alternative ? &r.units.front().alternative->scheme
                                                         : nullptr;
}

// The alternative's column headers (marked with `*`) and its legend line.
std::vector<std::string> AlternativeHeader(Lang lang) {
  const Labels& l = LabelsFor(lang);
  return {std::string(l.batch.index) + "* (%)", std::string(l.common.band) + "*",
          std::string(l.common.rank) + "*"};
}

std::string AlternativeLegend(const std::string& scheme, Lang lang) {
  return Fill(LabelsFor(lang).weights.marker, {WeightSchemeLabel(scheme, lang)});
}

std::string Totals(const BatchResult& r, Lang lang) {
  const Labels::Batch& l = LabelsFor(lang).batch;
  return std::string(l.read) + " " + std::to_string(r.read()) + ", " + l.scored + " " +
         std::to_string(r.units.size()) + ", " + l.failed_n + " " + std::to_string(r.failed.size());
}

// Rows shared by the table and Markdown: ranking, statistics, bands, gaps.
std::vector<std::vector<std::string>> RankingRows(const BatchResult& r, int prec, bool appraised) {
  std::vector<std::vector<std::string>> rows;
  for (size_t k : r.order) {
    const BatchUnit& u = r.units[k];
    std::vector<std::string> row = {std::to_string(u.rank),
                                    u.unit.code,
                                    u.unit.name,
                                    FormatFixed(u.percent, prec),
                                    u.band,
                                    FormatTrim(u.points, prec) + " / " + FormatTrim(u.max, prec)};
    if (appraised) {
      row.push_back(u.appraised_percent ? FormatFixed(*u.appraised_percent, prec) : "");
      row.push_back(u.appraised_percent ? FormatFixed(*u.appraised_percent - u.percent, prec) : "");
    }
    if (u.alternative) {
      row.push_back(FormatFixed(u.alternative->percent, prec));
      row.push_back(u.alternative->band);
      row.push_back(std::to_string(u.alternative->rank));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<std::string> StatsRow(std::string code, std::string name, const Summary& s, int prec) {
  return {std::move(code),
          std::move(name),
          std::to_string(s.n),
          FormatFixed(s.mean, prec),
          FormatFixed(s.median, prec),
          FormatFixed(s.min, prec),
          FormatFixed(s.q1, prec),
          FormatFixed(s.q3, prec),
          FormatFixed(s.max, prec)};
}

std::vector<std::vector<std::string>> StatsRows(const BatchResult& r, int prec, Lang lang) {
  std::vector<std::vector<std::string>> rows;
  rows.push_back(StatsRow("", LabelsFor(lang).batch.index, r.summary.index, prec));
  for (const AreaSummary& a : r.summary.areas)
    rows.push_back(StatsRow(a.code, a.name, a.stats, prec));
  return rows;
}

std::vector<std::vector<std::string>> GapRows(const Plan& plan, const BatchResult& r, int prec) {
  std::vector<std::vector<std::string>> rows;
  for (const BatchGap& g : r.largest_gaps) {
    const BatchUnit& u = r.units[g.unit];
    const Item& it = *plan.items()[static_cast<size_t>(g.item)].item;
    rows.push_back({u.unit.code, u.unit.name, it.code, FormatTrim(g.self, prec),
                    FormatTrim(g.appraised, prec), FormatTrim(g.gap(), prec)});
  }
  return rows;
}

// A Markdown table over shared rows: the header, which columns are
// right-aligned, the rows.
std::string MdTable(const std::vector<std::string>& header, const std::vector<bool>& right,
                    const std::vector<std::vector<std::string>>& rows, const TableLayout& layout) {
  TextTable t;
  for (size_t i = 0; i < header.size(); ++i) {
    t.AddColumn(header[i], right[i] ? TextTable::Align::kRight : TextTable::Align::kLeft);
  }
  for (const auto& row : rows) t.AddRow(row);
  return t.RenderMarkdown(layout);
}

const char* TiesLabel(TieRule rule, Lang lang) {
  const Labels::Batch& l = LabelsFor(lang).batch;
  return rule == TieRule::kDense ? l.ties_dense : l.ties_shared;
}

}  // namespace

std::string FailureLine(const BatchFailure& f) {
  if (f.error.rfind(f.source, 0) == 0) return f.error;
  return f.source + ": " + f.error;
}

std::string RenderBatch(const Plan& plan, const BatchResult& r, OutputFormat format,
                        const RenderOptions& o) {
  switch (format) {
    case OutputFormat::kTable:
      return RenderBatchTable(plan, r, o);
    case OutputFormat::kJson:
      return RenderBatchJson(plan, r, o);
    case OutputFormat::kCsv:
      return RenderBatchCsv(plan, r, o);
    case OutputFormat::kMd:
      return RenderBatchMarkdown(plan, r, o);
  }
  return {};
}

std::string RenderBatchTable(const Plan& plan, const BatchResult& r, const RenderOptions& o) {
  const Labels::Batch& l = LabelsFor(o.lang).batch;
  const Labels::Common& c = LabelsFor(o.lang).common;
  const int prec = Precision(plan, o);
  const IndexMeta& meta = plan.criteria().index;
  const bool appraised = AnyAppraisal(r);
  std::string out = std::string(l.title);
  if (!meta.province.empty()) out += " — " + meta.province;
  if (meta.year) out += " " + std::to_string(meta.year);
  out += ": " + Totals(r, o.lang) + "\n";
  out += std::string(l.ties) + ": " + TiesLabel(meta.ties, o.lang) + "\n\n";

  TextTable ranking;
  ranking.AddColumn(c.rank, TextTable::Align::kRight);
  ranking.AddColumn(c.code);
  ranking.AddColumn(c.unit, TextTable::Align::kLeft, 32);
  ranking.AddColumn(std::string(l.index) + " (%)", TextTable::Align::kRight);
  ranking.AddColumn(c.band);
  ranking.AddColumn(c.points, TextTable::Align::kRight);
  if (appraised) {
    ranking.AddColumn(std::string(c.appraised) + " (%)", TextTable::Align::kRight);
    ranking.AddColumn(c.gap, TextTable::Align::kRight);
  }
  const std::string* scheme = AlternativeScheme(r);
  if (scheme) {
    const std::vector<std::string> h = AlternativeHeader(o.lang);
    ranking.AddColumn(h[0], TextTable::Align::kRight);
    ranking.AddColumn(h[1]);
    ranking.AddColumn(h[2], TextTable::Align::kRight);
  }
  for (auto& row : RankingRows(r, prec, appraised)) ranking.AddRow(std::move(row));
  out += ranking.Render(LayoutFor(o));
  if (scheme) out += AlternativeLegend(*scheme, o.lang) + "\n";

  out += "\n" + std::string(l.area_stats) + "\n";
  TextTable stats;
  stats.AddColumn(c.area);
  stats.AddColumn(c.name, TextTable::Align::kLeft, 40);
  for (const char* h : {l.n, l.mean, l.median, l.min, "Q1", "Q3", l.maximum}) {
    stats.AddColumn(h, TextTable::Align::kRight);
  }
  for (auto& row : StatsRows(r, prec, o.lang)) stats.AddRow(std::move(row));
  out += stats.Render(LayoutFor(o));

  out += "\n" + std::string(l.bands) + "\n";
  TextTable bands;
  bands.AddColumn(c.band);
  bands.AddColumn(l.count, TextTable::Align::kRight);
  for (const BandCount& b : r.summary.bands) bands.AddRow({b.band, std::to_string(b.count)});
  out += bands.Render(LayoutFor(o));

  if (appraised) {
    out += "\n" + std::string(c.largest_gaps) + "\n";
    TextTable gaps;
    gaps.AddColumn(c.code);
    gaps.AddColumn(c.unit, TextTable::Align::kLeft, 32);
    gaps.AddColumn(c.item);
    gaps.AddColumn(c.self, TextTable::Align::kRight);
    gaps.AddColumn(c.appraised, TextTable::Align::kRight);
    gaps.AddColumn(c.gap, TextTable::Align::kRight);
    for (auto& row : GapRows(plan, r, prec)) gaps.AddRow(std::move(row));
    out += r.largest_gaps.empty() ? "  " + std::string(c.none) + "\n" : gaps.Render(LayoutFor(o));
  }

  if (!r.failed.empty()) {
    out += "\n" + std::string(l.failed) + " (" + std::to_string(r.failed.size()) + ")\n";
    for (const BatchFailure& f : r.failed) out += "  " + FailureLine(f) + "\n";
  }
  return out;
}

std::string RenderBatchMarkdown(const Plan& plan, const BatchResult& r, const RenderOptions& o) {
  const Labels::Batch& l = LabelsFor(o.lang).batch;
  const Labels::Common& c = LabelsFor(o.lang).common;
  const int prec = Precision(plan, o);
  const IndexMeta& meta = plan.criteria().index;
  const bool appraised = AnyAppraisal(r);
  std::string out = "# " + std::string(l.title);
  if (!meta.province.empty()) out += " — " + meta.province;
  if (meta.year) out += " " + std::to_string(meta.year);
  out += "\n\n" + Totals(r, o.lang) + ". " + l.ties + ": " + TiesLabel(meta.ties, o.lang) + ".\n\n";
  std::vector<std::string> header = {c.rank, c.code,  c.unit, std::string(l.index) + " (%)",
                                     c.band, c.points};
  std::vector<bool> right = {true, false, false, true, false, true};
  if (appraised) {
    header.push_back(std::string(c.appraised) + " (%)");
    header.push_back(c.gap);
    right.insert(right.end(), {true, true});
  }
  const std::string* scheme = AlternativeScheme(r);
  if (scheme) {
    for (std::string& h : AlternativeHeader(o.lang)) header.push_back(std::move(h));
    right.insert(right.end(), {true, false, true});
  }
  out += MdTable(header, right, RankingRows(r, prec, appraised), LayoutFor(o));
  if (scheme) out += "\n" + AlternativeLegend(*scheme, o.lang) + "\n";
  out += "\n## " + std::string(l.area_stats) + "\n\n";
  out += MdTable({c.area, c.name, l.n, l.mean, l.median, l.min, "Q1", "Q3", l.maximum},
                 {false, false, true, true, true, true, true, true, true},
                 StatsRows(r, prec, o.lang), LayoutFor(o));
  out += "\n## " + std::string(l.bands) + "\n\n";
  std::vector<std::vector<std::string>> bands;
  for (const BandCount& b : r.summary.bands) bands.push_back({b.band, std::to_string(b.count)});
  out += MdTable({c.band, l.count}, {false, true}, bands, LayoutFor(o));
  if (appraised) {
    out += "\n## " + std::string(c.largest_gaps) + "\n\n";
    out += MdTable({c.code, c.unit, c.item, c.self, c.appraised, c.gap},
                   {false, false, false, true, true, true}, GapRows(plan, r, prec), LayoutFor(o));
  }
  if (!r.failed.empty()) {
    out += "\n## " + std::string(l.failed) + "\n\n";
    std::vector<std::vector<std::string>> rows;
    for (const BatchFailure& f : r.failed) rows.push_back({f.source, f.error});
    out += MdTable({c.source, c.error}, {false, false}, rows, LayoutFor(o));
  }
  return out;
}

std::string RenderBatchCsv(const Plan& plan, const BatchResult& r, const RenderOptions&) {
  TextTable t;
  for (const char* h : {"rank", "code", "name", "source", "percent", "band", "points", "max",
                        "appraised_percent", "gap"}) {
    t.AddColumn(h);
  }
  for (const Area& a : plan.criteria().areas) t.AddColumn("area:" + a.code);
  for (const CompiledItem& ci : plan.items()) t.AddColumn("item:" + ci.item->code);
  const bool alternative = AlternativeScheme(r) != nullptr;
  if (alternative) {
    for (const char* h : {"alternative_percent", "alternative_band", "alternative_rank"}) {
      t.AddColumn(h);
    }
  }
  for (size_t k : r.order) {
    const BatchUnit& u = r.units[k];
    std::vector<std::string> row = {
        std::to_string(u.rank),
        u.unit.code,
        u.unit.name,
        u.source,
        FormatExact(u.percent),
        u.band,
        FormatExact(u.points),
        FormatExact(u.max),
        u.appraised_percent ? FormatExact(*u.appraised_percent) : "",
        u.appraised_percent ? FormatExact(*u.appraised_percent - u.percent) : ""};
    for (const auto& a : u.area_percent) row.push_back(a ? FormatExact(*a) : std::string());
    for (size_t i = 0; i < u.item_points.size(); ++i) {
      row.push_back(u.item_status[i] != ItemStatus::kNotApplicable ? FormatExact(u.item_points[i])
                                                                   : std::string());
    }
    if (u.alternative) {
      row.push_back(FormatExact(u.alternative->percent));
      row.push_back(u.alternative->band);
      row.push_back(std::to_string(u.alternative->rank));
    }
    t.AddRow(std::move(row));
  }
  return t.RenderCsv();
}

}  // namespace cchc
