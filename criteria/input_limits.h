// Every limit on what a person or a file may give cchc, in one place (the
// table in docs/limits.md lists them). It sits in criteria/, the lowest layer,
// so that every layer above can include it.
#ifndef CCHC_CRITERIA_INPUT_LIMITS_H_
#define CCHC_CRITERIA_INPUT_LIMITS_H_

#include <cstddef>

namespace cchc {

// Tasks in one plan (`cchc tasks`, `report --tasks`, `serve --tasks`): every
// set of tasks is scored exactly, 2^25 (33 million) sets take seconds, and
// each task more doubles the time. Past it the command says so and exits 2.
inline constexpr size_t kMaxTasks = 25;

}  // namespace cchc

#endif  // CCHC_CRITERIA_INPUT_LIMITS_H_
