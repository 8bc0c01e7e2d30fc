#pragma once
// The settings that shape accounts: password hashing cost, session lifetime, login throttling.

#include <cstdint>

#include "gongping/common/password_hash.hpp"
#include "gongping/server/accounts/login_throttle.hpp"

namespace gp::server::accounts {

struct AccountSettings {
  common::ScryptCost password_cost;
  std::int64_t session_ttl_seconds = std::int64_t{12} * 3600;
  LoginThrottlePolicy throttle;
};

}  // namespace gp::server::accounts
