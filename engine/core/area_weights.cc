// Area weight schemes: the named ones, a weights file, and the index under a
// scheme.
#include "engine/core/area_weights.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "engine/core/scorer.h"

namespace cchc {

AreaWeights DeclaredAreaWeights(const Criteria& c) {
  AreaWeights w;
  switch (c.index.weights) {
    case WeightScheme::kByMax:
      break;
    case WeightScheme::kEqual:
      NamedAreaWeights("equal", c.areas.size(), &w);
      break;
    case WeightScheme::kByArea:
      w.name = "criteria";
      for (const Area& a : c.areas) w.weight.push_back(a.weight.value_or(0.0));
      break;
  }
  return w;
}

bool NamedAreaWeights(std::string_view name, size_t areas, AreaWeights* out) {
  AreaWeights w;
  w.name = std::string(name);
  if (name == "equal") {
    w.weight.assign(areas, 1.0);
  } else if (name != "max") {
    return false;
  }
  *out = std::move(w);
  return true;
}

namespace {

// The words of one line (a `#` comment cut off), split at blanks and commas,
// with their 0-based byte columns.
std::vector<std::pair<size_t, std::string_view>> Words(std::string_view line) {
  if (const size_t hash = line.find('#'); hash != std::string_view::npos) {
    line = line.substr(0, hash);
  }
  auto separator = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == ','; };
  std::vector<std::pair<size_t, std::string_view>> words;
  for (size_t i = 0; i < line.size();) {
    if (separator(line[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < line.size() && !separator(line[j])) ++j;
    words.push_back({i, line.substr(i, j - i)});
    i = j;
  }
  return words;
}

bool IsHeader(const std::vector<std::pair<size_t, std::string_view>>& words) {
  auto lower = [](std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  return words.size() == 2 && lower(words[0].second) == "area" &&
         lower(words[1].second) == "weight";
}

}  // namespace

bool ParseAreaWeightsFile(std::string_view text, const std::string& path,
                          const std::vector<Area>& areas, AreaWeights* out, std::string* error) {
  AreaWeights w;
  w.name = path;
  w.weight.assign(areas.size(), 0.0);
  std::vector<std::string> codes;
  for (const Area& a : areas) codes.push_back(a.code);
  std::vector<size_t> seen(areas.size(), 0);  // the line each area was given on
  size_t line_no = 0, start = 0;
  bool first = true;
  while (start <= text.size()) {
    const size_t nl = text.find('\n', start);
    const std::string_view line =
        text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    start = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++line_no;
    const auto words = Words(line);
    if (words.empty()) continue;
    const bool header = first && IsHeader(words);
    first = false;
    if (header) continue;
    const std::string where = path + ":" + std::to_string(line_no) + ":";
    auto at = [&](size_t word) { return where + std::to_string(words[word].first + 1) + ": "; };
    if (words.size() != 2) {
      *error = at(0) + "expected `AREA WEIGHT` (an area code and a number ≥ 0, e.g. `III 15`)";
      return false;
    }
    const std::string code(words[0].second);
    const auto found = std::find(codes.begin(), codes.end(), code);
    if (found == codes.end()) {
      std::string known;
      for (size_t k = 0; k < codes.size(); ++k) known += (k ? ", " : "") + codes[k];
      const std::string near = NearestName(code, codes);
      *error = at(0) + "unknown area \"" + code + "\"" +
               (near.empty() ? "" : "; did you mean \"" + near + "\"?") +
               " (the criteria's areas: " + known + ")";
      return false;
    }
    const size_t a = static_cast<size_t>(found - codes.begin());
    if (seen[a]) {
      *error = at(0) + "area " + code + " given twice (first on line " + std::to_string(seen[a]) +
               "); keep one line per area";
      return false;
    }
    seen[a] = line_no;
    const std::string_view v = words[1].second;
    double x = 0;
    const char* begin = v.data() + (v.size() > 1 && v[0] == '+' ? 1 : 0);
    const auto r = std::from_chars(begin, v.data() + v.size(), x);
    if (r.ec != std::errc() || r.ptr != v.data() + v.size() || !std::isfinite(x)) {
      *error = at(1) + "weight \"" + std::string(v) + "\" of area " + code +
               " is not a number; write it as 15 or 0.15";
      return false;
    }
    if (x < 0) {
      *error = at(1) + "weight " + std::string(v) + " of area " + code +
               " is negative; weights are ≥ 0 (0 leaves the area out)";
      return false;
    }
    w.weight[a] = x;
  }
  std::string missing;
  for (size_t a = 0; a < areas.size(); ++a) {
    if (!seen[a]) missing += (missing.empty() ? "" : ", ") + codes[a];
  }
  if (!missing.empty()) {
    *error = path + ": no weight for area" + (missing.find(',') == std::string::npos ? " " : "s ") +
             missing + "; add a line `AREA WEIGHT` for each (0 to leave an area out)";
    return false;
  }
  if (std::all_of(w.weight.begin(), w.weight.end(), [](double x) { return x == 0; })) {
    *error = path + ": every weight is 0; give at least one area a weight above 0";
    return false;
  }
  *out = std::move(w);
  return true;
}

double WeightedPercent(const IndexMeta& meta, const AreaWeights& w,
                       const std::vector<std::optional<double>>& area_percent, double points,
                       double max, double bonus, double penalty) {
  if (max <= 0) return 0.0;
  double pct = (points + bonus - penalty) / max * 100.0;
  if (!w.by_max()) {
    double sum = 0, weight = 0;
    for (size_t a = 0; a < area_percent.size() && a < w.weight.size(); ++a) {
      if (!area_percent[a]) continue;
      sum += w.weight[a] * *area_percent[a];
      weight += w.weight[a];
    }
    const double share = weight > 0 ? sum / weight : points / max * 100.0;
    pct = share + (bonus - penalty) / max * 100.0;
  }
  if (!meta.bonus_above_total) pct = std::min(pct, 100.0);
  return std::max(pct, 0.0);
}

AlternativeIndex AlternativeOf(const IndexMeta& meta, const AreaWeights& w, const Scorecard& card) {
  std::vector<std::optional<double>> area_percent;
  for (const GroupScore& g : card.areas) {
    area_percent.push_back(g.max > 0 ? std::optional<double>(g.percent()) : std::nullopt);
  }
  AlternativeIndex alt;
  alt.scheme = w.name;
  alt.percent = WeightedPercent(meta, w, area_percent, card.points, card.max, card.bonus.points,
                                card.penalty.points);
  alt.band = BandOf(meta, alt.percent);
  return alt;
}

}  // namespace cchc
