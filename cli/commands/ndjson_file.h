// An NDJSON file as batch inputs read once, a window at a time: each window
// is a block of the file read into one buffer, its complete lines are scored
// where they lie, and the unfinished last line moves to the front for the
// next window. Neither the whole text (often ~100 MB) nor a second pass over
// it is ever needed.
#ifndef CCHC_CLI_COMMANDS_NDJSON_FILE_H_
#define CCHC_CLI_COMMANDS_NDJSON_FILE_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/batch/batch.h"

namespace cchc {

// The same inputs as NdjsonInputs over the file's text (same lines, names,
// line numbers and texts: a trailing '\r' dropped, blank lines skipped),
// met window by window (BatchInputs::NextWindow).
class NdjsonFileInputs : public BatchInputs {
 public:
  // Opens the regular file `path` and reads its first window: the first
  // block of `window_bytes` (4 MiB: large enough that a window's lines keep
  // both cores busy, small next to a national file), or more until a line
  // ends. Returns nullptr when the file is not a regular file of at most
  // `max_bytes`, or cannot be opened or read: the caller then reads it
  // whole, which reports why.
  static std::unique_ptr<NdjsonFileInputs> Open(const std::string& path, size_t max_bytes,
                                                size_t window_bytes = size_t{4} << 20);
  ~NdjsonFileInputs() override;
  NdjsonFileInputs(const NdjsonFileInputs&) = delete;
  NdjsonFileInputs& operator=(const NdjsonFileInputs&) = delete;

  size_t size() const override { return lines_.size(); }
  bool Complete() const override { return done_; }
  // While windows remain: the lines met so far scaled by the file's size
  // over the bytes read.
  size_t Expected() const override { return expected_; }
  bool NextWindow(BatchFailure* failure) override;
  std::string Name(size_t i) const override;
  // Line i, where it lies in the window's buffer (inputs of earlier windows
  // give an error). Thread-safe.
  bool Read(size_t i, std::string* buffer, std::string_view* text,
            std::string* error) const override;
  size_t Line(size_t i) const override { return lines_[i].line; }
  bool Padded() const override { return true; }  // the buffer has room after each line

 private:
  struct LineRef {
    size_t line;
    std::string_view text;  // valid while its window is the current one
  };
  NdjsonFileInputs(std::string file, int fd, size_t max_bytes, size_t window_bytes)
      : file_(std::move(file)), fd_(fd), max_bytes_(max_bytes), window_bytes_(window_bytes) {}
  // Reads blocks until the buffer holds a line's end (or the file's), then
  // lists the complete lines: false with *why set on a read error.
  bool ReadWindow(std::string* why);

  std::string file_;
  int fd_;
  size_t max_bytes_, window_bytes_;
  std::unique_ptr<char[]> buffer_;
  size_t capacity_ = 0;               // of buffer_, kPadding spare bytes included
  size_t carried_ = 0;                // bytes of the unfinished line, to move to the buffer's start
  size_t carried_from_ = 0;           // where they are now
  uint64_t offset_ = 0;               // file offset of the next block
  size_t next_line_ = 1;              // the number of the line the carried bytes start
  size_t first_ = 0;                  // the current window's first input
  bool at_end_ = false;               // the file's end has been read
  std::atomic<bool> done_ = false;    // ... and its last window listed
  std::atomic<size_t> expected_ = 0;  // Expected()
  uint64_t file_bytes_ = 0;           // the size at Open
  std::vector<LineRef> lines_;
};

}  // namespace cchc

#endif  // CCHC_CLI_COMMANDS_NDJSON_FILE_H_
