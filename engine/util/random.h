// A fixed pseudo-random generator for synthetic data: splitmix64 seeding and
// xoshiro256**, with draws built from integer arithmetic and IEEE doubles only
// (no <random> distributions, no libm), so one seed gives one output anywhere.
#ifndef CCHC_ENGINE_UTIL_RANDOM_H_
#define CCHC_ENGINE_UTIL_RANDOM_H_

#include <cstdint>

namespace cchc {

// splitmix64: a seed expander; also a good hash of one 64-bit word.
inline uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

class SynthRandom {
 public:
  explicit SynthRandom(uint64_t seed) {
    for (uint64_t& w : s_) w = SplitMix64(&seed);
  }

  // xoshiro256** (Blackman & Vigna).
  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1) with 53 random bits.
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

  // Uniform integer in [0, n); n > 0. (Modulo bias is below 2^-40 for the
  // small n used here and, more to the point, the same on every machine.)
  uint64_t Below(uint64_t n) { return Next() % n; }

  bool Chance(double p) { return Uniform() < p; }

  // A count of rare cases with mean `mean` (0 <= mean <= 8): binomial with 32
  // trials, close to Poisson for these means and free of libm.
  int Cases(double mean) {
    const double p = mean / 32.0;
    int k = 0;
    for (int i = 0; i < 32; ++i) k += Uniform() < p;
    return k;
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace cchc

#endif  // CCHC_ENGINE_UTIL_RANDOM_H_
