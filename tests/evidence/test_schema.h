// A small hand-built criteria schema for the evidence tests, so that they do
// not depend on the criteria parser.
#ifndef CCHC_TESTS_EVIDENCE_TEST_SCHEMA_H_
#define CCHC_TESTS_EVIDENCE_TEST_SCHEMA_H_

#include <string>
#include <utility>
#include <vector>

#include "criteria/ast.h"

namespace cchc::testutil {

inline RecordDecl Decl(std::string kind, std::vector<std::pair<std::string, FieldType>> fields) {
  RecordDecl r;
  r.kind = std::move(kind);
  for (auto& [name, type] : fields) {
    FieldDecl f;
    f.name = name;
    f.type = type;
    r.fields.push_back(f);
  }
  return r;
}

// record plan { topic: string }
// record task { plan: string  status: string  due: date  done_on: date }
// record dossiers { received: count  on_time: count  rate: percent
//                   score: number  online: bool }
inline Criteria TestSchema() {
  Criteria c;
  c.records.push_back(Decl("plan", {{"topic", FieldType::kString}}));
  c.records.push_back(Decl("task", {{"plan", FieldType::kString},
                                    {"status", FieldType::kString},
                                    {"due", FieldType::kDate},
                                    {"done_on", FieldType::kDate}}));
  c.records.push_back(Decl("dossiers", {{"received", FieldType::kCount},
                                        {"on_time", FieldType::kCount},
                                        {"rate", FieldType::kPercent},
                                        {"score", FieldType::kNumber},
                                        {"online", FieldType::kBool}}));
  return c;
}

}  // namespace cchc::testutil

#endif  // CCHC_TESTS_EVIDENCE_TEST_SCHEMA_H_
