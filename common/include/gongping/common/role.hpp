#pragma once
// Account roles (DOMAIN.md "People and roles"). "Officer" is not an account role: it is a per-tender
// holding of an opening share by an official or supervisor.

#include <array>
#include <optional>
#include <string_view>

namespace gp::common {

enum class Role { enterprise, official, expert, supervisor, department, reviewer, admin };

inline constexpr std::array<Role, 7> kAllRoles = {Role::enterprise, Role::official, Role::expert, Role::supervisor,
                                                  Role::department, Role::reviewer, Role::admin};

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

// Staff roles are created by an admin; enterprises register themselves.
constexpr bool is_staff(Role role) { return role != Role::enterprise; }

}  // namespace gp::common
