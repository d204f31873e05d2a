// Local sensitivity for people and programs: points lost per item, each
// input's distance to its next threshold, and the tornado of numeric inputs.
#include <cmath>
#include <nlohmann/json.hpp>

#include "criteria/date.h"
#include "engine/render/analysis.h"
#include "engine/render/cells.h"
#include "engine/render/explain.h"
#include "engine/render/text_table.h"
#include "engine/util/numfmt.h"

namespace cchc {
namespace {

using nlohmann::ordered_json;

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

std::string Table(const Plan& plan, const SensitivityReport& r, const RenderOptions& o) {
  const Labels& labels = LabelsFor(o.lang);
  const Labels::Common& l = labels.common;
  const Labels::Sensitivity& ls = labels.sensitivity;
  const int prec = o.precision >= 0 ? o.precision : plan.criteria().index.precision;
  std::string out = std::string(l.current_index) + ": " +
                    LocalNumber(FormatPercent(r.base_percent / 100, prec), o.lang) + "\n";
  if (r.inputs_found > r.inputs.size()) {
    out +=
        Fill(ls.analysed, {std::to_string(r.inputs.size()), std::to_string(r.inputs_found)}) + "\n";
  }
  out += "\n" + std::string(ls.lost_title) + "\n";
  if (r.points_lost.empty()) {
    out += "  " + std::string(l.none) + "\n";
  } else {
    TextTable t;
    t.AddColumn(l.code);
    t.AddColumn(l.name, TextTable::Align::kLeft, 40);
    t.AddColumn(l.lost, TextTable::Align::kRight);
    t.AddColumn(ls.got_max, TextTable::Align::kRight);
    t.AddColumn(ls.reason_branch, TextTable::Align::kLeft, 40);
    for (const ItemScore* s : r.points_lost) {
      const Item& it = *plan.items()[static_cast<size_t>(s->index)].item;
      std::string reason = BranchLabel(s->branch, o.lang);
      if (s->status != ItemStatus::kScored)
        reason =
            std::string(StatusLabel(s->status, o.lang)) + (reason.empty() ? "" : ": " + reason);
      t.AddRow({it.code, it.name, FormatTrim(s->lost(), prec),
                FormatTrim(s->points, prec) + "/" + FormatTrim(s->max, prec), reason});
    }
    out += t.Render(LayoutFor(o));
  }

  out += "\n" + std::string(ls.next_title) + "\n";
  // Fitted (the default), the change to make stands on its own line under
  // the input; --wide keeps it in a column.
  const bool fit = o.width > 0;
  TextTable th;
  th.AddColumn(l.input, TextTable::Align::kLeft, 34);
  th.AddColumn(l.now, TextTable::Align::kRight);
  if (!fit) th.AddColumn(ls.move, TextTable::Align::kLeft, 72);
  th.AddColumn(l.item);
  th.AddColumn(ls.branch, TextTable::Align::kLeft, 40);
  th.AddColumn(l.gain_pp, TextTable::Align::kRight);
  for (const InputSensitivity& s : r.inputs) {
    for (const ThresholdStep* st : Steps(s)) {
      std::vector<std::string> row = {InputName(s.input, o.lang),
                                      FormatInputValue(s.input, s.input.value)};
      if (!fit) row.push_back(DescribeStep(s.input, *st, o.lang));
      row.push_back(st->item);
      row.push_back(BranchLabel(st->branch_before, o.lang) + " → " +
                    BranchLabel(st->branch_after, o.lang));
      row.push_back(Gain(st->gain, prec));
      th.AddRow(std::move(row));
      if (fit) th.AddNote("→ " + DescribeStep(s.input, *st, o.lang));
    }
  }
  out += th.empty() ? "  " + std::string(ls.no_threshold) + "\n" : th.Render(LayoutFor(o));

  out += "\n" + std::string(ls.tornado_title) + "\n";
  TextTable tor;
  tor.AddColumn(l.input, TextTable::Align::kLeft, 34);
  tor.AddColumn(l.now, TextTable::Align::kRight);
  tor.AddColumn(ls.minus10, TextTable::Align::kRight);
  tor.AddColumn(ls.plus10, TextTable::Align::kRight);
  tor.AddColumn(ls.to_threshold, TextTable::Align::kRight);
  tor.AddColumn(l.items_short, TextTable::Align::kLeft, 24);
  for (const InputSensitivity& s : r.inputs) {
    tor.AddRow({InputName(s.input, o.lang), FormatInputValue(s.input, s.input.value),
                Gain(s.tornado_minus, prec), Gain(s.tornado_plus, prec), Gain(ToThreshold(s), prec),
                Join(s.input.items)});
  }
  out += tor.Render(LayoutFor(o));
  return out;
}

ordered_json ValueJson(const SensitivityInput& in, double v) {
  if (in.kind == InputKind::kDate) return FormatIsoDate(Date{static_cast<int32_t>(std::lround(v))});
  return v;
}

ordered_json StepJson(const SensitivityInput& in, const std::optional<ThresholdStep>& s,
                      const RenderOptions& o) {
  if (!s) return nullptr;
  return {{"delta", s->delta},
          {"to", ValueJson(in, s->to)},
          {"gain", s->gain},
          {"gain_points", s->gain_points},
          {"item", s->item},
          {"branch_before", s->branch_before},
          {"branch_after", s->branch_after},
          {"description", DescribeStep(in, *s, o.lang)}};
}

std::string Json(const Plan& plan, const SensitivityReport& r, const RenderOptions& o) {
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
                                {"explanation", ExplainItem(plan, *s, o.lang)}});
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

std::string Csv(const SensitivityReport& r, const RenderOptions& o) {
  TextTable t;
  for (const char* h : {"input", "kind", "value", "tornado_minus", "tornado_plus", "to_threshold",
                        "step", "item", "gain"}) {
    t.AddColumn(h);
  }
  for (const InputSensitivity& s : r.inputs) {
    const std::vector<std::string> head = {InputName(s.input, Lang::kEn),
                                           InputKindName(s.input.kind),
                                           FormatInputValue(s.input, s.input.value),
                                           FormatExact(s.tornado_minus),
                                           FormatExact(s.tornado_plus),
                                           FormatExact(ToThreshold(s))};
    std::vector<const ThresholdStep*> steps = Steps(s);
    if (steps.empty()) t.AddRow(head);
    for (const ThresholdStep* st : steps) {
      std::vector<std::string> row = head;
      row.insert(row.end(), {DescribeStep(s.input, *st, o.lang), st->item, FormatExact(st->gain)});
      t.AddRow(std::move(row));
    }
  }
  return t.RenderCsv();
}

std::string Markdown(const Plan& plan, const SensitivityReport& r, const RenderOptions& o) {
  const Labels& labels = LabelsFor(o.lang);
  const Labels::Common& l = labels.common;
  const Labels::Sensitivity& ls = labels.sensitivity;
  const int prec = o.precision >= 0 ? o.precision : plan.criteria().index.precision;
  std::string out = "# " + std::string(ls.title) + "\n\n";
  TextTable lost;
  lost.AddColumn(l.code);
  lost.AddColumn(l.lost, TextTable::Align::kRight);
  lost.AddColumn(ls.reason);
  for (const ItemScore* s : r.points_lost) {
    lost.AddRow({Code(plan, *s), FormatTrim(s->lost(), prec), BranchLabel(s->branch, o.lang)});
  }
  out += "## " + std::string(ls.lost_md) + "\n\n" + lost.RenderMarkdown(LayoutFor(o));
  TextTable next;
  next.AddColumn(l.input);
  next.AddColumn(ls.move);
  next.AddColumn(l.item);
  next.AddColumn(l.gain_pp, TextTable::Align::kRight);
  for (const InputSensitivity& s : r.inputs) {
    for (const ThresholdStep* st : Steps(s)) {
      next.AddRow({InputName(s.input, o.lang), DescribeStep(s.input, *st, o.lang), st->item,
                   Gain(st->gain, prec)});
    }
  }
  out += "\n## " + std::string(ls.next_md) + "\n\n" + next.RenderMarkdown(LayoutFor(o));
  TextTable tor;
  tor.AddColumn(l.input);
  tor.AddColumn(ls.minus10, TextTable::Align::kRight);
  tor.AddColumn(ls.plus10, TextTable::Align::kRight);
  tor.AddColumn(ls.to_threshold, TextTable::Align::kRight);
  for (const InputSensitivity& s : r.inputs) {
    tor.AddRow({InputName(s.input, o.lang), Gain(s.tornado_minus, prec), Gain(s.tornado_plus, prec),
                Gain(ToThreshold(s), prec)});
  }
  out += "\n## " + std::string(ls.tornado_md) + "\n\n" + tor.RenderMarkdown(LayoutFor(o));
  return out;
}

}  // namespace

std::string InputName(const SensitivityInput& in, Lang lang) {
  if (in.kind == InputKind::kRecordCount) {
    return Fill(LabelsFor(lang).sensitivity.records_of_kind, {in.record_kind});
  }
  return in.record_id + "." + in.field;
}

std::string DescribeStep(const SensitivityInput& in, const ThresholdStep& step, Lang lang) {
  const Labels::Sensitivity& l = LabelsFor(lang).sensitivity;
  const bool up = step.delta > 0;
  auto shown = [&](double v) {
    const std::string text = FormatInputValue(in, v);
    return in.kind == InputKind::kDate ? text : LocalNumber(text, lang);
  };
  const std::string change = " (" + shown(in.value) + " → " + shown(step.to) + ")";
  const std::string where = in.record_id + "." + in.field;
  std::string amount;
  const char* text = nullptr;
  switch (in.kind) {
    case InputKind::kDate:
      amount = FormatTrim(std::fabs(step.delta), 0);
      text = up ? l.later : l.earlier;
      break;
    case InputKind::kRecordCount:
      amount = FormatTrim(std::fabs(step.delta), 0);
      text = up ? l.more_records : l.fewer_records;
      break;
    case InputKind::kPercent:
      amount = FormatTrim(std::fabs(step.delta) * 100, 2);
      text = up ? l.raise_pp : l.lower_pp;
      break;
    case InputKind::kCount:
    case InputKind::kNumber:
      amount = FormatTrim(std::fabs(step.delta), in.kind == InputKind::kCount ? 0 : 2);
      text = up ? l.raise : l.lower;
      break;
  }
  if (!text) return {};
  return Fill(text, {where, LocalNumber(amount, lang), change, amount == "1" ? "" : l.plural,
                     in.field, in.record_id, in.record_kind});
}

std::string RenderSensitivity(const Plan& plan, const SensitivityReport& report,
                              OutputFormat format, const RenderOptions& options) {
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
