// The batch as a terminal table, Markdown and CSV, and the format dispatch.
#include <string>
#include <vector>

#include "criteria/source.h"
#include "engine/render/batch.h"
#include "engine/render/batch_labels.h"
#include "engine/render/text_table.h"
#include "engine/util/numfmt.h"

namespace cchc {
namespace {

int Precision(const Plan& plan, const ReportOptions& o) {
  return o.precision >= 0 ? o.precision : plan.criteria().index.precision;
}

bool AnyAppraisal(const BatchResult& r) { return r.summary.appraised_units > 0; }

std::string Totals(const BatchResult& r, Lang lang) {
  const BatchLabels& l = BatchL(lang);
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
  rows.push_back(StatsRow("", BatchL(lang).index, r.summary.index, prec));
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

std::string MdCell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += "<br>";
    else
      out += c;
  }
  return out;
}

std::string MdTable(const std::vector<std::string>& header, const std::vector<bool>& right,
                    const std::vector<std::vector<std::string>>& rows) {
  std::string out = "|";
  for (const auto& h : header) out += " " + MdCell(h) + " |";
  out += "\n|";
  for (size_t i = 0; i < header.size(); ++i) out += right[i] ? "---:|" : "---|";
  out += "\n";
  for (const auto& row : rows) {
    out += "|";
    for (const auto& c : row) out += " " + MdCell(c) + " |";
    out += "\n";
  }
  return out;
}

}  // namespace

std::string FailureLine(const BatchFailure& f) {
  if (f.error.rfind(f.source, 0) == 0) return f.error;
  return f.source + ": " + f.error;
}

std::string RenderBatch(const Plan& plan, const BatchResult& r, OutputFormat format,
                        const ReportOptions& o) {
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

std::string RenderBatchTable(const Plan& plan, const BatchResult& r, const ReportOptions& o) {
  const BatchLabels& l = BatchL(o.lang);
  const int prec = Precision(plan, o);
  const IndexMeta& meta = plan.criteria().index;
  const bool appraised = AnyAppraisal(r);
  std::string out = std::string(l.title);
  if (!meta.province.empty()) out += " — " + meta.province;
  if (meta.year) out += " " + std::to_string(meta.year);
  out += ": " + Totals(r, o.lang) + "\n";
  out += std::string(o.lang == Lang::kVi ? "Quy tắc đồng hạng: " : "Ties: ") +
         TiesLabel(meta.ties, o.lang) + "\n\n";

  TextTable ranking;
  ranking.AddColumn(l.rank, TextTable::Align::kRight);
  ranking.AddColumn(l.code);
  ranking.AddColumn(l.unit, TextTable::Align::kLeft, 32);
  ranking.AddColumn(std::string(l.index) + " (%)", TextTable::Align::kRight);
  ranking.AddColumn(l.band);
  ranking.AddColumn(l.points, TextTable::Align::kRight);
  if (appraised) {
    ranking.AddColumn(std::string(l.appraised) + " (%)", TextTable::Align::kRight);
    ranking.AddColumn(l.gap, TextTable::Align::kRight);
  }
  for (auto& row : RankingRows(r, prec, appraised)) ranking.AddRow(std::move(row));
  out += ranking.Render();

  out += "\n" + std::string(l.area_stats) + "\n";
  TextTable stats;
  stats.AddColumn(l.area);
  stats.AddColumn(l.name, TextTable::Align::kLeft, 40);
  for (const char* h : {l.n, l.mean, l.median, l.min, "Q1", "Q3", l.maximum}) {
    stats.AddColumn(h, TextTable::Align::kRight);
  }
  for (auto& row : StatsRows(r, prec, o.lang)) stats.AddRow(std::move(row));
  out += stats.Render();

  out += "\n" + std::string(l.bands) + "\n";
  TextTable bands;
  bands.AddColumn(l.band);
  bands.AddColumn(l.count, TextTable::Align::kRight);
  for (const BandCount& b : r.summary.bands) bands.AddRow({b.band, std::to_string(b.count)});
  out += bands.Render();

  if (appraised) {
    out += "\n" + std::string(l.gaps) + "\n";
    TextTable gaps;
    gaps.AddColumn(l.code);
    gaps.AddColumn(l.unit, TextTable::Align::kLeft, 32);
    gaps.AddColumn(l.item);
    gaps.AddColumn(l.self, TextTable::Align::kRight);
    gaps.AddColumn(l.appraised, TextTable::Align::kRight);
    gaps.AddColumn(l.gap, TextTable::Align::kRight);
    for (auto& row : GapRows(plan, r, prec)) gaps.AddRow(std::move(row));
    out += r.largest_gaps.empty() ? "  " + std::string(l.none) + "\n" : gaps.Render();
  }

  if (!r.failed.empty()) {
    out += "\n" + std::string(l.failed) + " (" + std::to_string(r.failed.size()) + ")\n";
    for (const BatchFailure& f : r.failed) out += "  " + FailureLine(f) + "\n";
  }
  return out;
}

std::string RenderBatchMarkdown(const Plan& plan, const BatchResult& r, const ReportOptions& o) {
  const BatchLabels& l = BatchL(o.lang);
  const int prec = Precision(plan, o);
  const IndexMeta& meta = plan.criteria().index;
  const bool appraised = AnyAppraisal(r);
  std::string out = "# " + std::string(l.title);
  if (!meta.province.empty()) out += " — " + meta.province;
  if (meta.year) out += " " + std::to_string(meta.year);
  out += "\n\n" + Totals(r, o.lang) + ". " +
         (o.lang == Lang::kVi ? "Quy tắc đồng hạng: " : "Ties: ") + TiesLabel(meta.ties, o.lang) +
         ".\n\n";
  std::vector<std::string> header = {l.rank, l.code,  l.unit, std::string(l.index) + " (%)",
                                     l.band, l.points};
  std::vector<bool> right = {true, false, false, true, false, true};
  if (appraised) {
    header.push_back(std::string(l.appraised) + " (%)");
    header.push_back(l.gap);
    right.insert(right.end(), {true, true});
  }
  out += MdTable(header, right, RankingRows(r, prec, appraised));
  out += "\n## " + std::string(l.area_stats) + "\n\n";
  out +=
      MdTable({l.area, l.name, l.n, l.mean, l.median, l.min, "Q1", "Q3", l.maximum},
              {false, false, true, true, true, true, true, true, true}, StatsRows(r, prec, o.lang));
  out += "\n## " + std::string(l.bands) + "\n\n";
  std::vector<std::vector<std::string>> bands;
  for (const BandCount& b : r.summary.bands) bands.push_back({b.band, std::to_string(b.count)});
  out += MdTable({l.band, l.count}, {false, true}, bands);
  if (appraised) {
    out += "\n## " + std::string(l.gaps) + "\n\n";
    out += MdTable({l.code, l.unit, l.item, l.self, l.appraised, l.gap},
                   {false, false, false, true, true, true}, GapRows(plan, r, prec));
  }
  if (!r.failed.empty()) {
    out += "\n## " + std::string(l.failed) + "\n\n";
    std::vector<std::vector<std::string>> rows;
    for (const BatchFailure& f : r.failed) rows.push_back({f.source, f.error});
    out += MdTable({l.source, l.error}, {false, false}, rows);
  }
  return out;
}

std::string RenderBatchCsv(const Plan& plan, const BatchResult& r, const ReportOptions&) {
  std::string out = "rank,code,name,source,percent,band,points,max,appraised_percent,gap";
  for (const Area& a : plan.criteria().areas) out += "," + CsvCell("area:" + a.code);
  for (const CompiledItem& ci : plan.items()) out += "," + CsvCell("item:" + ci.item->code);
  out += "\n";
  for (size_t k : r.order) {
    const BatchUnit& u = r.units[k];
    out += std::to_string(u.rank) + "," + CsvCell(u.unit.code) + "," + CsvCell(u.unit.name) + "," +
           CsvCell(u.source) + "," + FormatExact(u.percent) + "," + CsvCell(u.band) + "," +
           FormatExact(u.points) + "," + FormatExact(u.max) + "," +
           (u.appraised_percent ? FormatExact(*u.appraised_percent) : "") + "," +
           (u.appraised_percent ? FormatExact(*u.appraised_percent - u.percent) : "");
    for (const auto& a : u.area_percent) out += "," + (a ? FormatExact(*a) : std::string());
    for (size_t i = 0; i < u.item_points.size(); ++i) {
      out += ",";
      if (u.item_status[i] != ItemStatus::kNotApplicable) out += FormatExact(u.item_points[i]);
    }
    out += "\n";
  }
  return out;
}

}  // namespace cchc
