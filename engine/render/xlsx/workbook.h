// Writing an XLSX workbook atomically: libxlsxwriter writes to a temporary
// file beside the target, which is renamed over it only when complete.
#ifndef CCHC_ENGINE_RENDER_XLSX_WORKBOOK_H_
#define CCHC_ENGINE_RENDER_XLSX_WORKBOOK_H_

#include <xlsxwriter.h>

#include <string>

namespace cchc {

class AtomicWorkbook {
 public:
  // Creates the temporary file and the workbook; workbook() is null (and
  // *error set) on failure.
  AtomicWorkbook(const std::string& path, std::string* error);
  // Discards the temporary file unless Commit() succeeded.
  ~AtomicWorkbook();
  AtomicWorkbook(const AtomicWorkbook&) = delete;
  AtomicWorkbook& operator=(const AtomicWorkbook&) = delete;

  lxw_workbook* workbook() const { return wb_; }
  // Closes the workbook and renames it into place; false (with *error) when
  // either fails, leaving no file behind.
  bool Commit(std::string* error);

 private:
  std::string path_, tmp_;
  lxw_workbook* wb_ = nullptr;
  bool done_ = false;
};

}  // namespace cchc

#endif  // CCHC_ENGINE_RENDER_XLSX_WORKBOOK_H_
