#include "gongping/server/http/problem.hpp"

#include <rapidjson/document.h>
#include <catch2/catch.hpp>

#include "gongping/common/result.hpp"

#include <set>

using namespace gp::server::http;
using gp::common::ErrorCode;

TEST_CASE("every error code has its own problem type", "[server][problem]") {
  std::set<std::string_view> slugs;
  for (ErrorCode code : gp::common::all_error_codes()) {
    INFO(gp::common::to_string(code));
    CHECK(has_problem_kind(code));
    slugs.insert(problem_kind(code).slug);
  }
  CHECK(slugs.size() == gp::common::all_error_codes().size());
}

TEST_CASE("problem bodies follow RFC 9457 and name the fields", "[server][problem]") {
  auto error = gp::common::Error::validation({{"uscc", "must be 18 characters, got 3"}});
  const Response res = problem_response(error, "/api/enterprises", "req-1", 11);
  CHECK(res.result() == Status::unprocessable_entity);
  CHECK(res[boost::beast::http::field::content_type] == "application/problem+json");
  rapidjson::Document body;
  body.Parse(res.body().c_str());
  REQUIRE(body.IsObject());
  CHECK(std::string(body["type"].GetString()) == "/problems/validation-failed");
  CHECK(body["status"].GetInt() == 422);
  CHECK(std::string(body["instance"].GetString()) == "/api/enterprises");
  CHECK(std::string(body["request_id"].GetString()) == "req-1");
  CHECK(std::string(body["errors"][0]["field"].GetString()) == "uscc");
}

TEST_CASE("rate limits say when to retry and internal details stay inside", "[server][problem]") {
  auto error = gp::common::make_error(ErrorCode::rate_limited, "Too many failed logins.");
  error.retry_after_seconds = 900;
  error.log_detail = "secret table name";
  const Response res = problem_response(error, "/api/session", "r", 11);
  CHECK(res.result() == Status::too_many_requests);
  CHECK(res[boost::beast::http::field::retry_after] == "900");
  CHECK(res.body().find("secret") == std::string::npos);
}
