// One parse pass without Boost in sight: runs the X3 grammar over a (possibly
// blanked) buffer and lowers the result to cchc::Criteria. parser.cc drives
// the passes (limits, recovery); lower.cc implements this.
#ifndef CCHC_CRITERIA_INTERNAL_PASS_H_
#define CCHC_CRITERIA_INTERNAL_PASS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "criteria/ast.h"
#include "criteria/diagnostics.h"

namespace cchc::internal {

struct PassResult {
  bool syntax_ok = true;
  uint32_t error_offset = 0;            // syntax error: where something was expected
  std::string expected;                 // ... and what ("a number after 'max'")
  Criteria criteria;                    // what parsed (on a syntax error: declarations before it)
  std::vector<Diagnostic> diagnostics;  // found while lowering: E103 E104 E105 E206
};

// Parses text[start, end); offsets in the result are into `text`.
// `max_expr_depth` bounds the depth of the lowered expression trees, so that
// later recursive walks (checker, engine) cannot overflow the stack.
PassResult RunPass(std::string_view text, size_t start, int max_expr_depth);

}  // namespace cchc::internal

#endif  // CCHC_CRITERIA_INTERNAL_PASS_H_
