#include "gongping/server/http/static_files.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace gp::server::http;
namespace fs = std::filesystem;

namespace {
struct TempWebRoot {
  fs::path root = fs::temp_directory_path() / ("gp-static-" + std::to_string(::getpid()));
  TempWebRoot() {
    fs::create_directories(root / "assets");
    std::ofstream(root / "index.html") << "<!doctype html><title>公平</title>";
    std::ofstream(root / "assets" / "app.js") << "console.log(1)";
    std::ofstream(root / ".env") << "SECRET=1";
    std::ofstream(fs::temp_directory_path() / "gp-outside.txt") << "outside";
    fs::create_symlink(fs::temp_directory_path() / "gp-outside.txt", root / "leak.txt");
  }
  ~TempWebRoot() { fs::remove_all(root); }
};
Request get(std::string target) { return Request{Verb::get, target, 11}; }
}  // namespace

TEST_CASE("static files are served with their content type and caching", "[server][static]") {
  TempWebRoot web;
  const auto files = StaticFiles::load(web.root.string());
  auto index = files.serve(get("/"), "/");
  REQUIRE(index);
  CHECK(index->body() == "<!doctype html><title>公平</title>");
  CHECK((*index)[boost::beast::http::field::content_type] == "text/html; charset=utf-8");
  CHECK((*index)[boost::beast::http::field::cache_control] == "no-cache");
  auto js = files.serve(get("/assets/app.js"), "/assets/app.js");
  REQUIRE(js);
  CHECK((*js)[boost::beast::http::field::content_type] == "text/javascript; charset=utf-8");
  CHECK((*js)[boost::beast::http::field::cache_control] == "public, max-age=300");
}

TEST_CASE("a matching ETag gets 304 and HEAD gets no body", "[server][static]") {
  TempWebRoot web;
  const auto files = StaticFiles::load(web.root.string());
  const std::string etag(files.serve(get("/"), "/index.html")->at(boost::beast::http::field::etag));
  auto conditional = get("/index.html");
  conditional.set(boost::beast::http::field::if_none_match, etag);
  CHECK(files.serve(conditional, "/index.html")->result() == Status::not_modified);
  Request head{Verb::head, "/index.html", 11};
  auto res = files.serve(head, "/index.html");
  CHECK(res->body().empty());
  CHECK((*res)[boost::beast::http::field::content_length] == "36");
}

TEST_CASE("dot-files, paths outside the root and symlinks out are not served", "[server][static]") {
  TempWebRoot web;
  const auto files = StaticFiles::load(web.root.string());
  CHECK_FALSE(files.serve(get("/.env"), "/.env"));
  CHECK_FALSE(files.serve(get("/../gp-outside.txt"), "/../gp-outside.txt"));
  CHECK_FALSE(files.serve(get("/leak.txt"), "/leak.txt"));
  CHECK(files.file_count() == 2);
  CHECK(StaticFiles::load("/nonexistent/web/root").file_count() == 0);
}
