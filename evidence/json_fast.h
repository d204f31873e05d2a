// Internal to evidence/: the two evidence JSON readers behind
// LoadEvidenceJson. The fast one (simdjson) serves valid, clean documents;
// the nlohmann SAX one finds and places every issue (file:line:col).
#ifndef CCHC_EVIDENCE_JSON_FAST_H_
#define CCHC_EVIDENCE_JSON_FAST_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
// *load is left half-filled and must be loaded afresh. `state` null: the
// calling thread's own (which remembers nothing of the schema between
// documents); else one from NewFastReaderState, used with one schema only.
// `origins` false: the records' origins are left 0:0 (not worked out).
// `padded`: EvidenceLoader::kPadding bytes after `text` are readable, and
// simdjson parses it in place (else it parses a padded copy).
bool LoadEvidenceJsonFastInto(std::string_view text, const std::string& file_name,
                              const Criteria* schema, const EvidenceLimits& limits,
                              EvidenceLoad* load, FastReaderState* state = nullptr,
                              bool origins = true, bool padded = false);

// A reader state for one schema: the record kinds and keys it has met, with
// their declarations, are kept from one document to the next. Not
// thread-safe.
std::unique_ptr<FastReaderState, FastReaderStateDeleter> NewFastReaderState();

// Records read with `state` keep only the fields in `names` and those the
// `require` conditions of `schema` read (EvidenceLoader::KeepOnlyFields).
void KeepOnlyFields(FastReaderState* state, const Criteria* schema,
                    const std::vector<std::string>& names);

// The nlohmann SAX reader alone: every issue, placed at file:line:col.
EvidenceLoad LoadEvidenceJsonSax(std::string_view text, const std::string& file_name,
                                 const Criteria* schema, const EvidenceLimits& limits);

}  // namespace cchc::evidence_internal

#endif  // CCHC_EVIDENCE_JSON_FAST_H_
