#pragma once
// Principal: the signed-in account a request acts for.

#include <cstdint>
#include <optional>
#include <string>

#include "gongping/audit/audit_entry.hpp"
#include "gongping/common/role.hpp"

namespace gp::server::accounts {

struct Principal {
  std::int64_t account_id = 0;
  std::string public_id;  // "E-000042" for an enterprise's account, "U-000007" for staff
  common::Role role = common::Role::enterprise;
  std::string login;
  std::string display_name;
  std::optional<std::int64_t> enterprise_id;

  audit::Actor actor() const { return {public_id, std::string(common::to_string(role))}; }
};

// Public ids are the row ids, zero-padded to six digits: "E-000042", "U-000007".
std::string enterprise_public_id(std::int64_t enterprise_id);
std::string staff_public_id(std::int64_t account_id);

// The actor for changes made by the platform itself or by an operator at the console.
inline audit::Actor system_actor() { return {"system", "system"}; }

}  // namespace gp::server::accounts
