// `--weights equal|max|FILE`: an area weight scheme named on the command line.
#ifndef CCHC_CLI_COMMANDS_WEIGHTS_H_
#define CCHC_CLI_COMMANDS_WEIGHTS_H_

#include <ostream>
#include <string>

#include "criteria/ast.h"
#include "engine/core/area_weights.h"

namespace cchc {

// "equal" or "max" name a scheme; anything else is a weights file (see
// ParseAreaWeightsFile). False after printing the reason to `err`.
bool LoadAreaWeights(const std::string& spec, const Criteria& criteria, AreaWeights* out,
                     std::ostream& err);

}  // namespace cchc

#endif  // CCHC_CLI_COMMANDS_WEIGHTS_H_
