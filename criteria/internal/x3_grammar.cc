// Instantiates the criteria grammar for the one iterator/context type and runs
// it. This is the only file that catches x3::expectation_failure: it becomes a
// SyntaxError (offset + what was expected), never an escaping exception.
#include "criteria/internal/x3_grammar_def.h"
#include "criteria/internal/x3_parse.h"

namespace cchc::criteria_x3 {
namespace grammar {
BOOST_SPIRIT_INSTANTIATE(decltype(file), iterator_type, context_type)
}  // namespace grammar

bool ParseX3(std::string_view text, size_t start, ast::File& out, SyntaxError* error) {
  iterator_type first = text.data() + start;
  const iterator_type last = text.data() + text.size();
  try {
    const bool ok = x3::phrase_parse(first, last, grammar::file, skipper, out);
    if (ok && first == last) return true;
    // `file` ends in an expectation of end of input, so this is a safety net.
    error->offset = static_cast<uint32_t>(first - text.data());
    error->expected = "the end of the file";
    return false;
  } catch (const x3::expectation_failure<iterator_type>& e) {
    error->offset = static_cast<uint32_t>(e.where() - text.data());
    error->expected = e.which();
    return false;
  }
}

}  // namespace cchc::criteria_x3
