// The schema and issues as JSON for the page (nlohmann, ordered keys). The
// evidence itself is written by evidence/json_writer.h.
#include "cli/serve/evidence_json.h"

#include <nlohmann/json.hpp>

namespace cchc::serve {
namespace {

using Json = nlohmann::ordered_json;

Json FieldsJson(const std::vector<FieldDecl>& fields) {
  Json out = Json::array();
  for (const FieldDecl& f : fields) {
    out.push_back({{"name", f.name}, {"type", FieldTypeName(f.type)}});
  }
  return out;
}

std::string Dump(const Json& j, int indent) {
  return j.dump(indent, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string SchemaJson(const Criteria& criteria) {
  Json kinds = Json::array();
  for (const RecordDecl& r : criteria.records) {
    kinds.push_back(
        {{"kind", r.kind}, {"description", r.description}, {"fields", FieldsJson(r.fields)}});
  }
  Json doc = {{"kinds", std::move(kinds)}, {"common", FieldsJson(CommonFields())}};
  return Dump(doc, -1);
}

std::string IssuesJson(const std::vector<EvidenceIssue>& issues) {
  Json out = Json::array();
  for (const EvidenceIssue& i : issues) {
    out.push_back({{"severity", i.severity == Severity::kError ? "error" : "warning"},
                   {"code", i.code},
                   {"line", i.line},
                   {"column", i.column},
                   {"record", i.record_id},
                   {"field", i.field},
                   {"message", i.message},
                   {"text", RenderIssue(i)}});
  }
  return Dump(out, -1);
}

}  // namespace cchc::serve
