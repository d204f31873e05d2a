// cpp-httplib glue: every method and path goes to App::Handle; the library's
// own errors (a body over the limit, a broken request) become JSON errors,
// and an exception from a handler is caught here, the one place.
#include "cli/serve/http_server.h"

#include <httplib.h>

#include <cctype>

namespace cchc::serve {
namespace {

// Enough workers that 50 keep-alive clients do not wait for one another.
constexpr size_t kWorkers = 64;

Request FromHttplib(const httplib::Request& in) {
  Request out;
  out.method = in.method;
  out.path = in.path;
  for (const auto& [k, v] : in.params) out.query.emplace(k, v);
  for (const auto& [k, v] : in.headers) {
    std::string name;
    for (char c : k) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers.emplace(std::move(name), v);
  }
  out.body = in.body;
  return out;
}

void ToHttplib(const Response& in, const std::string& method, httplib::Response* out) {
  out->status = in.status;
  for (const auto& [k, v] : in.headers) out->set_header(k, v);
  if (method == "HEAD") {
    out->set_header("Content-Type", in.content_type);
    return;
  }
  out->set_content(in.body, in.content_type.c_str());
}

std::string ErrorJson(const std::string& code, const std::string& message) {
  return JsonError(400, code, message).body;
}

}  // namespace

struct HttpServer::Impl {
  App* app;
  httplib::Server server;
};

HttpServer::HttpServer(App* app) : impl_(std::make_unique<Impl>()) {
  impl_->app = app;
  httplib::Server& s = impl_->server;
  s.new_task_queue = [] { return new httplib::ThreadPool(kWorkers); };
  s.set_payload_max_length(app->config().max_body_bytes);
  // Headers and body go out in separate writes: without TCP_NODELAY, Nagle
  // and the client's delayed ACK add ~40 ms to every response.
  s.set_tcp_nodelay(true);
  s.set_keep_alive_max_count(10000);
  s.set_keep_alive_timeout(5);
  s.set_read_timeout(10, 0);
  s.set_write_timeout(10, 0);
  auto handler = [app](const httplib::Request& req, httplib::Response& res) {
    ToHttplib(app->Handle(FromHttplib(req)), req.method, &res);
  };
  const std::string any = "/.*";
  s.Get(any, handler);
  s.Post(any, handler);
  s.Put(any, handler);
  s.Patch(any, handler);
  s.Delete(any, handler);
  s.Options(any, handler);
  s.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    const int status = res.status;
    std::string code = status == 413 ? "too_large" : status == 404 ? "not_found" : "bad_request";
    std::string message =
        status == 413   ? "the request body is over the size limit"
        : status == 404 ? "no such page"
                        : "the request could not be read (HTTP " + std::to_string(status) + ")";
    res.set_content(ErrorJson(code, message), "application/json; charset=utf-8");
  });
  s.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "internal error";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = std::string("internal error: ") + e.what();
        } catch (...) {
        }
        res.status = 500;
        res.set_content(JsonError(500, "internal", what).body, "application/json; charset=utf-8");
      });
}

HttpServer::~HttpServer() { Stop(); }

int HttpServer::Bind(const std::string& host, int port, std::string* error) {
  int bound = -1;
  if (port == 0) {
    bound = impl_->server.bind_to_any_port(host);
  } else if (impl_->server.bind_to_port(host, port)) {
    bound = port;
  }
  if (bound < 0) {
    *error = "cannot listen on " + host + ":" + std::to_string(port) +
             " (in use, or not an address of this computer)";
    return -1;
  }
  impl_->app->set_port(bound);
  return bound;
}

bool HttpServer::Serve() { return impl_->server.listen_after_bind(); }

void HttpServer::Stop() {
  if (impl_) impl_->server.stop();
}

}  // namespace cchc::serve
