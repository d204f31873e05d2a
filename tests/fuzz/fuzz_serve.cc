// libFuzzer target: the server's request handlers. The first byte picks the
// route, the rest is the JSON (or CSV) body. Every answer must be a status
// in 200-599 with a JSON body that parses, and a 4xx must carry an error.
// The commune is a copy of the example evidence in a temporary folder.
#include <stdlib.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli/commands/load.h"
#include "cli/serve/app.h"

namespace {

cchc::serve::App* MakeApp() {
  static std::string dir = [] {
    std::string t = "/tmp/cchc-fuzz-serve-XXXXXX";
    return ::mkdtemp(t.data()) ? t : std::string("/tmp");
  }();
  const std::string src = CCHC_SOURCE_DIR;
  const std::string evidence = dir + "/evidence.json";
  {
    std::ifstream in(src + "/examples/an-khanh-2026/evidence.json", std::ios::binary);
    std::ofstream out(evidence, std::ios::binary);
    out << in.rdbuf();
  }
  std::ostringstream err;
  std::shared_ptr<const cchc::CompiledCriteria> criteria =
      cchc::LoadCriteria(src + "/examples/thai-nguyen-2026/criteria.cchc", err);
  if (!criteria) abort();
  cchc::RenderOptions report;
  auto session = cchc::serve::CommuneSession::Open(
      criteria, evidence, src + "/examples/an-khanh-2026/tasks.json", report, err);
  if (!session) abort();
  cchc::serve::AppConfig config;
  config.port = 8080;
  return new cchc::serve::App(config, criteria, std::move(session), nullptr);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static cchc::serve::App* app = MakeApp();
  if (size == 0) return 0;
  static const char* kRoutes[] = {
      "/api/preview",
      "/api/whatif",
      "/api/tasks/apply",
      "/api/upload?name=f.json&mode=merge",
      "/api/upload?name=f.csv&mode=replace",
      "/api/evidence?version=999999",
      "/api/whatif?source=x",
  };
  cchc::serve::Request r;
  r.method = "POST";
  std::string target = kRoutes[data[0] % (sizeof kRoutes / sizeof *kRoutes)];
  const size_t q = target.find('?');
  r.path = target.substr(0, q);
  if (q != std::string::npos) {
    std::string rest = target.substr(q + 1);
    size_t pos = 0;
    while (pos < rest.size()) {
      size_t amp = rest.find('&', pos);
      if (amp == std::string::npos) amp = rest.size();
      const std::string kv = rest.substr(pos, amp - pos);
      const size_t eq = kv.find('=');
      r.query.emplace(kv.substr(0, eq), kv.substr(eq + 1));
      pos = amp + 1;
    }
  }
  r.headers["host"] = "127.0.0.1:8080";
  r.body.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  cchc::serve::Response out = app->Handle(r);
  if (out.status < 200 || out.status > 599) abort();
  auto j = nlohmann::json::parse(out.body, nullptr, false);
  if (j.is_discarded()) abort();
  if (out.status >= 400 && !j.contains("error")) abort();
  return 0;
}
