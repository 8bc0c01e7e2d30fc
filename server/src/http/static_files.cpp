#include "gongping/server/http/static_files.hpp"

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "gongping/common/crypto.hpp"

namespace gp::server::http {
namespace {

namespace fs = std::filesystem;
constexpr std::uintmax_t kMaxFileBytes = 8 * 1024 * 1024;

constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kTypes = {{
    {".html", "text/html; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".json", "application/json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".ico", "image/x-icon"},
    {".txt", "text/plain; charset=utf-8"},
    {".woff2", "font/woff2"},
    {".webmanifest", "application/manifest+json"},
    {".map", "application/json"},
    {".wasm", "application/wasm"},
}};

}  // namespace

std::string_view StaticFiles::content_type_for(std::string_view path) {
  const auto dot = path.rfind('.');
  if (dot != std::string_view::npos) {
    const auto ext = path.substr(dot);
    for (const auto& [e, type] : kTypes) {
      if (e == ext) return type;
    }
  }
  return "application/octet-stream";
}

StaticFiles StaticFiles::load(const std::string& root_text) {
  StaticFiles out;
  std::error_code ec;
  const fs::path root = fs::weakly_canonical(root_text, ec);
  if (ec || !fs::is_directory(root)) return out;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    const auto name = it->path().filename().string();
    if (!name.empty() && name.front() == '.') {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file() || it->file_size() > kMaxFileBytes) continue;
    const fs::path real = fs::canonical(it->path());
    const auto relative = real.lexically_relative(root).generic_string();
    if (relative.empty() || relative.rfind("..", 0) == 0) continue;  // a symlink out of the root
    std::ifstream in(real, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in && !in.eof()) throw std::runtime_error("cannot read " + real.string());
    File f;
    f.content = content.str();
    f.content_type = std::string(content_type_for(relative));
    f.etag = "\"" + common::to_hex(common::sha256(f.content)).substr(0, 32) + "\"";
    f.cache_control = f.content_type.rfind("text/html", 0) == 0 ? "no-cache" : "public, max-age=300";
    out.files_.emplace("/" + relative, std::move(f));
  }
  return out;
}

std::optional<Response> StaticFiles::serve(const Request& request, std::string_view path) const {
  const auto it = files_.find(path == "/" ? std::string_view("/index.html") : path);
  if (it == files_.end()) return std::nullopt;
  const File& f = it->second;
  Response res{Status::ok, request.version()};
  res.set(beast_http::field::etag, f.etag);
  res.set(beast_http::field::cache_control, f.cache_control);
  res.set(beast_http::field::content_type, f.content_type);
  if (request[beast_http::field::if_none_match] == f.etag) {
    res.result(Status::not_modified);
    return res;
  }
  if (request.method() == Verb::head) {
    res.content_length(f.content.size());
  } else {
    res.body() = f.content;
    res.prepare_payload();
  }
  return res;
}

}  // namespace gp::server::http
