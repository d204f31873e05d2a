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

ordered_json Number(double v) { return std::isfinite(v) ? ordered_json(v) : ordered_json(nullptr); }

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
  ordered_json weight_noise = ordered_json::object();
  const auto& areas = plan.criteria().areas;
  for (size_t a = 0; a < areas.size(); ++a) {
    const Noise& n = a < c.area_weight_noise.size() ? c.area_weight_noise[a] : c.weight_noise;
    weight_noise[areas[a].code] = NoiseText(n);
  }
  j["parameters"] = {{"samples", c.samples},    {"seed", c.seed},
                     {"groups", groups},        {"survey_noise", NoiseText(c.survey_noise)},
                     {"accept", c.accept},      {"weight_noise", weight_noise},
                     {"sobol", c.sobol},        {"factors", FactorLevelName(c.factors)},
                     {"bootstrap", c.bootstrap}};
  // Absent with the official by-max weights (earlier outputs unchanged).
  if (c.weights_name != "max" || meta.weights != WeightScheme::kByMax) {
    ordered_json w = ordered_json::object();
    for (size_t a = 0; a < areas.size() && a < c.area_weights.size(); ++a) {
      w[areas[a].code] = c.area_weights[a];
    }
    j["parameters"]["weights"] = {{"scheme", c.weights_name},
                                  {"areas", c.area_weights.empty() ? ordered_json(nullptr) : w}};
  }
  j["convergence"] = {{"samples", r.samples},
                      {"target_se", c.target_se > 0 ? ordered_json(c.target_se) : nullptr},
                      {"max_samples", c.target_se > 0 ? ordered_json(c.max_samples) : nullptr},
                      {"max_se", Number(r.max_se)},
                      {"target_met", r.target_met},
                      {"quantile_se", "binomial order-statistic 95 % interval / (2 × 1.96)"}};
  j["moved_items"] = {{"survey", r.survey_items}, {"appraisal", r.appraisal_items}};
  j["warnings"] = r.warnings;
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
    x["percent"] = {{"mean", u.mean},
                    {"median", u.median},
                    {"p5", u.p5},
                    {"p95", u.p95},
                    {"se",
                     {{"mean", Number(u.se_mean)},
                      {"median", Number(u.se_median)},
                      {"p5", Number(u.se_p5)},
                      {"p95", Number(u.se_p95)}}}};
    x["rank"] = {
        {"mean", u.mean_rank}, {"median", u.rank_median}, {"p5", u.rank_p5}, {"p95", u.rank_p95}};
    x["bands"] = ordered_json::array();
    for (size_t b = 0; b < u.band_probability.size() && b < meta.bands.size(); ++b) {
      x["bands"].push_back({{"band", meta.bands[b].label}, {"probability", u.band_probability[b]}});
    }
    if (u.unbanded > 0) x["bands"].push_back({{"band", ""}, {"probability", u.unbanded}});
    if (r.sobol) {
      x["sobol"] = ordered_json::array();
      for (size_t f = 0; f < r.sobol->factors.size() && f < u.sobol_first.size(); ++f) {
        x["sobol"].push_back({{"factor", r.sobol->factors[f].name},
                              {"first", SobolJson(u.sobol_first[f])},
                              {"total", SobolJson(u.sobol_total[f])}});
      }
    }
    j["units"].push_back(std::move(x));
  }
  if (r.sobol) {
    const SobolResult& s = *r.sobol;
    ordered_json sobol;
    sobol["level"] = FactorLevelName(s.level);
    sobol["base_samples"] = s.base_samples;
    sobol["evaluations"] = s.evaluations;
    sobol["bootstrap"] = s.bootstrap;
    sobol["interval"] = 0.95;
    sobol["first_order_estimator"] = "saltelli2010";
    sobol["total_estimator"] = "jansen1999";
    sobol["units_with_variance"] = s.units_with_variance;
    sobol["factors"] = ordered_json::array();
    for (const SobolFactorResult& f : s.factors) {
      ordered_json x;
      x["factor"] = f.name;
      x["group"] = NoiseGroupName(f.factor.group);
      x["index"] = {{"first", SobolJson(f.index_first)}, {"total", SobolJson(f.index_total)}};
      x["rank_shift"] = {{"first", SobolJson(f.rank_first)}, {"total", SobolJson(f.rank_total)}};
      sobol["factors"].push_back(std::move(x));
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
