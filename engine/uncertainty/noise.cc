// Noise laws: parsing the text form, drawing a multiplier, the per-area file.
#include "engine/uncertainty/noise.h"

#include <charconv>
#include <cmath>

#include "engine/uncertainty/random.h"
#include "engine/util/numfmt.h"

namespace cchc {
namespace {

constexpr const char* kExpected =
    "expected normal:SD, uniform:X or discrete:V1,V2,… (e.g. uniform:0.25)";

bool ParseNumber(std::string_view s, double* out) {
  if (s.empty()) return false;
  const char* end = s.data() + s.size();
  const auto r = std::from_chars(s.data(), end, *out);
  return r.ec == std::errc() && r.ptr == end && std::isfinite(*out);
}

}  // namespace

bool Noise::IsNone() const {
  if (law == NoiseLaw::kDiscrete) {
    for (double v : values) {
      if (v != 1) return false;
    }
    return true;
  }
  return spread == 0;
}

bool ParseNoise(std::string_view text, Noise* out, std::string* error) {
  const size_t colon = text.find(':');
  const std::string_view law = text.substr(0, colon);
  const std::string_view arg =
      colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
  Noise n;
  if (law == "normal" || law == "uniform") {
    n.law = law == "normal" ? NoiseLaw::kNormal : NoiseLaw::kUniform;
    if (!ParseNumber(arg, &n.spread) || n.spread < 0 || n.spread > 10) {
      *error = "\"" + std::string(text) + "\": " + std::string(law) +
               " needs a number between 0 and 10 after the colon (" + kExpected + ")";
      return false;
    }
    if (n.law == NoiseLaw::kUniform && n.spread > 1) {
      *error = "\"" + std::string(text) +
               "\": a uniform half-width above 1 would draw negative weights; use at most 1";
      return false;
    }
  } else if (law == "discrete") {
    n.law = NoiseLaw::kDiscrete;
    size_t start = 0;
    while (true) {
      const size_t comma = arg.find(',', start);
      const std::string_view item = arg.substr(
          start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
      double v = 0;
      if (!ParseNumber(item, &v) || v < 0 || v > 100) {
        *error = "\"" + std::string(text) +
                 "\": discrete needs comma-separated multipliers between 0 and 100 (e.g. "
                 "discrete:0.8,1,1.2)";
        return false;
      }
      n.values.push_back(v);
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    if (n.values.size() > 100) {
      *error = "\"" + std::string(text).substr(0, 40) + "…\": at most 100 discrete values";
      return false;
    }
  } else {
    *error = "unknown noise law \"" + std::string(text) + "\" (" + kExpected + ")";
    return false;
  }
  *out = std::move(n);
  return true;
}

std::string NoiseText(const Noise& n) {
  switch (n.law) {
    case NoiseLaw::kNormal:
      return "normal:" + FormatExact(n.spread);
    case NoiseLaw::kUniform:
      return "uniform:" + FormatExact(n.spread);
    case NoiseLaw::kDiscrete: {
      std::string s = "discrete:";
      for (size_t i = 0; i < n.values.size(); ++i) s += (i ? "," : "") + FormatExact(n.values[i]);
      return s;
    }
  }
  return "";
}

double DrawMultiplier(const Noise& n, NoiseRandom* r) {
  switch (n.law) {
    case NoiseLaw::kNormal:
      return 1.0 + n.spread * r->Normal();
    case NoiseLaw::kUniform:
      return 1.0 - n.spread + 2.0 * n.spread * r->Uniform();
    case NoiseLaw::kDiscrete:
      return n.values[r->Below(n.values.size())];
  }
  return 1.0;
}

bool ParseAreaNoiseFile(std::string_view text, const std::string& path,
                        const std::vector<std::string>& areas, const Noise& fallback,
                        std::vector<Noise>* out, std::string* error) {
  std::vector<Noise> laws(areas.size(), fallback);
  std::vector<bool> seen(areas.size(), false);
  size_t line_no = 0, start = 0;
  while (start <= text.size()) {
    const size_t nl = text.find('\n', start);
    std::string_view line =
        text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    start = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++line_no;
    if (const size_t hash = line.find('#'); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
    std::vector<std::pair<size_t, std::string_view>> words;  // column (0-based), word
    for (size_t i = 0; i < line.size();) {
      if (blank(line[i])) {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < line.size() && !blank(line[j])) ++j;
      words.push_back({i, line.substr(i, j - i)});
      i = j;
    }
    if (words.empty()) continue;
    const std::string where = path + ":" + std::to_string(line_no) + ":";
    if (words.size() != 2) {
      *error = where + std::to_string(words[0].first + 1) +
               ": expected `AREA LAW` (an area code and a noise law, e.g. `III uniform:0.4`)";
      return false;
    }
    size_t a = 0;
    while (a < areas.size() && areas[a] != words[0].second) ++a;
    if (a == areas.size()) {
      std::string known;
      for (size_t k = 0; k < areas.size(); ++k) known += (k ? ", " : "") + areas[k];
      *error = where + std::to_string(words[0].first + 1) + ": unknown area \"" +
               std::string(words[0].second) + "\" (the criteria's areas: " + known + ")";
      return false;
    }
    if (seen[a]) {
      *error = where + std::to_string(words[0].first + 1) + ": area " + areas[a] +
               " given twice; keep one line per area";
      return false;
    }
    seen[a] = true;
    std::string why;
    if (!ParseNoise(words[1].second, &laws[a], &why)) {
      *error = where + std::to_string(words[1].first + 1) + ": " + why;
      return false;
    }
  }
  *out = std::move(laws);
  return true;
}

}  // namespace cchc
