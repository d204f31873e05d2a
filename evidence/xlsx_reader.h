// Internal to evidence/: an .xlsx workbook's cells as plain data. libzip opens
// the container and expat parses the parts; the evidence meaning of the
// sheets (evidence/xlsx_loader.cc) is kept apart from the file format.
#ifndef CCHC_EVIDENCE_XLSX_READER_H_
#define CCHC_EVIDENCE_XLSX_READER_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "criteria/date.h"
#include "criteria/input_limits.h"

namespace cchc::xlsx {

struct Cell {
  enum class Type : uint8_t { kEmpty, kNumber, kString, kBool, kError };
  uint32_t row = 0;     // 1-based
  uint32_t column = 0;  // 1-based (A = 1)
  Type type = Type::kEmpty;
  double number = 0;           // kNumber; kBool as 0 / 1
  std::string text;            // kString; kError ("#DIV/0!"; "" for a formula never calculated)
  bool date_style = false;     // a number under a date or time number format
  bool percent_style = false;  // a number under a percent format (0.962 shows 96.2%)
  bool formula = false;        // the value is a formula's cached result
};

struct Range {
  uint32_t first_row = 0, first_column = 0, last_row = 0, last_column = 0;
};

struct Sheet {
  std::string name;
  bool hidden = false;  // state="hidden" or "veryHidden"
  // Cells with a value or a formula, in file order (rows ascending).
  std::vector<Cell> cells;
  std::vector<uint32_t> hidden_rows;  // ascending
  std::vector<Range> merges;
};

struct Workbook {
  std::vector<Sheet> sheets;  // in tab order
  bool date1904 = false;      // serials count from 1904-01-01 (old Mac files)
};

struct Limits {
  size_t max_entry_bytes = kMaxXlsxPartBytes;   // one part, uncompressed
  size_t max_total_bytes = kMaxXlsxTotalBytes;  // every part read, uncompressed
};

struct Problem {
  enum class Kind : uint8_t {
    kNotWorkbook,  // not a zip, a truncated or damaged zip, an encrypted workbook
    kTooLarge,     // a part over the limits (a zip bomb)
    kMalformed,    // a part missing, or XML that does not parse
  } kind = Kind::kMalformed;
  std::string message;
};

// Reads every worksheet of the workbook in `bytes`. False (with *problem) when
// the file is not a readable workbook; sizes are checked before inflating a
// part and again while reading it, so a zip bomb costs bounded memory.
bool ReadWorkbook(std::string_view bytes, const Limits& limits, Workbook* out, Problem* problem);

// "C12" -> row 12, column 3. False for anything else (or beyond XFD1048576).
bool ParseCellRef(std::string_view ref, uint32_t* row, uint32_t* column);

// 3 -> "C", 28 -> "AB".
std::string ColumnName(uint32_t column);

// Whether an Excel number format shows dates or times: the built-in ids
// 14-22, 27-36, 45-47, 50-58, or a format code with d, m, y, h or s outside
// quoted text, escapes and [brackets].
bool IsDateFormat(int id, std::string_view code);
bool IsPercentFormat(int id, std::string_view code);

// The day a date cell's serial number shows (the time of day dropped). In the
// 1900 system serial 1 is 1900-01-01 and Excel counts a 29 February 1900 that
// never was (serial 60, kept from Lotus 1-2-3): later serials are one day
// ahead, and 60 itself is no day (nullopt). In the 1904 system 0 is 1904-01-01.
std::optional<Date> SerialToDate(double serial, bool date1904);

}  // namespace cchc::xlsx

#endif  // CCHC_EVIDENCE_XLSX_READER_H_
