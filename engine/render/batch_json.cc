// The batch as JSON: totals, units[] in rank order (each with at least code,
// percent, band, rank), statistics, band counts, largest gaps and failed[].
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "engine/batch/ranking.h"
#include "engine/render/batch.h"

namespace cchc {
namespace {

using nlohmann::ordered_json;

ordered_json Stats(const Summary& s) {
  return {{"n", s.n},   {"mean", s.mean}, {"median", s.median}, {"min", s.min},
          {"q1", s.q1}, {"q3", s.q3},     {"max", s.max}};
}

ordered_json Optional(const std::optional<double>& v) {
  return v ? ordered_json(*v) : ordered_json(nullptr);
}

// `x` as dump(2) writes it two levels deep (an element of the top object's
// "units" array): every line after the first indented 4 more. Strings hold
// no raw newline (dump escapes them), so every '\n' starts a line.
void AppendNested(const ordered_json& x, std::string* out) {
  const std::string text = x.dump(2);
  size_t from = 0;
  for (size_t nl; (nl = text.find('\n', from)) != std::string::npos; from = nl + 1) {
    out->append(text, from, nl + 1 - from);
    out->append(4, ' ');
  }
  out->append(text, from, std::string::npos);
}

}  // namespace

std::string RenderBatchJson(const Plan& plan, const BatchResult& r, const RenderOptions&) {
  const IndexMeta& meta = plan.criteria().index;
  const auto& areas = plan.criteria().areas;
  ordered_json j;
  j["index"] = {{"name", meta.name}, {"province", meta.province}, {"year", meta.year}};
  j["ties"] = TieRuleName(meta.ties);
  j["totals"] = {{"read", r.read()}, {"scored", r.units.size()}, {"failed", r.failed.size()}};
  // The units are written one at a time into the text (the whole document as
  // one tree took about 80 MB for 3,321 communes): a null holds their place.
  j["units"] = nullptr;
  std::string units = r.order.empty() ? "[]" : "[\n    ";
  for (size_t n = 0; n < r.order.size(); ++n) {
    const BatchUnit& u = r.units[r.order[n]];
    ordered_json x;
    x["code"] = u.unit.code;
    x["name"] = u.unit.name;
    x["province"] = u.unit.province;
    x["source"] = u.source;
    x["rank"] = u.rank;
    x["percent"] = u.percent;
    x["band"] = u.band;
    x["points"] = u.points;
    x["max"] = u.max;
    x["missing_evidence"] = u.missing_evidence;
    if (u.appraised_percent) {
      x["appraised_percent"] = *u.appraised_percent;
      x["appraised_points"] = Optional(u.appraised_points);
      x["gap"] = *u.appraised_percent - u.percent;
    }
    if (u.alternative) {
      x["alternative"] = {{"scheme", u.alternative->scheme},
                          {"percent", u.alternative->percent},
                          {"band", u.alternative->band},
                          {"rank", u.alternative->rank}};
    }
    x["areas"] = ordered_json::array();
    for (size_t a = 0; a < u.area_percent.size() && a < areas.size(); ++a) {
      x["areas"].push_back({{"code", areas[a].code}, {"percent", Optional(u.area_percent[a])}});
    }
    x["items"] = ordered_json::array();
    for (size_t i = 0; i < u.item_points.size(); ++i) {
      ordered_json it;
      it["code"] = plan.items()[i].item->code;
      it["points"] = u.item_points[i];
      it["status"] = ItemStatusName(u.item_status[i]);
      if (u.item_appraised[i]) it["appraised"] = *u.item_appraised[i];
      x["items"].push_back(std::move(it));
    }
    if (n > 0) units += ",\n    ";
    AppendNested(x, &units);
    if (n == 0) units.reserve(units.size() * (r.order.size() + 1) + 64);
  }
  if (!r.order.empty()) units += "\n  ]";
  ordered_json stats;
  stats["index"] = Stats(r.summary.index);
  stats["areas"] = ordered_json::array();
  for (const AreaSummary& a : r.summary.areas) {
    ordered_json s = {{"code", a.code}, {"name", a.name}};
    s.update(Stats(a.stats));
    stats["areas"].push_back(std::move(s));
  }
  stats["quartiles"] = "type 7: linear interpolation, h = (n - 1) p";
  j["statistics"] = std::move(stats);
  j["bands"] = ordered_json::array();
  for (const BandCount& b : r.summary.bands)
    j["bands"].push_back({{"band", b.band}, {"count", b.count}});
  ordered_json appraisal;
  appraisal["units"] = r.summary.appraised_units;
  appraisal["gap"] = Stats(r.summary.gap);
  appraisal["largest_gaps"] = ordered_json::array();
  for (const BatchGap& g : r.largest_gaps) {
    const BatchUnit& u = r.units[g.unit];
    appraisal["largest_gaps"].push_back(
        {{"code", u.unit.code},
         {"name", u.unit.name},
         {"item", plan.items()[static_cast<size_t>(g.item)].item->code},
         {"self", g.self},
         {"appraised", g.appraised},
         {"gap", g.gap()}});
  }
  j["appraisal"] = std::move(appraisal);
  j["failed"] = ordered_json::array();
  for (const BatchFailure& f : r.failed)
    j["failed"].push_back({{"source", f.source}, {"error", f.error}});
  std::string doc = j.dump(2);
  // The key at depth 1 starts a line; no string value holds a raw newline.
  constexpr std::string_view kPlace = "\n  \"units\": null";
  const size_t at = doc.find(kPlace) + kPlace.size() - 4;
  std::string out;
  out.reserve(doc.size() + units.size() + 1);
  out.append(doc, 0, at);
  out += units;
  std::string().swap(units);
  out.append(doc, at + 4, std::string::npos);
  out += '\n';
  return out;
}

}  // namespace cchc
