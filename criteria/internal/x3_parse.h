// Entry point of the X3 grammar (defined in x3_grammar.cc, the one place that
// catches x3::expectation_failure): source text -> X3 parse tree or the first
// syntax error.
#ifndef CCHC_CRITERIA_INTERNAL_X3_PARSE_H_
#define CCHC_CRITERIA_INTERNAL_X3_PARSE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "criteria/internal/x3_ast.h"

namespace cchc::criteria_x3 {

struct SyntaxError {
  uint32_t offset = 0;   // where the expected thing was missing
  std::string expected;  // "a number after 'max'", "'}'", ...
};

// Parses text[start, end) (start skips a BOM). Node positions point into
// `text`. On a syntax error returns false with *error set; `out` then holds
// the top-level declarations completed before the error.
bool ParseX3(std::string_view text, size_t start, ast::File& out, SyntaxError* error);

}  // namespace cchc::criteria_x3

#endif  // CCHC_CRITERIA_INTERNAL_X3_PARSE_H_
