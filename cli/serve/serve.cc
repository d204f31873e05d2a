// `cchc serve`: loads the criteria and the commune (or the province's batch),
// binds, prints the address and serves until SIGINT or SIGTERM.
#include "cli/serve/serve.h"

#include <signal.h>
#include <sys/stat.h>

#include <cstdio>
#include <memory>
#include <random>
#include <thread>

#include "cli/commands/commands.h"
#include "cli/commands/load.h"
#include "cli/serve/app.h"
#include "cli/serve/http_server.h"

namespace cchc {
namespace {

bool IsProvinceInput(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return true;
  for (const char* ext : {".ndjson", ".jsonl"}) {
    const std::string e = ext;
    if (path.size() >= e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0)
      return true;
  }
  return false;
}

std::string RandomToken() {
  std::random_device rd;  // /dev/urandom on Linux
  std::string out;
  const char* hex = "0123456789abcdef";
  for (int i = 0; i < 8; ++i) {
    const unsigned v = rd();
    for (int k = 0; k < 4; ++k)
      out += hex[(v >> (k * 8)) & 0xf], out += hex[(v >> (k * 8 + 4)) & 0xf];
  }
  return out;
}

}  // namespace

int RunServe(const ServeOptions& o, std::ostream& out, std::ostream& err) {
  RenderOptions report;
  OutputFormat unused;
  if (!ParseRenderFlags("json", o.lang, &unused, &report, err)) return kExitInvalidInput;
  if (o.port < 0 || o.port > 65535) {
    err << "error: --port must be 0-65535 (0: any free port)\n";
    return kExitInvalidInput;
  }
  if (!o.token.empty() && o.token.size() < 8) {
    err << "error: --token must have at least 8 characters\n";
    return kExitInvalidInput;
  }
  for (char c : o.token) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') {
      err << "error: --token may hold letters, digits, '-' and '_' only\n";
      return kExitInvalidInput;
    }
  }
  std::shared_ptr<const CompiledCriteria> criteria = LoadCriteria(o.criteria, err);
  if (!criteria) return kExitInvalidInput;
  const bool province = IsProvinceInput(o.input);
  if (province && !o.tasks.empty()) {
    err << "error: --tasks goes with one commune's evidence file, not a folder or NDJSON\n";
    return kExitInvalidInput;
  }
  std::unique_ptr<serve::CommuneSession> commune;
  std::unique_ptr<serve::ProvinceSession> batch;
  if (province) {
    batch = serve::ProvinceSession::Open(criteria, o.input, report, err);
    if (!batch) return kExitInvalidInput;
  } else {
    commune = serve::CommuneSession::Open(criteria, o.input, o.tasks, report, err);
    if (!commune) return kExitInvalidInput;
  }

  serve::AppConfig config;
  config.host = o.host;
  config.report = report;
  config.token = o.token;
  // Every request carries a token, on loopback too: another account or program
  // on the same computer must not read or change the commune's evidence.
  if (config.token.empty()) config.token = RandomToken();
  serve::App app(config, criteria, std::move(commune), std::move(batch));
  serve::HttpServer server(&app);

  // SIGINT / SIGTERM end the server cleanly: a thread waits for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  std::string why;
  const int port = server.Bind(o.host, o.port, &why);
  if (port < 0) {
    err << "error: " << why << "; try another --port\n";
    return kExitFailure;
  }
  const bool vi = report.lang == Lang::kVi;
  const std::string host = o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host;
  std::string url = "http://" +
                    (o.host == "0.0.0.0" || o.host == "::" ? std::string("127.0.0.1") : host) +
                    ":" + std::to_string(port) + "/";
  if (!config.token.empty()) url += "?token=" + config.token;
  out << (vi ? "Mở trình duyệt tại địa chỉ: " : "Open in a web browser: ") << url << "\n";
  if (!config.token.empty()) {
    out << (vi ? "Mã truy cập (token): " : "Access token: ") << config.token << "\n";
  }
  out << (vi ? "Nhấn Ctrl+C để dừng." : "Press Ctrl+C to stop.") << std::endl;

  std::thread waiter([&server, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    server.Stop();
  });
  waiter.detach();
  if (!server.Serve()) {
    err << "error: the server stopped unexpectedly\n";
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace cchc
