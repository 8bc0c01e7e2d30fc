#include "gongping/server/http/router.hpp"

#include <catch2/catch.hpp>

using namespace gp::server::http;
using gp::common::Role;

namespace {
boost::asio::awaitable<Response> nothing(RequestContext&) { co_return Response{}; }

Router sample() {
  return Router({
      {Verb::get, "/api/tenders", RouteAccess::anyone(), &nothing},
      {Verb::post, "/api/tenders", RouteAccess::only({Role::official}), &nothing},
      {Verb::get, "/api/tenders/{id}", RouteAccess::anyone(), &nothing},
      {Verb::get, "/api/tenders/drafts", RouteAccess::only({Role::official}), &nothing},
      {Verb::get, "/api/tenders/{id}/bids/{bid}", RouteAccess::signed_in(), &nothing},
  });
}

gp::server::accounts::Principal as(Role role) {
  gp::server::accounts::Principal p;
  p.role = role;
  return p;
}
}  // namespace

TEST_CASE("routes match by method and path, with parameters", "[server][router]") {
  const Router router = sample();
  auto m = router.match(Verb::get, "/api/tenders/T-2026-000123/bids/B-7");
  REQUIRE(std::holds_alternative<RouteMatch>(m));
  const auto& found = std::get<RouteMatch>(m);
  CHECK(found.route->pattern == "/api/tenders/{id}/bids/{bid}");
  CHECK(found.params.at("id") == "T-2026-000123");
  CHECK(found.params.at("bid") == "B-7");
}

TEST_CASE("a literal segment wins over a parameter", "[server][router]") {
  const Router router = sample();
  const auto m = router.match(Verb::get, "/api/tenders/drafts");
  REQUIRE(std::holds_alternative<RouteMatch>(m));
  CHECK(std::get<RouteMatch>(m).route->pattern == "/api/tenders/drafts");
}

TEST_CASE("unknown paths are 404 and known paths with other methods are 405", "[server][router]") {
  const Router router = sample();
  auto missing = router.match(Verb::get, "/api/nothing");
  REQUIRE(std::holds_alternative<RouteMiss>(missing));
  CHECK(std::get<RouteMiss>(missing).allowed.empty());
  auto wrong = router.match(Verb::delete_, "/api/tenders");
  REQUIRE(std::holds_alternative<RouteMiss>(wrong));
  CHECK(std::get<RouteMiss>(wrong).allowed == std::vector<Verb>{Verb::get, Verb::post});
  CHECK(std::holds_alternative<RouteMiss>(router.match(Verb::get, "/api/tenders/")));
  CHECK(std::holds_alternative<RouteMiss>(router.match(Verb::get, "/api/tenders//bids/x")));
}

TEST_CASE("duplicate or malformed routes are refused at start-up", "[server][router]") {
  CHECK_THROWS(
      Router({{Verb::get, "/a", RouteAccess::anyone(), &nothing}, {Verb::get, "/a", RouteAccess::anyone(), &nothing}}));
  CHECK_THROWS(Router({{Verb::get, "no-slash", RouteAccess::anyone(), &nothing}}));
}

TEST_CASE("route access: anyone, signed in, listed roles", "[server][router]") {
  CHECK(RouteAccess::anyone().check(std::nullopt).ok());
  CHECK(RouteAccess::signed_in().check(std::nullopt).error().code == gp::common::ErrorCode::unauthenticated);
  for (Role role : gp::common::kAllRoles) CHECK(RouteAccess::signed_in().check(as(role)).ok());
  const auto admin_only = RouteAccess::only({Role::admin});
  CHECK(admin_only.check(as(Role::admin)).ok());
  CHECK(admin_only.check(as(Role::official)).error().code == gp::common::ErrorCode::forbidden);
  CHECK(admin_only.check(std::nullopt).error().code == gp::common::ErrorCode::unauthenticated);
}
