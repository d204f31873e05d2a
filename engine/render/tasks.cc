// Task impact for people and programs: the ranking (tasks with no effect
// shown as such), the best set for a budget, the cheapest set for a band,
// and the greedy order.
#include <cmath>
#include <nlohmann/json.hpp>

#include "engine/render/analysis.h"
#include "engine/render/text_table.h"
#include "engine/util/numfmt.h"

namespace cchc {
namespace {

using nlohmann::ordered_json;

const Task& TaskAt(const TasksView& v, int t) { return v.list->tasks[static_cast<size_t>(t)]; }

bool NoEffect(const TaskGain& g) { return g.items.empty() && std::fabs(g.gain) <= 1e-12; }

// Gains in index percentage points: at least 4 decimals, so +0.3046 does
// not read as +0.3.
std::string Signed(double v, int prec) {
  std::string s = FormatTrim(v, prec < 4 ? 4 : prec);
  if (s == "0" || s == "-0") return "0";
  return v > 0 ? "+" + s : s;
}

std::string Ids(const TasksView& v, const std::vector<int>& tasks) {
  std::string out;
  for (int t : tasks) out += (out.empty() ? "" : ", ") + TaskAt(v, t).id;
  return out;
}

std::string Join(const std::vector<std::string>& xs) {
  std::string out;
  for (const auto& x : xs) out += (out.empty() ? "" : ", ") + x;
  return out;
}

std::string SetLine(const TasksView& v, const TaskSet& s, bool vi, int prec) {
  return "{" + Ids(v, s.tasks) + "}  " + (vi ? "công " : "effort ") + FormatTrim(s.effort, 2) +
         "  " + (vi ? "chỉ số " : "index ") + FormatPercent(s.percent / 100, prec) + " (" +
         Signed(s.gain, prec) + ")  " + s.band;
}

std::string Table(const Plan& plan, const TasksView& v, const ReportOptions& o) {
  const bool vi = o.lang == Lang::kVi;
  const int prec = o.precision >= 0 ? o.precision : plan.criteria().index.precision;
  const TaskAnalysis& a = *v.analysis;
  std::string out;
  if (!v.list->plan.empty()) out += v.list->plan + "\n";
  out += std::string(vi ? "Chỉ số hiện tại: " : "Current index: ") +
         FormatPercent(a.base_percent / 100, prec) + "   " + (vi ? "Xếp loại: " : "Band: ") +
         a.base_band + "\n";
  out += vi ? "\nNhiệm vụ theo mức tăng chỉ số khi làm riêng (điểm %)\n"
            : "\nTasks by index gain alone (percentage points)\n";
  TextTable t;
  t.AddColumn("#", TextTable::Align::kRight);
  t.AddColumn(vi ? "Mã" : "Id");
  t.AddColumn(vi ? "Nhiệm vụ" : "Task", TextTable::Align::kLeft, 36);
  t.AddColumn(vi ? "Chủ trì" : "Lead", TextTable::Align::kLeft, 22);
  t.AddColumn(vi ? "Hạn" : "Deadline");
  t.AddColumn(vi ? "Công" : "Effort", TextTable::Align::kRight);
  t.AddColumn(vi ? "Tăng (%)" : "Gain (pp)", TextTable::Align::kRight);
  t.AddColumn(vi ? "Điểm" : "Points", TextTable::Align::kRight);
  t.AddColumn(vi ? "Tăng/công" : "Gain/effort", TextTable::Align::kRight);
  t.AddColumn(vi ? "Xếp loại" : "Band");
  t.AddColumn(vi ? "Tiêu chí thay đổi" : "Items changed", TextTable::Align::kLeft, 30);
  int rank = 0;
  for (const TaskGain& g : a.ranked) {
    const Task& task = TaskAt(v, g.task);
    t.AddRow({std::to_string(++rank), task.id, task.title, task.lead,
              task.deadline ? FormatIsoDate(*task.deadline) : "", FormatTrim(task.effort, 2),
              Signed(g.gain, prec), Signed(g.gain_points, prec),
              task.effort > 0 ? FormatTrim(g.per_effort, 5) : "—",
              g.changes_band ? a.base_band + " → " + g.band_after : "—",
              NoEffect(g) ? (vi ? "không tác động" : "no effect") : Join(g.items)});
  }
  out += t.Render();

  if (v.budget) {
    out += std::string(vi ? "\nTập nhiệm vụ tốt nhất trong " : "\nBest set within ") +
           FormatTrim(*v.budget, 2) + (vi ? " ngày công\n  " : " person-days\n  ");
    if (!a.exhaustive) {
      out += vi ? "không tính (quá nhiều nhiệm vụ để duyệt hết)\n"
                : "not computed (too many tasks to enumerate)\n";
    } else if (a.best_for_budget) {
      out += SetLine(v, *a.best_for_budget, vi, prec) + "\n";
    }
  }
  if (v.target_band) {
    out += std::string(vi ? "\nTập nhiệm vụ ít công nhất để đạt xếp loại "
                          : "\nCheapest set reaching band ") +
           *v.target_band + "\n  ";
    if (!a.exhaustive) {
      out += vi ? "không tính (quá nhiều nhiệm vụ để duyệt hết)\n"
                : "not computed (too many tasks to enumerate)\n";
    } else if (a.cheapest_for_band && a.cheapest_for_band->tasks.empty()) {
      out += vi ? "đã đạt, không cần thêm nhiệm vụ\n" : "already reached; no task needed\n";
    } else if (a.cheapest_for_band) {
      out += SetLine(v, *a.cheapest_for_band, vi, prec) + "\n";
    } else {
      out += vi ? "không thể đạt, kể cả khi thực hiện tất cả nhiệm vụ\n"
                : "cannot be reached, even with every task done\n";
    }
  }
  if (a.exhaustive) {
    out += std::string(vi ? "  (duyệt toàn bộ " : "  (all ") + std::to_string(a.subsets_scored) +
           (vi ? " tập nhiệm vụ)\n" : " task sets scored)\n");
  }

  out += vi ? "\nThứ tự thực hiện (tham lam theo mức tăng biên)\n"
            : "\nOrder of work (greedy by marginal gain)\n";
  TextTable g;
  g.AddColumn("#", TextTable::Align::kRight);
  g.AddColumn(vi ? "Mã" : "Id");
  g.AddColumn(vi ? "Tăng thêm" : "Marginal", TextTable::Align::kRight);
  g.AddColumn(vi ? "Chỉ số sau" : "Index after", TextTable::Align::kRight);
  g.AddColumn(vi ? "Công cộng dồn" : "Cum. effort", TextTable::Align::kRight);
  int step = 0;
  for (const GreedyStep& s : a.greedy) {
    g.AddRow({std::to_string(++step), TaskAt(v, s.task).id, Signed(s.marginal_gain, prec),
              FormatPercent(s.percent_after / 100, prec), FormatTrim(s.cumulative_effort, 2)});
  }
  out += g.Render();
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
  std::string out =
      "rank,id,title,lead,deadline,effort,gain,gain_points,gain_per_effort,band_after,changes_band,"
      "items\n";
  int rank = 0;
  for (const TaskGain& g : v.analysis->ranked) {
    const Task& task = TaskAt(v, g.task);
    std::string items;
    for (const auto& i : g.items) items += (items.empty() ? "" : ";") + i;
    out += std::to_string(++rank) + "," + CsvCell(task.id) + "," + CsvCell(task.title) + "," +
           CsvCell(task.lead) + "," + (task.deadline ? FormatIsoDate(*task.deadline) : "") + "," +
           FormatExact(task.effort) + "," + FormatExact(g.gain) + "," + FormatExact(g.gain_points) +
           "," + (task.effort > 0 ? FormatExact(g.per_effort) : "") + "," + CsvCell(g.band_after) +
           "," + (g.changes_band ? "true" : "false") + "," + CsvCell(items) + "\n";
  }
  return out;
}

std::string MdCell(const std::string& s) {
  std::string out;
  for (char ch : s) out += ch == '|' ? std::string("\\|") : std::string(1, ch);
  return out;
}

std::string Markdown(const Plan& plan, const TasksView& v, const ReportOptions& o) {
  const bool vi = o.lang == Lang::kVi;
  const int prec = o.precision >= 0 ? o.precision : plan.criteria().index.precision;
  const TaskAnalysis& a = *v.analysis;
  std::string out = std::string(vi ? "# Tác động của nhiệm vụ\n\n" : "# Task impact\n\n");
  out += std::string(vi ? "**Chỉ số hiện tại:** " : "**Current index:** ") +
         FormatPercent(a.base_percent / 100, prec) + " · " + a.base_band + "\n\n";
  out += vi ? "| # | Mã | Nhiệm vụ | Chủ trì | Hạn | Công | Tăng (%) | Tăng/công | Xếp loại | Tiêu "
              "chí |\n"
            : "| # | Id | Task | Lead | Deadline | Effort | Gain (pp) | Gain/effort | Band | Items "
              "|\n";
  out += "|---:|---|---|---|---|---:|---:|---:|---|---|\n";
  int rank = 0;
  for (const TaskGain& g : a.ranked) {
    const Task& task = TaskAt(v, g.task);
    out += "| " + std::to_string(++rank) + " | " + task.id + " | " + MdCell(task.title) + " | " +
           MdCell(task.lead) + " | " + (task.deadline ? FormatIsoDate(*task.deadline) : "") +
           " | " + FormatTrim(task.effort, 2) + " | " + Signed(g.gain, prec) + " | " +
           (task.effort > 0 ? FormatTrim(g.per_effort, 5) : "—") + " | " +
           (g.changes_band ? a.base_band + " → " + g.band_after : "—") + " | " +
           (NoEffect(g) ? (vi ? "không tác động" : "no effect") : Join(g.items)) + " |\n";
  }
  if (v.budget && a.best_for_budget) {
    out += std::string(vi ? "\n**Tốt nhất trong " : "\n**Best within ") + FormatTrim(*v.budget, 2) +
           (vi ? " ngày công:** " : " person-days:** ") + SetLine(v, *a.best_for_budget, vi, prec) +
           "\n";
  }
  if (v.target_band) {
    out += std::string(vi ? "\n**Ít công nhất để đạt " : "\n**Cheapest reaching ") +
           *v.target_band + ":** " +
           (a.cheapest_for_band ? SetLine(v, *a.cheapest_for_band, vi, prec)
                                : std::string(vi ? "không thể đạt" : "cannot be reached")) +
           "\n";
  }
  out += vi ? "\n**Thứ tự (tham lam):** " : "\n**Greedy order:** ";
  for (size_t i = 0; i < a.greedy.size(); ++i)
    out += (i ? " → " : "") + TaskAt(v, a.greedy[i].task).id;
  return out + "\n";
}

}  // namespace

std::string RenderTasks(const Plan& plan, const TasksView& view, OutputFormat format,
                        const ReportOptions& options) {
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

}  // namespace cchc
