// Task impact for people and programs: the ranking (tasks with no effect
// shown as such), the best set for a budget, the cheapest set for a band,
// and the greedy order.
#include <cmath>
#include <nlohmann/json.hpp>

#include "criteria/input_limits.h"
#include "engine/render/analysis.h"
#include "engine/render/cells.h"
#include "engine/render/explain.h"
#include "engine/render/text_table.h"
#include "engine/util/numfmt.h"

namespace cchc {
namespace {

using nlohmann::ordered_json;

const Task& TaskAt(const TasksView& v, int t) { return v.list->tasks[static_cast<size_t>(t)]; }

bool NoEffect(const TaskGain& g) { return g.items.empty() && std::fabs(g.gain) <= 1e-12; }

// The "items changed" cell: the items, "no effect", or the partner it needs.
std::string EffectCell(const TasksView& v, const TaskGain& g, const Labels::Tasks& l, int prec,
                       Lang lang) {
  if (!NoEffect(g)) return Join(g.items);
  if (!g.partner) return l.no_effect;
  return Fill(l.with_partner, {TaskAt(v, *g.partner).id,
                               LocalNumber(FormatSigned(g.gain_with_partner, prec), lang)});
}

// One line per task that does nothing alone but adds with another task.
std::string PartnerNotes(const TasksView& v, const Labels::Tasks& l, int prec, Lang lang,
                         const std::string& indent) {
  std::string out;
  for (const TaskGain& g : v.analysis->ranked) {
    if (!NoEffect(g) || !g.partner) continue;
    out += indent +
           Fill(l.with_partner_note, {TaskAt(v, g.task).id, TaskAt(v, *g.partner).id,
                                      LocalNumber(FormatTrim(g.gain_with_partner, prec), lang)}) +
           "\n";
  }
  return out;
}

std::string Ids(const TasksView& v, const std::vector<int>& tasks) {
  std::string out;
  for (int t : tasks) out += (out.empty() ? "" : ", ") + TaskAt(v, t).id;
  return out;
}

std::string SetLine(const TasksView& v, const TaskSet& s, const Labels::Tasks& l, int prec,
                    Lang lang) {
  auto n = [&](const std::string& number) { return LocalNumber(number, lang); };
  return "{" + Ids(v, s.tasks) + "}  " + l.set_effort + " " + n(FormatTrim(s.effort, 2)) + "  " +
         l.set_index + " " + n(FormatPercent(s.percent / 100, prec)) + " (" +
         n(Gain(s.gain, prec)) + ")  " + s.band;
}

std::string Table(const Plan& plan, const TasksView& v, const RenderOptions& o) {
  const Labels& labels = LabelsFor(o.lang);
  const Labels::Common& l = labels.common;
  const Labels::Tasks& lt = labels.tasks;
  const int prec = o.precision >= 0 ? o.precision : plan.criteria().index.precision;
  const TaskAnalysis& a = *v.analysis;
  std::string out;
  if (!v.list->plan.empty()) out += v.list->plan + "\n";
  out += std::string(l.current_index) + ": " +
         LocalNumber(FormatPercent(a.base_percent / 100, prec), o.lang) + "   " + l.band + ": " +
         a.base_band + "\n";
  out += "\n" + std::string(lt.ranking) + "\n";
  // Fitted to 100 columns (the default), the lead and the raw points give way
  // to the task's title; --wide shows them.
  const bool fit = o.width > 0;
  TextTable t;
  t.AddColumn("#", TextTable::Align::kRight);
  t.AddColumn(lt.id);
  t.AddColumn(lt.task, TextTable::Align::kLeft, 36);
  if (!fit) t.AddColumn(lt.lead, TextTable::Align::kLeft, 22);
  t.AddColumn(lt.deadline);
  t.AddColumn(lt.effort, TextTable::Align::kRight);
  t.AddColumn(l.gain_pp, TextTable::Align::kRight);
  if (!fit) t.AddColumn(l.points, TextTable::Align::kRight);
  t.AddColumn(lt.gain_per_effort, TextTable::Align::kRight);
  t.AddColumn(l.band);
  t.AddColumn(lt.items_changed, TextTable::Align::kLeft, 30);
  int rank = 0;
  for (const TaskGain& g : a.ranked) {
    const Task& task = TaskAt(v, g.task);
    std::vector<std::string> row = {std::to_string(++rank), task.id, task.title};
    if (!fit) row.push_back(task.lead);
    row.push_back(task.deadline ? LocalDate(*task.deadline, o.lang) : "");
    row.push_back(FormatTrim(task.effort, 2));
    row.push_back(Gain(g.gain, prec));
    if (!fit) row.push_back(Gain(g.gain_points, prec));
    row.push_back(task.effort > 0 ? FormatTrim(g.per_effort, 5) : "—");
    row.push_back(g.changes_band ? a.base_band + " → " + g.band_after : "—");
    row.push_back(EffectCell(v, g, lt, prec, o.lang));
    t.AddRow(std::move(row));
  }
  out += t.Render(LayoutFor(o));
  out += PartnerNotes(v, lt, prec, o.lang, "  ");

  if (v.budget) {
    out += "\n" + std::string(lt.best_within) + " " +
           LocalNumber(FormatTrim(*v.budget, 2), o.lang) + " " + lt.person_days + "\n  ";
    if (a.best_for_budget) {
      out += SetLine(v, *a.best_for_budget, lt, prec, o.lang) + "\n";
    }
  }
  if (v.target_band) {
    out += "\n" + std::string(lt.cheapest) + " " + *v.target_band + "\n  ";
    if (a.cheapest_for_band && a.cheapest_for_band->tasks.empty()) {
      out += std::string(lt.already) + "\n";
    } else if (a.cheapest_for_band) {
      out += SetLine(v, *a.cheapest_for_band, lt, prec, o.lang) + "\n";
    } else {
      out += std::string(lt.unreachable) + "\n";
    }
  }
  if (a.exhaustive) out += "  " + Fill(lt.all_sets, {std::to_string(a.subsets_scored)}) + "\n";

  out += "\n" + std::string(lt.greedy) + "\n";
  TextTable g;
  g.AddColumn("#", TextTable::Align::kRight);
  g.AddColumn(lt.id);
  g.AddColumn(lt.marginal, TextTable::Align::kRight);
  g.AddColumn(lt.index_after, TextTable::Align::kRight);
  g.AddColumn(lt.cumulative, TextTable::Align::kRight);
  int step = 0;
  for (const GreedyStep& s : a.greedy) {
    g.AddRow({std::to_string(++step), TaskAt(v, s.task).id, Gain(s.marginal_gain, prec),
              FormatPercent(s.percent_after / 100, prec), FormatTrim(s.cumulative_effort, 2)});
  }
  out += g.Render(LayoutFor(o));
  return out;
}

ordered_json SetJson(const TasksView& v, const TaskSet& s) {
  ordered_json ids = ordered_json::array();
  for (int t : s.tasks) ids.push_back(TaskAt(v, t).id);
  return {{"tasks", ids},
          {"effort", s.effort},
          {"percent", s.percent},
          {"gain", s.gain},
          {"band", s.band}};
}

std::string Json(const TasksView& v) {
  const TaskAnalysis& a = *v.analysis;
  ordered_json j;
  j["plan"] = v.list->plan;
  j["base"] = {{"percent", a.base_percent}, {"band", a.base_band}};
  j["tasks"] = ordered_json::array();
  for (const TaskGain& g : a.ranked) {
    const Task& task = TaskAt(v, g.task);
    ordered_json x;
    x["id"] = task.id;
    x["title"] = task.title;
    x["lead"] = task.lead;
    x["partners"] = task.partners;
    x["deadline"] = task.deadline ? ordered_json(FormatIsoDate(*task.deadline)) : ordered_json();
    x["effort"] = task.effort;
    x["gain"] = g.gain;
    x["gain_points"] = g.gain_points;
    x["gain_per_effort"] = task.effort > 0 ? ordered_json(g.per_effort) : ordered_json();
    x["band_after"] = g.band_after;
    x["changes_band"] = g.changes_band;
    x["has_effect"] = !NoEffect(g);
    x["with_partner"] =
        g.partner ? ordered_json{{"id", TaskAt(v, *g.partner).id}, {"gain", g.gain_with_partner}}
                  : ordered_json();
    x["items"] = g.items;
    x["problems"] = g.problems;
    j["tasks"].push_back(std::move(x));
  }
  j["greedy"] = ordered_json::array();
  for (const GreedyStep& s : a.greedy) {
    j["greedy"].push_back({{"id", TaskAt(v, s.task).id},
                           {"marginal_gain", s.marginal_gain},
                           {"percent_after", s.percent_after},
                           {"cumulative_effort", s.cumulative_effort}});
  }
  if (v.budget) {
    j["budget"] = {{"effort", *v.budget},
                   {"best", a.best_for_budget ? SetJson(v, *a.best_for_budget) : ordered_json()}};
  } else {
    j["budget"] = nullptr;
  }
  if (v.target_band) {
    j["target"] = {
        {"band", *v.target_band},
        {"reachable", a.exhaustive ? ordered_json(a.target_reachable) : ordered_json()},
        {"cheapest", a.cheapest_for_band ? SetJson(v, *a.cheapest_for_band) : ordered_json()}};
  } else {
    j["target"] = nullptr;
  }
  j["exhaustive"] = a.exhaustive;
  j["subsets_scored"] = a.subsets_scored;
  return j.dump(2) + "\n";
}

std::string Csv(const TasksView& v) {
  TextTable t;
  for (const char* h : {"rank", "id", "title", "lead", "deadline", "effort", "gain", "gain_points",
                        "gain_per_effort", "band_after", "changes_band", "items"}) {
    t.AddColumn(h);
  }
  int rank = 0;
  for (const TaskGain& g : v.analysis->ranked) {
    const Task& task = TaskAt(v, g.task);
    t.AddRow({std::to_string(++rank), task.id, task.title, task.lead,
              task.deadline ? FormatIsoDate(*task.deadline) : "", FormatExact(task.effort),
              FormatExact(g.gain), FormatExact(g.gain_points),
              task.effort > 0 ? FormatExact(g.per_effort) : "", g.band_after,
              g.changes_band ? "true" : "false", Join(g.items, ";")});
  }
  return t.RenderCsv();
}

std::string Markdown(const Plan& plan, const TasksView& v, const RenderOptions& o) {
  const Labels& labels = LabelsFor(o.lang);
  const Labels::Common& l = labels.common;
  const Labels::Tasks& lt = labels.tasks;
  const int prec = o.precision >= 0 ? o.precision : plan.criteria().index.precision;
  const TaskAnalysis& a = *v.analysis;
  std::string out = "# " + std::string(lt.title) + "\n\n";
  out += "**" + std::string(l.current_index) + ":** " +
         LocalNumber(FormatPercent(a.base_percent / 100, prec), o.lang) + " · " + a.base_band +
         "\n\n";
  TextTable t;
  t.AddColumn("#", TextTable::Align::kRight);
  t.AddColumn(lt.id);
  t.AddColumn(lt.task);
  t.AddColumn(lt.lead);
  t.AddColumn(lt.deadline);
  t.AddColumn(lt.effort, TextTable::Align::kRight);
  t.AddColumn(l.gain_pp, TextTable::Align::kRight);
  t.AddColumn(lt.gain_per_effort, TextTable::Align::kRight);
  t.AddColumn(l.band);
  t.AddColumn(l.items_short);
  int rank = 0;
  for (const TaskGain& g : a.ranked) {
    const Task& task = TaskAt(v, g.task);
    t.AddRow({std::to_string(++rank), task.id, task.title, task.lead,
              task.deadline ? FormatIsoDate(*task.deadline) : "", FormatTrim(task.effort, 2),
              Gain(g.gain, prec), task.effort > 0 ? FormatTrim(g.per_effort, 5) : "—",
              g.changes_band ? a.base_band + " → " + g.band_after : "—",
              EffectCell(v, g, lt, prec, o.lang)});
  }
  out += t.RenderMarkdown(LayoutFor(o));
  const std::string notes = PartnerNotes(v, lt, prec, o.lang, "- ");
  if (!notes.empty()) out += "\n" + notes;
  if (v.budget && a.best_for_budget) {
    out += "\n**" + std::string(lt.best_within_md) + " " +
           LocalNumber(FormatTrim(*v.budget, 2), o.lang) + " " + lt.person_days + ":** " +
           SetLine(v, *a.best_for_budget, lt, prec, o.lang) + "\n";
  }
  if (v.target_band) {
    out += "\n**" + std::string(lt.cheapest_md) + " " + *v.target_band + ":** " +
           (a.cheapest_for_band ? SetLine(v, *a.cheapest_for_band, lt, prec, o.lang)
                                : std::string(lt.unreachable_short)) +
           "\n";
  }
  out += "\n**" + std::string(lt.greedy_md) + ":** ";
  for (size_t i = 0; i < a.greedy.size(); ++i)
    out += (i ? " → " : "") + TaskAt(v, a.greedy[i].task).id;
  return out + "\n";
}

}  // namespace

std::string RenderTasks(const Plan& plan, const TasksView& view, OutputFormat format,
                        const RenderOptions& options) {
  switch (format) {
    case OutputFormat::kTable:
      return Table(plan, view, options);
    case OutputFormat::kJson:
      return Json(view);
    case OutputFormat::kCsv:
      return Csv(view);
    case OutputFormat::kMd:
      return Markdown(plan, view, options);
  }
  return {};
}

std::string TooManyTasksMessage(size_t tasks, Lang lang) {
  return Fill(LabelsFor(lang).tasks.too_many, {std::to_string(tasks), std::to_string(kMaxTasks)});
}

}  // namespace cchc
