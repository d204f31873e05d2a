// Parsing a criteria file into the model. Spirit X3 lives behind this header
// (criteria/internal/); a syntax error becomes a diagnostic, never an
// exception, and the parser recovers at item boundaries to report more.
#ifndef CCHC_CRITERIA_PARSER_H_
#define CCHC_CRITERIA_PARSER_H_

#include <vector>

#include "criteria/ast.h"
#include "criteria/diagnostics.h"
#include "criteria/input_limits.h"
#include "criteria/source.h"

namespace cchc {

struct ParseLimits {
  size_t max_file_bytes = kMaxCriteriaBytes;
  int max_nesting = kMaxCriteriaNesting;  // parentheses and nested expressions
};

struct ParseResult {
  Criteria criteria;                    // what could be parsed
  std::vector<Diagnostic> diagnostics;  // syntax errors; empty when clean
  bool ok() const { return !HasErrors(diagnostics); }
};

ParseResult ParseCriteria(const SourceFile& src, const ParseLimits& limits = {});

}  // namespace cchc

#endif  // CCHC_CRITERIA_PARSER_H_
