// Evidence issues: problems found while loading a commune's evidence file, each
// with a stable code (E500-E599), a place (file, line:col, record, field) and
// a message. Collected, never thrown, so that every problem is reported.
#ifndef CCHC_EVIDENCE_ISSUES_H_
#define CCHC_EVIDENCE_ISSUES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "criteria/diagnostics.h"  // Severity

namespace cchc {

// Stable codes. Never renumber; add at the end. The table with a sentence per
// code lives in docs/evidence-format.md.
enum class EvidenceCode {
  kEmptyFile = 500,           // E500 nothing but whitespace (or a BOM)
  kSyntax = 501,              // E501 malformed JSON / malformed CSV
  kWrongShape = 502,          // E502 an object or array expected here
  kMissingId = 503,           // E503 record without a non-empty string id
  kMissingKind = 504,         // E504 record without a non-empty string kind
  kDuplicateId = 505,         // E505 two records with one id
  kDuplicateKey = 506,        // E506 one key twice in a JSON object
  kBadDate = 507,             // E507 not "YYYY-MM-DD", or not a real day
  kNumberOutOfRange = 508,    // E508 1e400, NaN, Infinity, a year like 20026
  kWrongType = 509,           // E509 value does not have the declared type
  kBadCount = 510,            // E510 count field negative or fractional
  kNestedValue = 511,         // E511 array / object as a field value
  kUnknownKey = 512,          // W512 key the format does not know (ignored)
  kFileTooLarge = 513,        // E513 over EvidenceLimits::max_file_bytes
  kTooManyRecords = 514,      // E514 over EvidenceLimits::max_records
  kStringTooLong = 515,       // E515 over EvidenceLimits::max_string_bytes
  kInvalidUtf8 = 516,         // E516
  kNestingTooDeep = 517,      // E517 over EvidenceLimits::max_depth
  kMissingKey = 518,          // E518 required key absent (records, points...)
  kCsvHeader = 519,           // E519 CSV header lacks id / kind, or no header
  kCsvRowWidth = 520,         // E520 CSV row with more or fewer cells
  kCsvDuplicateColumn = 521,  // E521 one column name twice in the header
  kDuplicateAppraisal = 522,  // E522 two appraisal entries for one item
  kTooManyIssues = 523,       // E523 loading stopped after too many errors
  // Scenario and task files (evidence/scenario_loader.h):
  kBadEffect = 524,        // E524 an effect without a known "op", or missing its parts
  kUnknownTarget = 525,    // E525 set/remove names a record the evidence lacks
  kDuplicateTaskId = 526,  // E526 two tasks with one id
  kBadEffort = 527,        // E527 effort negative, not finite or not a number
  kTooManyEffects = 528,   // E528 over ScenarioLimits::max_effects
  // Checks against the criteria's record declarations:
  kUnknownField = 529,       // E529 a field the record's kind does not declare
  kUnknownKind = 530,        // E530 a record kind the criteria do not declare
  kOutOfRange = 531,         // E531 a value outside its declared range (`in 1..5`, percent 0-100)
  kNotInEnum = 532,          // E532 a string not among its field's `one of` values
  kInvariant = 533,          // E533 a record breaks its kind's `require` condition
  kYearMismatch = 534,       // E534 the evidence year is not the criteria year (or absent)
  kMissingAsOf = 535,        // E535 the criteria use as_of but the evidence has none
  kTaskNotLegitimate = 536,  // E536 a task moves a given field or removes a record
  // Excel workbooks (evidence/xlsx_loader.cc):
  kXlsxNotWorkbook = 560,  // E560 not a zip, truncated/damaged, encrypted, or .xls
  kXlsxTooLarge = 561,     // E561 a part unpacks beyond the limits (zip bomb)
  kXlsxSheet = 562,        // E562 no evidence sheet, or a sheet the criteria do not know
  kXlsxHeader = 563,       // E563 missing id column, unknown or unnamed column
  kXlsxErrorCell = 564,    // E564 a formula error (#DIV/0!) or uncalculated formula
  kXlsxLayout = 565,       // E565 merged cells, hidden rows or a hidden sheet with data
};

struct EvidenceIssue {
  Severity severity = Severity::kError;
  std::string code;  // "E501", "W512"
  std::string file;
  uint32_t line = 0;      // JSON: line; CSV: physical line. 0 = unknown
  uint32_t column = 0;    // JSON: code points from line start; CSV: 1-based column index
  std::string record_id;  // empty when not inside a record (or it has no id)
  std::string field;      // JSON key or CSV header name; may be empty
  std::string message;
};

// "E501" for errors, "W512" for warnings, "N5xx" for notes.
std::string EvidenceCodeName(EvidenceCode code, Severity severity);

// file:line:col: error[E509]: record "KH-01" field "issued": message
// Parts that are empty (or 0) are left out: a file-level error renders as
// "file: error[E513]: message".
std::string RenderIssue(const EvidenceIssue& issue);

// One RenderIssue line per issue, each ending in '\n'.
std::string RenderIssues(const std::vector<EvidenceIssue>& issues);

bool HasErrors(const std::vector<EvidenceIssue>& issues);

}  // namespace cchc

#endif  // CCHC_EVIDENCE_ISSUES_H_
