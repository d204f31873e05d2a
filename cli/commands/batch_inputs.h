// Opening a batch's INPUT (a folder of evidence files, an NDJSON file, or one
// evidence file) as BatchInputs: shared by `cchc batch` and `cchc uncertainty`.
#ifndef CCHC_CLI_COMMANDS_BATCH_INPUTS_H_
#define CCHC_CLI_COMMANDS_BATCH_INPUTS_H_

#include <memory>
#include <ostream>
#include <string>

#include "engine/batch/batch.h"

namespace cchc {

// A folder gives its .json/.csv/.xlsx files sorted by name (others are skipped with
// a note), a .ndjson/.jsonl file one input per non-blank line, any other
// existing file a batch of one. With `ndjson_text` the NDJSON text is read
// whole into it (it must outlive the inputs); without, a regular NDJSON file
// is read line by line as the workers need it (NdjsonFileInputs). Returns nullptr after printing
// the reason to `err` when there is nothing to score (no such path, an empty folder or NDJSON, an
// unreadable or over-size NDJSON file): invalid input, exit 2.
std::unique_ptr<BatchInputs> OpenBatchInputs(const std::string& input, std::string* ndjson_text,
                                             std::ostream& err);

}  // namespace cchc

#endif  // CCHC_CLI_COMMANDS_BATCH_INPUTS_H_
