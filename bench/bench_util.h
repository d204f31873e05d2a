// Shared inputs for the benchmarks: the shipped example read once.
#ifndef CCHC_BENCH_BENCH_UTIL_H_
#define CCHC_BENCH_BENCH_UTIL_H_

#include <fstream>
#include <sstream>
#include <string>

namespace cchc::bench {

inline std::string ReadFile(const std::string& relative) {
  std::ifstream in(std::string(CCHC_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline const char* kExampleCriteria = "examples/thai-nguyen-2026/criteria.cchc";
inline const char* kExampleEvidence = "examples/an-khanh-2026/evidence.json";

}  // namespace cchc::bench

#endif  // CCHC_BENCH_BENCH_UTIL_H_
