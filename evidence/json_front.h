// Internal to evidence/: the one JSON front end of the evidence reader's
// reporting path and the scenario/task reader. Bytes to events with offsets:
// size, UTF-8 and blank checks, nlohmann's SAX parse within the limits, and
// every syntax error as one issue with the same place and wording.
#ifndef CCHC_EVIDENCE_JSON_FRONT_H_
#define CCHC_EVIDENCE_JSON_FRONT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "evidence/issues.h"
#include "evidence/validate.h"

namespace cchc::evidence_internal {

// A JSON scalar as the front end hands it over (before any typing).
struct JsonScalar {
  enum class Type : uint8_t { kNull, kBool, kNumber, kString } type = Type::kNull;
  bool boolean = false;
  double number = 0;
  std::string text;
};

// What a reader does with the document. Offsets (`at`) are those of the
// token's first byte. A callback returning false stops the reading.
class JsonEvents {
 public:
  virtual ~JsonEvents() = default;

  virtual bool OnScalar(JsonScalar& value, size_t at) = 0;
  virtual bool OnKey(std::string& key, size_t at) = 0;
  virtual bool OnStart(bool object, size_t at) = 0;
  virtual bool OnEnd() = 0;

  // A key or string over max_string_bytes has been reported (E515) and is
  // left out: a key together with its value (`value` null), or a string value
  // in place of its OnScalar (`value` holds it, for a reader that must still
  // say what it got).
  virtual bool OnDropped(const JsonScalar* value, size_t at) = 0;

  // Inside a value the reader ignores (after reporting why) the front end
  // checks nothing but the nesting depth.
  virtual bool Ignoring() const { return false; }

  // The key whose value is being read ("" in an array or at the top).
  virtual std::string_view CurrentKey() const = 0;

  // A problem found while reading (E515). `at` has its line:col and, for a
  // value, its field; the reader adds the record it belongs to. Returns
  // false once reading must stop.
  virtual bool Report(EvidenceCode code, FieldPlace at, std::string message) = 0;

  // A syntax error (E501, or E508 for a number JSON cannot hold); reading
  // stops after it.
  virtual void ReportSyntax(EvidenceCode code, FieldPlace at, std::string message) = 0;
};

// How far ParseJson got.
enum class JsonRead : uint8_t {
  kRefused,  // the text was not parsed at all (too large, not UTF-8, blank)
  kStopped,  // a syntax error, a limit, or a callback stopped the reading
  kRead,     // read to its end (issues the reader reported aside)
};

// The checks every JSON text gets (CheckWholeText: size, UTF-8, not blank),
// then the parse, events to `events` and front-end issues to `out`.
JsonRead ParseJson(std::string_view text, EvidenceBuilder* out, JsonEvents* events);

}  // namespace cchc::evidence_internal

#endif  // CCHC_EVIDENCE_JSON_FRONT_H_
