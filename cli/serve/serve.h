// `cchc serve CRITERIA EVIDENCE|FOLDER|FILE.ndjson`: the self-assessment in a
// browser. Prints the address, then serves until interrupted. docs/serve.md.
#ifndef CCHC_CLI_SERVE_SERVE_H_
#define CCHC_CLI_SERVE_SERVE_H_

#include <ostream>
#include <string>

namespace cchc {

struct ServeOptions {
  std::string criteria;
  std::string input;  // one evidence file (editable), or a folder / .ndjson (province)
  std::string tasks;  // optional task list for the planner
  std::string host = "127.0.0.1";
  int port = 8080;    // 0: any free port
  std::string token;  // required for any host but loopback; generated when empty
  std::string lang = "vi";
};

// Exit codes as the other commands: 2 for invalid input or flags, 1 when the
// address cannot be bound, 0 after a clean stop (SIGINT / SIGTERM).
int RunServe(const ServeOptions& o, std::ostream& out, std::ostream& err);

}  // namespace cchc

#endif  // CCHC_CLI_SERVE_SERVE_H_
