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

struct Labels {
  const char *title, *samples, *seed, *groups, *read, *scored, *failed_n, *rank, *code, *unit,
      *index, *median, *range, *median_rank, *rank_range, *shift, *sobol, *group, *first_index,
      *total_index, *first_rank, *total_rank, *failed, *varying, *runs, *no_variance, *survey,
      *appraisal, *weights;
};

const Labels& L(Lang lang) {
  static const Labels kVi = {"Độ bất định của Chỉ số CCHC",
                             "mẫu",
                             "hạt giống",
                             "Nguồn bất định",
                             "đọc",
                             "chấm",
                             "lỗi",
                             "Hạng",
                             "Mã",
                             "Đơn vị",
                             "Chỉ số",
                             "Trung vị",
                             "Khoảng 5–95 %",
                             "Hạng trung vị",
                             "Khoảng hạng 5–95 %",
                             "Dịch chuyển hạng trung bình (|hạng − hạng gốc|)",
                             "Chỉ số Sobol theo nhóm đầu vào (khoảng tin cậy 95 % bootstrap",
                             "Nhóm",
                             "Bậc 1 (chỉ số)",
                             "Toàn phần (chỉ số)",
                             "Bậc 1 (dịch hạng)",
                             "Toàn phần (dịch hạng)",
                             "Không chấm được",
                             "đơn vị có biến động",
                             "lượt tính",
                             "không có biến động: chỉ số Sobol không xác định",
                             "sai số điều tra XHH",
                             "chấp nhận TLKC khi thẩm định",
                             "trọng số lĩnh vực"};
  static const Labels kEn = {"PAR index uncertainty",
                             "samples",
                             "seed",
                             "Inputs",
                             "read",
                             "scored",
                             "failed",
                             "Rank",
                             "Code",
                             "Unit",
                             "Index",
                             "Median",
                             "5–95 %",
                             "Median rank",
                             "Rank 5–95 %",
                             "Mean absolute rank shift (|rank − base rank|)",
                             "Sobol indices per input group (bootstrap 95 % intervals",
                             "Group",
                             "First order (index)",
                             "Total (index)",
                             "First order (rank shift)",
                             "Total (rank shift)",
                             "Failed",
                             "units that vary",
                             "model runs",
                             "nothing varies: Sobol indices undefined",
                             "survey error",
                             "appraisal acceptance",
                             "area weights"};
  return lang == Lang::kVi ? kVi : kEn;
}

int Precision(const Plan& plan, const ReportOptions& o) {
  return o.precision >= 0 ? o.precision : plan.criteria().index.precision;
}

std::string GroupLabel(NoiseGroup g, const UncertaintyConfig& c, Lang lang) {
  const Labels& l = L(lang);
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
  const Labels& l = L(lang);
  const IndexMeta& meta = plan.criteria().index;
  std::string out = l.title;
  if (!meta.province.empty()) out += " — " + meta.province;
  if (meta.year) out += " " + std::to_string(meta.year);
  out += ": " + std::to_string(r.config.samples) + " " + l.samples + ", " + l.seed + " " +
         std::to_string(r.config.seed) + "; " + l.read + " " + std::to_string(b.read()) + ", " +
         l.scored + " " + std::to_string(b.units.size()) + ", " + l.failed_n + " " +
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
  const Labels& l = L(lang);
  std::vector<std::string> h = {l.rank,   l.code,  l.unit,        std::string(l.index) + " (%)",
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
  const Labels& l = L(lang);
  const SobolResult& s = *r.sobol;
  return std::string(l.sobol) + ", B = " + std::to_string(s.bootstrap) +
         "; N = " + std::to_string(s.base_samples) + ", " + std::to_string(s.evaluations) + " " +
         l.runs + "; " + std::to_string(s.units_with_variance) + "/" +
         std::to_string(r.units.size()) + " " + l.varying + ")";
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

std::string MdTable(const std::vector<std::string>& header, size_t left,
                    const std::vector<std::vector<std::string>>& rows) {
  std::string out = "|";
  for (const auto& h : header) out += " " + MdCell(h) + " |";
  out += "\n|";
  for (size_t i = 0; i < header.size(); ++i) out += i < left ? "---|" : "---:|";
  out += "\n";
  for (const auto& row : rows) {
    out += "|";
    for (const auto& c : row) out += " " + MdCell(c) + " |";
    out += "\n";
  }
  return out;
}

std::string Table(const Plan& plan, const BatchResult& b, const UncertaintyResult& r,
                  const ReportOptions& o) {
  const Labels& l = L(o.lang);
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
    out += "\n" + std::string(l.failed) + " (" + std::to_string(b.failed.size()) + ")\n";
    for (const BatchFailure& f : b.failed) out += "  " + FailureLine(f) + "\n";
  }
  return out;
}

std::string Markdown(const Plan& plan, const BatchResult& b, const UncertaintyResult& r,
                     const ReportOptions& o) {
  const Labels& l = L(o.lang);
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
    out += "\n## " + std::string(l.failed) + "\n\n";
    std::vector<std::vector<std::string>> rows;
    for (const BatchFailure& f : b.failed) rows.push_back({f.source, f.error});
    out += MdTable({"source", "error"}, 2, rows);
  }
  return out;
}

// One row per unit, unrounded; the Sobol indices are in JSON, table and md.
std::string Csv(const Plan& plan, const BatchResult& b, const UncertaintyResult& r) {
  std::string out =
      "base_rank,code,name,base_percent,mean,median,p5,p95,rank_median,rank_p5,rank_p95";
  for (const BandDecl& d : plan.criteria().index.bands) out += "," + CsvCell("p:" + d.label);
  out += "\n";
  for (const UnitUncertainty& u : r.units) {
    const BatchUnit& unit = b.units[u.unit];
    out += std::to_string(u.base_rank) + "," + CsvCell(unit.unit.code) + "," +
           CsvCell(unit.unit.name) + "," + FormatExact(u.base) + "," + FormatExact(u.mean) + "," +
           FormatExact(u.median) + "," + FormatExact(u.p5) + "," + FormatExact(u.p95) + "," +
           std::to_string(u.rank_median) + "," + std::to_string(u.rank_p5) + "," +
           std::to_string(u.rank_p95);
    for (double p : u.band_probability) out += "," + FormatExact(p);
    out += "\n";
  }
  return out;
}

}  // namespace

std::string RenderUncertainty(const Plan& plan, const BatchResult& batch,
                              const UncertaintyResult& r, OutputFormat format,
                              const ReportOptions& o) {
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
