// Scenarios and tasks: edits to a commune's evidence. A scenario is a named
// list of effects; a task of the reform plan carries its own effects plus who
// leads it, its deadline and its effort.
#ifndef CCHC_EVIDENCE_SCENARIO_H_
#define CCHC_EVIDENCE_SCENARIO_H_

#include <optional>
#include <string>
#include <vector>

#include "criteria/date.h"
#include "evidence/record.h"

namespace cchc {

struct Effect {
  enum class Op { kAdd, kSet, kRemove };
  Op op = Op::kSet;
  std::string id;  // kSet / kRemove: the record; kAdd: record.id
  Record record;   // kAdd: the whole record; kSet: the fields to set (id/kind unused)
  RecordOrigin origin;
};

struct Scenario {
  std::string name;
  std::vector<Effect> effects;
};

struct Task {
  std::string id;
  std::string title;
  std::string lead;  // lead office (cơ quan chủ trì)
  std::vector<std::string> partners;
  std::optional<Date> deadline;
  double effort = 0;  // person-days
  std::string note;
  std::vector<Effect> effects;
};

struct TaskList {
  std::string plan;
  std::vector<Task> tasks;
};

}  // namespace cchc

#endif  // CCHC_EVIDENCE_SCENARIO_H_
