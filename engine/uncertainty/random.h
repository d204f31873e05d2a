// Random streams for the uncertainty analysis: one xoshiro256** stream per
// (seed, role, sample, input group), so that every draw is reproducible and
// independent of the number of threads; normals by Box–Muller.
#ifndef CCHC_ENGINE_UNCERTAINTY_RANDOM_H_
#define CCHC_ENGINE_UNCERTAINTY_RANDOM_H_

#include <cmath>
#include <cstdint>

#include "engine/util/random.h"

namespace cchc {

// Which design a stream belongs to.
enum class StreamRole : uint64_t { kMonteCarlo = 0, kSobolA = 1, kSobolB = 2, kBootstrap = 3 };

// The seed of one stream: splitmix64 chained over the four words.
inline uint64_t StreamKey(uint64_t seed, StreamRole role, uint64_t sample, uint64_t group) {
  uint64_t s = seed;
  uint64_t k = SplitMix64(&s);
  for (uint64_t w : {static_cast<uint64_t>(role), sample, group}) {
    s = k ^ (w * 0xD1B54A32D192ED03ull);
    k = SplitMix64(&s);
  }
  return k;
}

class NoiseRandom {
 public:
  explicit NoiseRandom(uint64_t key) : r_(key) {}

  double Uniform() { return r_.Uniform(); }  // [0, 1)
  uint64_t Below(uint64_t n) { return r_.Below(n); }

  // Standard normal by Box–Muller; the pair's second value is kept for the
  // next call, so draws come in a fixed sequence per stream.
  double Normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double u1 = 1.0 - r_.Uniform();  // (0, 1]: log is finite
    const double u2 = r_.Uniform();
    const double radius = std::sqrt(-2.0 * std::log(u1));
    const double angle = 6.283185307179586 * u2;
    spare_ = radius * std::sin(angle);
    has_spare_ = true;
    return radius * std::cos(angle);
  }

 private:
  SynthRandom r_;
  double spare_ = 0;
  bool has_spare_ = false;
};

}  // namespace cchc

#endif  // CCHC_ENGINE_UNCERTAINTY_RANDOM_H_
