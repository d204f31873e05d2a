// The server's request handling without sockets: the checks every request
// passes (Host, Origin, token, size), then the routes of docs/serve.md.
// Handle() is thread-safe and never throws.
#ifndef CCHC_CLI_SERVE_APP_H_
#define CCHC_CLI_SERVE_APP_H_

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands/load.h"
#include "cli/serve/http_types.h"
#include "cli/serve/session.h"
#include "criteria/input_limits.h"
#include "engine/render/score.h"

namespace cchc::serve {

struct AppConfig {
  std::string host = "127.0.0.1";  // the address bound
  int port = 0;                    // the port bound (Host header check)
  std::string token;               // required on every request when not empty
  RenderOptions report;            // language of the page and the renderers
  size_t max_body_bytes = kMaxRequestBytes;
  int max_json_depth = kMaxRequestJsonDepth;
};

class App {
 public:
  // Exactly one of the sessions is set.
  App(AppConfig config, std::shared_ptr<const CompiledCriteria> criteria,
      std::unique_ptr<CommuneSession> commune, std::unique_ptr<ProvinceSession> province);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  void set_port(int port) { config_.port = port; }
  const AppConfig& config() const { return config_; }

  Response Handle(const Request& request);

 private:
  // Why the request may not go further (a 4xx response), or nothing.
  std::optional<Response> Refuse(const Request& r) const;
  Response Route(const Request& r);
  // The snapshot the request reads: the commune's, or `?unit=` in a province.
  std::shared_ptr<const Snapshot> SnapshotFor(const Request& r, Response* error);

  Response Info(const Request& r);
  Response Score(const Request& r);
  Response Sensitivity(const Request& r);
  Response ItemDetail(const Request& r);
  Response EvidenceGet(const Request& r);
  Response EvidenceSave(const Request& r);
  Response Preview(const Request& r);
  Response WhatIfPost(const Request& r);
  Response Tasks(const Request& r);
  Response TasksApply(const Request& r);
  Response Upload(const Request& r);
  Response History(const Request& r);
  Response ReportHtml(const Request& r);
  Response ReportXlsx(const Request& r);
  Response EvidenceDownload(const Request& r);
  Response EvidenceXlsx(const Request& r);
  Response StaticFile(const Request& r);

  AppConfig config_;
  std::shared_ptr<const CompiledCriteria> criteria_;
  std::unique_ptr<CommuneSession> commune_;
  std::unique_ptr<ProvinceSession> province_;
  std::string schema_json_;
};

}  // namespace cchc::serve

#endif  // CCHC_CLI_SERVE_APP_H_
