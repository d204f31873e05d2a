// The JSON form of a scorecard (fields documented in docs/output-formats.md;
// percent, points, max, band, areas[] and items[] are always present).
#include <nlohmann/json.hpp>

#include "engine/core/gaps.h"
#include "engine/render/explain.h"
#include "engine/render/score.h"

namespace cchc {
namespace {

using nlohmann::ordered_json;

ordered_json Group(const GroupScore& g) {
  ordered_json j;
  j["code"] = g.code;
  j["name"] = g.name;
  j["points"] = g.points;
  j["max"] = g.max;
  j["declared_max"] = g.declared_max;
  j["percent"] = g.percent();
  return j;
}

const char* GroupName(ItemGroup g) {
  return g == ItemGroup::kArea ? "area" : g == ItemGroup::kBonus ? "bonus" : "penalty";
}

}  // namespace

std::string RenderScoreJson(const Plan& plan, const Scorecard& card, const RenderOptions& o) {
  ordered_json j;
  j["unit"] = {
      {"code", card.unit.code}, {"name", card.unit.name}, {"province", card.unit.province}};
  j["year"] = card.year;
  j["percent"] = card.percent;
  j["points"] = card.points;
  j["max"] = card.max;
  j["declared_max"] = card.declared_max;
  j["band"] = card.band;
  j["bonus"] = {{"points", card.bonus.points}, {"raw", card.bonus.raw}, {"cap", card.bonus.cap}};
  j["penalty"] = {
      {"points", card.penalty.points}, {"raw", card.penalty.raw}, {"cap", card.penalty.cap}};
  if (card.appraised_percent) {
    j["appraised"] = {{"percent", *card.appraised_percent},
                      {"points", *card.appraised_points},
                      {"gap_percent", *card.appraised_percent - card.percent}};
  }
  if (card.alternative) {
    j["alternative"] = {{"scheme", card.alternative->scheme},
                        {"percent", card.alternative->percent},
                        {"band", card.alternative->band}};
  }
  j["areas"] = ordered_json::array();
  for (const GroupScore& g : card.areas) {
    ordered_json a = Group(g);
    if (g.appraised) a["appraised"] = *g.appraised;
    j["areas"].push_back(std::move(a));
  }
  j["criteria"] = ordered_json::array();
  for (const GroupScore& g : card.criteria) j["criteria"].push_back(Group(g));
  j["items"] = ordered_json::array();
  for (const ItemScore& s : card.items) {
    const CompiledItem& ci = plan.items()[static_cast<size_t>(s.index)];
    ordered_json it;
    it["code"] = ci.item->code;
    it["name"] = ci.item->name;
    it["group"] = GroupName(ci.group);
    if (ci.group == ItemGroup::kArea) {
      it["area"] = plan.criteria().areas[static_cast<size_t>(ci.area)].code;
      it["criterion"] = plan.criteria()
                            .areas[static_cast<size_t>(ci.area)]
                            .criteria[static_cast<size_t>(ci.criterion)]
                            .code;
    }
    it["points"] = s.points;
    it["max"] = s.max;
    it["declared_max"] = ci.item->max;
    it["status"] = ItemStatusName(s.status);
    it["branch"] = s.branch;
    it["evidence"] = s.evidence;
    it["explanation"] = ExplainItem(plan, s, o.lang);
    it["lost"] = s.lost();
    if (s.appraised) {
      it["appraised"] = *s.appraised;
      it["gap"] = *s.appraised - s.points;
      if (!s.appraisal_note.empty()) it["appraisal_note"] = s.appraisal_note;
    }
    j["items"].push_back(std::move(it));
  }
  j["points_lost"] = ordered_json::array();
  for (const ItemScore* s : PointsLost(card)) {
    j["points_lost"].push_back(
        {{"code", plan.items()[static_cast<size_t>(s->index)].item->code}, {"lost", s->lost()}});
  }
  if (card.appraised_percent) {
    j["largest_gaps"] = ordered_json::array();
    for (const ItemScore* s : LargestGaps(card, 10)) {
      j["largest_gaps"].push_back({{"code", plan.items()[static_cast<size_t>(s->index)].item->code},
                                   {"self", s->points},
                                   {"appraised", *s->appraised},
                                   {"gap", *s->appraised - s->points}});
    }
  }
  j["unmatched"] = card.unmatched;
  j["warnings"] = ordered_json::array();
  for (const DataWarning& w : card.warnings) {
    j["warnings"].push_back(
        {{"code", w.code}, {"record", w.record}, {"field", w.field}, {"message", w.message}});
  }
  return j.dump(2) + "\n";
}

}  // namespace cchc
