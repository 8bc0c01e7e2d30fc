#pragma once
// How many failed logins are tolerated before further attempts are refused for a while.
// Counted in PostgreSQL (login_failures) so that every server instance sees the same numbers.

#include <cstdint>
#include <optional>

namespace gp::server::accounts {

struct LoginThrottlePolicy {
  int max_failures_per_login = 5;     // per login name, within the window
  int max_failures_per_address = 20;  // per client address, within the window
  std::int64_t window_seconds = 900;
};

// Seconds to wait before trying again, or nullopt when another attempt may be made now.
inline std::optional<std::int64_t> login_retry_after(const LoginThrottlePolicy& policy, int failures_for_login,
                                                     int failures_for_address) {
  if (failures_for_login >= policy.max_failures_per_login || failures_for_address >= policy.max_failures_per_address) {
    return policy.window_seconds;
  }
  return std::nullopt;
}

}  // namespace gp::server::accounts
