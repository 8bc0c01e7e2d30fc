#include "gongping/common/role.hpp"

namespace gp::common {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::enterprise: return "enterprise";
    case Role::official: return "official";
    case Role::expert: return "expert";
    case Role::supervisor: return "supervisor";
    case Role::department: return "department";
    case Role::reviewer: return "reviewer";
    case Role::admin: return "admin";
  }
  return "enterprise";
}

std::optional<Role> parse_role(std::string_view text) {
  for (Role role : kAllRoles) {
    if (to_string(role) == text) return role;
  }
  return std::nullopt;
}

}  // namespace gp::common
