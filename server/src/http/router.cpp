#include "gongping/server/http/router.hpp"

#include <stdexcept>

namespace gp::server::http {
namespace {

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path.front() != '/') return out;
  path.remove_prefix(1);
  while (true) {
    const auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool is_param(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool segments_match(const std::vector<std::string>& want, const std::vector<std::string_view>& got,
                    PathParams* params) {
  if (want.size() != got.size() || got.empty()) return false;
  for (std::size_t i = 0; i < want.size(); ++i) {
    const std::string_view w = want[i];
    if (is_param(w)) {
      if (got[i].empty()) return false;
      if (params) params->emplace(std::string(w.substr(1, w.size() - 2)), std::string(got[i]));
    } else if (w != got[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

common::Result<void> RouteAccess::check(const std::optional<accounts::Principal>& principal) const {
  if (public_) return common::Ok{};
  if (!principal) return common::make_error(common::ErrorCode::unauthenticated, "Sign in first.");
  if (std::find(roles_.begin(), roles_.end(), principal->role) == roles_.end()) {
    return common::make_error(common::ErrorCode::forbidden,
                              "The role " + std::string(common::to_string(principal->role)) + " may not do this.");
  }
  return common::Ok{};
}

Router::Router(std::vector<Route> routes) : routes_(std::move(routes)) {
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const auto& r = routes_[i];
    const auto parts = split(r.pattern);
    if (parts.empty() || r.handler == nullptr) throw std::invalid_argument("bad route: " + r.pattern);
    for (std::size_t j = 0; j < i; ++j) {
      if (routes_[j].method == r.method && routes_[j].pattern == r.pattern) {
        throw std::invalid_argument("duplicate route: " + r.pattern);
      }
    }
    Compiled c;
    for (const auto part : parts) {
      c.segments.emplace_back(part);
      if (is_param(part)) ++c.parameters;
    }
    compiled_.push_back(std::move(c));
  }
}

std::variant<RouteMatch, RouteMiss> Router::match(Verb method, std::string_view path) const {
  const auto got = split(path);
  RouteMiss miss;
  // A literal segment wins over a parameter: among matching routes take the fewest parameters.
  std::size_t best = routes_.size();
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (!segments_match(compiled_[i].segments, got, nullptr)) continue;
    if (routes_[i].method != method) {
      miss.allowed.push_back(routes_[i].method);
      continue;
    }
    if (best == routes_.size() || compiled_[i].parameters < compiled_[best].parameters) best = i;
  }
  if (best == routes_.size()) return miss;
  RouteMatch found{&routes_[best], {}};
  segments_match(compiled_[best].segments, got, &found.params);
  return found;
}

std::size_t Router::streamed_body_limit(Verb method, std::string_view target) const {
  const auto matched = match(method, target.substr(0, target.find('?')));
  const auto* m = std::get_if<RouteMatch>(&matched);
  return m == nullptr ? 0 : m->route->streamed_body_limit;
}

std::optional<RouteMatch> Router::websocket_route(std::string_view target) const {
  auto matched = match(Verb::get, target.substr(0, target.find('?')));
  auto* m = std::get_if<RouteMatch>(&matched);
  if (m == nullptr || m->route->websocket == nullptr) return std::nullopt;
  return std::move(*m);
}

}  // namespace gp::server::http
