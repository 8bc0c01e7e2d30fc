#include "gongping/server/db/sql_arrays.hpp"

#include <catch2/catch.hpp>

using namespace gp::server::db;

TEST_CASE("array literals quote and escape every element", "[server][sql]") {
  CHECK(pg_bigint_array({}) == "{}");
  CHECK(pg_bigint_array({1, -2, 3000000000}) == "{1,-2,3000000000}");
  CHECK(pg_text_array(std::vector<std::string>{"a", "b c", "q\"uote", "back\\slash", "{x,y}", "公平"}) ==
        R"({"a","b c","q\"uote","back\\slash","{x,y}","公平"})");
  CHECK(pg_text_array(std::vector<std::optional<std::string>>{"NULL", std::nullopt}) == R"({"NULL",NULL})");
}

TEST_CASE("text arrays as PostgreSQL prints them read back", "[db]") {
  using gp::server::db::parse_pg_text_array;
  CHECK(parse_pg_text_array("{}").empty());
  CHECK(parse_pg_text_array("{E-000001,E-000002}") == std::vector<std::string>{"E-000001", "E-000002"});
  CHECK(parse_pg_text_array(R"({"a b","c,d","e\"f",网络})") == std::vector<std::string>{"a b", "c,d", "e\"f", "网络"});
  CHECK(parse_pg_text_array(R"({""})") == std::vector<std::string>{""});
}
