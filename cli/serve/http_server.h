// The HTTP side: cpp-httplib turns sockets into Requests for an App and sends
// its Responses back. Only http_server.cc includes httplib.h.
#ifndef CCHC_CLI_SERVE_HTTP_SERVER_H_
#define CCHC_CLI_SERVE_HTTP_SERVER_H_

#include <functional>
#include <memory>
#include <string>

#include "cli/serve/app.h"

namespace cchc::serve {

class HttpServer {
 public:
  explicit HttpServer(App* app);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds host:port (port 0: any free port); the bound port, or -1 with
  // *error set. Tells the app its port (for the Host check).
  int Bind(const std::string& host, int port, std::string* error);
  // Serves until Stop(); returns false if the socket failed.
  bool Serve();
  // Thread-safe; Serve() returns soon after.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cchc::serve

#endif  // CCHC_CLI_SERVE_HTTP_SERVER_H_
