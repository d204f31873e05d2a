// The one iterator, skipper and context type the criteria grammar is
// instantiated for (the X3 example's config.hpp).
#ifndef CCHC_CRITERIA_INTERNAL_X3_CONFIG_H_
#define CCHC_CRITERIA_INTERNAL_X3_CONFIG_H_

#include <boost/spirit/home/x3.hpp>

namespace cchc::criteria_x3 {

namespace x3 = boost::spirit::x3;

// Raw pointers into the (possibly blanked) source buffer: on_success turns
// them into byte offsets by subtracting the buffer start.
using iterator_type = const char*;

// Whitespace (ASCII, so UTF-8 bytes are never taken for spaces: space, tab,
// newline, CR, vertical tab, form feed) and `#` comments to the end of the
// line, all of a run in one call: X3 calls the skipper before every token,
// and as `space | '#' >> *(char_ - '\n')` it took a call per character.
struct skipper_parser : x3::parser<skipper_parser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;

  template <typename It, typename Ctx, typename RCtx, typename Attr>
  bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
    It i = first;
    while (i != last) {
      const char c = *i;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
        ++i;
      } else if (c == '#') {
        while (i != last && *i != '\n') ++i;
      } else {
        break;
      }
    }
    if (i == first) return false;
    first = i;
    return true;
  }
};

inline constexpr skipper_parser skipper{};
using skipper_type = skipper_parser;

using context_type = x3::phrase_parse_context<skipper_type>::type;

}  // namespace cchc::criteria_x3

#endif  // CCHC_CRITERIA_INTERNAL_X3_CONFIG_H_
