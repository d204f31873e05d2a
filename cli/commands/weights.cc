// Resolving `--weights`: a named scheme or a weights file.
#include "cli/commands/weights.h"

#include <optional>

#include "cli/commands/io.h"
#include "criteria/input_limits.h"

namespace cchc {

bool LoadAreaWeights(const std::string& spec, const Criteria& criteria, AreaWeights* out,
                     std::ostream& err) {
  if (NamedWeights(spec, criteria, out)) return true;
  std::string read_error;
  const std::optional<std::string> text = ReadWholeFile(spec, kMaxWeightsFileBytes, &read_error);
  if (!text) {
    err << "error: --weights: \"" << spec
        << "\" is not a scheme (equal, equal-criteria, max) and cannot be read as a weights file: "
        << read_error << "\n";
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
