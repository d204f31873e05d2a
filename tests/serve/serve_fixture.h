// Shared setup for the server tests: a temporary folder with a copy of the
// example evidence, an App over it, and helpers to build requests.
#ifndef CCHC_TESTS_SERVE_SERVE_FIXTURE_H_
#define CCHC_TESTS_SERVE_SERVE_FIXTURE_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "cli/commands/commands.h"
#include "cli/commands/load.h"
#include "cli/serve/app.h"
#include "cli/serve/session.h"

namespace cchc::servetest {

inline const std::string kCriteria =
    std::string(CCHC_SOURCE_DIR) + "/examples/thai-nguyen-2026/criteria.cchc";
inline const std::string kEvidence =
    std::string(CCHC_SOURCE_DIR) + "/examples/an-khanh-2026/evidence.json";
inline const std::string kTasks =
    std::string(CCHC_SOURCE_DIR) + "/examples/an-khanh-2026/tasks.json";
inline const std::string kScenario =
    std::string(CCHC_SOURCE_DIR) + "/examples/an-khanh-2026/scenario-dialogue.json";

inline std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

inline void WriteFile(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary);
  out << data;
}

inline std::string MakeTempDir(const std::string& name) {
  std::string tmpl = ::testing::TempDir() + "cchc-" + name + "-XXXXXX";
  if (!::mkdtemp(tmpl.data())) return "";
  return tmpl;
}

inline serve::Request Get(const std::string& path, int port = 8080) {
  serve::Request r;
  r.method = "GET";
  const size_t q = path.find('?');
  r.path = path.substr(0, q);
  if (q != std::string::npos) {
    std::string rest = path.substr(q + 1);
    size_t pos = 0;
    while (pos <= rest.size()) {
      size_t amp = rest.find('&', pos);
      if (amp == std::string::npos) amp = rest.size();
      const std::string kv = rest.substr(pos, amp - pos);
      const size_t eq = kv.find('=');
      if (!kv.empty())
        r.query.emplace(kv.substr(0, eq), eq == std::string::npos ? "" : kv.substr(eq + 1));
      pos = amp + 1;
    }
  }
  r.headers["host"] = "127.0.0.1:" + std::to_string(port);
  return r;
}

inline serve::Request Post(const std::string& path, std::string body, int port = 8080) {
  serve::Request r = Get(path, port);
  r.method = "POST";
  r.body = std::move(body);
  return r;
}

// An App over a copy of the example evidence in a fresh folder.
class ServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir("serve");
    ASSERT_FALSE(dir_.empty());
    evidence_ = dir_ + "/evidence.json";
    WriteFile(evidence_, Slurp(kEvidence));
    app_ = MakeApp(evidence_, kTasks, "");
    ASSERT_NE(app_, nullptr);
  }
  void TearDown() override { std::system(("rm -rf '" + dir_ + "'").c_str()); }

  static std::unique_ptr<serve::App> MakeApp(const std::string& evidence, const std::string& tasks,
                                             const std::string& token, Lang lang = Lang::kVi) {
    std::ostringstream err;
    std::shared_ptr<const CompiledCriteria> criteria = LoadCriteria(kCriteria, err);
    if (!criteria) return nullptr;
    RenderOptions report;
    report.lang = lang;
    auto session = serve::CommuneSession::Open(criteria, evidence, tasks, report, err);
    if (!session) return nullptr;
    serve::AppConfig config;
    config.port = 8080;
    config.token = token;
    config.report = report;
    return std::make_unique<serve::App>(config, criteria, std::move(session), nullptr);
  }

  std::string dir_, evidence_;
  std::unique_ptr<serve::App> app_;
};

}  // namespace cchc::servetest

#endif  // CCHC_TESTS_SERVE_SERVE_FIXTURE_H_
