// The checker's facade: runs the structure, names-and-types and rules passes
// in that order (rules read the types) and summarises the criteria set.
#include "criteria/checker.h"

#include "criteria/checker_internal.h"

namespace cchc {

namespace {

CriteriaSummary Summarize(const Criteria& c) {
  CriteriaSummary s;
  s.areas = static_cast<int>(c.areas.size());
  for (const Area& a : c.areas) {
    s.total_max += a.max;
    s.criteria += static_cast<int>(a.criteria.size());
    for (const Criterion& cr : a.criteria) {
      for (const Item& it : cr.items) {
        ++s.items;
        if (it.assessment == Assessment::kSurvey) {
          ++s.survey_items;
        } else {
          ++s.self_items;
        }
      }
    }
  }
  if (c.bonus) {
    s.bonus_cap = c.bonus->cap;
    s.bonus_items = static_cast<int>(c.bonus->items.size());
  }
  if (c.penalty) {
    s.penalty_cap = c.penalty->cap;
    s.penalty_items = static_cast<int>(c.penalty->items.size());
  }
  s.record_kinds = static_cast<int>(c.records.size());
  if (c.index.weights != WeightScheme::kByMax) {
    s.weights = WeightSchemeName(c.index.weights);
    if (c.index.weights == WeightScheme::kByArea) {
      std::string list;
      for (const Area& a : c.areas) {
        list +=
            (list.empty() ? "" : ", ") + a.code + " " + (a.weight ? check::Num(*a.weight) : "?");
      }
      s.weights += " (" + list + ")";
    }
  }
  if (c.index.criterion_weights != WeightScheme::kByMax) {
    s.criterion_weights = WeightSchemeName(c.index.criterion_weights);
  }
  return s;
}

}  // namespace

CheckResult CheckCriteria(const Criteria& criteria) {
  check::Sink sink;
  check::CheckStructure(criteria, sink);
  check::TypeInfo types;
  check::CheckNamesAndTypes(criteria, types, sink);
  check::CheckRules(criteria, types, sink);
  CheckResult result;
  result.diagnostics = sink.Take();
  result.summary = Summarize(criteria);
  return result;
}

std::string FormatSummary(const CriteriaSummary& s) {
  using check::Num;
  std::string out;
  out += "areas: " + std::to_string(s.areas) + ", criteria: " + std::to_string(s.criteria) +
         ", items: " + std::to_string(s.items) + " (" + std::to_string(s.self_items) +
         " self-assessed, " + std::to_string(s.survey_items) + " by survey)\n";
  out += "total max: " + Num(s.total_max) + " points\n";
  auto block = [](int items, double cap) {
    if (items == 0 && cap == 0) return std::string("none");
    return std::to_string(items) + (items == 1 ? " item" : " items") + ", cap " + Num(cap);
  };
  out += "bonus: " + block(s.bonus_items, s.bonus_cap) + "\n";
  out += "penalty: " + block(s.penalty_items, s.penalty_cap) + "\n";
  out += "record kinds: " + std::to_string(s.record_kinds) + "\n";
  if (!s.weights.empty()) out += "area weights: " + s.weights + "\n";
  if (!s.criterion_weights.empty()) out += "criterion weights: " + s.criterion_weights + "\n";
  return out;
}

}  // namespace cchc
