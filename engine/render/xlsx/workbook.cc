// Atomic XLSX files.
#include "engine/render/xlsx/workbook.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace cchc {

AtomicWorkbook::AtomicWorkbook(const std::string& path, std::string* error)
    : path_(path), tmp_(path + ".tmp-XXXXXX") {
  const int fd = ::mkstemp(tmp_.data());
  if (fd < 0) {
    *error = "cannot create a file beside " + path;
    tmp_.clear();
    return;
  }
  ::close(fd);
  wb_ = workbook_new(tmp_.c_str());
  if (!wb_) *error = "cannot start the workbook";
}

AtomicWorkbook::~AtomicWorkbook() {
  if (done_) return;
  if (wb_) workbook_close(wb_);
  if (!tmp_.empty()) ::unlink(tmp_.c_str());
}

bool AtomicWorkbook::Commit(std::string* error) {
  done_ = true;
  const lxw_error err = workbook_close(wb_);
  wb_ = nullptr;
  ::chmod(tmp_.c_str(), 0644);
  if (err != LXW_NO_ERROR) {
    ::unlink(tmp_.c_str());
    *error = std::string("cannot write the workbook: ") + lxw_strerror(err);
    return false;
  }
  if (std::rename(tmp_.c_str(), path_.c_str()) != 0) {
    ::unlink(tmp_.c_str());
    *error = "cannot rename the workbook into place at " + path_;
    return false;
  }
  return true;
}

}  // namespace cchc
