// "Did you mean …?": the known name closest to what was typed, for mistyped
// commands, flags and band names.
#ifndef CCHC_CLI_COMMANDS_SUGGEST_H_
#define CCHC_CLI_COMMANDS_SUGGEST_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cchc {

// Edit distance between two UTF-8 strings in code points, counting a swap of
// two neighbours as one edit ("scroe" → "score" is 1).
size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `typed` when it is close enough to be a slip: at
// most 1 edit for names up to 4 characters, 2 up to 8, 3 beyond; or the only
// candidate `typed` starts. Empty when none (ties go to the first candidate).
std::string ClosestName(std::string_view typed, const std::vector<std::string>& candidates);

}  // namespace cchc

#endif  // CCHC_CLI_COMMANDS_SUGGEST_H_
