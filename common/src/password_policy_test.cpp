#include "gongping/common/password_policy.hpp"

#include <catch2/catch.hpp>

using gp::common::check_password;

TEST_CASE("password policy", "[common][password]") {
  CHECK_FALSE(check_password("a-long-enough-secret", "official1"));
  CHECK(check_password("short", "x") == "must be at least 10 characters");
  CHECK(check_password(std::string(129, 'a') + "b", "x") == "must be at most 128 characters");
  CHECK(check_password("aaaaaaaaaaaa", "x") == "must not repeat a single character");
  CHECK(check_password("official-one", "official-one") == "must differ from the login name");
}
