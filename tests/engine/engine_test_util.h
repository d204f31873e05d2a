// Helpers for engine tests: compile a criteria text, build evidence records
// in code, and score.
#ifndef CCHC_TESTS_ENGINE_ENGINE_TEST_UTIL_H_
#define CCHC_TESTS_ENGINE_ENGINE_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "criteria/checker.h"
#include "criteria/parser.h"
#include "engine/core/evidence_index.h"
#include "engine/core/plan.h"
#include "engine/core/scorer.h"
#include "evidence/record.h"

namespace cchc::testing {

// A parsed, checked and compiled criteria text. Fails the test on errors.
struct Compiled {
  std::unique_ptr<SourceFile> source;
  Criteria criteria;
  std::unique_ptr<Plan> plan;
};

inline std::unique_ptr<Compiled> Compile(const std::string& text, bool allow_errors = false) {
  auto c = std::make_unique<Compiled>();
  c->source = std::make_unique<SourceFile>("test.cchc", text);
  ParseResult parsed = ParseCriteria(*c->source);
  EXPECT_TRUE(parsed.ok()) << RenderAll(*c->source, parsed.diagnostics);
  if (!allow_errors) {
    CheckResult checked = CheckCriteria(parsed.criteria);
    EXPECT_TRUE(checked.ok()) << RenderAll(*c->source, checked.diagnostics);
  }
  c->criteria = std::move(parsed.criteria);
  c->plan = std::make_unique<Plan>(c->criteria, c->source->text());
  return c;
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

inline Scorecard ScoreAll(const Compiled& c, const Evidence& ev) {
  EvidenceIndex index(*c.plan, ev);
  Scorer scorer(*c.plan);
  return scorer.Score(index, ev);
}

inline const ItemScore& ItemOf(const Compiled& c, const Scorecard& card, const std::string& code) {
  int i = c.plan->ItemIndex(code);
  EXPECT_GE(i, 0) << code;
  return card.items.at(static_cast<size_t>(i));
}

}  // namespace cchc::testing

#endif  // CCHC_TESTS_ENGINE_ENGINE_TEST_UTIL_H_
