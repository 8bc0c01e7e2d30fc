#include "gongping/server/http/request_handler.hpp"

#include <array>
#include <chrono>
#include <random>

#include "gongping/common/crypto.hpp"
#include "gongping/server/http/request_context.hpp"

namespace gp::server::http {
namespace {

using common::ErrorCode;

// Request ids only need to be unique enough to find a request in the logs, not unpredictable: a
// per-thread generator seeded from OpenSSL avoids RAND_bytes' locking on every request.
std::string new_request_id() {
  thread_local std::mt19937_64 generator = [] {
    const auto seed = common::random_bytes(8);
    std::uint64_t value = 0;
    for (auto b : seed) value = value << 8 | b;
    return std::mt19937_64(value);
  }();
  std::array<std::uint8_t, 12> bytes;
  const std::uint64_t a = generator();
  const std::uint64_t b = generator();
  for (std::size_t i = 0; i < 8; ++i) bytes[i] = static_cast<std::uint8_t>(a >> (8 * i));
  for (std::size_t i = 0; i < 4; ++i) bytes[8 + i] = static_cast<std::uint8_t>(b >> (8 * i));
  return common::to_hex(bytes);
}

std::string allow_header(const std::vector<Verb>& verbs) {
  std::string out;
  for (const auto v : verbs) {
    if (!out.empty()) out += ", ";
    out += std::string(beast_http::to_string(v));
  }
  return out;
}

// Every answer carries its request id; API answers are never cached; nothing is sniffed. Pages
// also get a content security policy that forbids framing and foreign scripts.
void add_common_headers(Response& res, std::string_view request_id, bool is_api) {
  res.set("X-Request-Id", request_id);
  res.set("X-Content-Type-Options", "nosniff");
  if (is_api && res[beast_http::field::cache_control].empty()) res.set(beast_http::field::cache_control, "no-store");
  if (res[beast_http::field::content_type].starts_with("text/html")) {
    res.set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; base-uri 'none'");
    res.set("Referrer-Policy", "no-referrer");
    res.set("X-Frame-Options", "DENY");
  }
}

// Log lines hold at most this much of a client-chosen path.
std::string_view loggable(std::string_view path) { return path.substr(0, 200); }

}  // namespace

boost::asio::awaitable<Response> handle_request(ServerContext& server, const Request& request,
                                                std::string_view remote_address, BodyStream* body) {
  const auto started = std::chrono::steady_clock::now();
  const std::string_view target = request.target();
  const auto question = target.find('?');
  RequestContext rc{server,
                    request,
                    target.substr(0, question),
                    question == std::string_view::npos ? std::string_view{} : target.substr(question + 1),
                    {},
                    new_request_id(),
                    remote_address,
                    std::nullopt,
                    {},
                    body};
  std::string_view route_label = "(none)";  // static text or a Router-owned pattern (Metrics keeps views)
  bool counted = true;                      // the route's requests may be counted in /metrics
  std::string_view error_name;              // a stable name from common::to_string(ErrorCode)
  bool is_api = true;
  Response res;

  try {
    auto matched = server.router.match(request.method(), rc.path);
    if (auto* m = std::get_if<RouteMatch>(&matched)) {
      route_label = m->route->pattern;
      counted = m->route->counted_in_metrics;
      rc.params = std::move(m->params);
      rc.session_token = session_token_of(request);
      common::Result<void> allowed = common::Ok{};
      if (m->route->access.resolves_session() && !rc.session_token.empty()) {
        std::function<common::Result<accounts::Principal>()> work = [&server, token = rc.session_token] {
          return server.accounts.authenticate(token);
        };
        auto who = co_await server.blocking.run<accounts::Principal>(std::move(work));
        if (who) {
          rc.principal = std::move(who.value());
        } else if (who.error().code != ErrorCode::unauthenticated) {
          allowed = who.error();
        }
      }
      if (allowed) allowed = m->route->access.check(rc.principal);
      if (allowed) {
        res = co_await m->route->handler(rc);
      } else {
        res = rc.problem(allowed.error());
        error_name = common::to_string(allowed.error().code);
      }
    } else {
      const auto& miss = std::get<RouteMiss>(matched);
      if (!miss.allowed.empty()) {
        route_label = "(method not allowed)";
        res = rc.problem(
            common::make_error(ErrorCode::method_not_allowed, "This path accepts " + allow_header(miss.allowed) + "."));
        res.set(beast_http::field::allow, allow_header(miss.allowed));
        error_name = "method_not_allowed";
      } else if (auto file =
                     (request.method() == Verb::get || request.method() == Verb::head) && !rc.path.starts_with("/api/")
                         ? server.static_files.serve(request, rc.path)
                         : std::nullopt) {
        route_label = "(static)";
        is_api = false;
        res = std::move(*file);
      } else {
        route_label = "(not found)";
        res = rc.problem(common::make_error(ErrorCode::not_found, "Nothing is at this path."));
        error_name = "not_found";
      }
    }
  } catch (const std::exception& e) {
    res = rc.problem(common::make_error(ErrorCode::internal, "Internal error."));
    error_name = "internal";
    server.log.event("error", "handler failed", e.what());
  }

  add_common_headers(res, rc.request_id, is_api);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const auto status = res.result_int();
  if (counted) server.metrics.observe_request(route_label, beast_http::to_string(request.method()), status, seconds);
  server.log.request({rc.request_id, beast_http::to_string(request.method()), loggable(rc.path), route_label, status,
                      seconds * 1000, rc.remote_address, rc.principal ? rc.principal->public_id : "", error_name});
  co_return res;
}

}  // namespace gp::server::http
