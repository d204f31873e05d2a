// The server's own request and response types: the HTTP library fills a
// Request and sends a Response, so the handlers are plain functions that the
// tests call without sockets.
#ifndef CCHC_CLI_SERVE_HTTP_TYPES_H_
#define CCHC_CLI_SERVE_HTTP_TYPES_H_

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cchc::serve {

struct Request {
  std::string method;                          // "GET", "POST", ...
  std::string path;                            // decoded, without the query
  std::map<std::string, std::string> query;    // decoded; a repeated key keeps the first value
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;

  // The header's value (name in lower case), or "".
  std::string Header(const std::string& lower_name) const;
  // The query parameter's value, or "".
  std::string Query(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
};

// {"error": {"code": CODE, "message": MESSAGE}} with the given status.
Response JsonError(int status, std::string_view code, std::string_view message);
// A 200 JSON response whose body is `json` as is.
Response JsonOk(std::string json);
// A download: the body with Content-Disposition: attachment; filename=...
Response Download(std::string body, std::string content_type, const std::string& file_name);

// JSON string literal (quotes included) for `s`, which must be valid UTF-8.
std::string JsonQuote(std::string_view s);

// The deepest nesting of arrays and objects in a JSON text (strings skipped),
// so that a hostile body is refused before any recursive parser sees it.
int JsonDepth(std::string_view text);

}  // namespace cchc::serve

#endif  // CCHC_CLI_SERVE_HTTP_TYPES_H_
