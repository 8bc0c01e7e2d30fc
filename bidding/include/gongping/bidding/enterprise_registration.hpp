#pragma once
// An enterprise's self-registration (DOMAIN.md "Register once"): who it is and how to reach it.
// The enterprise logs in with its Unified Social Credit Code.

#include <string>

#include "gongping/common/result.hpp"

namespace gp::bidding {

struct EnterpriseRegistration {
  std::string name;           // registered name, 2..200 bytes
  std::string uscc;           // GB 32100-2015, upper case
  std::string contact_name;   // 1..100 bytes
  std::string contact_phone;  // digits, optional leading '+', spaces and '-' allowed; 5..20 digits
  std::string contact_email;  // one '@' with text on both sides and a dot in the domain
  std::string password;
};

// Checks every field and reports all problems at once (validation_failed naming each field).
// Uniqueness of the USCC is the repository's job, not this function's.
common::Result<void> validate(const EnterpriseRegistration& registration);

}  // namespace gp::bidding
