// Internal to evidence/: the two evidence JSON readers behind
// LoadEvidenceJson. The fast one (simdjson) serves valid, clean documents;
// the nlohmann SAX one finds and places every issue (file:line:col).
#ifndef CCHC_EVIDENCE_JSON_FAST_H_
#define CCHC_EVIDENCE_JSON_FAST_H_

#include <optional>
#include <string>
#include <string_view>

#include "criteria/ast.h"
#include "evidence/loader.h"

namespace cchc::evidence_internal {

// Reads `text` with simdjson's DOM parser. Returns a load only when the text
// parses and nothing in it would be reported, not even a warning; the load
// then equals LoadEvidenceJsonSax's (records, origins, unit, appraisals; no
// issues). Otherwise std::nullopt: the caller runs the SAX reader, which
// reports. Thread-safe (one parser per thread).
std::optional<EvidenceLoad> LoadEvidenceJsonFast(std::string_view text,
                                                 const std::string& file_name,
                                                 const Criteria* schema,
                                                 const EvidenceLimits& limits);

// LoadEvidenceJsonFast into `load`, reusing the memory of what it held (a
// previous document's records): true when the document was read, else
// *load is left half-filled and must be loaded afresh.
bool LoadEvidenceJsonFastInto(std::string_view text, const std::string& file_name,
                              const Criteria* schema, const EvidenceLimits& limits,
                              EvidenceLoad* load);

// The nlohmann SAX reader alone: every issue, placed at file:line:col.
EvidenceLoad LoadEvidenceJsonSax(std::string_view text, const std::string& file_name,
                                 const Criteria* schema, const EvidenceLimits& limits);

}  // namespace cchc::evidence_internal

#endif  // CCHC_EVIDENCE_JSON_FAST_H_
