// The uncertainty analysis as JSON: method and parameters, per unit the index
// and rank distribution and band probabilities, the Sobol indices, failed[].
// Fields are documented in docs/uncertainty.md.
#include <cmath>
#include <nlohmann/json.hpp>

#include "engine/batch/ranking.h"
#include "engine/render/uncertainty.h"

namespace cchc {
namespace {

using nlohmann::ordered_json;

ordered_json Number(double v) { return std::isnan(v) ? ordered_json(nullptr) : ordered_json(v); }

ordered_json SobolJson(const SobolValue& v) {
  return {{"estimate", Number(v.estimate)}, {"low", Number(v.low)}, {"high", Number(v.high)}};
}

}  // namespace

std::string RenderUncertaintyJson(const Plan& plan, const BatchResult& batch,
                                  const UncertaintyResult& r) {
  const IndexMeta& meta = plan.criteria().index;
  const UncertaintyConfig& c = r.config;
  ordered_json j;
  j["index"] = {{"name", meta.name}, {"province", meta.province}, {"year", meta.year}};
  j["ties"] = TieRuleName(meta.ties);
  j["totals"] = {
      {"read", batch.read()}, {"scored", batch.units.size()}, {"failed", batch.failed.size()}};
  ordered_json groups = ordered_json::array();
  for (NoiseGroup g : c.groups) groups.push_back(NoiseGroupName(g));
  j["parameters"] = {{"samples", c.samples}, {"seed", c.seed},
                     {"groups", groups},     {"survey_sd", c.survey_sd},
                     {"accept", c.accept},   {"weight_sd", c.weight_sd},
                     {"sobol", c.sobol},     {"bootstrap", c.bootstrap}};
  j["moved_items"] = {{"survey", r.survey_items}, {"appraisal", r.appraisal_items}};
  j["quantiles"] = {{"index", "type 7: linear interpolation, h = (n - 1) p"},
                    {"rank", "nearest rank: the ceil(n p)-th smallest"}};
  j["bands"] = ordered_json::array();
  for (const BandDecl& b : meta.bands) j["bands"].push_back(b.label);
  j["mean_rank_shift"] = r.mean_rank_shift;
  j["units"] = ordered_json::array();
  for (const UnitUncertainty& u : r.units) {
    const BatchUnit& unit = batch.units[u.unit];
    ordered_json x;
    x["code"] = unit.unit.code;
    x["name"] = unit.unit.name;
    x["source"] = unit.source;
    x["base"] = {{"percent", u.base}, {"rank", u.base_rank}, {"band", unit.band}};
    x["percent"] = {{"mean", u.mean}, {"median", u.median}, {"p5", u.p5}, {"p95", u.p95}};
    x["rank"] = {{"median", u.rank_median}, {"p5", u.rank_p5}, {"p95", u.rank_p95}};
    x["bands"] = ordered_json::array();
    for (size_t b = 0; b < u.band_probability.size() && b < meta.bands.size(); ++b) {
      x["bands"].push_back({{"band", meta.bands[b].label}, {"probability", u.band_probability[b]}});
    }
    if (u.unbanded > 0) x["bands"].push_back({{"band", ""}, {"probability", u.unbanded}});
    j["units"].push_back(std::move(x));
  }
  if (r.sobol) {
    const SobolResult& s = *r.sobol;
    ordered_json sobol;
    sobol["base_samples"] = s.base_samples;
    sobol["evaluations"] = s.evaluations;
    sobol["bootstrap"] = s.bootstrap;
    sobol["interval"] = 0.95;
    sobol["first_order_estimator"] = "saltelli2010";
    sobol["total_estimator"] = "jansen1999";
    sobol["units_with_variance"] = s.units_with_variance;
    sobol["groups"] = ordered_json::array();
    for (const SobolGroupResult& g : s.groups) {
      ordered_json x;
      x["group"] = NoiseGroupName(g.group);
      x["index"] = {{"first", SobolJson(g.index_first)}, {"total", SobolJson(g.index_total)}};
      x["rank_shift"] = {{"first", SobolJson(g.rank_first)}, {"total", SobolJson(g.rank_total)}};
      sobol["groups"].push_back(std::move(x));
    }
    j["sobol"] = std::move(sobol);
  } else {
    j["sobol"] = nullptr;
  }
  j["failed"] = ordered_json::array();
  for (const BatchFailure& f : batch.failed) {
    j["failed"].push_back({{"source", f.source}, {"error", f.error}});
  }
  return j.dump(2) + "\n";
}

}  // namespace cchc
