// The one task cap (kMaxTasks): past it the analysis and the subset search
// return nothing, never an empty result that looks like "no set found".
#include <gtest/gtest.h>

#include "criteria/input_limits.h"
#include "engine/analysis/tasks.h"
#include "tests/engine/engine_test_util.h"

namespace cchc::testutil::task_cap_test {
namespace {

const char* kCriteria = R"(
index "T" {
  year 2026
  total 10
  bands { "A" >= 85%  "B" else }
}
record task { status: string }
area 1 "Area" max 10 {
  criterion 1.1 "Crit" max 10 {
    item 1.1.1 "Plan" max 10 {
      let tasks = records kind "task"
      score bands ratio(count(tasks where status = "done"), count(tasks)) { >= 100%: 10  else: 0 }
    }
  }
}
)";

TaskList PlanOf(size_t n) {
  TaskList list;
  for (size_t i = 0; i < n; ++i) {
    Task t;
    t.id = "T" + std::to_string(i);
    t.effort = 1;
    list.tasks.push_back(std::move(t));
  }
  return list;
}

TEST(TaskCap, OverTheCapIsRefusedNotEmpty) {
  auto c = Compile(kCriteria);
  Evidence ev;
  ev.year = 2026;
  ev.records = {Rec("T-1", "task", {{"status", S("open")}})};
  WhatIf w(c->plan(), ev);
  const TaskList over = PlanOf(kMaxTasks + 1);
  TaskOptions o;
  o.budget = 3;
  o.target_band = "A";
  EXPECT_FALSE(AnalyzeTasks(w, over, o).has_value());
  EXPECT_FALSE(AnalyzeTasks(w, over, {}).has_value());
  EXPECT_FALSE(SearchSubsets(w, over, 3.0, std::string("A"), 2).has_value());
  // At the cap the ranking is given for every task.
  const std::optional<TaskAnalysis> at = AnalyzeTasks(w, PlanOf(kMaxTasks), {});
  ASSERT_TRUE(at.has_value());
  EXPECT_EQ(at->ranked.size(), kMaxTasks);
  EXPECT_EQ(at->greedy.size(), kMaxTasks);
}

}  // namespace
}  // namespace cchc::testutil::task_cap_test
