// Internal to evidence/: the .xlsx container through libzip, read from memory,
// with every part's uncompressed size bounded (checked before inflating and
// again while reading, since the size a zip declares may lie).
#ifndef CCHC_EVIDENCE_XLSX_ZIP_H_
#define CCHC_EVIDENCE_XLSX_ZIP_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "evidence/xlsx_reader.h"

typedef struct zip zip_t;

namespace cchc::xlsx {

class ZipArchive {
 public:
  ZipArchive() = default;
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  // Opens `bytes` (which must outlive the archive). False with *problem when
  // it is not a zip, a damaged one, or an encrypted workbook (an OLE file).
  bool Open(std::string_view bytes, const Limits& limits, Problem* problem);

  bool Has(const std::string& name) const;
  // Reads one part. False with *problem when it is missing, damaged or over
  // the limits.
  bool Read(const std::string& name, std::string* out, Problem* problem);

 private:
  zip_t* zip_ = nullptr;
  Limits limits_;
  size_t total_ = 0;
};

}  // namespace cchc::xlsx

#endif  // CCHC_EVIDENCE_XLSX_ZIP_H_
