// The per-sample export of `cchc uncertainty --samples-out`: per Monte Carlo
// sample the drawn area weight multipliers and each unit's index, rank and
// band, as long CSV (one row per sample and unit) or NDJSON (one line per
// sample). Unrounded; columns documented in docs/uncertainty.md.
#include <nlohmann/json.hpp>

#include "engine/render/batch.h"
#include "engine/render/cells.h"
#include "engine/render/uncertainty.h"
#include "engine/util/numfmt.h"

namespace cchc {

std::string RenderUncertaintySamples(const Plan& plan, const BatchResult& batch,
                                     const UncertaintyResult& r, bool ndjson) {
  const IndexMeta& meta = plan.criteria().index;
  const auto& areas = plan.criteria().areas;
  const size_t units = batch.units.size(), n_areas = areas.size();
  const size_t samples = units ? r.sample_index.size() / units : 0;
  auto band = [&](double percent) {
    const int b = BandPosition(meta, percent);
    return b < 0 ? std::string() : meta.bands[static_cast<size_t>(b)].label;
  };
  std::string out;
  if (!ndjson) {
    out = "sample,code,index,rank,band";
    for (const Area& a : areas) out += "," + CsvCell("w:" + a.code);
    out += "\n";
    for (size_t s = 0; s < samples; ++s) {
      std::string weights;
      for (size_t a = 0; a < n_areas; ++a) {
        weights += "," + FormatExact(r.sample_weights[s * n_areas + a]);
      }
      for (size_t u : batch.order) {
        const double v = r.sample_index[s * units + u];
        out += std::to_string(s) + "," + CsvCell(batch.units[u].unit.code) + "," + FormatExact(v) +
               "," + std::to_string(r.sample_rank[s * units + u]) + "," + CsvCell(band(v)) +
               weights + "\n";
      }
    }
    return out;
  }
  for (size_t s = 0; s < samples; ++s) {
    nlohmann::ordered_json j;
    j["sample"] = s;
    nlohmann::ordered_json w = nlohmann::ordered_json::object();
    for (size_t a = 0; a < n_areas; ++a) w[areas[a].code] = r.sample_weights[s * n_areas + a];
    j["weights"] = std::move(w);
    j["units"] = nlohmann::ordered_json::array();
    for (size_t u : batch.order) {
      const double v = r.sample_index[s * units + u];
      j["units"].push_back({{"code", batch.units[u].unit.code},
                            {"index", v},
                            {"rank", r.sample_rank[s * units + u]},
                            {"band", band(v)}});
    }
    out += j.dump() + "\n";
  }
  return out;
}

}  // namespace cchc
