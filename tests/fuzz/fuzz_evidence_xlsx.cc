// libFuzzer target: the .xlsx evidence reader. An input starting with "PK" or
// the OLE signature is read as a whole workbook (the container paths: zip
// damage, sizes, encryption); any other input becomes the XML of the first
// worksheet of a well-formed workbook (a stored zip built here), so that the
// sheet, cell and typing paths are reached without the fuzzer having to
// discover the zip format.
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "evidence/loader.h"
#include "fuzz_util.h"

namespace {

void Put16(std::string* s, uint32_t v) {
  s->push_back(static_cast<char>(v & 0xFF));
  s->push_back(static_cast<char>((v >> 8) & 0xFF));
}
void Put32(std::string* s, uint32_t v) {
  Put16(s, v & 0xFFFF);
  Put16(s, v >> 16);
}

// A zip of uncompressed ("stored") entries.
std::string StoredZip(const std::vector<std::pair<std::string, std::string>>& parts) {
  std::string zip, central;
  for (const auto& [name, data] : parts) {
    const uint32_t crc = static_cast<uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
    const uint32_t offset = static_cast<uint32_t>(zip.size());
    Put32(&zip, 0x04034b50);
    Put16(&zip, 20);
    Put16(&zip, 0);
    Put16(&zip, 0);  // stored
    Put32(&zip, 0);  // time, date
    Put32(&zip, crc);
    Put32(&zip, static_cast<uint32_t>(data.size()));
    Put32(&zip, static_cast<uint32_t>(data.size()));
    Put16(&zip, static_cast<uint32_t>(name.size()));
    Put16(&zip, 0);
    zip += name;
    zip += data;
    Put32(&central, 0x02014b50);
    Put16(&central, 20);
    Put16(&central, 20);
    Put16(&central, 0);
    Put16(&central, 0);
    Put32(&central, 0);
    Put32(&central, crc);
    Put32(&central, static_cast<uint32_t>(data.size()));
    Put32(&central, static_cast<uint32_t>(data.size()));
    Put16(&central, static_cast<uint32_t>(name.size()));
    Put16(&central, 0);
    Put16(&central, 0);
    Put16(&central, 0);
    Put16(&central, 0);
    Put32(&central, 0);
    Put32(&central, offset);
    central += name;
  }
  const uint32_t cd_offset = static_cast<uint32_t>(zip.size());
  zip += central;
  Put32(&zip, 0x06054b50);
  Put32(&zip, 0);
  Put16(&zip, static_cast<uint32_t>(parts.size()));
  Put16(&zip, static_cast<uint32_t>(parts.size()));
  Put32(&zip, static_cast<uint32_t>(central.size()));
  Put32(&zip, cd_offset);
  Put16(&zip, 0);
  return zip;
}

std::string WorkbookAround(std::string_view sheet_xml) {
  const std::string ns =
      "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships\"";
  return StoredZip({
      {"xl/workbook.xml", "<workbook " + ns +
                              "><sheets><sheet name=\"onestop\" sheetId=\"1\" r:id=\"rId1\"/>"
                              "<sheet name=\"Đơn vị\" sheetId=\"2\" r:id=\"rId2\"/>"
                              "</sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
       "<Relationship Id=\"rId2\" Target=\"worksheets/sheet1.xml\"/></Relationships>"},
      {"xl/styles.xml",
       "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></numFmts>"
       "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
       "<xf numFmtId=\"10\"/></cellXfs></styleSheet>"},
      {"xl/sharedStrings.xml",
       "<sst><si><t>id</t></si><si><t>Hồ sơ tiếp nhận (received)</t></si>"
       "<si><t>period</t></si><si><r><t>Q</t></r><r><t>3</t></r></si></sst>"},
      {"xl/worksheets/sheet1.xml", std::string(sheet_xml)},
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const bool whole = input.starts_with("PK") || input.starts_with("\xD0\xCF\x11\xE0");
  const std::string bytes = whole ? std::string(input) : WorkbookAround(input);
  cchc::EvidenceLimits limits;
  limits.max_xlsx_part_bytes = 1u << 20;  // keep each run small
  limits.max_xlsx_total_bytes = 4u << 20;
  cchc::EvidenceLoad plain = cchc::LoadEvidenceXlsx(bytes, "fuzz.xlsx", nullptr, limits);
  (void)cchc::RenderIssues(plain.issues);
  cchc::EvidenceLoad typed =
      cchc::LoadEvidenceXlsx(bytes, "fuzz.xlsx", &cchc::fuzz::ExampleCriteria().criteria(), limits);
  (void)cchc::RenderIssues(typed.issues);
  return 0;
}
