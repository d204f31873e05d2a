// `cchc template CRITERIA -o evidence.xlsx`: the evidence workbook generated
// from the criteria's record declarations, optionally filled (--from).
#include "engine/render/xlsx/template.h"

#include "cli/commands/commands.h"
#include "cli/commands/load.h"
#include "cli/commands/output.h"
#include "engine/util/vi_text.h"

namespace cchc {

int RunTemplate(const TemplateCommandOptions& o, std::ostream& out, std::ostream& err) {
  (void)out;
  if (o.output.empty() || o.output == "-") {
    err << "error: -o FILE.xlsx is required for the template\n";
    return kExitInvalidInput;
  }
  std::string format;
  if (!ResolveFormat("template", "", o.output, {"xlsx"}, "xlsx", &format, err)) {
    return kExitInvalidInput;
  }
  const std::unique_ptr<const CompiledCriteria> criteria = LoadCriteria(o.criteria, err);
  if (!criteria) return kExitInvalidInput;
  Evidence evidence;
  if (!o.from.empty() && !LoadEvidence(o.from, criteria->criteria(), &evidence, err)) {
    return kExitInvalidInput;
  }
  TemplateOptions options;
  options.criteria_text = criteria->source().text();
  options.from = o.from.empty() ? nullptr : &evidence;
  // Typed names become data, which is NFC (macOS types "Xã" decomposed).
  options.unit_code = NfcVi(o.unit_code);
  options.unit_name = NfcVi(o.unit_name);
  std::vector<std::string> warnings;
  std::string why;
  if (!WriteEvidenceTemplate(criteria->plan(), options, o.output, &warnings, &why)) {
    err << o.output << ": error: " << why << "\n";
    return kExitFailure;
  }
  for (const std::string& w : warnings) err << o.from << ": warning: " << w << "\n";
  SayWritten(o.output, format, Lang::kVi, err);
  return kExitOk;
}

}  // namespace cchc
