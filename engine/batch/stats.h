// Descriptive statistics for a batch: mean, median, min, max and quartiles of
// the index and of each area's percent, and how many units fall in each band.
#ifndef CCHC_ENGINE_BATCH_STATS_H_
#define CCHC_ENGINE_BATCH_STATS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace cchc {

struct Summary {
  size_t n = 0;  // all fields are 0 when n == 0
  double mean = 0, median = 0, min = 0, max = 0, q1 = 0, q3 = 0;
};

// The p-quantile (0 <= p <= 1) of sorted values by linear interpolation
// between order statistics: h = (n - 1) p, x[floor h] + (h - floor h) *
// (x[floor h + 1] - x[floor h]) (Hyndman & Fan type 7; R's default, Excel's
// QUARTILE.INC). `sorted` must be non-empty and ascending.
double Quantile(const std::vector<double>& sorted, double p);

// Summary of values; the mean sums in the given order (deterministic).
Summary Summarize(std::vector<double> values);

struct AreaSummary {
  std::string code, name;
  Summary stats;  // over units with something applicable in the area
};

struct BandCount {
  std::string band;
  size_t count = 0;
};

struct BatchSummary {
  Summary index;
  std::vector<AreaSummary> areas;  // plan order
  std::vector<BandCount> bands;    // declared order, every band (zeros too)
  size_t appraised_units = 0;      // units with any appraisal
  Summary gap;                     // appraised - self index, over those units
};

}  // namespace cchc

#endif  // CCHC_ENGINE_BATCH_STATS_H_
