#include "gongping/server/http/router.hpp"

#include <algorithm>
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

bool match_pattern(std::string_view pattern, std::string_view path, PathParams* params) {
  const auto want = split(pattern);
  const auto got = split(path);
  if (want.size() != got.size() || got.empty()) return false;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (is_param(want[i])) {
      if (got[i].empty()) return false;
      if (params) params->emplace(std::string(want[i].substr(1, want[i].size() - 2)), std::string(got[i]));
    } else if (want[i] != got[i]) {
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
    if (split(r.pattern).empty() || r.handler == nullptr) {
      throw std::invalid_argument("bad route: " + r.pattern);
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (routes_[j].method == r.method && routes_[j].pattern == r.pattern) {
        throw std::invalid_argument("duplicate route: " + r.pattern);
      }
    }
  }
}

std::variant<RouteMatch, RouteMiss> Router::match(Verb method, std::string_view path) const {
  RouteMiss miss;
  // Literal segments win over parameters: try routes without parameters that match first.
  const Route* best = nullptr;
  for (const auto& r : routes_) {
    if (!match_pattern(r.pattern, path, nullptr)) continue;
    if (r.method != method) {
      miss.allowed.push_back(r.method);
      continue;
    }
    if (best == nullptr || std::count(r.pattern.begin(), r.pattern.end(), '{') <
                               std::count(best->pattern.begin(), best->pattern.end(), '{')) {
      best = &r;
    }
  }
  if (best == nullptr) return miss;
  RouteMatch found{best, {}};
  match_pattern(best->pattern, path, &found.params);
  return found;
}

}  // namespace gp::server::http
