// Engine-internal (includes Eigen): the batch reduced to what a Monte Carlo
// sample needs — per unit and area the points and applicable max, the items
// noise can move, bonus and penalty — and one sample's evaluation.
#ifndef CCHC_ENGINE_UNCERTAINTY_MODEL_H_
#define CCHC_ENGINE_UNCERTAINTY_MODEL_H_

#include <Eigen/Dense>
#include <cstdint>
#include <vector>

#include "engine/batch/batch.h"
#include "engine/core/plan.h"
#include "engine/uncertainty/random.h"
#include "engine/uncertainty/uncertainty.h"

namespace cchc {

// Reusable buffers of one thread.
struct ModelScratch {
  Eigen::MatrixXd points;  // units × areas
  Eigen::VectorXd bonus, weights, num, den;
  std::vector<NoiseRandom> streams;  // one per factor
};

class UncertaintyModel {
 public:
  // `batch.units` and `plan` are read here only; the model keeps copies. The
  // factors are config.groups at granularity `level`, in canonical order.
  UncertaintyModel(const Plan& plan, const BatchResult& batch, const UncertaintyConfig& config,
                   FactorLevel level);

  size_t units() const { return static_cast<size_t>(points_.rows()); }
  size_t areas() const { return static_cast<size_t>(points_.cols()); }
  size_t survey_items() const { return survey_.size(); }
  size_t appraisal_items() const { return appraisal_.size(); }
  const std::vector<NoiseFactor>& factors() const { return factors_; }

  // One sample: keys[f] seeds factor f's draws; a factor's draws come from its
  // stream in a fixed order (units, then items, then areas). Writes units()
  // indexes and, when `weights` is given, the areas() drawn weight multipliers.
  void Evaluate(const uint64_t* keys, ModelScratch* scratch, double* index,
                double* weights = nullptr) const;

 private:
  // An item noise can move: its unit, its area column (-1: bonus), its points,
  // the value it moves from (survey: max; appraisal: the alternative) and the
  // factor whose stream draws its noise.
  struct Movable {
    Eigen::Index unit = 0;
    int area = -1;
    double points = 0, other = 0;
    int factor = 0;
    double scale = 1;  // the area's column scale for this unit (1 officially)
  };

  std::vector<NoiseFactor> factors_;
  std::vector<int> weight_factor_;  // per area; empty when weights do not vary
  Noise survey_noise_;
  double accept_;
  std::vector<Noise> weight_noise_;  // per area
  Eigen::MatrixXd points_, max_;     // units × areas: the scored points, applicable max
  Eigen::VectorXd bonus_, penalty_;  // raw sums; penalty is capped already
  Eigen::VectorXd total_max_;        // applicable max per unit
  double bonus_cap_ = 0;
  bool bonus_above_total_ = false;
  std::vector<Movable> survey_, appraisal_;
};

}  // namespace cchc

#endif  // CCHC_ENGINE_UNCERTAINTY_MODEL_H_
