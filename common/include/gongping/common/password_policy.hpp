#pragma once
// What a password must be, for every account: 10 to 128 characters (bytes of UTF-8), not a single
// repeated character, not equal to the login name. The upper bound keeps hashing cost bounded.

#include <optional>
#include <string>
#include <string_view>

namespace gp::common {

inline constexpr std::size_t kMinPasswordLength = 10;
inline constexpr std::size_t kMaxPasswordLength = 128;

// nullopt when acceptable; otherwise a sentence for the user.
std::optional<std::string> check_password(std::string_view password, std::string_view login);

}  // namespace gp::common
