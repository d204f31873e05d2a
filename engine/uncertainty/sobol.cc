// Sobol indices per input group: the Saltelli design (A, B, AB_g) evaluated
// in parallel, then the Saltelli 2010 first-order and Jansen total estimators
// with bootstrap resamples expressed as multinomial count vectors, so every
// resample of every output is one matrix product.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/batch/stats.h"
#include "engine/uncertainty/model.h"
#include "engine/uncertainty/random.h"
#include "engine/uncertainty/uncertainty.h"
#include "engine/util/parallel_for.h"

namespace cchc {
namespace {

using Strided = Eigen::Map<const Eigen::MatrixXd, 0, Eigen::OuterStride<>>;

constexpr size_t kRowChunk = 256;  // bounds the temporaries to chunk × n

// Column 0: every base sample once (the point estimate); column b > 0: how
// often resample b draws each base sample.
Eigen::MatrixXd ResampleCounts(size_t n, int bootstrap, uint64_t seed) {
  const Eigen::Index rows = static_cast<Eigen::Index>(n);
  Eigen::MatrixXd c = Eigen::MatrixXd::Zero(rows, bootstrap + 1);
  c.col(0).setOnes();
  for (int b = 1; b <= bootstrap; ++b) {
    NoiseRandom r(StreamKey(seed, StreamRole::kBootstrap, static_cast<uint64_t>(b), 0));
    for (size_t j = 0; j < n; ++j) c(static_cast<Eigen::Index>(r.Below(n)), b) += 1;
  }
  return c;
}

SobolValue Interval(double estimate, std::vector<double> replicates) {
  SobolValue v{estimate, estimate, estimate};
  replicates.erase(
      std::remove_if(replicates.begin(), replicates.end(), [](double x) { return std::isnan(x); }),
      replicates.end());
  if (std::isnan(estimate) || replicates.empty()) return v;
  std::sort(replicates.begin(), replicates.end());
  v.low = Quantile(replicates, 0.025);
  v.high = Quantile(replicates, 0.975);
  return v;
}

}  // namespace

SobolSamples SampleSobol(const std::function<SobolModel()>& make_model, int groups, size_t outputs,
                         int n, uint64_t seed, int jobs) {
  SobolSamples s;
  s.outputs = outputs;
  s.n = static_cast<size_t>(n);
  s.groups = groups;
  s.a.assign(s.n * outputs, 0);
  s.b.assign(s.n * outputs, 0);
  s.ab.assign(static_cast<size_t>(groups), std::vector<double>(s.n * outputs, 0));
  // One model and key buffers per thread, made on the thread's first sample.
  struct PerThread {
    SobolModel f;
    std::vector<uint64_t> ka, kb, mixed;
  };
  std::vector<PerThread> threads(ParallelWorkers(jobs, s.n));
  ParallelFor(s.n, jobs, [&](size_t j, size_t worker) {
    PerThread& t = threads[worker];
    if (!t.f) {
      t.f = make_model();
      t.ka.resize(static_cast<size_t>(groups));
      t.kb.resize(t.ka.size());
    }
    for (size_t g = 0; g < t.ka.size(); ++g) {
      t.ka[g] = StreamKey(seed, StreamRole::kSobolA, j, g);
      t.kb[g] = StreamKey(seed, StreamRole::kSobolB, j, g);
    }
    t.f(t.ka.data(), &s.a[j * outputs]);
    t.f(t.kb.data(), &s.b[j * outputs]);
    for (size_t g = 0; g < t.ka.size(); ++g) {
      t.mixed = t.ka;
      t.mixed[g] = t.kb[g];
      t.f(t.mixed.data(), &s.ab[g][j * outputs]);
    }
  });
  return s;
}

SobolEstimate EstimateSobol(const SobolSamples& s, size_t row_begin, size_t row_end, int bootstrap,
                            uint64_t seed, bool per_output) {
  const size_t groups = static_cast<size_t>(s.groups);
  const Eigen::Index n = static_cast<Eigen::Index>(s.n);
  const double dn = static_cast<double>(s.n);
  const Eigen::MatrixXd counts = ResampleCounts(s.n, bootstrap, seed);
  const Eigen::Index reps = counts.cols();
  // Per resample: sums over the outputs that vary of S_g and ST_g, and how many.
  Eigen::MatrixXd first_sum = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(groups), reps);
  Eigen::MatrixXd total_sum = first_sum;
  Eigen::VectorXd used = Eigen::VectorXd::Zero(reps);
  SobolEstimate out;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (per_output) {
    out.output_first.assign((row_end - row_begin) * groups, SobolValue{nan, nan, nan});
    out.output_total = out.output_first;
  }

  for (size_t chunk = row_begin; chunk < row_end; chunk += kRowChunk) {
    const Eigen::Index rows = static_cast<Eigen::Index>(std::min(kRowChunk, row_end - chunk));
    const Eigen::OuterStride<> stride(static_cast<Eigen::Index>(s.outputs));
    const Strided a0(s.a.data() + chunk, rows, n, stride);
    const Strided b0(s.b.data() + chunk, rows, n, stride);
    // Centred on the pooled mean: the indices do not change, and a constant
    // output gets a variance of exactly 0 instead of a cancellation residue.
    const Eigen::VectorXd mean = (a0.rowwise().sum() + b0.rowwise().sum()) / (2 * dn);
    const Eigen::MatrixXd a = a0.colwise() - mean;
    const Eigen::MatrixXd b = b0.colwise() - mean;
    const Eigen::MatrixXd sum_a = a * counts, sum_b = b * counts;
    const Eigen::MatrixXd sum_aa = a.array().square().matrix() * counts;
    const Eigen::MatrixXd sum_bb = b.array().square().matrix() * counts;
    const Eigen::MatrixXd mu = (sum_a + sum_b) / (2 * dn);
    const Eigen::MatrixXd var = (sum_aa + sum_bb) / (2 * dn) - mu.array().square().matrix();
    // An output varies when its point-estimate variance is above rounding.
    std::vector<bool> varies(static_cast<size_t>(rows));
    for (Eigen::Index r = 0; r < rows; ++r) {
      const double scale = 1.0 + mean(r) * mean(r);
      varies[static_cast<size_t>(r)] = var(r, 0) > 1e-14 * scale;
      out.outputs_with_variance += varies[static_cast<size_t>(r)];
    }
    std::vector<Eigen::MatrixXd> d_first(groups), d_total(groups);
    for (size_t g = 0; g < groups; ++g) {
      const Strided ab0(s.ab[g].data() + chunk, rows, n, stride);
      const Eigen::MatrixXd ab = ab0.colwise() - mean;
      d_first[g] = (b.array() * (ab - a).array()).matrix() * counts;
      d_total[g] = (a - ab).array().square().matrix() * counts;
    }
    std::vector<double> first_reps, total_reps;
    for (Eigen::Index r = 0; r < rows && per_output; ++r) {
      if (!varies[static_cast<size_t>(r)]) continue;
      const double floor = 1e-14 * (1.0 + mean(r) * mean(r));
      const size_t at = (chunk - row_begin + static_cast<size_t>(r)) * groups;
      for (size_t g = 0; g < groups; ++g) {
        first_reps.clear();
        total_reps.clear();
        for (Eigen::Index k = 1; k < reps; ++k) {
          const double v = var(r, k);
          first_reps.push_back(v > floor ? d_first[g](r, k) / dn / v : nan);
          total_reps.push_back(v > floor ? d_total[g](r, k) / (2 * dn) / v : nan);
        }
        const double v0 = var(r, 0);
        out.output_first[at + g] = Interval(d_first[g](r, 0) / dn / v0, first_reps);
        out.output_total[at + g] = Interval(d_total[g](r, 0) / (2 * dn) / v0, total_reps);
      }
    }
    for (Eigen::Index r = 0; r < rows; ++r) {
      if (!varies[static_cast<size_t>(r)]) continue;
      const double floor = 1e-14 * (1.0 + mean(r) * mean(r));
      for (Eigen::Index k = 0; k < reps; ++k) {
        const double v = var(r, k);
        if (!(v > floor)) continue;  // a resample that happens to be constant
        used(k) += 1;
        for (size_t g = 0; g < groups; ++g) {
          const Eigen::Index gi = static_cast<Eigen::Index>(g);
          first_sum(gi, k) += d_first[g](r, k) / dn / v;
          total_sum(gi, k) += d_total[g](r, k) / (2 * dn) / v;
        }
      }
    }
  }
  for (size_t g = 0; g < groups; ++g) {
    const Eigen::Index gi = static_cast<Eigen::Index>(g);
    std::vector<double> first_reps, total_reps;
    for (Eigen::Index k = 1; k < reps; ++k) {
      first_reps.push_back(used(k) > 0 ? first_sum(gi, k) / used(k) : nan);
      total_reps.push_back(used(k) > 0 ? total_sum(gi, k) / used(k) : nan);
    }
    const double first = used(0) > 0 ? first_sum(gi, 0) / used(0) : nan;
    const double total = used(0) > 0 ? total_sum(gi, 0) / used(0) : nan;
    out.first.push_back(Interval(first, std::move(first_reps)));
    out.total.push_back(Interval(total, std::move(total_reps)));
  }
  return out;
}

}  // namespace cchc
