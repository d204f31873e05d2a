// Shared input loading for the commands.
#include "cli/commands/load.h"

#include "cli/commands/io.h"
#include "criteria/checker.h"
#include "criteria/diagnostics.h"
#include "criteria/parser.h"
#include "evidence/loader.h"

namespace cchc {

std::unique_ptr<SourceFile> ReadCriteriaSource(const std::string& path, std::ostream& err) {
  std::string why;
  bool too_large = false;
  auto text = ReadWholeFile(path, kMaxCriteriaBytes, &why, &too_large);
  if (!text) {
    err << path
        << (too_large ? ": error[E100]: the criteria file is too large: "
                      : ": error[E107]: cannot read the criteria file: ")
        << why << "\n";
    return nullptr;
  }
  return std::make_unique<SourceFile>(path, std::move(*text));
}

bool LoadCriteria(const std::string& path, LoadedCriteria* out, std::ostream& err,
                  bool show_warnings) {
  out->source = ReadCriteriaSource(path, err);
  if (!out->source) return false;
  ParseResult parsed = ParseCriteria(*out->source);
  std::vector<Diagnostic> diags = std::move(parsed.diagnostics);
  if (!HasErrors(diags)) {
    CheckResult checked = CheckCriteria(parsed.criteria);
    for (auto& d : checked.diagnostics) diags.push_back(std::move(d));
  }
  std::vector<Diagnostic> shown;
  for (const auto& d : diags) {
    if (d.severity == Severity::kError || show_warnings) shown.push_back(d);
  }
  err << RenderAll(*out->source, shown);
  if (HasErrors(diags)) {
    size_t errors = 0;
    for (const auto& d : diags) errors += d.severity == Severity::kError;
    err << path << ": " << errors << " error(s); nothing scored\n";
    return false;
  }
  out->criteria = std::move(parsed.criteria);
  out->plan = std::make_unique<Plan>(out->criteria, out->source->text());
  return true;
}

bool LoadEvidence(const std::string& path, const Criteria& criteria, Evidence* out,
                  std::ostream& err) {
  std::string why;
  bool too_large = false;
  auto text = ReadWholeFile(path, kMaxEvidenceBytes, &why, &too_large);
  if (!text) {
    err << path
        << (too_large ? ": error[E513]: the evidence file is too large: "
                      : ": error[E590]: cannot read the evidence file: ")
        << why << "\n";
    return false;
  }
  EvidenceLoad load = LoadEvidenceText(*text, path, &criteria);
  for (const EvidenceIssue& issue : load.issues) err << RenderIssue(issue) << "\n";
  if (!load.ok()) {
    err << path << ": the evidence has errors; nothing scored\n";
    return false;
  }
  *out = std::move(load.evidence);
  return true;
}

bool Emit(const std::string& data, const std::string& path, std::ostream& out, std::ostream& err) {
  if (path.empty() || path == "-") {
    out << data;
    return true;
  }
  std::string why;
  if (!WriteFileAtomic(path, data, &why)) {
    err << path << ": error: " << why << "\n";
    return false;
  }
  return true;
}

bool ParseRenderFlags(const std::string& format, const std::string& lang, OutputFormat* f,
                      RenderOptions* r, std::ostream& err) {
  if (!ParseOutputFormat(format, f)) {
    err << "error: unknown --format '" << format << "' (table, json, csv, md)\n";
    return false;
  }
  if (lang == "vi") {
    r->lang = Lang::kVi;
  } else if (lang == "en") {
    r->lang = Lang::kEn;
  } else {
    err << "error: unknown --lang '" << lang << "' (vi, en)\n";
    return false;
  }
  return true;
}

}  // namespace cchc
