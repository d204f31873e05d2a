// The .xlsx container: libzip over an in-memory buffer, part sizes bounded.
#include "evidence/xlsx_zip.h"

#include <zip.h>

#include <algorithm>

namespace cchc::xlsx {

namespace {

// An OLE compound file: what Excel writes for a password-protected workbook
// (and for the old .xls format).
constexpr std::string_view kCfbSignature = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

bool Fail(Problem* problem, Problem::Kind kind, std::string message) {
  problem->kind = kind;
  problem->message = std::move(message);
  return false;
}

// "EncryptionInfo" as the UTF-16LE stream name inside an OLE file.
bool HasEncryptionStream(std::string_view bytes) {
  static const std::string kName = [] {
    std::string s;
    for (char c : std::string_view("EncryptionInfo")) {
      s += c;
      s += '\0';
    }
    return s;
  }();
  return bytes.find(kName) != std::string_view::npos;
}

}  // namespace

ZipArchive::~ZipArchive() {
  if (zip_ != nullptr) zip_discard(zip_);
}

bool ZipArchive::Open(std::string_view bytes, const Limits& limits, Problem* problem) {
  limits_ = limits;
  if (bytes.starts_with(kCfbSignature)) {
    return Fail(problem, Problem::Kind::kNotWorkbook,
                HasEncryptionStream(bytes)
                    ? "the workbook is encrypted (password-protected); open it in Excel, remove "
                      "the password (File > Info > Protect Workbook) and save it as .xlsx"
                    : "this is an old-format .xls workbook (or another OLE file), not .xlsx; open "
                      "it in Excel and save it as .xlsx");
  }
  if (!bytes.starts_with("PK")) {
    return Fail(problem, Problem::Kind::kNotWorkbook,
                "not an .xlsx workbook (an .xlsx file is a zip archive starting with \"PK\"); "
                "save the file from Excel as \"Excel Workbook (*.xlsx)\"");
  }
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    return Fail(problem, Problem::Kind::kNotWorkbook, "cannot open the zip archive: " + why);
  }
  zip_ = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (zip_ == nullptr) {
    zip_source_free(source);
    const int code = zip_error_code_zip(&error);
    std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    return Fail(
        problem, Problem::Kind::kNotWorkbook,
        code == ZIP_ER_NOZIP
            ? "the workbook is truncated or damaged (its zip directory is missing); save it "
              "again from Excel"
            : "the workbook is damaged (" + why + "); save it again from Excel");
  }
  zip_error_fini(&error);
  return true;
}

bool ZipArchive::Has(const std::string& name) const {
  return zip_name_locate(zip_, name.c_str(), 0) >= 0;
}

bool ZipArchive::Read(const std::string& name, std::string* out, Problem* problem) {
  out->clear();
  const zip_int64_t index = zip_name_locate(zip_, name.c_str(), 0);
  if (index < 0) {
    return Fail(problem, Problem::Kind::kMalformed,
                "the workbook has no part " + name + "; save it again from Excel");
  }
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zip_, static_cast<zip_uint64_t>(index), 0, &st) != 0) {
    return Fail(problem, Problem::Kind::kNotWorkbook, "the workbook is damaged at part " + name);
  }
  auto too_large = [&](size_t size) {
    return Fail(
        problem, Problem::Kind::kTooLarge,
        "part " + name + " unpacks to " + (size > limits_.max_entry_bytes ? "more than " : "") +
            std::to_string(std::min(size, limits_.max_entry_bytes + 1)) +
            " bytes (limits: " + std::to_string(limits_.max_entry_bytes) + " per part, " +
            std::to_string(limits_.max_total_bytes) + " in all); refusing a possible zip bomb");
  };
  if ((st.valid & ZIP_STAT_SIZE) != 0 &&
      (st.size > limits_.max_entry_bytes || st.size > limits_.max_total_bytes - total_)) {
    return too_large(static_cast<size_t>(std::min<zip_uint64_t>(st.size, SIZE_MAX)));
  }
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && st.encryption_method != ZIP_EM_NONE) {
    return Fail(problem, Problem::Kind::kNotWorkbook,
                "the workbook's parts are encrypted; save it from Excel without a password");
  }
  zip_file_t* file = zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0);
  if (file == nullptr) {
    return Fail(problem, Problem::Kind::kNotWorkbook,
                "the workbook is damaged at part " + name + " (" + zip_strerror(zip_) + ")");
  }
  const size_t budget = std::min(limits_.max_entry_bytes, limits_.max_total_bytes - total_);
  char buffer[64 * 1024];
  bool ok = true;
  while (true) {
    const zip_int64_t n = zip_fread(file, buffer, sizeof buffer);
    if (n < 0) {
      ok = Fail(problem, Problem::Kind::kNotWorkbook,
                "the workbook is damaged or truncated at part " + name + " (" +
                    zip_file_strerror(file) + ")");
      break;
    }
    if (n == 0) break;
    if (out->size() + static_cast<size_t>(n) > budget) {
      ok = too_large(out->size() + static_cast<size_t>(n));
      break;
    }
    out->append(buffer, static_cast<size_t>(n));
  }
  zip_fclose(file);
  if (ok) total_ += out->size();
  return ok;
}

}  // namespace cchc::xlsx
