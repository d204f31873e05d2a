// The uncertainty model: per-area sums precomputed once per unit; a sample
// adds the moved items' differences, then applies the area weights as one
// matrix-vector product over all units.
#include "engine/uncertainty/model.h"

#include <algorithm>
#include <numeric>

#include "engine/batch/ranking.h"
#include "engine/uncertainty/noise.h"
#include "engine/uncertainty/random.h"

namespace cchc {

UncertaintyModel::UncertaintyModel(const Plan& plan, const BatchResult& batch,
                                   const UncertaintyConfig& config, FactorLevel level)
    : survey_noise_(config.survey_noise), accept_(config.accept) {
  bool on[kNoiseGroups] = {false, false, false};
  for (NoiseGroup g : config.groups) on[static_cast<int>(g)] = true;
  const Criteria& c = plan.criteria();
  const Eigen::Index n = static_cast<Eigen::Index>(batch.units.size());
  const Eigen::Index k = static_cast<Eigen::Index>(c.areas.size());
  weight_noise_ = config.area_weight_noise.size() == c.areas.size()
                      ? config.area_weight_noise
                      : std::vector<Noise>(c.areas.size(), config.weight_noise);
  points_ = Eigen::MatrixXd::Zero(n, k);
  max_ = Eigen::MatrixXd::Zero(n, k);
  bonus_ = Eigen::VectorXd::Zero(n);
  penalty_ = Eigen::VectorXd::Zero(n);
  bonus_cap_ = c.bonus ? c.bonus->cap : 0;
  const double penalty_cap = c.penalty ? c.penalty->cap : 0;
  bonus_above_total_ = c.index.bonus_above_total;
  // Movables first carry their plan item in `factor`; factors are assigned below.
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
      const int item = static_cast<int>(i);
      if (ci.item->assessment == Assessment::kSurvey) {
        if (on[0] && points > 0) survey_.push_back({u, column, points, ci.item->max, item});
      } else {
        const double alternative = unit.item_appraised[i].value_or(0.0);
        if (on[1] && alternative != points) {
          appraisal_.push_back({u, column, points, alternative, item});
        }
      }
    }
    penalty_(u) = std::min(penalty_(u), penalty_cap);
  }
  total_max_ = max_.rowwise().sum();
  // Another scheme: column a of unit u scaled by W_a / M[u,a], so that the
  // weighted share Σ w P / Σ w M becomes Σ w W_a P_a/M_a / Σ w W_a. A unit
  // whose applicable areas all have W_a = 0 keeps points / max.
  const std::vector<double>& scheme = config.area_weights;
  if (scheme.size() == static_cast<size_t>(k)) {
    Eigen::MatrixXd scale = Eigen::MatrixXd::Ones(n, k);
    for (Eigen::Index u = 0; u < n; ++u) {
      double weight = 0;
      for (Eigen::Index a = 0; a < k; ++a) {
        if (max_(u, a) > 0) weight += scheme[static_cast<size_t>(a)];
      }
      if (weight <= 0) continue;
      for (Eigen::Index a = 0; a < k; ++a) {
        scale(u, a) = max_(u, a) > 0 ? scheme[static_cast<size_t>(a)] / max_(u, a) : 0.0;
      }
    }
    points_ = points_.cwiseProduct(scale);
    max_ = max_.cwiseProduct(scale);
    for (std::vector<Movable>* moved : {&survey_, &appraisal_}) {
      for (Movable& m : *moved) {
        if (m.area >= 0) m.scale = scale(m.unit, m.area);
      }
    }
  }

  // The factors, in canonical group order; per item in plan order.
  auto item_factors = [&](NoiseGroup g, std::vector<Movable>* moved) {
    if (level != FactorLevel::kItems) {
      factors_.push_back({g, -1, -1});
      for (Movable& m : *moved) m.factor = static_cast<int>(factors_.size()) - 1;
      return;
    }
    std::vector<int> factor_of(plan.items().size(), -1);
    for (const Movable& m : *moved) factor_of[static_cast<size_t>(m.factor)] = 0;
    for (size_t i = 0; i < factor_of.size(); ++i) {
      if (factor_of[i] < 0) continue;
      factor_of[i] = static_cast<int>(factors_.size());
      factors_.push_back({g, -1, static_cast<int>(i)});
    }
    for (Movable& m : *moved) m.factor = factor_of[static_cast<size_t>(m.factor)];
  };
  if (on[0]) item_factors(NoiseGroup::kSurvey, &survey_);
  if (on[1]) item_factors(NoiseGroup::kAppraisal, &appraisal_);
  if (on[2]) {
    weight_factor_.assign(static_cast<size_t>(k), static_cast<int>(factors_.size()));
    if (level == FactorLevel::kGroups) {
      factors_.push_back({NoiseGroup::kWeights, -1, -1});
    } else {
      for (Eigen::Index a = 0; a < k; ++a) {
        weight_factor_[static_cast<size_t>(a)] = static_cast<int>(factors_.size());
        factors_.push_back({NoiseGroup::kWeights, static_cast<int>(a), -1});
      }
    }
  }
}

void UncertaintyModel::Evaluate(const uint64_t* keys, ModelScratch* s, double* index,
                                double* weights) const {
  s->streams.clear();
  for (size_t f = 0; f < factors_.size(); ++f) s->streams.emplace_back(keys[f]);
  const Eigen::MatrixXd* points = &points_;
  const Eigen::VectorXd* bonus = &bonus_;
  if (!survey_.empty() || !appraisal_.empty()) {
    s->points = points_;
    s->bonus = bonus_;
    points = &s->points;
    bonus = &s->bonus;
    auto move = [s](const Movable& m, double to) {
      if (m.area < 0) {
        s->bonus(m.unit) += to - m.points;
      } else {
        s->points(m.unit, m.area) += (to - m.points) * m.scale;
      }
    };
    for (const Movable& m : survey_) {
      const double factor = DrawMultiplier(survey_noise_, &s->streams[m.factor]);
      move(m, std::clamp(m.points * factor, 0.0, m.other));
    }
    for (const Movable& m : appraisal_) {
      if (s->streams[m.factor].Uniform() >= accept_) move(m, m.other);
    }
  }
  s->weights.resize(points_.cols());
  if (!weight_factor_.empty()) {
    for (Eigen::Index a = 0; a < s->weights.size(); ++a) {
      const size_t area = static_cast<size_t>(a);
      s->weights(a) =
          std::max(0.0, DrawMultiplier(weight_noise_[area], &s->streams[weight_factor_[area]]));
    }
  } else {
    s->weights.setOnes();
  }
  if (weights) {
    for (Eigen::Index a = 0; a < s->weights.size(); ++a) weights[a] = s->weights(a);
  }
  s->num.noalias() = *points * s->weights;
  s->den.noalias() = max_ * s->weights;
  for (Eigen::Index u = 0; u < points_.rows(); ++u) {
    const double total = total_max_(u);
    if (total <= 0) {
      index[u] = 0;
      continue;
    }
    // All weights of the unit's areas at 0: fall back to the share without
    // noise (points / max officially; else the scheme's weighted share).
    const double base_den = max_.row(u).sum();
    const double share = s->den(u) > 0  ? s->num(u) / s->den(u)
                         : base_den > 0 ? points->row(u).sum() / base_den
                                        : points->row(u).sum() / total;
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

}  // namespace cchc
