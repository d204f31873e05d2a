// Where a command's output goes and in which format: --format and the -o
// file's extension resolved together, a UTF-8 BOM for CSV meant for Excel
// (--bom), and the one line on stderr that says what was written.
#ifndef CCHC_CLI_COMMANDS_OUTPUT_H_
#define CCHC_CLI_COMMANDS_OUTPUT_H_

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands/commands.h"
#include "engine/render/score.h"

namespace cchc {

// The format a file name asks for: "xlsx", "html" (.html, .htm), "json",
// "csv" or "md" by its extension, in any case; "" for any other name.
std::string_view FormatOfExtension(std::string_view path);

// The format to write. With --format (`flag` not empty; any case) that
// format, which must agree with a known extension of `path`; without, the extension's
// format, or `fallback` when the extension says nothing. The format must be
// one of `supported`. Otherwise prints what is wrong and how to fix it to
// `err` and returns false (exit 2). `command` names the command in messages.
bool ResolveFormat(std::string_view command, const std::string& flag, const std::string& path,
                   const std::vector<std::string_view>& supported, std::string_view fallback,
                   std::string* format, std::ostream& err);

// ResolveFormat over table, json, csv and md (and xlsx when `xlsx_too`),
// then --lang and --bom (CSV only). `name` gets the format's name.
bool ParseOutputFlags(std::string_view command, const OutputOptions& o, bool xlsx_too,
                      std::string* name, OutputFormat* f, RenderOptions* r, std::ostream& err);

// Writes `data` (after a UTF-8 BOM when o.bom) to o.output atomically, or to
// `out` when there is no -o; then WrittenLine for a file. False after
// printing the reason when the file cannot be written.
bool EmitOutput(std::string data, const OutputOptions& o, std::string_view format, Lang lang,
                std::ostream& out, std::ostream& err);

// "Đã ghi report.html (HTML, 12 KB)." (vi) or "Wrote report.html (HTML,
// 12 KB)." (en) and a newline to `err`: the file's size as it is on disk.
void SayWritten(const std::string& path, std::string_view format, Lang lang, std::ostream& err);

// The size for people: "512 B", "12 KB" (rounded up), "1,5 MB" (vi) / "1.5 MB" (en).
std::string HumanSize(unsigned long long bytes, Lang lang);

}  // namespace cchc

#endif  // CCHC_CLI_COMMANDS_OUTPUT_H_
