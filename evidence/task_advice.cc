// Task effects checked against the `given` fields of the records they set.
#include "evidence/task_advice.h"

#include <unordered_map>

namespace cchc {

namespace {

void Report(const Effect& e, const Task& t, const std::string& file, const std::string& field,
            std::string message, std::vector<EvidenceIssue>* issues) {
  EvidenceIssue issue;
  issue.severity = Severity::kError;
  issue.code = EvidenceCodeName(EvidenceCode::kTaskNotLegitimate, Severity::kError);
  issue.file = file;
  issue.line = e.origin.line;
  issue.column = e.origin.column;
  issue.record_id = e.id;
  issue.field = field;
  issue.message = "task " + t.id + ": " + std::move(message);
  issues->push_back(std::move(issue));
}

}  // namespace

void CheckTaskAdvice(const TaskList& tasks, const Criteria& criteria, const Evidence& base,
                     const std::string& file, std::vector<EvidenceIssue>* issues) {
  std::unordered_map<std::string, const Record*> by_id;
  for (const Record& r : base.records) by_id.emplace(r.id, &r);
  for (const Task& t : tasks.tasks) {
    for (const Effect& e : t.effects) {
      if (e.op == Effect::Op::kRemove) {
        Report(e, t, file, "",
               "a task adds or completes evidence; it cannot remove record \"" + e.id + "\"",
               issues);
        continue;
      }
      if (e.op != Effect::Op::kSet) continue;
      auto it = by_id.find(e.id);
      if (it == by_id.end()) continue;  // a record an earlier effect adds
      const Record& target = *it->second;
      for (const auto& [field, value] : e.record.fields) {
        const FieldDecl* decl = FindField(criteria, target.kind, field);
        if (decl != nullptr && decl->given) {
          Report(e, t, file, field,
                 "\"" + field + "\" of kind \"" + target.kind +
                     "\" is given (set by the province or by law); a task cannot change it",
                 issues);
        }
      }
    }
  }
}

}  // namespace cchc
