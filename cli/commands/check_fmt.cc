// `cchc check` (every problem, then a summary) and `cchc fmt` (canonical
// layout; --check reports whether a file is canonical).
#include "cli/commands/commands.h"
#include "cli/commands/io.h"
#include "cli/commands/load.h"
#include "cli/commands/output.h"
#include "criteria/checker.h"
#include "criteria/formatter.h"
#include "criteria/parser.h"

namespace cchc {

int RunCheck(const CheckOptions& o, std::ostream& out, std::ostream& err) {
  std::unique_ptr<SourceFile> source = ReadCriteriaSource(o.criteria, err);
  if (!source) return kExitInvalidInput;
  const SourceFile& src = *source;
  ParseResult parsed = ParseCriteria(src);
  std::vector<Diagnostic> diags = std::move(parsed.diagnostics);
  CheckResult checked = CheckCriteria(parsed.criteria);
  // After syntax errors the model is partial: only report what stands alone.
  const bool syntax_errors = HasErrors(diags);
  for (auto& d : checked.diagnostics) {
    const bool sum_check = d.code == DiagCode::kMaxSumMismatch ||
                           d.code == DiagCode::kTotalMismatch || d.code == DiagCode::kEmptyGroup;
    if (!syntax_errors || !sum_check) diags.push_back(std::move(d));
  }
  err << RenderAll(src, diags);
  size_t errors = 0, warnings = 0;
  for (const auto& d : diags) (d.severity == Severity::kError ? errors : warnings)++;
  if (!o.quiet) {
    out << o.criteria << ": " << errors << " error(s), " << warnings << " warning(s)\n";
    if (errors == 0) out << FormatSummary(checked.summary);
  }
  return errors ? kExitInvalidInput : kExitOk;
}

int RunFmt(const FmtOptions& o, std::ostream& out, std::ostream& err) {
  std::unique_ptr<SourceFile> source = ReadCriteriaSource(o.criteria, err);
  if (!source) return kExitInvalidInput;
  const SourceFile& src = *source;
  ParseResult parsed = ParseCriteria(src);
  if (!parsed.ok()) {
    err << RenderAll(src, parsed.diagnostics);
    err << o.criteria << ": not formatted: the file has syntax errors\n";
    return kExitInvalidInput;
  }
  std::string formatted = FormatCriteria(parsed.criteria, src.text());
  if (o.check) {
    if (formatted == src.text()) return kExitOk;
    err << o.criteria << ": not in canonical layout (run 'cchc fmt')\n";
    return kExitFailure;
  }
  if (!Emit(formatted, o.output, out, err)) return kExitFailure;
  if (!o.output.empty() && o.output != "-") SayWritten(o.output, "cchc", Lang::kVi, err);
  return kExitOk;
}

}  // namespace cchc
