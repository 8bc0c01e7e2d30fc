#include "gongping/server/http/request_context.hpp"

#include <catch2/catch.hpp>

using namespace gp::server::http;

TEST_CASE("the session token comes from the bearer header, else the cookie", "[server][auth]") {
  Request req{Verb::get, "/api/session", 11};
  CHECK(session_token_of(req).empty());
  req.set(boost::beast::http::field::cookie, "theme=dark; gp_session=abc123; lang=zh");
  CHECK(session_token_of(req) == "abc123");
  req.set(boost::beast::http::field::authorization, "Bearer xyz");
  CHECK(session_token_of(req) == "xyz");
  req.set(boost::beast::http::field::authorization, "Basic dXNlcjpwYXNz");
  CHECK(session_token_of(req) == "abc123");
  req.set(boost::beast::http::field::cookie, "not_gp_session=1");
  CHECK(session_token_of(req).empty());
}
