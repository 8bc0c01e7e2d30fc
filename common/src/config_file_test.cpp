#include "gongping/common/config_file.hpp"

#include <catch2/catch.hpp>

using gp::common::ConfigFile;

TEST_CASE("config files read key = value lines", "[common][config]") {
  const auto config = ConfigFile::parse("# comment\n\nhttp.port = 8080\r\ndatabase.url=postgresql://x/y?a=b\n");
  REQUIRE(config.ok());
  CHECK(config.value().get("http.port") == "8080");
  CHECK(config.value().get("database.url") == "postgresql://x/y?a=b");
  CHECK_FALSE(config.value().get("missing"));
}

TEST_CASE("config errors name the line", "[common][config]") {
  const auto config = ConfigFile::parse("a = 1\nnot a setting\n");
  REQUIRE_FALSE(config.ok());
  REQUIRE(config.error().fields.size() == 1);
  CHECK(config.error().fields[0].field == "line 2");
  CHECK_FALSE(ConfigFile::parse("Bad-Key = 1").ok());
}
