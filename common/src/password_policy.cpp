#include "gongping/common/password_policy.hpp"

#include <algorithm>

namespace gp::common {

std::optional<std::string> check_password(std::string_view password, std::string_view login) {
  if (password.size() < kMinPasswordLength) {
    return "must be at least " + std::to_string(kMinPasswordLength) + " characters";
  }
  if (password.size() > kMaxPasswordLength) {
    return "must be at most " + std::to_string(kMaxPasswordLength) + " characters";
  }
  if (std::all_of(password.begin(), password.end(), [&](char c) { return c == password.front(); })) {
    return "must not repeat a single character";
  }
  if (password == login) return "must differ from the login name";
  return std::nullopt;
}

}  // namespace gp::common
