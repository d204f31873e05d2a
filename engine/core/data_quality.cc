// Data-quality warnings over the loaded evidence and its scorecard.
#include "engine/core/data_quality.h"

#include <set>
#include <utility>

#include "criteria/date.h"
#include "engine/util/numfmt.h"

namespace cchc {

namespace {

std::string Shown(const Value& v, const FieldDecl& decl) {
  return decl.type == FieldType::kPercent ? FormatTrim(v.number * 100, 4) + "%"
                                          : FormatTrim(v.number, 4);
}

}  // namespace

std::vector<DataWarning> CheckDataQuality(const Plan& plan, const Evidence& evidence,
                                          const Scorecard& card) {
  const Criteria& criteria = plan.criteria();
  std::set<std::pair<std::string, std::string>> selects;  // (item code, record id)
  for (const ItemScore& s : card.items) {
    const std::string& code = plan.items()[static_cast<size_t>(s.index)].item->code;
    for (const std::string& id : s.evidence) selects.emplace(code, id);
  }
  const std::set<std::string> unmatched(card.unmatched.begin(), card.unmatched.end());
  std::vector<DataWarning> out;
  for (const Record& r : evidence.records) {
    if (const Value* item = r.Find("item"); item && item->type == ValueType::kString) {
      if (plan.ItemIndex(item->text) < 0) {
        out.push_back({kWarnMisfiled, r.id, "item",
                       "filed under item " + item->text + ", which the criteria do not have"});
      } else if (!selects.count({item->text, r.id}) && r.kind != "explanation") {
        out.push_back({kWarnMisfiled, r.id, "item",
                       "filed under item " + item->text +
                           ", which does not use it; check the item code or the record's fields"});
      }
    }
    for (const auto& [name, value] : r.fields) {
      const FieldDecl* decl = FindField(criteria, r.kind, name);
      if (decl == nullptr) continue;
      const bool numeric = value.type == ValueType::kNumber || value.type == ValueType::kPercent;
      if (numeric && decl->has_range && (value.number == decl->lo || value.number == decl->hi)) {
        out.push_back({kWarnRangeEdge, r.id, name,
                       Shown(value, *decl) + " is at the edge of the declared range " +
                           Shown(Value::Number(decl->lo), *decl) + ".." +
                           Shown(Value::Number(decl->hi), *decl) + "; confirm it"});
      } else if (value.type == ValueType::kPercent && !decl->has_range &&
                 (value.number == 0 || value.number == 1)) {
        out.push_back({kWarnRangeEdge, r.id, name,
                       Shown(value, *decl) + " is at the edge of 0%..100%; confirm it"});
      }
      // A date the commune records (not a given deadline) after the as-of date.
      if (value.type == ValueType::kDate && !decl->given && evidence.as_of &&
          value.date > *evidence.as_of) {
        out.push_back({kWarnAfterAsOf, r.id, name,
                       FormatIsoDate(value.date) + " is after the evidence date (as_of " +
                           FormatIsoDate(*evidence.as_of) + ")"});
      }
    }
    if (unmatched.count(r.id)) {
      out.push_back({kWarnUnmatched, r.id, "",
                     "no item uses this record; file it under the right kind and topic"});
    }
  }
  return out;
}

}  // namespace cchc
