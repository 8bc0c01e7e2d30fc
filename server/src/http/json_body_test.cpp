#include "gongping/server/http/json_body.hpp"

#include <catch2/catch.hpp>

using namespace gp::server::http;
using gp::common::ErrorCode;

namespace {
Request json_request(std::string body, std::string type = "application/json") {
  Request req{Verb::post, "/api/x", 11};
  req.set(boost::beast::http::field::content_type, type);
  req.body() = std::move(body);
  return req;
}
}  // namespace

TEST_CASE("a well-formed body yields its fields", "[server][json]") {
  auto body = JsonBody::parse(json_request(R"({"login":"li.na","password":"secret-secret"})"));
  REQUIRE(body.ok());
  CHECK(body.value().required_string("login", 64) == "li.na");
  CHECK(body.value().required_string("password", 64) == "secret-secret");
  CHECK(body.value().finish().ok());
}

TEST_CASE("bodies that are not JSON objects are 400, other media types 415", "[server][json]") {
  CHECK(JsonBody::parse(json_request("{\"a\":")).error().code == ErrorCode::malformed_request);
  CHECK(JsonBody::parse(json_request("[1,2]")).error().code == ErrorCode::malformed_request);
  CHECK(JsonBody::parse(json_request("", "application/json; charset=utf-8")).error().code ==
        ErrorCode::malformed_request);
  CHECK(JsonBody::parse(json_request("{}", "text/plain")).error().code == ErrorCode::unsupported_media_type);
  CHECK(JsonBody::parse(json_request(std::string(100, '[') + std::string(100, ']'))).error().code ==
        ErrorCode::malformed_request);
  std::string deep;
  for (int i = 0; i < 40; ++i) deep += "{\"a\":";
  deep += "1" + std::string(40, '}');
  CHECK(JsonBody::parse(json_request(deep)).error().detail == "The body is nested too deeply.");
  const std::string hostile = "{\"a\":" + std::string(500000, '[') + std::string(500000, ']') + "}";
  CHECK(JsonBody::parse(json_request(hostile)).error().detail == "The body is nested too deeply.");
  CHECK(JsonBody::parse(json_request("{}", "Application/JSON; charset=utf-8")).ok());
}

TEST_CASE("missing, mistyped, too long and unknown fields are all named", "[server][json]") {
  auto body = JsonBody::parse(json_request(R"({"login":7,"name":"abcdef","extra":true})"));
  REQUIRE(body.ok());
  auto& f = body.value();
  f.required_string("login", 64);
  f.required_string("password", 64);
  f.required_string("name", 3);
  const auto done = f.finish();
  REQUIRE_FALSE(done.ok());
  CHECK(done.error().code == ErrorCode::validation_failed);
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& e : done.error().fields) got.emplace_back(e.field, e.problem);
  CHECK(got == std::vector<std::pair<std::string, std::string>>{{"login", "must be a string"},
                                                                {"password", "is required"},
                                                                {"name", "must be at most 3 bytes"},
                                                                {"extra", "is not a known field"}});
}

TEST_CASE("a required string may not be empty", "[server][json]") {
  auto body = JsonBody::parse(json_request(R"({"step":"","note":" "})"));
  REQUIRE(body.ok());
  auto& f = body.value();
  CHECK(f.required_string("step", 40).empty());
  CHECK(f.required_string("note", 40) == " ");
  const auto done = f.finish();
  REQUIRE_FALSE(done.ok());
  REQUIRE(done.error().fields.size() == 1);
  CHECK(done.error().fields[0].field == "step");
  CHECK(done.error().fields[0].problem == "must not be empty");
}

TEST_CASE("each field is named once, with its first problem", "[server][json]") {
  auto body = JsonBody::parse(json_request(R"({"title":""})"));
  REQUIRE(body.ok());
  auto& f = body.value();
  f.required_string("title", 40);
  f.reject("title", "is required");
  f.reject("kind", "is unknown");
  const auto done = f.finish();
  REQUIRE_FALSE(done.ok());
  REQUIRE(done.error().fields.size() == 2);
  CHECK(done.error().fields[0].problem == "must not be empty");
  CHECK(done.error().fields[1].field == "kind");
}
