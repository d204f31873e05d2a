// Helpers for engine tests: compile a criteria text, build evidence records
// in code, and score.
#ifndef CCHC_TESTS_ENGINE_ENGINE_TEST_UTIL_H_
#define CCHC_TESTS_ENGINE_ENGINE_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/core/compiled_criteria.h"
#include "engine/core/evidence_index.h"
#include "engine/core/plan.h"
#include "engine/core/scorer.h"
#include "evidence/record.h"

namespace cchc::testutil {

// A compiled criteria text. Fails the test (and returns null) on errors.
inline std::unique_ptr<const CompiledCriteria> Compile(const std::string& text) {
  CompileResult result = CompileCriteria("test.cchc", text);
  EXPECT_TRUE(result.ok()) << RenderAll(*result.source, result.diagnostics);
  return std::move(result.compiled);
}

using Fields = std::vector<std::pair<std::string, Value>>;

inline Record Rec(std::string id, std::string kind, Fields fields = {}) {
  Record r;
  r.id = std::move(id);
  r.kind = std::move(kind);
  r.fields = std::move(fields);
  return r;
}

inline Value N(double v) { return Value::Number(v); }
inline Value P(double fraction) { return Value::Percent(fraction); }
inline Value S(std::string s) { return Value::String(std::move(s)); }
inline Value B(bool b) { return Value::Bool(b); }
inline Value D(const char* iso) { return Value::OfDate(*ParseIsoDate(iso)); }

inline Scorecard ScoreAll(const CompiledCriteria& c, const Evidence& ev) {
  EvidenceIndex index(c.plan(), ev);
  Scorer scorer(c.plan());
  return scorer.Score(index);
}

inline const ItemScore& ItemOf(const CompiledCriteria& c, const Scorecard& card,
                               const std::string& code) {
  int i = c.plan().ItemIndex(code);
  EXPECT_GE(i, 0) << code;
  return card.items.at(static_cast<size_t>(i));
}

}  // namespace cchc::testutil

#endif  // CCHC_TESTS_ENGINE_ENGINE_TEST_UTIL_H_
