// `cchc synth CRITERIA --units N --seed S -o DIR|FILE.ndjson`: synthetic
// communes generated from a template evidence file.
#include "engine/synth/synth.h"

#include <filesystem>
#include <string>

#include "cli/commands/commands.h"
#include "cli/commands/io.h"
#include "cli/commands/load.h"
#include "criteria/input_limits.h"
#include "engine/util/vi_text.h"
#include "evidence/json_writer.h"

namespace cchc {

int RunSynth(const SynthOptions& o, std::ostream&, std::ostream& err) {
  if (o.units < 1 || o.units > kMaxSynthUnits) {
    err << "error: --units must be between 1 and " << kMaxSynthUnits << "\n";
    return kExitInvalidInput;
  }
  if (o.output.empty()) {
    err << "error: -o DIR or -o FILE.ndjson is required\n";
    return kExitInvalidInput;
  }
  const std::unique_ptr<const CompiledCriteria> criteria = LoadCriteria(o.criteria, err);
  if (!criteria) return kExitInvalidInput;
  Evidence tmpl;
  if (!LoadEvidence(o.template_path, criteria->criteria(), &tmpl, err)) {
    err << "error: the template evidence could not be loaded (pass --template FILE)\n";
    return kExitInvalidInput;
  }
  SynthConfig config;
  config.units = o.units;
  config.seed = o.seed;
  config.province = NfcVi(o.province);  // typed names become NFC data

  const bool ndjson = o.output.ends_with(".ndjson") || o.output.ends_with(".jsonl");
  std::string why;
  if (ndjson) {
    std::string all;
    Synthesize(criteria->plan(), tmpl, config, [&](const SynthUnit& u) {
      all += EvidenceToJson(u.evidence, false);
      all += '\n';
    });
    const auto parent = std::filesystem::path(o.output).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (!WriteFileAtomic(o.output, all, &why)) {
      err << o.output << ": error: " << why << "\n";
      return kExitFailure;
    }
  } else {
    std::error_code ec;
    std::filesystem::create_directories(o.output, ec);
    if (ec || !std::filesystem::is_directory(o.output)) {
      err << o.output << ": error: cannot create the folder"
          << (ec ? ": " + ec.message() : std::string()) << "\n";
      return kExitFailure;
    }
    bool ok = true;
    Synthesize(criteria->plan(), tmpl, config, [&](const SynthUnit& u) {
      if (!ok) return;
      const std::string path =
          (std::filesystem::path(o.output) / (u.evidence.unit.code + ".json")).string();
      if (!WriteFileAtomic(path, EvidenceToJson(u.evidence, true), &why)) {
        err << path << ": error: " << why << "\n";
        ok = false;
      }
    });
    if (!ok) return kExitFailure;
  }
  err << "synth: " << o.units << " unit(s), seed " << o.seed << ", written to " << o.output << "\n";
  return kExitOk;
}

}  // namespace cchc
