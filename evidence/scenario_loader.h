// Loading what-if scenarios and reform-plan task lists from JSON, and inline
// `--set ID.FIELD=VALUE` assignments, typed against the criteria's record
// declarations. Pure: no file I/O. The formats are in docs/scenarios.md.
#ifndef CCHC_EVIDENCE_SCENARIO_LOADER_H_
#define CCHC_EVIDENCE_SCENARIO_LOADER_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "criteria/ast.h"
#include "criteria/input_limits.h"
#include "evidence/issues.h"
#include "evidence/record.h"
#include "evidence/scenario.h"

namespace cchc {

// Bounds on one scenario or task file. Going over one is an error. The number
// of tasks is bounded by the analysis (kMaxTasks), not here.
struct ScenarioLimits {
  size_t max_file_bytes = kMaxScenarioBytes;  // E513
  size_t max_effects = kMaxScenarioEffects;   // E528, counted over the whole file
  size_t max_string_bytes = kMaxStringBytes;  // E515
  int max_depth = kMaxScenarioDepth;          // E517
  size_t max_errors = kMaxScenarioErrors;     // E523, then stop
};

struct ScenarioLoad {
  Scenario scenario;
  std::vector<EvidenceIssue> issues;  // in file order
  bool ok() const { return !HasErrors(issues); }
};

struct TasksLoad {
  TaskList tasks;
  std::vector<EvidenceIssue> issues;
  bool ok() const { return !HasErrors(issues); }
};

// A scenario: {"name": "...", "description": "...", "effects": [EFFECT...]}
// where EFFECT is {"op": "add", "record": {"id", "kind", fields...}},
// {"op": "set", "id": "REC", "fields": {...}} or {"op": "remove", "id": "REC"}
// (each may carry a "note"). Every other key is an error (E512).
//
// Typing: an added record's fields are typed by its kind's declarations, as
// in an evidence file. A `set` is typed by the kind of the record it targets,
// which is resolved at load time against `base` and the records earlier
// effects add: a target that does not exist then (or an add of an id that
// does) is an error at the effect's line:col (E525 / E505). `base` may be
// null (no evidence at hand): targets are then not checked and `set` fields
// are typed by the common declarations only, else kept as their JSON type.
// `schema` may be null: only common fields are typed. Thread-safe.
ScenarioLoad LoadScenarioJson(std::string_view text, const std::string& file_name,
                              const Criteria* schema, const Evidence* base = nullptr,
                              const ScenarioLimits& limits = {});

// A task list: {"plan": "...", "tasks": [{"id", "title", "lead", "partners":
// [..], "deadline": "YYYY-MM-DD", "effort": N, "note", "effects": [...]}]}.
// id is required, unique (E526) and non-empty; effort is a finite number >= 0
// (E527); effects as in a scenario, resolved as if every task were applied in
// list order (a task may set a record an earlier task adds).
TasksLoad LoadTasksJson(std::string_view text, const std::string& file_name, const Criteria* schema,
                        const Evidence* base = nullptr, const ScenarioLimits& limits = {});

// One `ID.FIELD=VALUE` assignment (the last '.' before '=' splits id from
// field, so ids may contain dots) as a `set` effect. VALUE is typed by the
// field's declaration for the record's kind in `base`: numbers, counts,
// percents ("80%" or "80"), dates ("2026-12-10"), true/false, strings;
// undeclared fields get the natural type. Problems go to `issues` with
// file "--set" and nullopt is returned.
std::optional<Effect> ParseSetAssignment(std::string_view text, const Criteria* schema,
                                         const Evidence& base, std::vector<EvidenceIssue>* issues);

}  // namespace cchc

#endif  // CCHC_EVIDENCE_SCENARIO_LOADER_H_
