// The evidence and its schema as JSON for the page's editor: records with
// their fields in file order (percents in percent units, as the evidence
// format writes them), the record kinds with their declared field types, and
// loader issues with the record and field they concern.
#ifndef CCHC_CLI_SERVE_EVIDENCE_JSON_H_
#define CCHC_CLI_SERVE_EVIDENCE_JSON_H_

#include <string>
#include <vector>

#include "criteria/ast.h"
#include "evidence/issues.h"
#include "evidence/record.h"

namespace cchc::serve {

// An evidence document in the format docs/evidence-format.md describes, which
// LoadEvidenceJson reads back to the same records (indented, UTF-8 as is).
std::string EvidenceToJson(const Evidence& evidence);

// {"kinds": [{"kind", "description", "fields": [{"name", "type"}]}],
//  "common": [{"name", "type"}]}: the editor types its cells by this.
std::string SchemaJson(const Criteria& criteria);

// [{"severity", "code", "line", "column", "record", "field", "message", "text"}]
std::string IssuesJson(const std::vector<EvidenceIssue>& issues);

}  // namespace cchc::serve

#endif  // CCHC_CLI_SERVE_EVIDENCE_JSON_H_
