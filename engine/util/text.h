// Small Unicode helpers for Vietnamese text: upper case for headings.
#ifndef CCHC_ENGINE_UTIL_TEXT_H_
#define CCHC_ENGINE_UTIL_TEXT_H_

#include <string>
#include <string_view>

namespace cchc {

// Upper case of the letters Vietnamese uses (ASCII, Latin-1, ă đ ĩ ũ ơ ư and
// the Latin Extended Additional block): "Xã An Khánh" → "XÃ AN KHÁNH".
// Other characters, and invalid UTF-8, are kept as they are.
std::string UpperVi(std::string_view utf8);

}  // namespace cchc

#endif  // CCHC_ENGINE_UTIL_TEXT_H_
