// The one iterator, skipper and context type the criteria grammar is
// instantiated for (the X3 example's config.hpp).
#ifndef CCHC_CRITERIA_INTERNAL_X3_CONFIG_H_
#define CCHC_CRITERIA_INTERNAL_X3_CONFIG_H_

#include <boost/spirit/home/x3.hpp>
#include <type_traits>

namespace cchc::criteria_x3 {

namespace x3 = boost::spirit::x3;

// Raw pointers into the (possibly blanked) source buffer: on_success turns
// them into byte offsets by subtracting the buffer start.
using iterator_type = const char*;

// Whitespace (ASCII, so UTF-8 bytes are never taken for spaces; CR and tab
// included) and `#` comments to the end of the line.
inline const auto skipper =
    x3::ascii::space | (x3::lit('#') >> *(x3::standard::char_ - x3::lit('\n')));
using skipper_type = std::remove_cv_t<decltype(skipper)>;

using context_type = x3::phrase_parse_context<skipper_type>::type;

}  // namespace cchc::criteria_x3

#endif  // CCHC_CRITERIA_INTERNAL_X3_CONFIG_H_
