// `cchc serve` (targets: an edit re-scored and answered < 5 ms on localhost,
// the dashboard's requests < 200 ms). Handlers alone (App::Handle), then over
// a real socket on 127.0.0.1 with a keep-alive client. The server runs over a
// copy of the example evidence in a temporary folder, set up once.
#include <benchmark/benchmark.h>
#include <httplib.h>
#include <unistd.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

#include "bench/bench_util.h"
#include "cli/commands/load.h"
#include "cli/serve/app.h"
#include "cli/serve/http_server.h"

namespace cchc::bench::serve_bench {
namespace {

struct ServeFixture {
  std::unique_ptr<serve::App> app;
  std::unique_ptr<serve::HttpServer> server;
  std::thread thread;
  int port = 0;
  std::string edit;  // the example evidence with one value changed

  ServeFixture() {
    std::string dir = "/tmp/cchc-serve-bench-XXXXXX";
    if (!::mkdtemp(dir.data())) std::abort();
    const std::string evidence = dir + "/evidence.json";
    std::string text = ReadFile(kExampleEvidence);
    std::ofstream(evidence, std::ios::binary) << text;
    const size_t at = text.find("\"online\": 875");
    edit = text.replace(at, 13, "\"online\": 990");
    std::ostringstream err;
    std::shared_ptr<const CompiledCriteria> criteria =
        LoadCriteria(std::string(CCHC_SOURCE_DIR) + "/" + kExampleCriteria, err);
    if (!criteria) std::abort();
    RenderOptions report;
    auto session = serve::CommuneSession::Open(criteria, evidence, "", report, err);
    serve::AppConfig config;
    app = std::make_unique<serve::App>(config, criteria, std::move(session), nullptr);
    server = std::make_unique<serve::HttpServer>(app.get());
    std::string why;
    port = server->Bind("127.0.0.1", 0, &why);
    thread = std::thread([this] { server->Serve(); });
  }
  serve::Request Req(const std::string& method, const std::string& path, std::string body = "") {
    serve::Request r;
    r.method = method;
    r.path = path;
    r.headers["host"] = "127.0.0.1:" + std::to_string(port);
    r.body = std::move(body);
    return r;
  }
};

ServeFixture& Shared() {
  static ServeFixture* f = new ServeFixture();  // lives until exit
  return *f;
}

const char* kDashboard[] = {"/", "/style.css", "/i18n.js", "/app.js", "/api/info", "/api/score"};

void BM_ServePreviewHandler(benchmark::State& state) {
  ServeFixture& f = Shared();
  serve::Request r = f.Req("POST", "/api/preview", f.edit);
  for (auto _ : state) {
    serve::Response out = f.app->Handle(r);
    if (out.status != 200) state.SkipWithError("preview failed");
    benchmark::DoNotOptimize(out.body.data());
  }
}
BENCHMARK(BM_ServePreviewHandler)->Unit(benchmark::kMicrosecond);

void BM_ServeScoreHandler(benchmark::State& state) {
  ServeFixture& f = Shared();
  serve::Request r = f.Req("GET", "/api/score");
  for (auto _ : state) benchmark::DoNotOptimize(f.app->Handle(r).body.data());
}
BENCHMARK(BM_ServeScoreHandler)->Unit(benchmark::kMicrosecond);

// An edit as the page sends it: POST the edited evidence, read the preview.
void BM_ServePreviewHttp(benchmark::State& state) {
  ServeFixture& f = Shared();
  httplib::Client c("127.0.0.1", f.port);
  c.set_keep_alive(true);
  c.set_tcp_nodelay(true);  // as browsers do
  for (auto _ : state) {
    auto r = c.Post("/api/preview", f.edit, "application/json");
    if (!r || r->status != 200) state.SkipWithError("preview failed");
  }
}
BENCHMARK(BM_ServePreviewHttp)->Unit(benchmark::kMicrosecond)->UseRealTime();

// Everything the dashboard requests on a first load, one after another.
void BM_ServeDashboardHttp(benchmark::State& state) {
  ServeFixture& f = Shared();
  httplib::Client c("127.0.0.1", f.port);
  c.set_keep_alive(true);
  c.set_tcp_nodelay(true);  // as browsers do
  for (auto _ : state) {
    for (const char* path : kDashboard) {
      auto r = c.Get(path);
      if (!r || r->status != 200) state.SkipWithError(path);
    }
  }
}
BENCHMARK(BM_ServeDashboardHttp)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace
}  // namespace cchc::bench::serve_bench
