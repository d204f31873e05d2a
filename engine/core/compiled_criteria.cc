// Parse, check and compile in one step, owning every intermediate.
#include "engine/core/compiled_criteria.h"

#include <utility>

#include "criteria/checker.h"
#include "criteria/parser.h"

namespace cchc {

CompiledCriteria::CompiledCriteria(std::shared_ptr<const SourceFile> source, Criteria criteria)
    : source_(std::move(source)), criteria_(std::move(criteria)) {
  plan_ = std::make_unique<const Plan>(criteria_, source_->text());
}

CompileResult CompileCriteria(std::string name, std::string text) {
  CompileResult result;
  result.source = std::make_shared<const SourceFile>(std::move(name), std::move(text));
  ParseResult parsed = ParseCriteria(*result.source);
  result.diagnostics = std::move(parsed.diagnostics);
  if (HasErrors(result.diagnostics)) return result;
  CheckResult checked = CheckCriteria(parsed.criteria);
  for (Diagnostic& d : checked.diagnostics) result.diagnostics.push_back(std::move(d));
  if (HasErrors(result.diagnostics)) return result;
  result.compiled.reset(new CompiledCriteria(result.source, std::move(parsed.criteria)));
  return result;
}

}  // namespace cchc
