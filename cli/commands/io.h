// File input and atomic output for the commands: the one function that reads
// an input file and the codes it prints.
#ifndef CCHC_CLI_COMMANDS_IO_H_
#define CCHC_CLI_COMMANDS_IO_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace cchc {

// The kinds of input file a command reads: each has its size limit, its noun
// in messages and its two error codes (too large, cannot be read).
enum class InputFile : uint8_t { kCriteria, kEvidence, kScenario, kTasks, kNdjson };

// Every code a command prints itself about an input file. The readers' own
// codes (criteria E1xx-E3xx, evidence E5xx) are in criteria/diagnostics.h
// and evidence/issues.h.
enum class InputError : uint16_t {
  kCriteriaTooLarge = 100,    // E100 a criteria file over its size limit
  kCriteriaUnreadable = 107,  // E107 a criteria file that cannot be read
  kTooLarge = 513,            // E513 an evidence, scenario, task or NDJSON file over its limit
  kUnreadable = 590,          // E590 an evidence, scenario, task or NDJSON file that cannot be read
};

// "E590".
std::string InputErrorName(InputError code);

// The size limit of an input kind, in bytes.
size_t InputLimit(InputFile kind);

// Reads the whole input file `path` of `kind`. On failure prints one line to
// `err` ("PATH: error[E590]: cannot read the task file: no such file") and
// returns nullopt.
std::optional<std::string> ReadInput(const std::string& path, InputFile kind, std::ostream& err);

// Reads a whole file. On failure returns nullopt and sets *error to a reason
// ("no such file", "is a directory", "larger than N bytes", ...) and
// *too_large (when given) to whether the size limit was the reason. A FIFO
// without a writer reads as empty instead of blocking.
std::optional<std::string> ReadWholeFile(const std::string& path, size_t max_bytes,
                                         std::string* error, bool* too_large = nullptr);

// Writes `data` to `path` atomically: a temporary file in the same folder,
// flushed, then renamed over the target. A failure leaves no partial file.
bool WriteFileAtomic(const std::string& path, const std::string& data, std::string* error);

}  // namespace cchc

#endif  // CCHC_CLI_COMMANDS_IO_H_
