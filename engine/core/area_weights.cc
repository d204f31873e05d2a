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
    case WeightScheme::kByCriterion:  // not an area scheme: the grammar has no such `weights:`
      break;
    case WeightScheme::kEqual:
      NamedAreaWeights("equal", c.areas.size(), &w);
      break;
    case WeightScheme::kByArea:
      w.name = "criteria";
      for (const Area& a : c.areas) w.weight.push_back(a.weight.value_or(0.0));
      break;
  }
  if (c.index.criterion_weights != WeightScheme::kByMax) {
    const bool equal = c.index.criterion_weights == WeightScheme::kEqual;
    for (const Area& a : c.areas) {
      for (const Criterion& cr : a.criteria) {
        w.criterion.push_back(equal ? 1.0 : cr.weight.value_or(0.0));
      }
    }
    w.name = "criteria";
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

bool NamedWeights(std::string_view name, const Criteria& c, AreaWeights* out) {
  if (name != "equal-criteria") return NamedAreaWeights(name, c.areas.size(), out);
  AreaWeights w;
  w.name = std::string(name);
  w.weight.assign(c.areas.size(), 1.0);
  for (const Area& a : c.areas) w.criterion.insert(w.criterion.end(), a.criteria.size(), 1.0);
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
  // Criteria, flat in criteria order: their codes, areas and lines.
  std::vector<std::string> criterion_codes;
  std::vector<size_t> criterion_area, criterion_seen;
  std::vector<double> criterion_weight;
  for (size_t a = 0; a < areas.size(); ++a) {
    for (const Criterion& cr : areas[a].criteria) {
      criterion_codes.push_back(cr.code);
      criterion_area.push_back(a);
    }
  }
  criterion_seen.assign(criterion_codes.size(), 0);
  criterion_weight.assign(criterion_codes.size(), 0.0);
  bool any_criterion = false;
  // A file saved by Excel ("CSV UTF-8") starts with a byte order mark.
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
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
      // "I 0,5": a decimal comma reads as a third column.
      const size_t after = words.size() == 3 ? words[1].first + words[1].second.size() : 0;
      if (words.size() == 3 && after < line.size() && line[after] == ',' &&
          !words[1].second.empty() && !words[2].second.empty() &&
          std::isdigit(static_cast<unsigned char>(words[1].second.back())) &&
          std::isdigit(static_cast<unsigned char>(words[2].second.front()))) {
        *error += "; write decimals with a point (" + std::string(words[1].second) + "." +
                  std::string(words[2].second) + "): a comma separates the columns";
      }
      return false;
    }
    const std::string code(words[0].second);
    const auto found = std::find(codes.begin(), codes.end(), code);
    const auto found_criterion = std::find(criterion_codes.begin(), criterion_codes.end(), code);
    if (found == codes.end() && found_criterion == criterion_codes.end()) {
      std::string known;
      for (size_t k = 0; k < codes.size(); ++k) known += (k ? ", " : "") + codes[k];
      std::vector<std::string> all = codes;
      all.insert(all.end(), criterion_codes.begin(), criterion_codes.end());
      const std::string near = NearestName(code, all);
      if (std::find(codes.begin(), codes.end(), near) == codes.end() && !near.empty()) {
        *error = at(0) + "unknown criterion \"" + code + "\"; did you mean \"" + near + "\"?";
        return false;
      }
      *error = at(0) + "unknown area \"" + code + "\"" +
               (near.empty() ? "" : "; did you mean \"" + near + "\"?") +
               " (the criteria's areas: " + known + ")";
      return false;
    }
    const bool is_area = found != codes.end();
    const size_t a = is_area ? static_cast<size_t>(found - codes.begin())
                             : static_cast<size_t>(found_criterion - criterion_codes.begin());
    size_t& first_seen = is_area ? seen[a] : criterion_seen[a];
    const char* kind = is_area ? "area " : "criterion ";
    if (first_seen) {
      *error = at(0) + kind + code + " given twice (first on line " + std::to_string(first_seen) +
               "); keep one line per " + (is_area ? "area" : "criterion");
      return false;
    }
    first_seen = line_no;
    const std::string_view v = words[1].second;
    double x = 0;
    const char* begin = v.data() + (v.size() > 1 && v[0] == '+' ? 1 : 0);
    const auto r = std::from_chars(begin, v.data() + v.size(), x);
    if (r.ec != std::errc() || r.ptr != v.data() + v.size() || !std::isfinite(x)) {
      *error = at(1) + "weight \"" + std::string(v) + "\" of " + kind + code +
               " is not a number; write it as 15 or 0.15";
      return false;
    }
    if (x < 0) {
      *error = at(1) + "weight " + std::string(v) + " of " + kind + code +
               " is negative; weights are ≥ 0 (0 leaves the " + (is_area ? "area" : "criterion") +
               " out)";
      return false;
    }
    if (is_area) {
      w.weight[a] = x;
    } else {
      criterion_weight[a] = x;
      any_criterion = true;
    }
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
  if (any_criterion) {
    // Criterion weights are all or none: a criterion left out would silently weigh 0.
    missing.clear();
    for (size_t k = 0; k < criterion_codes.size(); ++k) {
      if (!criterion_seen[k]) missing += (missing.empty() ? "" : ", ") + criterion_codes[k];
    }
    if (!missing.empty()) {
      *error = path + ": no weight for criteri" +
               (missing.find(',') == std::string::npos ? "on " : "a ") + missing +
               "; when the file weighs criteria, add a line `CRITERION WEIGHT` for each (0 to "
               "leave one out)";
      return false;
    }
    for (size_t a = 0; a < areas.size(); ++a) {
      bool any = areas[a].criteria.empty();
      for (size_t k = 0; k < criterion_codes.size(); ++k) {
        any = any || (criterion_area[k] == a && criterion_weight[k] > 0);
      }
      if (!any) {
        *error = path + ": every criterion weight of area " + codes[a] +
                 " is 0; give at least one of its criteria a weight above 0";
        return false;
      }
    }
    w.criterion = std::move(criterion_weight);
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

std::vector<std::optional<double>> AreaPercents(const Criteria& c, const AreaWeights& w,
                                                const std::vector<double>& criterion_points,
                                                const std::vector<double>& criterion_max) {
  std::vector<std::optional<double>> out;
  size_t k = 0;
  for (const Area& a : c.areas) {
    double points = 0, max = 0, sum = 0, weight = 0;
    for (size_t i = 0; i < a.criteria.size(); ++i, ++k) {
      if (k >= criterion_max.size()) break;
      points += criterion_points[k];
      max += criterion_max[k];
      if (k < w.criterion.size() && criterion_max[k] > 0) {
        sum += w.criterion[k] * criterion_points[k] / criterion_max[k] * 100.0;
        weight += w.criterion[k];
      }
    }
    if (max <= 0) {
      out.push_back(std::nullopt);
    } else {
      out.push_back(weight > 0 ? sum / weight : points / max * 100.0);
    }
  }
  return out;
}

double IndexUnder(const Criteria& c, const AreaWeights& w,
                  const std::vector<double>& criterion_points,
                  const std::vector<double>& criterion_max, double points, double max, double bonus,
                  double penalty) {
  const std::vector<std::optional<double>> area_percent =
      AreaPercents(c, w, criterion_points, criterion_max);
  if (!w.weight.empty() || w.criterion.empty()) {
    return WeightedPercent(c.index, w, area_percent, points, max, bonus, penalty);
  }
  // Criterion weights under by-max areas: each area weighs its applicable max.
  AreaWeights by_area_max;
  size_t k = 0;
  for (const Area& a : c.areas) {
    double area_max = 0;
    for (size_t i = 0; i < a.criteria.size() && k < criterion_max.size(); ++i) {
      area_max += criterion_max[k++];
    }
    by_area_max.weight.push_back(area_max);
  }
  return WeightedPercent(c.index, by_area_max, area_percent, points, max, bonus, penalty);
}

AlternativeIndex AlternativeOf(const Criteria& c, const AreaWeights& w, const Scorecard& card) {
  if (w.criterion.empty()) return AlternativeOf(c.index, w, card);
  std::vector<double> criterion_points, criterion_max;
  for (const GroupScore& g : card.criteria) {
    criterion_points.push_back(g.points);
    criterion_max.push_back(g.max);
  }
  AlternativeIndex alt;
  alt.scheme = w.name;
  alt.percent = IndexUnder(c, w, criterion_points, criterion_max, card.points, card.max,
                           card.bonus.points, card.penalty.points);
  alt.band = BandOf(c.index, alt.percent);
  return alt;
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
