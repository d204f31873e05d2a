// Runs the real `cchc` binary (CCHC_BINARY) from the CLI tests: exit status,
// captured stderr, and whether it died by a signal or hung.
#ifndef CCHC_TESTS_CLI_CLI_RUN_H_
#define CCHC_TESTS_CLI_CLI_RUN_H_

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace cchc::clitest {

struct RunResult {
  int exit_code = -1;     // valid when !signaled
  bool signaled = false;  // killed by a signal (a crash)
  bool timed_out = false;
  std::string err;  // stderr
  std::string out;  // stdout
};

// Single-quotes `s` for /bin/sh.
inline std::string ShellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

inline std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

// Runs `cchc ARGS...` in the source directory with a time limit (a hang is a
// failure), capturing stdout and stderr in temporary files.
inline RunResult RunCchc(const std::vector<std::string>& args, int timeout_seconds = 60) {
  static int counter = 0;
  const std::string base = ::testing::TempDir() + "cchc-run-" + std::to_string(::getpid()) + "-" +
                           std::to_string(counter++);
  std::string cmd = "cd " + ShellQuote(CCHC_SOURCE_DIR) + " && timeout -s KILL " +
                    std::to_string(timeout_seconds) + " " + ShellQuote(CCHC_BINARY);
  for (const auto& a : args) cmd += " " + ShellQuote(a);
  cmd += " >" + ShellQuote(base + ".out") + " 2>" + ShellQuote(base + ".err") + " </dev/null";
  const int status = std::system(cmd.c_str());
  RunResult r;
  r.out = Slurp(base + ".out");
  r.err = Slurp(base + ".err");
  std::remove((base + ".out").c_str());
  std::remove((base + ".err").c_str());
  if (status == -1 || !WIFEXITED(status)) {
    r.signaled = true;
    return r;
  }
  r.exit_code = WEXITSTATUS(status);
  // The shell reports a child killed by signal N as 128+N; timeout's KILL is 137.
  if (r.exit_code == 137) r.timed_out = true;
  if (r.exit_code > 128) r.signaled = true;
  return r;
}

}  // namespace cchc::clitest

#endif  // CCHC_TESTS_CLI_CLI_RUN_H_
