// The loader facade: picks the format from the file name.
#include "evidence/loader.h"

namespace cchc {

EvidenceLoad LoadEvidenceText(std::string_view text, const std::string& file_name,
                              const Criteria* schema, const EvidenceLimits& limits) {
  std::string_view name = file_name;
  bool csv = false;
  if (name.size() >= 4) {
    std::string_view ext = name.substr(name.size() - 4);
    csv =
        ext[0] == '.' && (ext[1] | 0x20) == 'c' && (ext[2] | 0x20) == 's' && (ext[3] | 0x20) == 'v';
  }
  return csv ? LoadEvidenceCsv(text, file_name, schema, limits)
             : LoadEvidenceJson(text, file_name, schema, limits);
}

}  // namespace cchc
