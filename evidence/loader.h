// Loading a commune's evidence from JSON or CSV text into the record model,
// typed against the criteria's `record` declarations. Pure: no file I/O (the
// CLI reads files); the format is documented in docs/evidence-format.md.
#ifndef CCHC_EVIDENCE_LOADER_H_
#define CCHC_EVIDENCE_LOADER_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "criteria/ast.h"
#include "criteria/input_limits.h"
#include "evidence/issues.h"
#include "evidence/record.h"

namespace cchc {

// Explicit bounds, so that a hostile or broken file costs bounded time and
// memory. Going over one is an error (E513, E514, E515, E517).
struct EvidenceLimits {
  size_t max_file_bytes = kMaxEvidenceBytes;
  size_t max_records = kMaxEvidenceRecords;
  size_t max_string_bytes = kMaxStringBytes;  // any JSON string or key, any CSV cell
  int max_depth = kMaxEvidenceDepth;          // JSON arrays/objects open at once
  size_t max_errors = kMaxEvidenceErrors;     // then one E523 and loading stops
  // An .xlsx workbook is a zip: what its parts may unpack to (E561).
  size_t max_xlsx_part_bytes = kMaxXlsxPartBytes;
  size_t max_xlsx_total_bytes = kMaxXlsxTotalBytes;
};

struct EvidenceLoad {
  // What could be read. When !ok() it may be partial: score nothing from it.
  Evidence evidence;
  // Every problem found, in file order (errors and warnings).
  std::vector<EvidenceIssue> issues;

  bool ok() const { return !HasErrors(issues); }
};

// JSON evidence: {"unit": {...}, "year": N, "as_of": "YYYY-MM-DD",
// "records": [...], "appraisal": [...]}. Every record needs a unique
// non-empty string "id" and a non-empty string "kind"; every other key is a
// field, typed by `schema` (FindField: the kind's declared fields, then the
// common ones). `schema` may be null: then only the common fields (issued is
// a date) are typed and every other field keeps its JSON type. Reports every
// problem; a syntax error, invalid UTF-8 or a broken limit stops at the first.
// `file_name` only labels issues and Evidence::source. Thread-safe (no state).
EvidenceLoad LoadEvidenceJson(std::string_view text, const std::string& file_name,
                              const Criteria* schema, const EvidenceLimits& limits = {});

// CSV evidence (RFC 4180; LF or CRLF; a UTF-8 BOM is skipped): leading
// "# unit.code: AK"-style comment lines set the unit, year and as_of; the
// first other row is the header and must name `id` and `kind`; each further
// row is a record whose non-empty cells are fields. Cells are typed by the
// schema for the row's kind; undeclared ones are inferred (a finite number,
// true/false, else a string). Issues carry line = physical line and
// column = 1-based CSV column index.
EvidenceLoad LoadEvidenceCsv(std::string_view text, const std::string& file_name,
                             const Criteria* schema, const EvidenceLimits& limits = {});

// An Excel workbook (.xlsx) laid out as `cchc template` writes it: a sheet
// per record kind (named by the kind) whose header row names each column's
// field ("Nhãn (field)" or "field"), "Đơn vị" for the unit, year and as_of,
// "Thẩm định" for the appraisal; "Hướng dẫn" and sheets named "_..." are
// ignored. Issues are placed as "file.xlsx:Sheet!C12" (in EvidenceIssue::file,
// line and column 0). `bytes` is the whole file.
EvidenceLoad LoadEvidenceXlsx(std::string_view bytes, const std::string& file_name,
                              const Criteria* schema, const EvidenceLimits& limits = {});

// By the file name's extension (any case): .csv CSV, .xlsx a workbook, else
// JSON.
EvidenceLoad LoadEvidenceText(std::string_view text, const std::string& file_name,
                              const Criteria* schema, const EvidenceLimits& limits = {});

// LoadEvidenceText into *out, reusing the memory *out holds from an earlier
// load (its records' strings and fields): for a loop loading many documents
// one after another. The result equals LoadEvidenceText's.
void LoadEvidenceTextInto(std::string_view text, const std::string& file_name,
                          const Criteria* schema, const EvidenceLimits& limits, EvidenceLoad* out);

namespace evidence_internal {
struct FastReaderState;
struct FastReaderStateDeleter {
  void operator()(FastReaderState* state) const;
};
}  // namespace evidence_internal

// LoadEvidenceTextInto for a loop over many documents scored against one
// schema (batch scoring: one per worker thread). Besides memory, it keeps
// what it has learnt of the schema's record kinds and their fields from one
// document to the next. With `origins` false the records' origins may be
// left 0:0, for a caller that never shows them; otherwise the result equals
// LoadEvidenceText's. `schema` must outlive it. Not thread-safe.
class EvidenceLoader {
 public:
  // Bytes after a text that Load may read when told the text is padded.
  static constexpr size_t kPadding = 64;

  EvidenceLoader(const Criteria* schema, const EvidenceLimits& limits, bool origins = true);
  ~EvidenceLoader();
  EvidenceLoader(const EvidenceLoader&) = delete;
  EvidenceLoader& operator=(const EvidenceLoader&) = delete;

  // `padded`: kPadding bytes after the text are readable (whatever they
  // hold), so that the JSON reader can parse the text where it is.
  void Load(std::string_view text, const std::string& file_name, EvidenceLoad* out,
            bool padded = false);

  // From now on the JSON reader's records keep only the fields named here
  // and those the schema's `require` conditions read; every field is still
  // read and checked, and a document is accepted or reported exactly as
  // before. For a caller that reads no other field (batch scoring keeps the
  // plan's: titles and issuers are then not copied). A document the fast
  // reader declines keeps every field.
  void KeepOnlyFields(const std::vector<std::string>& names);

 private:
  const Criteria* schema_;
  EvidenceLimits limits_;
  bool origins_;
  std::unique_ptr<evidence_internal::FastReaderState, evidence_internal::FastReaderStateDeleter>
      state_;
};

}  // namespace cchc

#endif  // CCHC_EVIDENCE_LOADER_H_
