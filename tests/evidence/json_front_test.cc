// The evidence and scenario readers share one JSON front end: the same bad
// bytes give both the same code, the same line:col and the same message
// (the quoted text near the error, the hint), at the place written here.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "evidence/loader.h"
#include "evidence/scenario_loader.h"

namespace cchc::json_front_test {
namespace {

// line:col of the first `needle` after `from` ("$" = the end, "" = no
// place): lines from 1, columns in code points, a leading BOM not counted.
std::pair<uint32_t, uint32_t> Where(const std::string& text, const std::string& needle,
                                    size_t from) {
  if (needle.empty()) return {0, 0};
  const size_t at = needle == "$" ? text.size() : text.find(needle, from);
  EXPECT_NE(at, std::string::npos) << needle;
  uint32_t line = 1, col = 1;
  const size_t start = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  for (size_t i = start; i < at && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++col;
    }
  }
  return {line, col};
}

struct Bad {
  const char* name;
  std::string text;
  const char* code;
  std::string at;  // where the issue points (see Where)
  std::string message;
  std::string field = {};
  size_t from = 0;  // where to start looking for `at`
};

void PrintTo(const Bad& bad, std::ostream* os) { *os << bad.name; }

std::vector<Bad> Cases() {
  const std::string long_text(40, 'x');  // over the 32-byte limit below
  std::string deep = "{\"name\": ";
  for (int i = 0; i < 9; ++i) deep += '[';
  deep += std::string(9, ']') + "}";
  return {
      {"truncated_in_string", "{\"name\": \"Xã An", "E501", "\"Xã",
       "malformed JSON near '\"Xã An': invalid string: missing closing quote"},
      {"truncated_after_comma", "{\"name\": \"a\",\n", "E501", "$",
       "malformed JSON: unexpected end of input; expected string literal"},
      {"trailing_comma", "{\"name\": \"a\",\n}", "E501", "}",
       "malformed JSON near '}': unexpected '}'; expected string literal"},
      {"nan", "{\"name\": NaN}", "E508", "NaN",
       "NaN and Infinity are not numbers in JSON; write a finite number or null", "name"},
      {"minus_infinity", "{\n  \"year\": -Infinity\n}", "E508", "-Inf",
       "NaN and Infinity are not numbers in JSON; write a finite number or null", "year"},
      {"number_overflow", "{\"year\": 1e400}", "E508", "1e400", "the number 1e400 is out of range",
       "year"},
      {"single_quotes", "{'name': 1}", "E501", "'",
       "malformed JSON near ''name': 1}': invalid literal; expected string literal"},
      {"line_comment", "{\"name\": 1 // why\n}", "E501", "//",
       "malformed JSON near '// why': invalid literal; expected '}'"},
      {"block_comment", "{/* c */ \"name\": 1}", "E501", "/*",
       "malformed JSON near '/* c */ \"name\": ...': invalid literal; expected string literal"},
      {"literal_cut", "{\"name\": tru}", "E501", "tru",
       "malformed JSON near 'tru}': invalid literal"},
      {"missing_colon", "{\"name\" 1}", "E501", "1",
       "malformed JSON near '1}': unexpected number literal; expected ':'"},
      {"missing_comma", "{\"name\": \"a\"\n \"year\": 1}", "E501", "\"year\"",
       "malformed JSON near '\"year\": 1}': unexpected string literal; expected '}'"},
      {"trailing_garbage", "{\"name\": 1} x", "E501", "x",
       "malformed JSON near 'x': invalid literal; expected end of input"},
      {"control_char", "{\"name\": \"a\x01z\"}", "E501", "\"a",
       "malformed JSON near '\"a\x01z\"}': invalid string: control character U+0001 (SOH) must be "
       "escaped to \\u0001"},
      {"lone_surrogate", "{\"name\": \"\\ud800\"}", "E501", "\"\\ud8",
       "malformed JSON near '\"\\ud800\"}': invalid string: surrogate U+D800..U+DBFF must be "
       "followed by U+DC00..U+DFFF"},
      {"bom_then_error", "\xEF\xBB\xBF{\"name\": tru}", "E501", "tru",
       "malformed JSON near 'tru}': invalid literal"},
      {"vietnamese_before_error", "{\n  \"name\": \"Ủy ban nhân dân\",\n  \"note\": 20x6}", "E501",
       "x6", "malformed JSON near 'x6}': invalid literal; expected '}'"},
      {"bad_utf8", "{\"name\": \"Kh\xE1nh\"}", "E516", "\xE1",
       "invalid UTF-8 at byte 12; save the file as UTF-8"},
      {"utf16_bom", std::string("\xFF\xFE{\0", 4), "E516", "\xFF",
       "invalid UTF-8 at byte 0; save the file as UTF-8"},
      {"empty", "", "E500", "", "the file is empty"},
      {"bom_and_blanks", "\xEF\xBB\xBF \n\t", "E500", "", "the file is empty"},
      {"too_large", "{\"name\": \"" + std::string(300, 'a') + "\"}", "E513", "",
       "the file has 312 bytes (limit 256)"},
      {"long_string", "{\"name\": \"" + long_text + "\"}", "E515", "\"xx",
       "a string of 40 bytes (limit 32)", "name"},
      {"long_key", "{\"" + long_text + "\": 1}", "E515", "\"xx", "a key of 40 bytes (limit 32)"},
      {"too_deep", deep, "E517", "[", "arrays and objects nested more than 8 deep; stopped reading",
       "", /*from=*/deep.find('[') + 7},
  };
}

const EvidenceIssue* FirstError(const std::vector<EvidenceIssue>& issues) {
  for (const EvidenceIssue& i : issues) {
    if (i.severity == Severity::kError) return &i;
  }
  return nullptr;
}

class SameFront : public ::testing::TestWithParam<Bad> {};

TEST_P(SameFront, BothReadersSayTheSame) {
  const Bad& bad = GetParam();
  EvidenceLimits ev_limits;
  ev_limits.max_file_bytes = 256;
  ev_limits.max_string_bytes = 32;
  ev_limits.max_depth = 8;
  ScenarioLimits sc_limits;
  sc_limits.max_file_bytes = 256;
  sc_limits.max_string_bytes = 32;
  sc_limits.max_depth = 8;
  const EvidenceLoad ev = LoadEvidenceJson(bad.text, "f.json", nullptr, ev_limits);
  const ScenarioLoad sc = LoadScenarioJson(bad.text, "f.json", nullptr, nullptr, sc_limits);
  const EvidenceIssue* e = FirstError(ev.issues);
  const EvidenceIssue* s = FirstError(sc.issues);
  ASSERT_NE(e, nullptr) << RenderIssues(ev.issues);
  ASSERT_NE(s, nullptr) << RenderIssues(sc.issues);
  const auto [line, col] = Where(bad.text, bad.at, bad.from);
  for (const EvidenceIssue* i : {e, s}) {
    const char* reader = i == e ? "evidence" : "scenario";
    EXPECT_EQ(i->code, bad.code) << reader << ": " << RenderIssue(*i);
    EXPECT_EQ(i->line, line) << reader << ": " << RenderIssue(*i);
    EXPECT_EQ(i->column, col) << reader << ": " << RenderIssue(*i);
    EXPECT_EQ(i->message, bad.message) << reader << ": " << RenderIssue(*i);
    EXPECT_EQ(i->field, bad.field) << reader << ": " << RenderIssue(*i);
  }
  EXPECT_EQ(RenderIssue(*e), RenderIssue(*s));
}

INSTANTIATE_TEST_SUITE_P(Table, SameFront, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<Bad>& info) { return info.param.name; });

// Past a too-long string both readers go on and report what follows.
TEST(SameFrontLimits, ReadingGoesOnAfterATooLongString) {
  const std::string text = "{\"name\": \"" + std::string(40, 'x') + "\", \"name\": 1}";
  EvidenceLimits ev_limits;
  ev_limits.max_string_bytes = 32;
  ScenarioLimits sc_limits;
  sc_limits.max_string_bytes = 32;
  const EvidenceLoad ev = LoadEvidenceJson(text, "f.json", nullptr, ev_limits);
  const ScenarioLoad sc = LoadScenarioJson(text, "f.json", nullptr, nullptr, sc_limits);
  for (const auto* issues : {&ev.issues, &sc.issues}) {
    std::vector<EvidenceIssue> errors;
    for (const EvidenceIssue& i : *issues) {
      if (i.severity == Severity::kError) errors.push_back(i);
    }
    ASSERT_GE(errors.size(), 2u) << RenderIssues(*issues);
    EXPECT_EQ(errors[0].code, "E515");
    EXPECT_EQ(errors[1].code, "E506") << RenderIssues(*issues);
    EXPECT_EQ(errors[1].column, 54u);
  }
}

}  // namespace
}  // namespace cchc::json_front_test
