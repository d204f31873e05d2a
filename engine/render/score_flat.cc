// The flat forms of a scorecard: CSV (one row per item) and Markdown (the
// submitted table: max, self-score, evidence, explanation per item).
#include "criteria/source.h"
#include "engine/render/score.h"
#include "engine/util/numfmt.h"

namespace cchc {
namespace {

std::string JoinIds(const std::vector<std::string>& ids, const char* sep) {
  std::string out;
  for (size_t i = 0; i < ids.size(); ++i) out += (i ? sep : "") + ids[i];
  return out;
}

std::string MdCell(std::string s) {
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

}  // namespace

std::string RenderScoreCsv(const Plan& plan, const Scorecard& card, const ReportOptions&) {
  std::string out = "code,name,max,points,status,branch,evidence,explanation,lost,appraised\n";
  for (const ItemScore& s : card.items) {
    const Item& it = *plan.items()[static_cast<size_t>(s.index)].item;
    out += CsvCell(it.code) + "," + CsvCell(it.name) + "," + FormatExact(s.max) + "," +
           FormatExact(s.points) + "," + ItemStatusName(s.status) + "," + CsvCell(s.branch) + "," +
           CsvCell(JoinIds(s.evidence, ";")) + "," + CsvCell(s.explanation) + "," +
           FormatExact(s.lost()) + "," + (s.appraised ? FormatExact(*s.appraised) : "") + "\n";
  }
  return out;
}

std::string RenderScoreMarkdown(const Plan& plan, const Scorecard& card, const ReportOptions& o) {
  const bool vi = o.lang == Lang::kVi;
  const int prec = o.precision >= 0 ? o.precision : plan.criteria().index.precision;
  std::string out =
      "# " +
      (plan.criteria().index.name.empty() ? std::string("cchc") : plan.criteria().index.name) +
      " — " + card.unit.name + "\n\n";
  out += std::string(vi ? "**Chỉ số:** " : "**Index:** ") +
         FormatPercent(card.percent / 100, prec) + (vi ? " · **Xếp loại:** " : " · **Band:** ") +
         card.band + (vi ? " · **Điểm:** " : " · **Points:** ") + FormatTrim(card.points, prec) +
         " / " + FormatTrim(card.max, prec) + "\n\n";
  out += vi ? "| Lĩnh vực | Nội dung | Điểm | Tối đa | Tỷ lệ |\n|---|---|---:|---:|---:|\n"
            : "| Area | Name | Points | Max | Percent |\n|---|---|---:|---:|---:|\n";
  for (const GroupScore& g : card.areas) {
    out += "| " + g.code + " | " + MdCell(g.name) + " | " + FormatTrim(g.points, prec) + " | " +
           FormatTrim(g.max, prec) + " | " + FormatPercent(g.percent() / 100, 1) + " |\n";
  }
  out += vi ? "\n| Mã | Tiêu chí | Tối đa | Tự chấm | Trạng thái | TLKC | Giải thích |\n"
            : "\n| Code | Item | Max | Self | Status | Evidence | Explanation |\n";
  out += "|---|---|---:|---:|---|---|---|\n";
  for (const ItemScore& s : card.items) {
    const Item& it = *plan.items()[static_cast<size_t>(s.index)].item;
    out += "| " + it.code + " | " + MdCell(it.name) + " | " + FormatTrim(it.max, prec) + " | " +
           (s.status == ItemStatus::kNotApplicable ? "—" : FormatTrim(s.points, prec)) + " | " +
           StatusLabel(s.status, o.lang) + " | " + MdCell(JoinIds(s.evidence, ", ")) + " | " +
           MdCell(s.explanation) + " |\n";
  }
  return out;
}

}  // namespace cchc
