#include "gongping/server/config/settings.hpp"

#include <catch2/catch.hpp>

using namespace gp::server::config;

TEST_CASE("settings: file, then environment, then --set", "[server][config]") {
  auto file = gp::common::ConfigFile::parse("database.url = postgresql://file/db\nhttp.port = 9000\n").value();
  auto s = load_settings(file, "", {});
  REQUIRE(s.ok());
  CHECK(s.value().database_url == "postgresql://file/db");
  CHECK(s.value().http_port == 9000);
  CHECK(s.value().io_threads == 2);
  s = load_settings(file, "postgresql://env/db", {"http.port=9100"});
  REQUIRE(s.ok());
  CHECK(s.value().database_url == "postgresql://env/db");
  CHECK(s.value().http_port == 9100);
}

TEST_CASE("unknown keys and bad values name the key", "[server][config]") {
  auto s = load_settings({}, "", {"http.prot=80", "http.port=70000", "auth.cookie_secure=yes"});
  REQUIRE_FALSE(s.ok());
  std::vector<std::string> keys;
  for (const auto& f : s.error().fields) keys.push_back(f.field);
  CHECK(keys == std::vector<std::string>{"auth.cookie_secure", "http.port", "http.prot"});
  CHECK_FALSE(load_settings({}, "", {"no-equals-sign"}).ok());
}

TEST_CASE("the audit origin is one checkpoint line: no spaces, no '+', no line breaks", "[server][config]") {
  CHECK(load_settings({}, "", {"audit.origin=gongping.example/audit"}).value().audit_origin ==
        "gongping.example/audit");
  for (const char* bad : {"audit.origin=", "audit.origin=gongping example", "audit.origin=a+b",
                          "audit.origin=gongping.example/audit\nforged 123"}) {
    const auto s = load_settings({}, "", {bad});
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().fields.at(0).field == "audit.origin");
  }
}
