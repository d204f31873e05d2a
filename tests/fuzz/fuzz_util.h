// Shared by the fuzz targets: the example criteria (parsed, checked and
// compiled) and evidence, loaded once per process, and the invariants every
// scorecard must hold.
#ifndef CCHC_TESTS_FUZZ_FUZZ_UTIL_H_
#define CCHC_TESTS_FUZZ_FUZZ_UTIL_H_

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "engine/core/compiled_criteria.h"
#include "engine/core/scorecard.h"
#include "evidence/loader.h"

namespace cchc::fuzz {

inline const CompiledCriteria& ExampleCriteria() {
  static const CompiledCriteria* example = [] {
    const std::string path = CCHC_SOURCE_DIR "/examples/thai-nguyen-2026/criteria.cchc";
    std::ifstream in(path, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    CompileResult result = CompileCriteria(path, buf.str());
    if (!in || !result.ok()) {
      std::fprintf(stderr, "fuzz: cannot load %s\n", path.c_str());
      std::abort();
    }
    return result.compiled.release();
  }();
  return *example;
}

// The example commune's evidence, loaded once against the example criteria.
inline const Evidence& ExampleEvidence() {
  static const Evidence* evidence = [] {
    const std::string path = CCHC_SOURCE_DIR "/examples/an-khanh-2026/evidence.json";
    std::ifstream in(path, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    EvidenceLoad load = LoadEvidenceJson(buf.str(), path, &ExampleCriteria().criteria());
    if (!in || !load.ok()) {
      std::fprintf(stderr, "fuzz: cannot load %s\n", path.c_str());
      std::abort();
    }
    return new Evidence(std::move(load.evidence));
  }();
  return *evidence;
}

inline constexpr double kEps = 1e-9;

// A score no rule can give: every number finite, an item within [0, max], a
// group within [0, its applicable max], the index within [0, 100] (the
// example declares `bonus above total: no`).
inline void CheckCard(const cchc::Scorecard& card) {
  auto fail = [](const char* what, const std::string& code, double v, double max) {
    std::fprintf(stderr, "fuzz: impossible score: %s %s: %g (max %g)\n", what, code.c_str(), v,
                 max);
    std::abort();
  };
  for (const cchc::ItemScore& it : card.items) {
    if (!std::isfinite(it.points) || it.points < -kEps || it.points > it.max + kEps) {
      fail("item", std::to_string(it.index), it.points, it.max);
    }
  }
  for (const auto* groups : {&card.criteria, &card.areas}) {
    for (const cchc::GroupScore& g : *groups) {
      if (!std::isfinite(g.points) || g.points < -kEps || g.points > g.max + kEps) {
        fail("group", std::string(g.code), g.points, g.max);
      }
    }
  }
  if (!std::isfinite(card.percent) || card.percent < 0 || card.percent > 100 + kEps) {
    fail("index", "", card.percent, 100);
  }
}

}  // namespace cchc::fuzz

#endif  // CCHC_TESTS_FUZZ_FUZZ_UTIL_H_
