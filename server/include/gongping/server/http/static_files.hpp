#pragma once
// StaticFiles: the web UI's files (web/public by default), read into memory once at start-up so
// that serving them never blocks an I/O thread.
//
// Paths map to files under the root; "/" serves index.html. Content types come from the extension;
// HTML is revalidated on every load (Cache-Control: no-cache), other assets are cached for five
// minutes; every file has a strong ETag (SHA-256) and If-None-Match answers 304. Files larger than
// 8 MiB, dot-files and symlinks leaving the root are not served. Immutable after load: thread-safe.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "gongping/server/http/types.hpp"

namespace gp::server::http {

class StaticFiles {
 public:
  // Missing root: serves nothing (API-only deployments). Throws on unreadable files.
  static StaticFiles load(const std::string& root);

  // nullopt when no such file; HEAD gets the headers only.
  std::optional<Response> serve(const Request& request, std::string_view path) const;
  std::size_t file_count() const { return files_.size(); }

  static std::string_view content_type_for(std::string_view path);

 private:
  struct File {
    std::string content;
    std::string content_type;
    std::string etag;
    std::string cache_control;
  };
  std::map<std::string, File, std::less<>> files_;
};

}  // namespace gp::server::http
