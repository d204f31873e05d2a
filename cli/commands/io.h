// File input and atomic output for the commands.
#ifndef CCHC_CLI_COMMANDS_IO_H_
#define CCHC_CLI_COMMANDS_IO_H_

#include <optional>
#include <string>

namespace cchc {

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
