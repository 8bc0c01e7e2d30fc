#include "gongping/server/api/routes.hpp"

#include <rapidjson/document.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>

using namespace gp::server;

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}
}  // namespace

TEST_CASE("every registered route is in openapi.json with the same roles", "[server][openapi]") {
  rapidjson::Document doc;
  const std::string text = api::bundled_openapi();
  doc.Parse(text.c_str());
  REQUIRE(doc.IsObject());
  CHECK(std::string(doc["openapi"].GetString()) == "3.1.0");
  const auto& paths = doc["paths"];
  for (const auto& route : api::api_routes()) {
    const std::string method = lower(http::beast_http::to_string(route.method));
    INFO(method << " " << route.pattern);
    REQUIRE(paths.HasMember(route.pattern.c_str()));
    REQUIRE(paths[route.pattern.c_str()].HasMember(method.c_str()));
    const auto& roles = paths[route.pattern.c_str()][method.c_str()]["x-roles"];
    if (route.access.is_public()) {
      CHECK((roles.IsString() && std::string(roles.GetString()) == "anyone"));
    } else {
      REQUIRE(roles.IsArray());
      std::vector<std::string> documented;
      for (const auto& r : roles.GetArray()) documented.emplace_back(r.GetString());
      std::vector<std::string> declared;
      for (const auto r : route.access.roles()) declared.emplace_back(gp::common::to_string(r));
      CHECK(documented == declared);
    }
  }
}

TEST_CASE("openapi.json documents no route that does not exist", "[server][openapi]") {
  rapidjson::Document doc;
  const std::string text = api::bundled_openapi();
  doc.Parse(text.c_str());
  const auto routes = api::api_routes();
  for (const auto& path : doc["paths"].GetObject()) {
    for (const auto& op : path.value.GetObject()) {
      const std::string p = path.name.GetString();
      const std::string m = op.name.GetString();
      INFO(m << " " << p);
      CHECK(std::any_of(routes.begin(), routes.end(), [&](const http::Route& r) {
        return r.pattern == p && lower(http::beast_http::to_string(r.method)) == m;
      }));
    }
  }
}
