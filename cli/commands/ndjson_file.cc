// Scanning an NDJSON file for its evidence lines in fixed-size chunks, and
// reading one line back with pread.
#include "cli/commands/ndjson_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace cchc {

std::unique_ptr<NdjsonFileInputs> NdjsonFileInputs::Open(const std::string& path, size_t max_bytes,
                                                         size_t chunk_bytes) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) ||
      static_cast<uint64_t>(st.st_size) > max_bytes) {
    return nullptr;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  std::unique_ptr<NdjsonFileInputs> in(new NdjsonFileInputs(path, fd));
  if (!in->Scan(max_bytes, chunk_bytes == 0 ? 1 : chunk_bytes)) return nullptr;
  return in;
}

NdjsonFileInputs::~NdjsonFileInputs() { ::close(fd_); }

// Lines end at '\n' (or the end of the file); one trailing '\r' is not part of
// the line; a line of only spaces and tabs is skipped. Equal to
// NdjsonInputs's split of the whole text, chunk boundaries anywhere.
bool NdjsonFileInputs::Scan(size_t max_bytes, size_t chunk_bytes) {
  std::unique_ptr<char[]> chunk(new char[chunk_bytes]);
  uint64_t at = 0;                     // file offset of chunk[0]
  uint64_t start = 0;                  // the current line's first byte
  size_t line = 1;                     // its number
  bool content = false;                // it has a byte other than blanks and one final '\r'
  bool pending_cr = false;             // blank so far but for a '\r' that must end the line
  char last = 0;                       // the byte before the current one
  auto end_line = [&](uint64_t end) {  // end: offset of the '\n' or the file's end
    if (content) {
      const size_t length = static_cast<size_t>(end - start) - (last == '\r' ? 1 : 0);
      lines_.push_back({line, start, length});
    }
    start = end + 1;
    ++line;
    content = pending_cr = false;
  };
  for (;;) {
    ssize_t n = ::pread(fd_, chunk.get(), chunk_bytes, static_cast<off_t>(at));
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (n == 0) break;
    if (at + static_cast<uint64_t>(n) > max_bytes) return false;
    const char* p = chunk.get();
    const char* end = p + n;
    while (p < end) {
      if (content) {  // skip to the line's end
        const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
        if (nl == nullptr) {
          last = end[-1];
          p = end;
          break;
        }
        const char* q = static_cast<const char*>(nl);
        if (q > p) last = q[-1];
        end_line(at + static_cast<uint64_t>(q - chunk.get()));
        last = '\n';
        p = q + 1;
        continue;
      }
      const char c = *p;
      if (c == '\n') {
        end_line(at + static_cast<uint64_t>(p - chunk.get()));
      } else if (pending_cr || (c != ' ' && c != '\t' && c != '\r')) {
        content = true;
      } else if (c == '\r') {
        pending_cr = true;
      }
      last = c;
      ++p;
    }
    at += static_cast<uint64_t>(n);
  }
  end_line(at);
  return true;
}

std::string NdjsonFileInputs::Name(size_t i) const {
  return file_ + ":" + std::to_string(lines_[i].line);
}

bool NdjsonFileInputs::Read(size_t i, std::string* buffer, std::string_view* text,
                            std::string* error) const {
  const LineRef& l = lines_[i];
  buffer->reserve(l.length + EvidenceLoader::kPadding);  // Padded()
  buffer->resize(l.length);
  size_t done = 0;
  while (done < l.length) {
    ssize_t n =
        ::pread(fd_, buffer->data() + done, l.length - done, static_cast<off_t>(l.offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      *error = n < 0 ? std::strerror(errno) : "the file is shorter than when it was opened";
      return false;
    }
    done += static_cast<size_t>(n);
  }
  *text = *buffer;
  return true;
}

}  // namespace cchc
