// Noise laws of the uncertainty analysis: each draws a relative multiplier m
// (mean 1) — Normal 1 + σZ, uniform U(1 − x, 1 + x) (COINr's weight recipe),
// or one of a discrete set — and their text form ("uniform:0.25"), including
// the per-area file of `cchc uncertainty --weight-noise-file`.
#ifndef CCHC_ENGINE_UNCERTAINTY_NOISE_H_
#define CCHC_ENGINE_UNCERTAINTY_NOISE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cchc {

class NoiseRandom;

enum class NoiseLaw : uint8_t { kNormal = 0, kUniform = 1, kDiscrete = 2 };

struct Noise {
  NoiseLaw law = NoiseLaw::kNormal;
  double spread = 0;           // normal: σ; uniform: the half-width x
  std::vector<double> values;  // discrete: the multipliers, equally likely

  // True when every draw is exactly 1 (no noise).
  bool IsNone() const;
  bool operator==(const Noise&) const = default;
};

inline Noise NormalNoise(double sd) { return Noise{NoiseLaw::kNormal, sd, {}}; }

// Parses "normal:σ", "uniform:x" or "discrete:v1,v2,…" (σ, x in [0, 10];
// x ≤ 1 so weights stay ≥ 0; 1 to 100 values, each in [0, 100]). False with
// *error saying what is wrong and what is expected.
bool ParseNoise(std::string_view text, Noise* out, std::string* error);

// The canonical text, which ParseNoise reads back: "uniform:0.25".
std::string NoiseText(const Noise& n);

// One multiplier. Normal: 1 + σ Z (Z by Box–Muller, as NoiseRandom::Normal);
// uniform: 1 − x + 2x U; discrete: values[⌊U n⌋] by NoiseRandom::Below.
double DrawMultiplier(const Noise& n, NoiseRandom* r);

// The per-area weight laws file: one line per area, `AREA LAW` separated by
// blanks ("III uniform:0.4"); `#` starts a comment; blank lines are skipped.
// `areas` are the criteria's area codes; unlisted areas get `fallback`. False
// with *error as "FILE:LINE:COL: what; how to fix".
bool ParseAreaNoiseFile(std::string_view text, const std::string& path,
                        const std::vector<std::string>& areas, const Noise& fallback,
                        std::vector<Noise>* out, std::string* error);

}  // namespace cchc

#endif  // CCHC_ENGINE_UNCERTAINTY_NOISE_H_
