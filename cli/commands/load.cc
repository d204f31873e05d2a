// Shared input loading for the commands.
#include "cli/commands/load.h"

#include <utility>
#include <vector>

#include "cli/commands/io.h"
#include "criteria/diagnostics.h"
#include "criteria/input_limits.h"
#include "engine/render/analysis.h"
#include "evidence/loader.h"

namespace cchc {

std::unique_ptr<SourceFile> ReadCriteriaSource(const std::string& path, std::ostream& err) {
  auto text = ReadInput(path, InputFile::kCriteria, err);
  if (!text) return nullptr;
  return std::make_unique<SourceFile>(path, std::move(*text));
}

std::unique_ptr<const CompiledCriteria> LoadCriteria(const std::string& path, std::ostream& err,
                                                     bool show_warnings) {
  auto text = ReadInput(path, InputFile::kCriteria, err);
  if (!text) return nullptr;
  CompileResult result = CompileCriteria(path, std::move(*text));
  std::vector<Diagnostic> shown;
  for (const auto& d : result.diagnostics) {
    if (d.severity == Severity::kError || show_warnings) shown.push_back(d);
  }
  err << RenderAll(*result.source, shown);
  if (!result.ok()) {
    size_t errors = 0;
    for (const auto& d : result.diagnostics) errors += d.severity == Severity::kError;
    err << path << ": " << errors << " error(s); nothing scored\n";
    return nullptr;
  }
  return std::move(result.compiled);
}

bool WithinTaskCap(const std::string& path, size_t tasks, Lang lang, std::ostream& err) {
  if (tasks <= kMaxTasks) return true;
  err << path << ": error[" << EvidenceCodeName(EvidenceCode::kTooManyEffects, Severity::kError)
      << "]: " << TooManyTasksMessage(tasks, lang) << "\n";
  return false;
}

bool LoadEvidence(const std::string& path, const Criteria& criteria, Evidence* out,
                  std::ostream& err) {
  auto text = ReadInput(path, InputFile::kEvidence, err);
  if (!text) return false;
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
