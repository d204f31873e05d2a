// Reading an NDJSON file a window at a time: blocks read with pread into one
// buffer, complete lines listed where they lie, the unfinished one carried.
#include "cli/commands/ndjson_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "evidence/loader.h"

namespace cchc {

std::unique_ptr<NdjsonFileInputs> NdjsonFileInputs::Open(const std::string& path, size_t max_bytes,
                                                         size_t window_bytes) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) ||
      static_cast<uint64_t>(st.st_size) > max_bytes) {
    return nullptr;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  std::unique_ptr<NdjsonFileInputs> in(
      new NdjsonFileInputs(path, fd, max_bytes, std::max<size_t>(window_bytes, 1)));
  in->file_bytes_ = static_cast<uint64_t>(st.st_size);
  // The first window with a line in it (or the end): an empty file is known
  // as such at once.
  std::string why;
  while (in->lines_.empty() && !in->done_) {
    if (!in->ReadWindow(&why)) return nullptr;
  }
  return in;
}

NdjsonFileInputs::~NdjsonFileInputs() { ::close(fd_); }

bool NdjsonFileInputs::NextWindow(BatchFailure* failure) {
  if (done_) return false;
  first_ = lines_.size();
  std::string why;
  if (!ReadWindow(&why)) {
    done_ = true;
    expected_ = lines_.size();
    failure->source = file_ + ":" + std::to_string(next_line_);
    failure->error = "cannot read the file from this line on: " + why;
    return false;
  }
  return true;
}

// Lines end at '\n' (or the file's end); one trailing '\r' is not part of
// the line; a line of only spaces and tabs is skipped: NdjsonInputs's split.
bool NdjsonFileInputs::ReadWindow(std::string* why) {
  char* buf = buffer_.get();
  if (carried_ > 0) std::memmove(buf, buf + carried_from_, carried_);
  size_t filled = carried_;
  while (!at_end_) {
    const size_t want = filled + window_bytes_ + EvidenceLoader::kPadding;
    if (capacity_ < want) {  // a line longer than a window, or the first block
      const size_t grown = std::max(want, 2 * capacity_);
      std::unique_ptr<char[]> bigger(new char[grown]);
      if (filled > 0) std::memcpy(bigger.get(), buf, filled);
      buffer_ = std::move(bigger);
      buf = buffer_.get();
      capacity_ = grown;
    }
    const ssize_t n = ::pread(fd_, buf + filled, window_bytes_, static_cast<off_t>(offset_));
    if (n < 0) {
      if (errno == EINTR) continue;
      *why = std::strerror(errno);
      return false;
    }
    if (n == 0) {
      at_end_ = true;
      break;
    }
    offset_ += static_cast<uint64_t>(n);
    filled += static_cast<size_t>(n);
    if (offset_ > max_bytes_) {
      *why = "the file grew past " + std::to_string(max_bytes_) + " bytes while it was read";
      return false;
    }
    if (std::memchr(buf + filled - n, '\n', static_cast<size_t>(n)) != nullptr) break;
  }
  // Lines are parsed in place: the bytes after the data are readable.
  std::memset(buf + filled, 0, EvidenceLoader::kPadding);
  size_t complete = filled;  // the listed part: up to the last '\n', or all at the end
  if (!at_end_) {
    complete = static_cast<size_t>(static_cast<const char*>(memrchr(buf, '\n', filled)) - buf) + 1;
  }
  for (size_t start = 0; start < complete;) {
    const void* nl = std::memchr(buf + start, '\n', complete - start);
    const size_t stop = nl ? static_cast<size_t>(static_cast<const char*>(nl) - buf) : complete;
    std::string_view line(buf + start, stop - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") != std::string_view::npos) {
      lines_.push_back({next_line_, line});
    }
    if (nl == nullptr) break;  // the file's last line, without a newline
    ++next_line_;
    start = stop + 1;
  }
  carried_from_ = complete;
  carried_ = filled - complete;
  done_ = at_end_;
  const uint64_t listed = offset_ - carried_;  // bytes of the file split into lines so far
  expected_ =
      at_end_ || listed == 0 || listed >= file_bytes_
          ? lines_.size()
          : static_cast<size_t>(static_cast<double>(lines_.size()) *
                                static_cast<double>(file_bytes_) / static_cast<double>(listed));
  return true;
}

std::string NdjsonFileInputs::Name(size_t i) const {
  return file_ + ":" + std::to_string(lines_[i].line);
}

bool NdjsonFileInputs::Read(size_t i, std::string*, std::string_view* text,
                            std::string* error) const {
  if (i < first_ || i >= lines_.size()) {
    *error = "input " + std::to_string(i) + " is not in the window being read";
    return false;
  }
  *text = lines_[i].text;
  return true;
}

}  // namespace cchc
