// Writing a commune's evidence as CSV in exactly the form LoadEvidenceCsv
// reads (docs/evidence-format.md), keeping the conventions of the file it
// replaces: separator, decimal comma, BOM, line ends, comments and columns.
#ifndef CCHC_EVIDENCE_CSV_WRITER_H_
#define CCHC_EVIDENCE_CSV_WRITER_H_

#include <string>
#include <string_view>
#include <vector>

#include "criteria/ast.h"
#include "evidence/loader.h"
#include "evidence/record.h"

namespace cchc {

// How a CSV evidence file is written. The default is the documented form:
// no BOM, LF, ',' between cells, a decimal point, columns id, kind, then the
// fields in the order records first use them.
struct CsvStyle {
  enum class SeparatorLine { kNone, kComment, kExcel };  // "# separator: ;" or "sep=;"

  bool bom = false;
  bool crlf = false;
  char separator = ',';
  SeparatorLine separator_line = SeparatorLine::kNone;
  bool decimal_comma = false;  // "# decimal: ," (declared number, count, percent cells)
  // Leading "#" lines other than the unit, year, as_of, separator and
  // decimal keys, verbatim (without their line end).
  std::vector<std::string> comments;
  // The header's column names in order (empty names left out). Kept even
  // when no record uses them; columns records use beyond them come after.
  std::vector<std::string> columns;
};

// The conventions of an existing CSV evidence text, found as LoadEvidenceCsv
// finds them (a declared separator, else the one the header line has most of).
CsvStyle ReadCsvStyle(std::string_view text);

// The evidence as CSV text: BOM, "sep=" line, comments, then "# unit.code:",
// "# unit.name:", "# unit.province:", "# year:", "# as_of:" (ISO), the
// separator and decimal declarations, the header and one row per record.
// Numbers are the shortest text that reads back to the same double; percents
// in percent units (0.962 -> 96.2); dates YYYY-MM-DD; booleans true/false.
// `schema` (may be null) says which cells get a decimal comma: those the
// loader reads as declared numbers. Appraisals are not written (CSV has none).
std::string EvidenceToCsv(const Evidence& evidence, const Criteria* schema,
                          const CsvStyle& style = {});

// EvidenceToCsv, checked: the text, what LoadEvidenceCsv reads back from it
// under `schema`, and what would not survive the trip (one sentence each:
// appraisals, unit text with line breaks or edge blanks, empty strings, a
// value read back as another type, load errors). `losses` empty means the
// read-back evidence equals `evidence` (fields compared by name, in any
// order; record origins aside).
struct CsvOutput {
  std::string text;
  EvidenceLoad read_back;  // the evidence and the loader's issues
  std::vector<std::string> losses;
};
CsvOutput WriteEvidenceCsv(const Evidence& evidence, const Criteria* schema,
                           const CsvStyle& style = {});

}  // namespace cchc

#endif  // CCHC_EVIDENCE_CSV_WRITER_H_
