#pragma once
// Principal: the signed-in account a request acts for.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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

// Public ids are a letter and the row id, zero-padded to six digits: "E-000042" (enterprise),
// "U-000007" (staff account); the same scheme names tenders' bids ("B-") and credentials ("C-").
// parse_public_id gives the row id back, or nullopt unless the text is that letter, '-' and digits.
std::string format_public_id(char prefix, std::int64_t row_id);
std::optional<std::int64_t> parse_public_id(char prefix, std::string_view text);
std::string enterprise_public_id(std::int64_t enterprise_id);
std::string staff_public_id(std::int64_t account_id);

// The actor for changes made by the platform itself or by an operator at the console.
inline audit::Actor system_actor() { return {"system", "system"}; }

}  // namespace gp::server::accounts
