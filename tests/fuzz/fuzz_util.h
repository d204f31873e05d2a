// Shared by the fuzz targets: the example criteria (parsed, checked and
// compiled) and evidence, loaded once per process; aborts if they are broken.
#ifndef CCHC_TESTS_FUZZ_FUZZ_UTIL_H_
#define CCHC_TESTS_FUZZ_FUZZ_UTIL_H_

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "criteria/checker.h"
#include "criteria/parser.h"
#include "criteria/source.h"
#include "engine/plan.h"
#include "evidence/loader.h"

namespace cchc::fuzz {

struct Example {
  std::unique_ptr<SourceFile> source;
  Criteria criteria;
  std::unique_ptr<Plan> plan;
};

inline const Example& ExampleCriteria() {
  static const Example* example = [] {
    const std::string path = CCHC_SOURCE_DIR "/examples/thai-nguyen-2026/criteria.cchc";
    std::ifstream in(path, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    auto* ex = new Example;
    ex->source = std::make_unique<SourceFile>(path, buf.str());
    ParseResult parsed = ParseCriteria(*ex->source);
    if (!in || !parsed.ok() || !CheckCriteria(parsed.criteria).ok()) {
      std::fprintf(stderr, "fuzz: cannot load %s\n", path.c_str());
      std::abort();
    }
    ex->criteria = std::move(parsed.criteria);
    ex->plan = std::make_unique<Plan>(ex->criteria, ex->source->text());
    return ex;
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
    EvidenceLoad load = LoadEvidenceJson(buf.str(), path, &ExampleCriteria().criteria);
    if (!in || !load.ok()) {
      std::fprintf(stderr, "fuzz: cannot load %s\n", path.c_str());
      std::abort();
    }
    return new Evidence(std::move(load.evidence));
  }();
  return *evidence;
}

}  // namespace cchc::fuzz

#endif  // CCHC_TESTS_FUZZ_FUZZ_UTIL_H_
