// Loading the inputs every command shares: a criteria file (parsed, checked,
// compiled) and an evidence file, with diagnostics written to a stream.
#ifndef CCHC_CLI_COMMANDS_LOAD_H_
#define CCHC_CLI_COMMANDS_LOAD_H_

#include <memory>
#include <ostream>
#include <string>

#include "criteria/input_limits.h"
#include "criteria/source.h"
#include "engine/core/compiled_criteria.h"
#include "engine/render/score.h"
#include "evidence/record.h"

namespace cchc {

// Reads a criteria file (E100 when over the size limit, E107 when it cannot
// be read, printed to `err`); null on failure.
std::unique_ptr<SourceFile> ReadCriteriaSource(const std::string& path, std::ostream& err);

// Reads, parses, checks and compiles; prints every error to `err`. Returns
// null (after printing) when the file cannot be read or has errors. Warnings
// are printed only when `show_warnings`.
std::unique_ptr<const CompiledCriteria> LoadCriteria(const std::string& path, std::ostream& err,
                                                     bool show_warnings = false);

// Reads and validates an evidence file (JSON or CSV by extension) against the
// criteria's record declarations; prints every problem to `err`.
bool LoadEvidence(const std::string& path, const Criteria& criteria, Evidence* out,
                  std::ostream& err);

// True when a task list is within kMaxTasks; otherwise prints
// `PATH: error[E528]: ` and the one message for it (in `lang`) and is false.
bool WithinTaskCap(const std::string& path, size_t tasks, Lang lang, std::ostream& err);

// Writes `data` to `path` atomically, or to `out` when path is empty.
bool Emit(const std::string& data, const std::string& path, std::ostream& out, std::ostream& err);

// Parses --format / --lang into render options; prints the reason on failure.
bool ParseRenderFlags(const std::string& format, const std::string& lang, OutputFormat* f,
                      RenderOptions* r, std::ostream& err);

}  // namespace cchc

#endif  // CCHC_CLI_COMMANDS_LOAD_H_
