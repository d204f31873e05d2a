// An NDJSON file as batch inputs read from the file itself: one scan finds the
// evidence lines, then each worker reads its line into its own buffer, so the
// whole text (often ~100 MB) is never held in memory.
#ifndef CCHC_CLI_COMMANDS_NDJSON_FILE_H_
#define CCHC_CLI_COMMANDS_NDJSON_FILE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/batch/batch.h"

namespace cchc {

// The same inputs as NdjsonInputs over the file's text (same lines, names,
// line numbers and texts: a trailing '\r' dropped, blank lines skipped).
class NdjsonFileInputs : public BatchInputs {
 public:
  // Opens and scans the regular file `path`, reading `chunk_bytes` at a time
  // (64 KiB: a larger buffer costs more in fresh pages than it saves in reads).
  // Returns nullptr when the file is not a regular file of at most
  // `max_bytes`, or cannot be opened or read: the caller then reads it whole,
  // which reports why.
  static std::unique_ptr<NdjsonFileInputs> Open(const std::string& path, size_t max_bytes,
                                                size_t chunk_bytes = size_t{1} << 16);
  ~NdjsonFileInputs() override;
  NdjsonFileInputs(const NdjsonFileInputs&) = delete;
  NdjsonFileInputs& operator=(const NdjsonFileInputs&) = delete;

  size_t size() const override { return lines_.size(); }
  std::string Name(size_t i) const override;
  // Reads line i into *buffer. Thread-safe (pread). A file that shrank or
  // changed since the scan gives an error or a text that does not parse.
  bool Read(size_t i, std::string* buffer, std::string_view* text,
            std::string* error) const override;
  size_t Line(size_t i) const override { return lines_[i].line; }
  bool Padded() const override { return true; }  // the buffer has room after the line

 private:
  struct LineRef {
    size_t line;
    uint64_t offset;
    size_t length;
  };
  NdjsonFileInputs(std::string file, int fd) : file_(std::move(file)), fd_(fd) {}
  bool Scan(size_t max_bytes, size_t chunk_bytes);

  std::string file_;
  int fd_;
  std::vector<LineRef> lines_;
};

}  // namespace cchc

#endif  // CCHC_CLI_COMMANDS_NDJSON_FILE_H_
