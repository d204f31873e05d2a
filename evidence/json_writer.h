// Evidence written as JSON in the format docs/evidence-format.md describes:
// the one writer behind `cchc synth`, serve's evidence download and saving,
// read back by LoadEvidenceJson (either path) to the same records.
#ifndef CCHC_EVIDENCE_JSON_WRITER_H_
#define CCHC_EVIDENCE_JSON_WRITER_H_

#include <string>

#include "evidence/record.h"

namespace cchc {

// The evidence as one JSON document: {"unit", "year", "as_of", "records",
// "appraisal"}, each record's id and kind first, then its fields in order
// (missing values left out). One line when !pretty (an NDJSON line, no
// newline), else indented by one space and ending in a newline. Numbers are
// the shortest text that reads back to the same double (with an exponent
// from 2^64 on, as the fast reader takes them); percents are in
// percent units (0.962 -> 96.2) to 12 significant digits, as people write
// them; strings are UTF-8 as is, with '"', '\' and control characters
// escaped (invalid UTF-8, which no reader produces, becomes U+FFFD).
// Byte-stable: the same evidence gives the same bytes.
std::string EvidenceToJson(const Evidence& evidence, bool pretty);

}  // namespace cchc

#endif  // CCHC_EVIDENCE_JSON_WRITER_H_
