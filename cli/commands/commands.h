// The cchc commands as plain functions over option structs, so tests call them
// without CLI11. Each writes results to `out`, diagnostics to `err`, and
// returns the exit code: 0 success, 2 invalid input, 3 partial batch, 1 other.
#ifndef CCHC_CLI_COMMANDS_COMMANDS_H_
#define CCHC_CLI_COMMANDS_COMMANDS_H_

#include <ostream>
#include <string>
#include <vector>

namespace cchc {

enum ExitCode { kExitOk = 0, kExitFailure = 1, kExitInvalidInput = 2, kExitPartial = 3 };

// Options every printing command shares.
struct OutputOptions {
  std::string format = "table";  // table | json | csv | md
  std::string output;            // -o FILE; empty: stdout
  std::string lang = "vi";       // vi | en
};

struct CheckOptions {
  std::string criteria;
  bool quiet = false;  // diagnostics only, no summary
};
int RunCheck(const CheckOptions& o, std::ostream& out, std::ostream& err);

struct FmtOptions {
  std::string criteria;
  bool check = false;  // exit 1 when the file is not canonical
  std::string output;
};
int RunFmt(const FmtOptions& o, std::ostream& out, std::ostream& err);

struct ScoreOptions {
  std::string criteria;
  std::string evidence;
  OutputOptions output;
};
int RunScore(const ScoreOptions& o, std::ostream& out, std::ostream& err);

}  // namespace cchc

#endif  // CCHC_CLI_COMMANDS_COMMANDS_H_
