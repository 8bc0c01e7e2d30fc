#include "gongping/bidding/enterprise_registration.hpp"

#include <algorithm>

#include "gongping/common/password_policy.hpp"
#include "gongping/common/uscc.hpp"

namespace gp::bidding {
namespace {

bool valid_phone(const std::string& phone) {
  std::size_t digits = 0;
  for (std::size_t i = 0; i < phone.size(); ++i) {
    const char c = phone[i];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (!(c == ' ' || c == '-' || (c == '+' && i == 0))) {
      return false;
    }
  }
  return digits >= 5 && digits <= 20;
}

bool valid_email(const std::string& email) {
  const auto at = email.find('@');
  if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos) return false;
  const auto dot = email.find('.', at + 2);
  return dot != std::string::npos && dot + 1 < email.size() && email.size() <= 254 &&
         std::none_of(email.begin(), email.end(), [](char c) { return c == ' ' || c < 0x20; });
}

}  // namespace

common::Result<void> validate(const EnterpriseRegistration& r) {
  std::vector<common::FieldError> errors;
  if (r.name.size() < 2 || r.name.size() > 200) {
    errors.push_back({"name", "must be 2 to 200 characters"});
  }
  if (const auto problem = common::check_uscc(r.uscc)) {
    errors.push_back({"uscc", common::describe(*problem, r.uscc)});
  }
  if (r.contact_name.empty() || r.contact_name.size() > 100) {
    errors.push_back({"contact_name", "must be 1 to 100 characters"});
  }
  if (!valid_phone(r.contact_phone)) {
    errors.push_back({"contact_phone", "must be a phone number of 5 to 20 digits"});
  }
  if (!valid_email(r.contact_email)) {
    errors.push_back({"contact_email", "must be an e-mail address"});
  }
  if (const auto problem = common::check_password(r.password, r.uscc)) {
    errors.push_back({"password", *problem});
  }
  if (!errors.empty()) return common::Error::validation(std::move(errors));
  return common::Ok{};
}

}  // namespace gp::bidding
