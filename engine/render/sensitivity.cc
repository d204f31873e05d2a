// Local sensitivity for people and programs: points lost per item, each
// input's distance to its next threshold, and the tornado of numeric inputs.
#include <cmath>
#include <nlohmann/json.hpp>

#include "criteria/date.h"
#include "engine/render/analysis.h"
#include "engine/render/text_table.h"
#include "engine/util/numfmt.h"

namespace cchc {
namespace {

using nlohmann::ordered_json;

// Gains in index percentage points: at least 4 decimals, so +0.3046 does
// not read as +0.3.
std::string Signed(double v, int prec) {
  std::string s = FormatTrim(v, prec < 4 ? 4 : prec);
  if (s == "0" || s == "-0") return "0";
  return v > 0 ? "+" + s : s;
}

const std::string& Code(const Plan& plan, const ItemScore& s) {
  return plan.items()[static_cast<size_t>(s.index)].item->code;
}

// The steps worth showing: those that gain, best first within an input.
std::vector<const ThresholdStep*> Steps(const InputSensitivity& s) {
  std::vector<const ThresholdStep*> out;
  if (s.up) out.push_back(&*s.up);
  if (s.down) out.push_back(&*s.down);
  if (out.size() == 2 && out[1]->gain > out[0]->gain) std::swap(out[0], out[1]);
  return out;
}

double ToThreshold(const InputSensitivity& s) {
  double g = 0;
  for (const ThresholdStep* st : Steps(s)) g = std::max(g, st->gain);
  return g;
}

std::string Table(const Plan& plan, const SensitivityReport& r, const ReportOptions& o) {
  const bool vi = o.lang == Lang::kVi;
  const int prec = o.precision >= 0 ? o.precision : plan.criteria().index.precision;
  std::string out = std::string(vi ? "Chỉ số hiện tại: " : "Current index: ") +
                    FormatPercent(r.base_percent / 100, prec) + "\n";
  if (r.inputs_found > r.inputs.size()) {
    out += (vi ? "Chỉ phân tích " : "Analysed ") + std::to_string(r.inputs.size()) +
           (vi ? " trong " : " of ") + std::to_string(r.inputs_found) +
           (vi ? " đầu vào (ưu tiên đầu vào của các tiêu chí còn mất điểm)\n"
               : " inputs (those of items that lost points first)\n");
  }
  out += vi ? "\nĐiểm bị mất theo tiêu chí (lớn nhất trước)\n"
            : "\nPoints lost per item (largest first)\n";
  if (r.points_lost.empty()) {
    out += vi ? "  không có\n" : "  none\n";
  } else {
    TextTable t;
    t.AddColumn(vi ? "Mã" : "Code");
    t.AddColumn(vi ? "Nội dung" : "Name", TextTable::Align::kLeft, 40);
    t.AddColumn(vi ? "Mất" : "Lost", TextTable::Align::kRight);
    t.AddColumn(vi ? "Đạt/Tối đa" : "Got/Max", TextTable::Align::kRight);
    t.AddColumn(vi ? "Lý do (nhánh)" : "Reason (branch)", TextTable::Align::kLeft, 40);
    for (const ItemScore* s : r.points_lost) {
      const Item& it = *plan.items()[static_cast<size_t>(s->index)].item;
      std::string reason = s->branch;
      if (s->status != ItemStatus::kScored)
        reason =
            std::string(StatusLabel(s->status, o.lang)) + (reason.empty() ? "" : ": " + reason);
      t.AddRow({it.code, it.name, FormatTrim(s->lost(), prec),
                FormatTrim(s->points, prec) + "/" + FormatTrim(s->max, prec), reason});
    }
    out += t.Render();
  }

  out += vi ? "\nKhoảng cách tới ngưỡng kế tiếp\n" : "\nDistance to the next threshold\n";
  TextTable th;
  th.AddColumn(vi ? "Đầu vào" : "Input", TextTable::Align::kLeft, 34);
  th.AddColumn(vi ? "Hiện tại" : "Now", TextTable::Align::kRight);
  th.AddColumn(vi ? "Cần thay đổi" : "Move needed", TextTable::Align::kLeft, 72);
  th.AddColumn(vi ? "Tiêu chí" : "Item");
  th.AddColumn(vi ? "Nhánh" : "Branch", TextTable::Align::kLeft, 30);
  th.AddColumn(vi ? "Tăng (%)" : "Gain (pp)", TextTable::Align::kRight);
  size_t shown = 0;
  for (const InputSensitivity& s : r.inputs) {
    for (const ThresholdStep* st : Steps(s)) {
      th.AddRow({InputName(s.input, vi), FormatInputValue(s.input, s.input.value),
                 DescribeStep(s.input, *st, vi), st->item,
                 st->branch_before + " → " + st->branch_after, Signed(st->gain, prec)});
      ++shown;
    }
  }
  if (shown == 0) {
    out += vi ? "  không đầu vào nào còn ngưỡng để tăng điểm\n"
              : "  no input has a threshold left to gain\n";
  } else {
    out += th.Render();
  }

  out += vi ? "\nBiểu đồ lốc xoáy (thay đổi chỉ số, điểm %)\n"
            : "\nTornado (index change, percentage points)\n";
  TextTable tor;
  tor.AddColumn(vi ? "Đầu vào" : "Input", TextTable::Align::kLeft, 34);
  tor.AddColumn(vi ? "Hiện tại" : "Now", TextTable::Align::kRight);
  tor.AddColumn("−10 %", TextTable::Align::kRight);
  tor.AddColumn("+10 %", TextTable::Align::kRight);
  tor.AddColumn(vi ? "Tới ngưỡng" : "To threshold", TextTable::Align::kRight);
  tor.AddColumn(vi ? "Tiêu chí" : "Items", TextTable::Align::kLeft, 24);
  for (const InputSensitivity& s : r.inputs) {
    std::string items;
    for (const auto& i : s.input.items) items += (items.empty() ? "" : ", ") + i;
    tor.AddRow({InputName(s.input, vi), FormatInputValue(s.input, s.input.value),
                Signed(s.tornado_minus, prec), Signed(s.tornado_plus, prec),
                Signed(ToThreshold(s), prec), items});
  }
  out += tor.Render();
  return out;
}

ordered_json ValueJson(const SensitivityInput& in, double v) {
  if (in.kind == InputKind::kDate) return FormatIsoDate(Date{static_cast<int32_t>(std::lround(v))});
  return v;
}

ordered_json StepJson(const SensitivityInput& in, const std::optional<ThresholdStep>& s,
                      const ReportOptions& o) {
  if (!s) return nullptr;
  return {{"delta", s->delta},
          {"to", ValueJson(in, s->to)},
          {"gain", s->gain},
          {"gain_points", s->gain_points},
          {"item", s->item},
          {"branch_before", s->branch_before},
          {"branch_after", s->branch_after},
          {"description", DescribeStep(in, *s, o.lang == Lang::kVi)}};
}

std::string Json(const Plan& plan, const SensitivityReport& r, const ReportOptions& o) {
  ordered_json j;
  j["percent"] = r.base_percent;
  j["inputs_found"] = r.inputs_found;
  j["inputs_analysed"] = r.inputs.size();
  j["points_lost"] = ordered_json::array();
  for (const ItemScore* s : r.points_lost) {
    j["points_lost"].push_back({{"code", Code(plan, *s)},
                                {"lost", s->lost()},
                                {"points", s->points},
                                {"max", s->max},
                                {"status", ItemStatusName(s->status)},
                                {"branch", s->branch},
                                {"explanation", s->explanation}});
  }
  j["inputs"] = ordered_json::array();
  for (const InputSensitivity& s : r.inputs) {
    const SensitivityInput& in = s.input;
    ordered_json x;
    x["kind"] = InputKindName(in.kind);
    x["record"] = in.record_id.empty() ? ordered_json() : ordered_json(in.record_id);
    x["record_kind"] = in.record_kind;
    x["field"] = in.field.empty() ? ordered_json() : ordered_json(in.field);
    x["value"] = ValueJson(in, in.value);
    x["items"] = in.items;
    x["up"] = StepJson(in, s.up, o);
    x["down"] = StepJson(in, s.down, o);
    x["tornado"] = {
        {"minus", s.tornado_minus}, {"plus", s.tornado_plus}, {"to_threshold", ToThreshold(s)}};
    j["inputs"].push_back(std::move(x));
  }
  return j.dump(2) + "\n";
}

std::string Csv(const SensitivityReport& r, const ReportOptions& o) {
  std::string out = "input,kind,value,tornado_minus,tornado_plus,to_threshold,step,item,gain\n";
  for (const InputSensitivity& s : r.inputs) {
    const std::string head =
        CsvCell(InputName(s.input, false)) + "," + InputKindName(s.input.kind) + "," +
        CsvCell(FormatInputValue(s.input, s.input.value)) + "," + FormatExact(s.tornado_minus) +
        "," + FormatExact(s.tornado_plus) + "," + FormatExact(ToThreshold(s)) + ",";
    std::vector<const ThresholdStep*> steps = Steps(s);
    if (steps.empty()) out += head + ",,\n";
    for (const ThresholdStep* st : steps) {
      out += head + CsvCell(DescribeStep(s.input, *st, o.lang == Lang::kVi)) + "," +
             CsvCell(st->item) + "," + FormatExact(st->gain) + "\n";
    }
  }
  return out;
}

std::string Markdown(const Plan& plan, const SensitivityReport& r, const ReportOptions& o) {
  const bool vi = o.lang == Lang::kVi;
  const int prec = o.precision >= 0 ? o.precision : plan.criteria().index.precision;
  std::string out = vi ? "# Độ nhạy\n\n" : "# Sensitivity\n\n";
  out += vi ? "## Điểm bị mất\n\n| Mã | Mất | Lý do |\n|---|---:|---|\n"
            : "## Points lost\n\n| Code | Lost | Reason |\n|---|---:|---|\n";
  for (const ItemScore* s : r.points_lost) {
    out += "| " + Code(plan, *s) + " | " + FormatTrim(s->lost(), prec) + " | " + s->branch + " |\n";
  }
  out += vi ? "\n## Ngưỡng kế tiếp\n\n| Đầu vào | Cần thay đổi | Tiêu chí | Tăng (%) "
              "|\n|---|---|---|---:|\n"
            : "\n## Next thresholds\n\n| Input | Move needed | Item | Gain (pp) "
              "|\n|---|---|---|---:|\n";
  for (const InputSensitivity& s : r.inputs) {
    for (const ThresholdStep* st : Steps(s)) {
      out += "| " + InputName(s.input, vi) + " | " + DescribeStep(s.input, *st, vi) + " | " +
             st->item + " | " + Signed(st->gain, prec) + " |\n";
    }
  }
  out += vi ? "\n## Lốc xoáy\n\n| Đầu vào | −10 % | +10 % | Tới ngưỡng |\n|---|---:|---:|---:|\n"
            : "\n## Tornado\n\n| Input | −10 % | +10 % | To threshold |\n|---|---:|---:|---:|\n";
  for (const InputSensitivity& s : r.inputs) {
    out += "| " + InputName(s.input, vi) + " | " + Signed(s.tornado_minus, prec) + " | " +
           Signed(s.tornado_plus, prec) + " | " + Signed(ToThreshold(s), prec) + " |\n";
  }
  return out;
}

}  // namespace

std::string RenderSensitivity(const Plan& plan, const SensitivityReport& report,
                              OutputFormat format, const ReportOptions& options) {
  switch (format) {
    case OutputFormat::kTable:
      return Table(plan, report, options);
    case OutputFormat::kJson:
      return Json(plan, report, options);
    case OutputFormat::kCsv:
      return Csv(report, options);
    case OutputFormat::kMd:
      return Markdown(plan, report, options);
  }
  return {};
}

}  // namespace cchc
