// Evidence, schema and issues as JSON for the page (nlohmann, ordered keys).
#include "cli/serve/evidence_json.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace cchc::serve {
namespace {

using Json = nlohmann::ordered_json;

// A percent fraction in percent units without binary noise (0.962 -> 96.2).
double PercentUnits(double fraction) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.12g", fraction * 100);
  return std::strtod(buf, nullptr);
}

Json ValueJson(const Value& v) {
  switch (v.type) {
    case ValueType::kMissing:
      return nullptr;
    case ValueType::kNumber:
      return std::isfinite(v.number) ? Json(v.number) : Json(nullptr);
    case ValueType::kPercent:
      return std::isfinite(v.number) ? Json(PercentUnits(v.number)) : Json(nullptr);
    case ValueType::kDate:
      return FormatIsoDate(v.date);
    case ValueType::kString:
      return v.text;
    case ValueType::kBool:
      return v.boolean;
  }
  return nullptr;
}

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

std::string EvidenceToJson(const Evidence& e) {
  Json doc = Json::object();
  doc["unit"] = {{"code", e.unit.code}, {"name", e.unit.name}, {"province", e.unit.province}};
  if (e.year) doc["year"] = e.year;
  if (e.as_of) doc["as_of"] = FormatIsoDate(*e.as_of);
  Json records = Json::array();
  for (const Record& r : e.records) {
    Json rec = Json::object();
    rec["id"] = r.id;
    rec["kind"] = r.kind;
    for (const auto& [name, value] : r.fields) {
      if (!value.missing()) rec[name] = ValueJson(value);
    }
    records.push_back(std::move(rec));
  }
  doc["records"] = std::move(records);
  if (!e.appraisals.empty()) {
    Json appraisal = Json::array();
    for (const Appraisal& a : e.appraisals) {
      Json entry = {{"item", a.item}, {"points", a.points}};
      if (!a.note.empty()) entry["note"] = a.note;
      appraisal.push_back(std::move(entry));
    }
    doc["appraisal"] = std::move(appraisal);
  }
  return Dump(doc, 1);
}

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
