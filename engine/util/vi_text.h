// Vietnamese names as people type them: Unicode NFC composition of Latin
// letters with the Vietnamese marks, and case folding, so that "Tốt", "tốt",
// "TỐT" and a decomposed "Tốt" (as macOS and some keyboards produce) match.
#ifndef CCHC_ENGINE_UTIL_VI_TEXT_H_
#define CCHC_ENGINE_UTIL_VI_TEXT_H_

#include <string>
#include <string_view>

namespace cchc {

// Unicode NFC for Latin letters with the marks Vietnamese uses: U+0300 grave,
// U+0301 acute, U+0303 tilde, U+0309 hook above, U+0323 dot below, U+0302
// circumflex, U+0306 breve, U+031B horn, in any canonically equivalent order
// ("o" U+0302 U+0301, "ô" U+0301 and "ọ" U+0302 U+0301 all give "ố"). Every
// other character, and invalid UTF-8, is kept as it is.
std::string NfcVi(std::string_view utf8);

// The canonical decomposition (NFD) of the same letters: "ố" → "o" U+0302 U+0301.
std::string NfdVi(std::string_view utf8);

// NFC and lower case (ASCII, the letters above, Đ → đ): the key to compare
// names a person typed with the names in the data.
std::string FoldVi(std::string_view utf8);

// Whether two names are the same after FoldVi.
bool SameNameVi(std::string_view a, std::string_view b);

}  // namespace cchc

#endif  // CCHC_ENGINE_UTIL_VI_TEXT_H_
