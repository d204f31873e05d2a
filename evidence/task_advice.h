// What a reform-plan task may change: only what the commune itself does.
// A task never moves a `given` field (set by the province or by law) and
// never removes a record. (Lowering a figure can be a correction the task's
// note explains, e.g. abolished procedures leaving a list; it is allowed.)
#ifndef CCHC_EVIDENCE_TASK_ADVICE_H_
#define CCHC_EVIDENCE_TASK_ADVICE_H_

#include <string>
#include <vector>

#include "criteria/ast.h"
#include "evidence/issues.h"
#include "evidence/record.h"
#include "evidence/scenario.h"

namespace cchc {

// Appends an E536 for each effect of `tasks` that does what a task must not.
// `base` is the evidence the tasks apply to; `file` labels the issues.
void CheckTaskAdvice(const TaskList& tasks, const Criteria& criteria, const Evidence& base,
                     const std::string& file, std::vector<EvidenceIssue>* issues);

}  // namespace cchc

#endif  // CCHC_EVIDENCE_TASK_ADVICE_H_
