// File input and atomic output for the commands.
#include "cli/commands/io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "cli/commands/load.h"
#include "criteria/input_limits.h"

namespace cchc {

namespace {

const char* Noun(InputFile kind) {
  switch (kind) {
    case InputFile::kCriteria:
      return "criteria";
    case InputFile::kEvidence:
      return "evidence";
    case InputFile::kScenario:
      return "scenario";
    case InputFile::kTasks:
      return "task";
    case InputFile::kNdjson:
      return "NDJSON";
  }
  return "input";
}

}  // namespace

std::string InputErrorName(InputError code) { return "E" + std::to_string(static_cast<int>(code)); }

size_t InputLimit(InputFile kind) {
  switch (kind) {
    case InputFile::kCriteria:
      return kMaxCriteriaBytes;
    case InputFile::kEvidence:
      return kMaxEvidenceBytes;
    case InputFile::kScenario:
    case InputFile::kTasks:
      return kMaxScenarioBytes;
    case InputFile::kNdjson:
      return kMaxNdjsonBytes;
  }
  return 0;
}

std::optional<std::string> ReadInput(const std::string& path, InputFile kind, std::ostream& err) {
  std::string why;
  bool too_large = false;
  std::optional<std::string> text = ReadWholeFile(path, InputLimit(kind), &why, &too_large);
  if (!text) {
    const bool criteria = kind == InputFile::kCriteria;
    const InputError code =
        too_large ? (criteria ? InputError::kCriteriaTooLarge : InputError::kTooLarge)
                  : (criteria ? InputError::kCriteriaUnreadable : InputError::kUnreadable);
    err << path << ": error[" << InputErrorName(code)
        << "]: " << (too_large ? "the " : "cannot read the ") << Noun(kind)
        << (too_large ? " file is too large: " : " file: ") << why << "\n";
  }
  return text;
}

std::optional<std::string> ReadWholeFile(const std::string& path, size_t max_bytes,
                                         std::string* error, bool* too_large) {
  if (too_large) *too_large = false;
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    *error = std::strerror(errno);
    return std::nullopt;
  }
  if (S_ISDIR(st.st_mode)) {
    *error = "is a directory, not a file";
    return std::nullopt;
  }
  if (static_cast<size_t>(st.st_size) > max_bytes) {
    if (too_large) *too_large = true;
    *error = "file is " + std::to_string(st.st_size) + " bytes, over the limit of " +
             std::to_string(max_bytes) + " bytes";
    return std::nullopt;
  }
  // O_NONBLOCK so that opening a FIFO nobody writes to cannot hang; reads
  // then block as usual (a FIFO without a writer reads as empty).
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    *error = std::strerror(errno);
    return std::nullopt;
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  // Read straight into one buffer of the file's size: growing a string chunk
  // by chunk copied a 100 MB NDJSON file several times over.
  std::string data;
  size_t used = 0;
  for (;;) {
    if (used == data.size()) {  // one byte past the size: EOF reads into it
      data.resize(std::max(data.size() * 2, static_cast<size_t>(st.st_size) + (1 << 16)));
    }
    ssize_t n = ::read(fd, data.data() + used, data.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = std::strerror(errno);
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    used += static_cast<size_t>(n);
    if (used > max_bytes) {
      if (too_large) *too_large = true;
      *error = "file is over the limit of " + std::to_string(max_bytes) + " bytes";
      ::close(fd);
      return std::nullopt;
    }
  }
  ::close(fd);
  data.resize(used);
  return data;
}

bool WriteFileAtomic(const std::string& path, const std::string& data, std::string* error) {
  std::string tmp = path + ".tmp-XXXXXX";
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) {
    *error = "cannot create a file beside " + path + ": " + std::strerror(errno);
    return false;
  }
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = std::string("write failed: ") + std::strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      return false;
    }
    done += static_cast<size_t>(n);
  }
  ::fchmod(fd, 0644);
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    *error = std::string("write failed: ") + std::strerror(errno);
    ::unlink(tmp.c_str());
    return false;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    *error = "cannot replace " + path + ": " + std::strerror(errno);
    ::unlink(tmp.c_str());
    return false;
  }
  return true;
}

}  // namespace cchc
