// Diagnostics: user mistakes found while reading a file, collected (never
// thrown) so that every problem is reported, each with a stable code.
#ifndef CCHC_CRITERIA_DIAGNOSTICS_H_
#define CCHC_CRITERIA_DIAGNOSTICS_H_

#include <string>
#include <vector>

#include "criteria/ast.h"
#include "criteria/source.h"

namespace cchc {

enum class Severity { kError, kWarning, kNote };

// Stable codes. Never renumber; add at the end of a group. The table of
// messages lives in docs/criteria-language.md.
enum class DiagCode {
  // reading and syntax
  kFileTooLarge = 100,    // E100
  kInvalidUtf8 = 101,     // E101
  kSyntax = 102,          // E102  expected X here
  kNestingTooDeep = 103,  // E103
  kBadDate = 104,         // E104  2026-02-30
  kBadNumber = 105,       // E105  out of range
  kTooManyErrors = 106,   // E106
  kCannotRead = 107,      // E107
  // structure
  kDuplicateCode = 200,    // E200
  kCodeNotNested = 201,    // E201  1.2.3 outside 1.2
  kMaxSumMismatch = 202,   // E202  children's max != parent's
  kTotalMismatch = 203,    // E203  areas' max != declared total
  kBadMax = 204,           // E204  max <= 0
  kMissingRule = 205,      // E205  item without `score`
  kDuplicateClause = 206,  // E206  two `score` in one item, ...
  kEmptyGroup = 207,       // E207  area / criterion without children
  kIndexBands = 208,       // E208  index bands out of order / no else
  kDuplicateRecord = 209,  // E209  record kind or field declared twice
  kAreaWeight = 210,       // E210  `weight` without `weights: by area`, or missing under it
  kWeightsZero = 211,      // E211  `weights: by area` with every weight 0
  kCriterionWeight = 212,  // E212  criterion `weight` without `criterion weights: by criterion`, or
                           // missing under it
  kCriterionWeightsZero = 213,  // E213  `criterion weights: by criterion`: an area's weights all 0
  // rules
  kBandsOrder = 300,       // E300  bands not in descending order
  kBandsOverlap = 301,     // E301  two bands with one threshold
  kBandsGap = 302,         // E302  no `else` and values below the last band
  kPointsAboveMax = 303,   // E303  a branch can give more than max
  kPointsBelowZero = 304,  // E304  a branch can give less than 0
  kMaxUnreachable = 305,   // W305  the rule can never give max
  kBadParam = 306,         // E306  target <= 0, of 0, ...
  kNoCasePolicy = 307,     // W307  ratio() without `when no cases`
  kOnlyEvidence = 308,     // W308  a ratio's denominator counts the item's only evidence
  // names and types
  kUnknownName = 400,       // E400
  kUnknownField = 401,      // E401
  kUnknownKind = 402,       // E402
  kUnknownFunction = 403,   // E403
  kArity = 404,             // E404
  kTypeMismatch = 405,      // E405
  kUnusedBinding = 406,     // W406
  kDuplicateBinding = 407,  // E407
  kPercentVsNumber = 408,   // W408  comparing a percent with a plain number
};

struct Diagnostic {
  DiagCode code = DiagCode::kSyntax;
  Severity severity = Severity::kError;
  SourceRange range;
  std::string message;
};

// "E102" / "W305".
std::string DiagCodeName(DiagCode code, Severity severity);

// file:line:col: error[E102]: message
//   <source line>
//   <spaces>^~~~
std::string Render(const SourceFile& src, const Diagnostic& d);
std::string RenderAll(const SourceFile& src, const std::vector<Diagnostic>& ds);

bool HasErrors(const std::vector<Diagnostic>& ds);

}  // namespace cchc

#endif  // CCHC_CRITERIA_DIAGNOSTICS_H_
