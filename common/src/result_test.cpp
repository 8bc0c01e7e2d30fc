#include "gongping/common/result.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

using namespace gp::common;

TEST_CASE("Result holds a value or an error, never both", "[common]") {
  Result<int> good = 42;
  REQUIRE(good.ok());
  CHECK(good.value() == 42);
  CHECK_THROWS_AS(good.error(), std::logic_error);

  Result<int> bad = make_error(ErrorCode::not_found, "no such tender");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == ErrorCode::not_found);
  CHECK_THROWS_AS(bad.value(), std::logic_error);
}

TEST_CASE("validation errors list every field in the detail", "[common]") {
  const Error e = Error::validation({{"uscc", "bad"}, {"password", "short"}});
  CHECK(e.code == ErrorCode::validation_failed);
  CHECK(e.detail == "Some fields are invalid: uscc, password");
}

TEST_CASE("every error code has a distinct stable name", "[common]") {
  std::set<std::string_view> names;
  for (ErrorCode code : all_error_codes()) names.insert(to_string(code));
  CHECK(names.size() == all_error_codes().size());
  CHECK(to_string(ErrorCode::credentials_invalid) == "credentials_invalid");
}
