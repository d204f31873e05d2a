// The uncertainty model: per-area sums precomputed once per unit; a sample
// adds the moved items' differences, then applies the area weights as one
// matrix-vector product over all units.
#include "engine/uncertainty/model.h"

#include <algorithm>
#include <numeric>
#include <thread>

#include "engine/batch/ranking.h"
#include "engine/uncertainty/random.h"

namespace cchc {

UncertaintyModel::UncertaintyModel(const Plan& plan, const BatchResult& batch,
                                   const UncertaintyConfig& config)
    : survey_sd_(config.survey_sd), accept_(config.accept), weight_sd_(config.weight_sd) {
  for (NoiseGroup g : config.groups) on_[static_cast<int>(g)] = true;
  const Criteria& c = plan.criteria();
  const Eigen::Index n = static_cast<Eigen::Index>(batch.units.size());
  const Eigen::Index k = static_cast<Eigen::Index>(c.areas.size());
  points_ = Eigen::MatrixXd::Zero(n, k);
  max_ = Eigen::MatrixXd::Zero(n, k);
  bonus_ = Eigen::VectorXd::Zero(n);
  penalty_ = Eigen::VectorXd::Zero(n);
  bonus_cap_ = c.bonus ? c.bonus->cap : 0;
  const double penalty_cap = c.penalty ? c.penalty->cap : 0;
  bonus_above_total_ = c.index.bonus_above_total;
  for (Eigen::Index u = 0; u < n; ++u) {
    const BatchUnit& unit = batch.units[static_cast<size_t>(u)];
    for (size_t i = 0; i < plan.items().size() && i < unit.item_status.size(); ++i) {
      const ItemStatus status = unit.item_status[i];
      if (status == ItemStatus::kNotApplicable) continue;
      const CompiledItem& ci = plan.items()[i];
      const double points = unit.item_points[i];
      int column = -1;
      if (ci.group == ItemGroup::kPenalty) {
        penalty_(u) += points;
        continue;  // deductions the council records, not claims: not perturbed
      }
      if (ci.group == ItemGroup::kBonus) {
        bonus_(u) += points;
      } else {
        column = ci.area;
        points_(u, column) += points;
        max_(u, column) += ci.item->max;
      }
      if (status != ItemStatus::kScored) continue;
      if (ci.item->assessment == Assessment::kSurvey) {
        if (points > 0) survey_.push_back({u, column, points, ci.item->max});
      } else {
        const double alternative = unit.item_appraised[i].value_or(0.0);
        if (alternative != points) appraisal_.push_back({u, column, points, alternative});
      }
    }
    penalty_(u) = std::min(penalty_(u), penalty_cap);
  }
  total_max_ = max_.rowwise().sum();
}

void UncertaintyModel::Evaluate(const uint64_t* keys, ModelScratch* s, double* index) const {
  const bool survey = on_[0] && !survey_.empty();
  const bool appraisal = on_[1] && !appraisal_.empty();
  const Eigen::MatrixXd* points = &points_;
  const Eigen::VectorXd* bonus = &bonus_;
  if (survey || appraisal) {
    s->points = points_;
    s->bonus = bonus_;
    points = &s->points;
    bonus = &s->bonus;
    auto move = [s](const Movable& m, double to) {
      if (m.area < 0) {
        s->bonus(m.unit) += to - m.points;
      } else {
        s->points(m.unit, m.area) += to - m.points;
      }
    };
    if (survey) {
      NoiseRandom r(keys[0]);
      for (const Movable& m : survey_) {
        const double eps = survey_sd_ * r.Normal();
        move(m, std::clamp(m.points * (1.0 + eps), 0.0, m.other));
      }
    }
    if (appraisal) {
      NoiseRandom r(keys[1]);
      for (const Movable& m : appraisal_) {
        if (r.Uniform() >= accept_) move(m, m.other);
      }
    }
  }
  s->weights.resize(points_.cols());
  if (on_[2]) {
    NoiseRandom r(keys[2]);
    for (Eigen::Index a = 0; a < s->weights.size(); ++a) {
      s->weights(a) = std::max(0.0, 1.0 + weight_sd_ * r.Normal());
    }
  } else {
    s->weights.setOnes();
  }
  s->num.noalias() = *points * s->weights;
  s->den.noalias() = max_ * s->weights;
  for (Eigen::Index u = 0; u < points_.rows(); ++u) {
    const double total = total_max_(u);
    if (total <= 0) {
      index[u] = 0;
      continue;
    }
    // All weights of the unit's areas at 0: fall back to the unweighted share.
    const double share = s->den(u) > 0 ? s->num(u) / s->den(u) : points->row(u).sum() / total;
    const double adjust = (std::min((*bonus)(u), bonus_cap_) - penalty_(u)) / total;
    double pct = (share + adjust) * 100.0;
    if (!bonus_above_total_) pct = std::min(pct, 100.0);
    index[u] = std::max(pct, 0.0);
  }
}

void RankValues(const double* values, size_t n, TieRule rule, int* ranks,
                std::vector<uint32_t>* order) {
  order->resize(n);
  std::iota(order->begin(), order->end(), 0u);
  std::sort(order->begin(), order->end(), [values](uint32_t a, uint32_t b) {
    return values[a] != values[b] ? values[a] > values[b] : a < b;
  });
  const std::vector<uint32_t>& o = *order;
  int group = 0;
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && values[o[i]] - values[o[j]] <= kTieEpsilon) ++j;
    ++group;
    const int rank = rule == TieRule::kDense ? group : static_cast<int>(i) + 1;
    for (size_t k = i; k < j; ++k) ranks[o[k]] = rank;
    i = j;
  }
}

void ParallelBlocks(size_t n, int jobs, const std::function<void(size_t, size_t)>& fn) {
  const size_t threads = std::min(n, static_cast<size_t>(std::max(jobs, 1)));
  if (threads <= 1) {
    fn(0, n);
    return;
  }
  const size_t block = (n + threads - 1) / threads;
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) {
    const size_t begin = std::min(n, t * block), end = std::min(n, begin + block);
    if (begin < end) pool.emplace_back(fn, begin, end);
  }
  fn(0, std::min(n, block));
  for (std::thread& t : pool) t.join();
}

}  // namespace cchc
