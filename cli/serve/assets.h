// The page's files (web/), embedded into the binary at build time by
// embed_assets.cmake: the server reads no file to serve them.
#ifndef CCHC_CLI_SERVE_ASSETS_H_
#define CCHC_CLI_SERVE_ASSETS_H_

#include <cstddef>
#include <string_view>

namespace cchc::serve {

struct Asset {
  const char* path;          // "/index.html", "/app.js", ...
  const char* content_type;  // with charset for text
  const unsigned char* data;
  size_t size;
};

// The embedded file at `path`, or null. Paths are compared as strings only.
const Asset* FindAsset(std::string_view path);

}  // namespace cchc::serve

#endif  // CCHC_CLI_SERVE_ASSETS_H_
