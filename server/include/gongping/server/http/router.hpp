#pragma once
// Router: the table that maps method + path to a handler and says who may call it.
//
// Patterns are absolute paths whose segments are literals or `{name}` (one non-empty segment).
// match() answers the route and its parameters, or why nothing matched: no route has the path
// (404) or routes have it for other methods (405, with the methods for the Allow header).
// Immutable after construction, so concurrent match() calls are safe.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "gongping/common/result.hpp"
#include "gongping/common/role.hpp"
#include "gongping/server/accounts/principal.hpp"
#include "gongping/server/http/types.hpp"
#include "gongping/server/http/websocket.hpp"

namespace gp::server::http {

struct RequestContext;

// Who may call a route: anyone (no session needed), or signed-in accounts of the listed roles.
class RouteAccess {
 public:
  static RouteAccess anyone() { return RouteAccess(true, {}); }
  // Anyone; a valid session, when one is presented, is resolved so the handler can show more.
  static RouteAccess anyone_or_signed_in() {
    RouteAccess a(true, {});
    a.resolves_session_ = true;
    return a;
  }
  static RouteAccess signed_in() { return RouteAccess(false, {common::kAllRoles.begin(), common::kAllRoles.end()}); }
  static RouteAccess only(std::vector<common::Role> roles) { return RouteAccess(false, std::move(roles)); }

  bool is_public() const { return public_; }
  bool resolves_session() const { return !public_ || resolves_session_; }
  const std::vector<common::Role>& roles() const { return roles_; }
  // Ok, unauthenticated (no principal) or forbidden (a role not listed).
  common::Result<void> check(const std::optional<accounts::Principal>& principal) const;

 private:
  RouteAccess(bool is_public, std::vector<common::Role> roles) : public_(is_public), roles_(std::move(roles)) {}
  bool public_;
  bool resolves_session_ = false;
  std::vector<common::Role> roles_;
};

using Handler = boost::asio::awaitable<Response> (*)(RequestContext&);

struct Route {
  Verb method;
  std::string pattern;
  RouteAccess access;
  Handler handler;
  // The handler reads the body itself through RequestContext::body (uploads), up to this many
  // bytes; 0: the body is read whole first, within http.body_limit_bytes.
  std::size_t streamed_body_limit = 0;
  // Set for routes that also answer a WebSocket upgrade (see websocket.hpp).
  WebSocketHandler websocket = nullptr;
  // False for routes whose request counts would tell how many bids there are (Tendering Law
  // Art. 22): they are left out of /metrics altogether.
  bool counted_in_metrics = true;
};

using PathParams = std::map<std::string, std::string, std::less<>>;

struct RouteMatch {
  const Route* route;
  PathParams params;
};

struct RouteMiss {
  std::vector<Verb> allowed;  // empty: no route has this path
};

class Router {
 public:
  // Throws std::invalid_argument for a malformed pattern or a duplicate method + pattern.
  explicit Router(std::vector<Route> routes);

  std::variant<RouteMatch, RouteMiss> match(Verb method, std::string_view path) const;
  // The streamed-body limit of the route this request goes to; 0 when its body is read whole.
  std::size_t streamed_body_limit(Verb method, std::string_view target) const;
  // The WebSocket route this upgrade request goes to, with its parameters; nullopt if none.
  std::optional<RouteMatch> websocket_route(std::string_view target) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Compiled {
    std::vector<std::string> segments;  // "{name}" marks a parameter
    int parameters = 0;
  };
  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;  // parallel to routes_, split once at construction
};

}  // namespace gp::server::http
