// The evidence's schema as JSON for the page's editor (the record kinds with
// their declared field types) and loader issues with the record and field
// they concern. The evidence itself: EvidenceToJson (evidence/json_writer.h).
#ifndef CCHC_CLI_SERVE_EVIDENCE_JSON_H_
#define CCHC_CLI_SERVE_EVIDENCE_JSON_H_

#include <string>
#include <vector>

#include "criteria/ast.h"
#include "evidence/issues.h"

namespace cchc::serve {

// {"kinds": [{"kind", "description", "fields": [{"name", "type"}]}],
//  "common": [{"name", "type"}]}: the editor types its cells by this.
std::string SchemaJson(const Criteria& criteria);

// [{"severity", "code", "line", "column", "record", "field", "message", "text"}]
std::string IssuesJson(const std::vector<EvidenceIssue>& issues);

}  // namespace cchc::serve

#endif  // CCHC_CLI_SERVE_EVIDENCE_JSON_H_
