// Request/response helpers shared by the handlers.
#include "cli/serve/http_types.h"

#include <cstdio>

namespace cchc::serve {

std::string Request::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

std::string Request::Query(const std::string& name) const {
  auto it = query.find(name);
  return it == query.end() ? std::string() : it->second;
}

std::string JsonQuote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
  return out;
}

Response JsonError(int status, std::string_view code, std::string_view message) {
  Response r;
  r.status = status;
  r.body =
      "{\"error\": {\"code\": " + JsonQuote(code) + ", \"message\": " + JsonQuote(message) + "}}\n";
  return r;
}

Response JsonOk(std::string json) {
  Response r;
  r.body = std::move(json);
  return r;
}

Response Download(std::string body, std::string content_type, const std::string& file_name) {
  Response r;
  r.body = std::move(body);
  r.content_type = std::move(content_type);
  // The names we give are ASCII (unit codes are sanitised by the caller).
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
  return r;
}

int JsonDepth(std::string_view text) {
  int depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > deepest) deepest = depth;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

}  // namespace cchc::serve
