// The uncertainty analysis as a terminal table, Markdown and CSV, and the
// format dispatch. Rounding happens here only.
#include <cmath>
#include <string>
#include <vector>

#include "engine/render/batch.h"
#include "engine/render/text_table.h"
#include "engine/render/uncertainty.h"
#include "engine/util/numfmt.h"

namespace cchc {
namespace {

int Precision(const Plan& plan, const RenderOptions& o) {
  return o.precision >= 0 ? o.precision : plan.criteria().index.precision;
}

std::string GroupLabel(NoiseGroup g, const UncertaintyConfig& c, Lang lang) {
  const Labels::Uncertainty& l = LabelsFor(lang).uncertainty;
  switch (g) {
    case NoiseGroup::kSurvey:
      return std::string(l.survey) + " (σ = " + FormatTrim(c.survey_sd) + ")";
    case NoiseGroup::kAppraisal:
      return std::string(l.appraisal) + " (p = " + FormatTrim(c.accept) + ")";
    case NoiseGroup::kWeights:
      return std::string(l.weights) + " (σ = " + FormatTrim(c.weight_sd) + ")";
  }
  return "";
}

std::string Header(const Plan& plan, const BatchResult& b, const UncertaintyResult& r, Lang lang) {
  const Labels::Uncertainty& l = LabelsFor(lang).uncertainty;
  const Labels::Batch& lb = LabelsFor(lang).batch;
  const IndexMeta& meta = plan.criteria().index;
  std::string out = l.title;
  if (!meta.province.empty()) out += " — " + meta.province;
  if (meta.year) out += " " + std::to_string(meta.year);
  out += ": " + std::to_string(r.config.samples) + " " + l.samples + ", " + l.seed + " " +
         std::to_string(r.config.seed) + "; " + lb.read + " " + std::to_string(b.read()) + ", " +
         lb.scored + " " + std::to_string(b.units.size()) + ", " + lb.failed_n + " " +
         std::to_string(b.failed.size()) + "\n" + l.groups + ": ";
  for (size_t g = 0; g < r.config.groups.size(); ++g) {
    out += (g ? ", " : "") + GroupLabel(r.config.groups[g], r.config, lang);
  }
  return out + "\n";
}

std::string Range(double lo, double hi, int prec) {
  return "[" + FormatFixed(lo, prec) + ", " + FormatFixed(hi, prec) + "]";
}

std::vector<std::string> UnitHeader(const Plan& plan, Lang lang) {
  const Labels::Uncertainty& l = LabelsFor(lang).uncertainty;
  const Labels::Common& lc = LabelsFor(lang).common;
  std::vector<std::string> h = {
      lc.rank,  lc.code, lc.unit,       std::string(lc.index_short) + " (%)",
      l.median, l.range, l.median_rank, l.rank_range};
  for (const BandDecl& b : plan.criteria().index.bands) h.push_back("P(" + b.label + ") %");
  return h;
}

std::vector<std::vector<std::string>> UnitRows(const BatchResult& b, const UncertaintyResult& r,
                                               int prec) {
  std::vector<std::vector<std::string>> rows;
  for (const UnitUncertainty& u : r.units) {
    const BatchUnit& unit = b.units[u.unit];
    std::vector<std::string> row = {
        std::to_string(u.base_rank),
        unit.unit.code,
        unit.unit.name,
        FormatFixed(u.base, prec),
        FormatFixed(u.median, prec),
        Range(u.p5, u.p95, prec),
        std::to_string(u.rank_median),
        "[" + std::to_string(u.rank_p5) + ", " + std::to_string(u.rank_p95) + "]"};
    for (double p : u.band_probability) row.push_back(FormatFixed(p * 100, 1));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string SobolCell(const SobolValue& v) {
  if (std::isnan(v.estimate)) return "—";
  return FormatFixed(v.estimate, 3) + " [" + FormatFixed(v.low, 3) + ", " + FormatFixed(v.high, 3) +
         "]";
}

std::vector<std::vector<std::string>> SobolRows(const UncertaintyResult& r, Lang lang) {
  std::vector<std::vector<std::string>> rows;
  for (const SobolGroupResult& g : r.sobol->groups) {
    rows.push_back({GroupLabel(g.group, r.config, lang), SobolCell(g.index_first),
                    SobolCell(g.index_total), SobolCell(g.rank_first), SobolCell(g.rank_total)});
  }
  return rows;
}

std::string SobolTitle(const UncertaintyResult& r, Lang lang) {
  const Labels::Uncertainty& l = LabelsFor(lang).uncertainty;
  const SobolResult& s = *r.sobol;
  return std::string(l.sobol) + ", B = " + std::to_string(s.bootstrap) +
         "; N = " + std::to_string(s.base_samples) + ", " + std::to_string(s.evaluations) + " " +
         l.runs + "; " + std::to_string(s.units_with_variance) + "/" +
         std::to_string(r.units.size()) + " " + l.varying + ")";
}

// A Markdown table whose first `left` columns are left-aligned.
std::string MdTable(const std::vector<std::string>& header, size_t left,
                    const std::vector<std::vector<std::string>>& rows) {
  TextTable t;
  for (size_t i = 0; i < header.size(); ++i) {
    t.AddColumn(header[i], i < left ? TextTable::Align::kLeft : TextTable::Align::kRight);
  }
  for (const auto& row : rows) t.AddRow(row);
  return t.RenderMarkdown();
}

std::string Table(const Plan& plan, const BatchResult& b, const UncertaintyResult& r,
                  const RenderOptions& o) {
  const Labels::Uncertainty& l = LabelsFor(o.lang).uncertainty;
  const Labels::Batch& lb = LabelsFor(o.lang).batch;
  const int prec = Precision(plan, o);
  std::string out = Header(plan, b, r, o.lang) + "\n";
  TextTable units;
  const std::vector<std::string> header = UnitHeader(plan, o.lang);
  for (size_t c = 0; c < header.size(); ++c) {
    const bool left = c == 1 || c == 2;
    units.AddColumn(header[c], left ? TextTable::Align::kLeft : TextTable::Align::kRight,
                    c == 2 ? 32 : 0);
  }
  for (auto& row : UnitRows(b, r, prec)) units.AddRow(std::move(row));
  out += units.Render();
  out += "\n" + std::string(l.shift) + ": " + FormatFixed(r.mean_rank_shift, 2) + "\n";
  if (r.sobol) {
    out += "\n" + SobolTitle(r, o.lang) + "\n";
    if (r.sobol->units_with_variance == 0) out += "  " + std::string(l.no_variance) + "\n";
    TextTable sobol;
    sobol.AddColumn(l.group);
    for (const char* h : {l.first_index, l.total_index, l.first_rank, l.total_rank}) {
      sobol.AddColumn(h, TextTable::Align::kRight);
    }
    for (auto& row : SobolRows(r, o.lang)) sobol.AddRow(std::move(row));
    out += sobol.Render();
  }
  if (!b.failed.empty()) {
    out += "\n" + std::string(lb.failed) + " (" + std::to_string(b.failed.size()) + ")\n";
    for (const BatchFailure& f : b.failed) out += "  " + FailureLine(f) + "\n";
  }
  return out;
}

std::string Markdown(const Plan& plan, const BatchResult& b, const UncertaintyResult& r,
                     const RenderOptions& o) {
  const Labels::Uncertainty& l = LabelsFor(o.lang).uncertainty;
  const Labels::Batch& lb = LabelsFor(o.lang).batch;
  std::string header = Header(plan, b, r, o.lang);
  const size_t newline = header.find('\n');
  std::string out = "# " + header.substr(0, newline) + "\n\n" + header.substr(newline + 1) + "\n";
  out += MdTable(UnitHeader(plan, o.lang), 3, UnitRows(b, r, Precision(plan, o)));
  out += "\n" + std::string(l.shift) + ": " + FormatFixed(r.mean_rank_shift, 2) + "\n";
  if (r.sobol) {
    out += "\n## " + SobolTitle(r, o.lang) + "\n\n";
    out += MdTable({l.group, l.first_index, l.total_index, l.first_rank, l.total_rank}, 1,
                   SobolRows(r, o.lang));
  }
  if (!b.failed.empty()) {
    out += "\n## " + std::string(lb.failed) + "\n\n";
    std::vector<std::vector<std::string>> rows;
    for (const BatchFailure& f : b.failed) rows.push_back({f.source, f.error});
    out += MdTable({l.md_source, l.md_error}, 2, rows);
  }
  return out;
}

// One row per unit, unrounded; the Sobol indices are in JSON, table and md.
std::string Csv(const Plan& plan, const BatchResult& b, const UncertaintyResult& r) {
  TextTable t;
  for (const char* h : {"base_rank", "code", "name", "base_percent", "mean", "median", "p5", "p95",
                        "rank_median", "rank_p5", "rank_p95"}) {
    t.AddColumn(h);
  }
  for (const BandDecl& d : plan.criteria().index.bands) t.AddColumn("p:" + d.label);
  for (const UnitUncertainty& u : r.units) {
    const BatchUnit& unit = b.units[u.unit];
    std::vector<std::string> row = {std::to_string(u.base_rank),
                                    unit.unit.code,
                                    unit.unit.name,
                                    FormatExact(u.base),
                                    FormatExact(u.mean),
                                    FormatExact(u.median),
                                    FormatExact(u.p5),
                                    FormatExact(u.p95),
                                    std::to_string(u.rank_median),
                                    std::to_string(u.rank_p5),
                                    std::to_string(u.rank_p95)};
    for (double p : u.band_probability) row.push_back(FormatExact(p));
    t.AddRow(std::move(row));
  }
  return t.RenderCsv();
}

}  // namespace

std::string RenderUncertainty(const Plan& plan, const BatchResult& batch,
                              const UncertaintyResult& r, OutputFormat format,
                              const RenderOptions& o) {
  switch (format) {
    case OutputFormat::kTable:
      return Table(plan, batch, r, o);
    case OutputFormat::kJson:
      return RenderUncertaintyJson(plan, batch, r);
    case OutputFormat::kCsv:
      return Csv(plan, batch, r);
    case OutputFormat::kMd:
      return Markdown(plan, batch, r, o);
  }
  return {};
}

}  // namespace cchc
