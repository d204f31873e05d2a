// Field-by-field equality of two evidence loads (records with their origins,
// unit, year, as_of, appraisals, issues), for the differential tests of the
// two JSON readers, and of two evidences' content, for the writer's round
// trips. Numbers compare bit for bit, so -0 differs from 0.
#ifndef CCHC_TESTS_EVIDENCE_SAME_LOAD_H_
#define CCHC_TESTS_EVIDENCE_SAME_LOAD_H_

#include <cstring>
#include <string>

#include "evidence/loader.h"

namespace cchc::testutil {

inline bool SameNumber(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

inline bool SameValue(const Value& a, const Value& b) {
  return a.type == b.type && SameNumber(a.number, b.number) && a.date == b.date &&
         a.boolean == b.boolean && a.text == b.text;
}

// Empty when the two hold the same content (unit, year, as_of, records with
// their fields bit for bit, appraisals), else what differs first. Where the
// records were read from (origins, source) is not compared: for round trips.
inline std::string ContentDifference(const Evidence& x, const Evidence& y) {
  if (x.unit.code != y.unit.code || x.unit.name != y.unit.name ||
      x.unit.province != y.unit.province)
    return "unit";
  if (x.year != y.year) return "year";
  if (x.as_of != y.as_of) return "as_of";
  if (x.records.size() != y.records.size()) return "record count";
  for (size_t r = 0; r < x.records.size(); ++r) {
    const Record& p = x.records[r];
    const Record& q = y.records[r];
    const std::string at = "record " + std::to_string(r) + " (" + p.id + "): ";
    if (p.id != q.id) return at + "id";
    if (p.kind != q.kind) return at + "kind";
    if (p.fields.size() != q.fields.size()) return at + "field count";
    for (size_t f = 0; f < p.fields.size(); ++f) {
      if (p.fields[f].first != q.fields[f].first) return at + "field name " + p.fields[f].first;
      if (!SameValue(p.fields[f].second, q.fields[f].second))
        return at + "field value " + p.fields[f].first;
    }
  }
  if (x.appraisals.size() != y.appraisals.size()) return "appraisal count";
  for (size_t i = 0; i < x.appraisals.size(); ++i) {
    const Appraisal& p = x.appraisals[i];
    const Appraisal& q = y.appraisals[i];
    if (p.item != q.item || !SameNumber(p.points, q.points) || p.note != q.note)
      return "appraisal " + std::to_string(i);
  }
  return "";
}

// Empty when the two loads are equal (the content above, plus the source,
// each record's origin and the rendered issues), else what differs first.
inline std::string LoadDifference(const EvidenceLoad& a, const EvidenceLoad& b) {
  const Evidence& x = a.evidence;
  const Evidence& y = b.evidence;
  if (x.source != y.source) return "source";
  if (std::string content = ContentDifference(x, y); !content.empty()) return content;
  for (size_t r = 0; r < x.records.size(); ++r) {  // as many as in y: compared above
    const Record& p = x.records[r];
    const Record& q = y.records[r];
    if (p.origin.line != q.origin.line || p.origin.column != q.origin.column)
      return "record " + std::to_string(r) + " (" + p.id + "): origin " +
             std::to_string(p.origin.line) + ":" + std::to_string(p.origin.column) + " vs " +
             std::to_string(q.origin.line) + ":" + std::to_string(q.origin.column);
  }
  if (RenderIssues(a.issues) != RenderIssues(b.issues)) return "issues";
  return "";
}

}  // namespace cchc::testutil

#endif  // CCHC_TESTS_EVIDENCE_SAME_LOAD_H_
