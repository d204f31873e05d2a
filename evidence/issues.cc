// Rendering of evidence issues as one line each.
#include "evidence/issues.h"

namespace cchc {

std::string EvidenceCodeName(EvidenceCode code, Severity severity) {
  const char letter = severity == Severity::kError     ? 'E'
                      : severity == Severity::kWarning ? 'W'
                                                       : 'N';
  return letter + std::to_string(static_cast<int>(code));
}

std::string RenderIssue(const EvidenceIssue& issue) {
  std::string out = issue.file;
  if (issue.line > 0) {
    out += ':' + std::to_string(issue.line);
    if (issue.column > 0) out += ':' + std::to_string(issue.column);
  }
  if (!out.empty()) out += ": ";
  out += issue.severity == Severity::kError     ? "error"
         : issue.severity == Severity::kWarning ? "warning"
                                                : "note";
  if (!issue.code.empty()) out += '[' + issue.code + ']';
  out += ": ";
  if (!issue.record_id.empty()) out += "record \"" + issue.record_id + "\" ";
  if (!issue.field.empty()) out += "field \"" + issue.field + "\" ";
  if (!issue.record_id.empty() || !issue.field.empty()) {
    out.back() = ':';
    out += ' ';
  }
  out += issue.message;
  return out;
}

std::string RenderIssues(const std::vector<EvidenceIssue>& issues) {
  std::string out;
  for (const auto& issue : issues) {
    out += RenderIssue(issue);
    out += '\n';
  }
  return out;
}

bool HasErrors(const std::vector<EvidenceIssue>& issues) {
  for (const auto& issue : issues) {
    if (issue.severity == Severity::kError) return true;
  }
  return false;
}

}  // namespace cchc
