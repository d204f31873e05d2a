// Synthetic communes: realistic, deterministic evidence for N units made by
// perturbing a template commune's evidence under a per-unit quality latent,
// so that scores spread across every band. For demos, tests and benchmarks.
#ifndef CCHC_ENGINE_SYNTH_SYNTH_H_
#define CCHC_ENGINE_SYNTH_SYNTH_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/core/plan.h"
#include "evidence/record.h"

namespace cchc {

struct SynthConfig {
  int units = 92;
  uint64_t seed = 1;
  std::string province;     // empty: the criteria's province, else the template's
  std::string code_prefix;  // empty: the province's initials ("Thái Nguyên" -> "TN")
};

struct SynthUnit {
  int index = 0;       // 0-based position in the generated set
  double quality = 0;  // the latent q in [0, 1] the unit was drawn with
  Evidence evidence;   // unit (code, name, province), records, appraisals
};

// Generates options.units communes from `tmpl` (a loaded, valid evidence
// file) and calls `sink` once per unit, in order, from the calling thread.
// The output depends only on (plan's criteria, tmpl, options): the same seed
// gives the same units, field for field, on any machine. Unit codes are
// PREFIX + 4-digit index ("TN0001"); names are unique "Xã/Phường <name>".
// Per unit a quality q is drawn; per record, as q falls: the record is
// dropped more often (items go missing_evidence), booleans flip, dates move
// later, task statuses fall from "done", count fields shrink as shares of
// the record's largest count (numerators stay <= denominators: the template's
// order of count values within a record is kept), zero "cases" counts grow,
// numbers and percents fall. The unit is scored and the appraisal council's
// points added for a share of self-assessed items (self minus a small gap).
// `plan` must outlive the call.
void Synthesize(const Plan& plan, const Evidence& tmpl, const SynthConfig& options,
                const std::function<void(const SynthUnit&)>& sink);

// `count` unique "Xã An Bình"-style names (xã or phường plus two syllables
// drawn without replacement; a number is appended once the pairs run out).
std::vector<std::string> SynthUnitNames(uint64_t seed, int count);

// Initials of a province ("Thái Nguyên" -> "TN", "" -> "XA").
std::string ProvinceInitials(const std::string& province);

}  // namespace cchc

#endif  // CCHC_ENGINE_SYNTH_SYNTH_H_
