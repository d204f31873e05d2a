// The uncertainty analysis as a terminal table, Markdown and CSV, and the
// format dispatch. Rounding happens here only.
#include <cmath>
#include <string>
#include <vector>

#include "engine/render/batch.h"
#include "engine/render/explain.h"
#include "engine/render/text_table.h"
#include "engine/render/uncertainty.h"
#include "engine/util/numfmt.h"

namespace cchc {
namespace {

int Precision(const Plan& plan, const RenderOptions& o) {
  return o.precision >= 0 ? o.precision : plan.criteria().index.precision;
}

// A noise law in the report's words: "phân phối chuẩn, σ = 0,05" in
// Vietnamese, the option's own notation ("normal:0.05") in English.
std::string NoiseWords(const Noise& n, Lang lang) {
  const Labels::Uncertainty& l = LabelsFor(lang).uncertainty;
  switch (n.law) {
    case NoiseLaw::kNormal:
      return Fill(l.law_normal, {LocalNumber(FormatExact(n.spread), lang)});
    case NoiseLaw::kUniform:
      return Fill(l.law_uniform, {LocalNumber(FormatExact(n.spread), lang)});
    case NoiseLaw::kDiscrete: {
      std::string values;
      for (size_t i = 0; i < n.values.size(); ++i) {
        values += (i ? l.list_separator : "") + LocalNumber(FormatExact(n.values[i]), lang);
      }
      return Fill(l.law_discrete, {values});
    }
  }
  return "";
}

// The areas' weight laws: one law, or "I: uniform:0.2, II: …" when they differ.
std::string WeightLaws(const Plan& plan, const UncertaintyConfig& c, Lang lang) {
  const auto& areas = plan.criteria().areas;
  bool same = true;
  for (const Noise& n : c.area_weight_noise) same &= n == c.area_weight_noise.front();
  if (c.area_weight_noise.size() != areas.size() || same) {
    return NoiseWords(c.area_weight_noise.empty() ? c.weight_noise : c.area_weight_noise.front(),
                      lang);
  }
  std::string out;
  for (size_t a = 0; a < areas.size(); ++a) {
    out += (a ? LabelsFor(lang).uncertainty.list_separator : "") + areas[a].code + ": " +
           NoiseWords(c.area_weight_noise[a], lang);
  }
  return out;
}

std::string GroupLabel(const Plan& plan, NoiseGroup g, const UncertaintyConfig& c, Lang lang) {
  const Labels::Uncertainty& l = LabelsFor(lang).uncertainty;
  switch (g) {
    case NoiseGroup::kSurvey:
      return std::string(l.survey) + " (" + NoiseWords(c.survey_noise, lang) + ")";
    case NoiseGroup::kAppraisal:
      return std::string(l.appraisal) + " (p = " + LocalNumber(FormatTrim(c.accept), lang) + ")";
    case NoiseGroup::kWeights:
      return std::string(l.weights) + " (" + WeightLaws(plan, c, lang) + ")";
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
  out += ": " + std::to_string(r.samples) + " " + l.samples + ", " + l.seed + " " +
         std::to_string(r.config.seed) + "; " + lb.read + " " + std::to_string(b.read()) + ", " +
         lb.scored + " " + std::to_string(b.units.size()) + ", " + lb.failed_n + " " +
         std::to_string(b.failed.size()) + "\n" + l.groups + ": ";
  for (size_t g = 0; g < r.config.groups.size(); ++g) {
    out += (g ? ", " : "") + GroupLabel(plan, r.config.groups[g], r.config, lang);
  }
  out += "\n";
  if (r.config.weights_name != "max" || meta.weights != WeightScheme::kByMax) {
    out += Fill(LabelsFor(lang).weights.nominal, {WeightSchemeLabel(r.config.weights_name, lang)}) +
           "\n";
  }
  return out;
}

// "[85,43; 90,04]" in Vietnamese (the comma is the decimal mark), "[85.43, 90.04]" in English.
std::string Interval(const std::string& lo, const std::string& hi, Lang lang) {
  return "[" + LocalNumber(lo, lang) + LabelsFor(lang).uncertainty.list_separator +
         LocalNumber(hi, lang) + "]";
}

std::vector<std::string> UnitHeader(const Plan& plan, Lang lang) {
  const Labels::Uncertainty& l = LabelsFor(lang).uncertainty;
  const Labels::Common& lc = LabelsFor(lang).common;
  std::vector<std::string> h = {
      lc.rank,    lc.code, lc.unit,       std::string(lc.index_short) + " (%)",
      l.median,   l.range, l.median_rank, l.rank_range,
      l.mean_rank};
  for (const BandDecl& b : plan.criteria().index.bands) h.push_back("P(" + b.label + ") %");
  return h;
}

std::vector<std::vector<std::string>> UnitRows(const BatchResult& b, const UncertaintyResult& r,
                                               int prec, Lang lang) {
  std::vector<std::vector<std::string>> rows;
  for (const UnitUncertainty& u : r.units) {
    const BatchUnit& unit = b.units[u.unit];
    std::vector<std::string> row = {
        std::to_string(u.base_rank),
        unit.unit.code,
        unit.unit.name,
        FormatFixed(u.base, prec),
        FormatFixed(u.median, prec),
        Interval(FormatFixed(u.p5, prec), FormatFixed(u.p95, prec), lang),
        std::to_string(u.rank_median),
        Interval(std::to_string(u.rank_p5), std::to_string(u.rank_p95), lang),
        FormatFixed(u.mean_rank, 2)};
    for (double p : u.band_probability) row.push_back(FormatFixed(p * 100, 1));
    rows.push_back(std::move(row));
  }
  return rows;
}

// "0,24 [0,22; 0,27]": two decimals, as the bootstrap interval is rarely
// narrower than ±0.01 (JSON and CSV keep every digit).
std::string SobolCell(const SobolValue& v, Lang lang) {
  if (std::isnan(v.estimate)) return "—";
  return LocalNumber(FormatFixed(v.estimate, 2), lang) + " " +
         Interval(FormatFixed(v.low, 2), FormatFixed(v.high, 2), lang);
}

// A Sobol factor as a person reads it: "trọng số I" for "weights:I" in
// Vietnamese; the engine's name ("weights:I") in English.
std::string FactorLabel(const std::string& name, Lang lang) {
  if (lang == Lang::kEn) return name;
  static constexpr std::pair<std::string_view, std::string_view> kGroups[] = {
      {"survey", "điều tra XHH"}, {"appraisal", "thẩm định"}, {"weights", "trọng số"}};
  const size_t colon = name.find(':');
  const std::string_view group = std::string_view(name).substr(0, colon);
  for (const auto& [key, label] : kGroups) {
    if (group != key) continue;
    std::string out(label);
    for (size_t at = colon; at != std::string::npos; at = name.find(':', at + 1)) {
      out += " " + name.substr(at + 1, name.find(':', at + 1) - at - 1);
    }
    return out;
  }
  return name;
}

std::vector<std::vector<std::string>> SobolRows(const UncertaintyResult& r, Lang lang) {
  std::vector<std::vector<std::string>> rows;
  for (const SobolFactorResult& f : r.sobol->factors) {
    rows.push_back({FactorLabel(f.name, lang), SobolCell(f.index_first, lang),
                    SobolCell(f.index_total, lang), SobolCell(f.rank_first, lang),
                    SobolCell(f.rank_total, lang)});
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

// Per unit (base rank order) and factor: "S / ST" of the index.
std::vector<std::string> SobolUnitHeader(const UncertaintyResult& r, Lang lang) {
  const Labels::Common& lc = LabelsFor(lang).common;
  std::vector<std::string> h = {lc.rank, lc.code};
  for (const SobolFactorResult& f : r.sobol->factors) h.push_back(FactorLabel(f.name, lang));
  return h;
}

std::vector<std::vector<std::string>> SobolUnitRows(const BatchResult& b,
                                                    const UncertaintyResult& r) {
  std::vector<std::vector<std::string>> rows;
  for (const UnitUncertainty& u : r.units) {
    std::vector<std::string> row = {std::to_string(u.base_rank), b.units[u.unit].unit.code};
    for (size_t f = 0; f < u.sobol_first.size(); ++f) {
      row.push_back(std::isnan(u.sobol_first[f].estimate)
                        ? "—"
                        : FormatFixed(u.sobol_first[f].estimate, 2) + " / " +
                              FormatFixed(u.sobol_total[f].estimate, 2));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// The convergence line: the largest standard error, the samples drawn, and
// the target with whether it was met.
std::string Convergence(const UncertaintyResult& r, Lang lang) {
  const Labels::Uncertainty& l = LabelsFor(lang).uncertainty;
  std::string out = std::string(l.convergence) + ": " +
                    (std::isfinite(r.max_se) ? LocalNumber(FormatFixed(r.max_se, 3), lang) : "—") +
                    " (N = " + std::to_string(r.samples);
  if (r.config.target_se > 0) {
    out += "; " + std::string(l.target) + " " + FormatTrim(r.config.target_se);
    if (!r.target_met) out += "; " + std::string(l.cap_hit);
  }
  return out + ")";
}

// A Markdown table whose first `left` columns are left-aligned.
std::string MdTable(const std::vector<std::string>& header, size_t left,
                    const std::vector<std::vector<std::string>>& rows, const TableLayout& layout) {
  TextTable t;
  for (size_t i = 0; i < header.size(); ++i) {
    t.AddColumn(header[i], i < left ? TextTable::Align::kLeft : TextTable::Align::kRight);
  }
  for (const auto& row : rows) t.AddRow(row);
  return t.RenderMarkdown(layout);
}

// "88,87–93,93" (Vietnamese) or "88.87–93.93"; one value when both ends meet.
std::string Span(const std::string& lo, const std::string& hi, Lang lang) {
  if (lo == hi) return LocalNumber(lo, lang);
  return LocalNumber(lo, lang) + "–" + LocalNumber(hi, lang);
}

// The bands a unit may fall in, with their probability: "Tốt 88,5 % · Khá 11,5 %".
std::string BandChances(const Plan& plan, const UnitUncertainty& u, Lang lang) {
  std::string out;
  const std::vector<BandDecl>& bands = plan.criteria().index.bands;
  for (size_t k = 0; k < bands.size() && k < u.band_probability.size(); ++k) {
    if (u.band_probability[k] < 0.0005) continue;
    out += (out.empty() ? "" : " · ") + bands[k].label + " " +
           LocalNumber(FormatTrim(u.band_probability[k] * 100, 1), lang) + " %";
  }
  return out;
}

// The unit table fitted to the terminal: the intervals as spans and the band
// probabilities in one column (--wide shows every column).
std::string FittedUnits(const Plan& plan, const BatchResult& b, const UncertaintyResult& r,
                        const RenderOptions& o, int prec) {
  const Labels::Uncertainty& l = LabelsFor(o.lang).uncertainty;
  const Labels::Common& lc = LabelsFor(o.lang).common;
  TextTable t;
  t.AddColumn(lc.rank, TextTable::Align::kRight);
  t.AddColumn(lc.code);
  t.AddColumn(lc.unit, TextTable::Align::kLeft, 32);
  t.AddColumn(std::string(lc.index_short) + " (%)", TextTable::Align::kRight);
  t.AddColumn(l.range, TextTable::Align::kRight);
  t.AddColumn(l.rank_range, TextTable::Align::kRight);
  // The chances are never cut ("Trung bình 96…" would hide the number); the
  // unit's name gives way instead.
  t.AddColumn(l.band_chances);
  for (const UnitUncertainty& u : r.units) {
    const BatchUnit& unit = b.units[u.unit];
    t.AddRow({std::to_string(u.base_rank), unit.unit.code, unit.unit.name,
              FormatFixed(u.base, prec),
              Span(FormatFixed(u.p5, prec), FormatFixed(u.p95, prec), o.lang),
              Span(std::to_string(u.rank_p5), std::to_string(u.rank_p95), o.lang),
              BandChances(plan, u, o.lang)});
  }
  return t.Render(LayoutFor(o));
}

std::string Table(const Plan& plan, const BatchResult& b, const UncertaintyResult& r,
                  const RenderOptions& o) {
  const Labels::Uncertainty& l = LabelsFor(o.lang).uncertainty;
  const Labels::Batch& lb = LabelsFor(o.lang).batch;
  const int prec = Precision(plan, o);
  std::string out;
  const std::string head = Header(plan, b, r, o.lang);
  for (size_t at = 0; at < head.size();) {  // each line of the header, wrapped
    const size_t end = std::min(head.find('\n', at), head.size());
    out += WrapToWidth(std::string_view(head).substr(at, end - at), o.width, 0);
    at = end + 1;
  }
  out += "\n";
  if (o.width > 0) {
    out += FittedUnits(plan, b, r, o, prec);
  } else {
    TextTable units;
    const std::vector<std::string> header = UnitHeader(plan, o.lang);
    for (size_t c = 0; c < header.size(); ++c) {
      const bool left = c == 1 || c == 2;
      units.AddColumn(header[c], left ? TextTable::Align::kLeft : TextTable::Align::kRight,
                      c == 2 ? 32 : 0);
    }
    for (auto& row : UnitRows(b, r, prec, o.lang)) units.AddRow(std::move(row));
    out += units.Render(LayoutFor(o));
  }
  out += "\n" + std::string(l.shift) + ": " +
         LocalNumber(FormatFixed(r.mean_rank_shift, 2), o.lang) + "\n";
  out += Convergence(r, o.lang) + "\n";
  if (r.sobol) {
    out += "\n" + WrapToWidth(SobolTitle(r, o.lang), o.width, 0);
    if (r.sobol->units_with_variance == 0) out += "  " + std::string(l.no_variance) + "\n";
    TextTable sobol;
    sobol.AddColumn(l.factor);
    for (const char* h : {l.first_index, l.total_index, l.first_rank, l.total_rank}) {
      sobol.AddColumn(h, TextTable::Align::kRight);
    }
    for (auto& row : SobolRows(r, o.lang)) sobol.AddRow(std::move(row));
    out += sobol.Render(LayoutFor(o));
    out += "\n" + std::string(l.per_unit) + "\n";
    TextTable per_unit;
    const std::vector<std::string> h = SobolUnitHeader(r, o.lang);
    for (size_t c = 0; c < h.size(); ++c) {
      per_unit.AddColumn(h[c], c == 1 ? TextTable::Align::kLeft : TextTable::Align::kRight);
    }
    for (auto& row : SobolUnitRows(b, r)) per_unit.AddRow(std::move(row));
    out += per_unit.Render(LayoutFor(o));
  }
  for (const std::string& w : r.warnings) out += "\n" + std::string(l.warning) + ": " + w + "\n";
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
  out += MdTable(UnitHeader(plan, o.lang), 3, UnitRows(b, r, Precision(plan, o), o.lang),
                 LayoutFor(o));
  out += "\n" + std::string(l.shift) + ": " +
         LocalNumber(FormatFixed(r.mean_rank_shift, 2), o.lang) + "\n";
  out += "\n" + Convergence(r, o.lang) + "\n";
  if (r.sobol) {
    out += "\n## " + SobolTitle(r, o.lang) + "\n\n";
    out += MdTable({l.factor, l.first_index, l.total_index, l.first_rank, l.total_rank}, 1,
                   SobolRows(r, o.lang), LayoutFor(o));
    out += "\n## " + std::string(l.per_unit) + "\n\n";
    out += MdTable(SobolUnitHeader(r, o.lang), 2, SobolUnitRows(b, r), LayoutFor(o));
  }
  for (const std::string& w : r.warnings) out += "\n> " + std::string(l.warning) + ": " + w + "\n";
  if (!b.failed.empty()) {
    out += "\n## " + std::string(lb.failed) + "\n\n";
    std::vector<std::vector<std::string>> rows;
    for (const BatchFailure& f : b.failed) rows.push_back({f.source, f.error});
    out += MdTable({l.md_source, l.md_error}, 2, rows, LayoutFor(o));
  }
  return out;
}

// One row per unit, unrounded; with Sobol the unit's indices per factor
// (the averages and the rank-shift indices are in JSON, table and md).
std::string Csv(const Plan& plan, const BatchResult& b, const UncertaintyResult& r) {
  TextTable t;
  for (const char* h : {"base_rank", "code", "name", "base_percent", "mean", "median", "p5", "p95",
                        "rank_median", "rank_p5", "rank_p95"}) {
    t.AddColumn(h);
  }
  for (const BandDecl& d : plan.criteria().index.bands) t.AddColumn("p:" + d.label);
  for (const char* h : {"mean_rank", "se_mean", "se_median", "se_p5", "se_p95"}) t.AddColumn(h);
  if (r.sobol) {
    for (const SobolFactorResult& f : r.sobol->factors) {
      for (const char* k : {"S:", "S_low:", "S_high:", "ST:", "ST_low:", "ST_high:"}) {
        t.AddColumn(k + f.name);
      }
    }
  }
  auto exact = [](double v) { return std::isfinite(v) ? FormatExact(v) : std::string(); };
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
    row.push_back(FormatExact(u.mean_rank));
    for (double se : {u.se_mean, u.se_median, u.se_p5, u.se_p95}) row.push_back(exact(se));
    for (size_t f = 0; f < u.sobol_first.size(); ++f) {
      for (const SobolValue* v : {&u.sobol_first[f], &u.sobol_total[f]}) {
        for (double x : {v->estimate, v->low, v->high}) row.push_back(exact(x));
      }
    }
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
