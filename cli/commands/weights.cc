// Resolving `--weights`: a named scheme or a weights file.
#include "cli/commands/weights.h"

#include <optional>

#include "cli/commands/io.h"

namespace cchc {

bool LoadAreaWeights(const std::string& spec, const Criteria& criteria, AreaWeights* out,
                     std::ostream& err) {
  if (NamedAreaWeights(spec, criteria.areas.size(), out)) return true;
  std::string read_error;
  const std::optional<std::string> text = ReadWholeFile(spec, 1 << 20, &read_error);
  if (!text) {
    err << "error: --weights: \"" << spec << "\" is not a scheme (equal, max) nor a readable "
        << "file: " << read_error << "\n";
    return false;
  }
  std::string why;
  if (!ParseAreaWeightsFile(*text, spec, criteria.areas, out, &why)) {
    err << why.insert(why.find(": ") + 2, "error: ") << "\n";
    return false;
  }
  return true;
}

}  // namespace cchc
