// A compiled criteria set: the source text, its syntax tree and the plan
// lowered from it, owned together so that the plan's references into the tree
// and the text can never dangle. Built only by CompileCriteria.
#ifndef CCHC_ENGINE_CORE_COMPILED_CRITERIA_H_
#define CCHC_ENGINE_CORE_COMPILED_CRITERIA_H_

#include <memory>
#include <string>
#include <vector>

#include "criteria/ast.h"
#include "criteria/diagnostics.h"
#include "criteria/source.h"
#include "engine/core/plan.h"

namespace cchc {

struct CompileResult;

class CompiledCriteria {
 public:
  // Neither copyable nor movable: the plan points into the tree and the text.
  CompiledCriteria(const CompiledCriteria&) = delete;
  CompiledCriteria& operator=(const CompiledCriteria&) = delete;

  const SourceFile& source() const { return *source_; }
  const Criteria& criteria() const { return criteria_; }
  const Plan& plan() const { return *plan_; }

 private:
  friend CompileResult CompileCriteria(std::string name, std::string text);
  CompiledCriteria(std::shared_ptr<const SourceFile> source, Criteria criteria);

  std::shared_ptr<const SourceFile> source_;
  Criteria criteria_;
  std::unique_ptr<const Plan> plan_;  // built last, over criteria_ and source_
};

struct CompileResult {
  // Null when `diagnostics` holds an error.
  std::unique_ptr<const CompiledCriteria> compiled;
  // The parser's diagnostics, then (when the text parsed) the checker's;
  // warnings included.
  std::vector<Diagnostic> diagnostics;
  // The text the diagnostics point into, set even when compiling failed.
  std::shared_ptr<const SourceFile> source;

  bool ok() const { return compiled != nullptr; }
};

// Parses, checks and compiles the criteria text `text` read from `name`.
CompileResult CompileCriteria(std::string name, std::string text);

}  // namespace cchc

#endif  // CCHC_ENGINE_CORE_COMPILED_CRITERIA_H_
