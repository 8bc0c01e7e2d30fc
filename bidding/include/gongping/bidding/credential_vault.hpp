#pragma once
// The enterprise credential vault (DOMAIN.md "Register once"): an enterprise stores its licence,
// qualification certificates, key personnel and bond accounts once, and each bid refers to them.
// A credential that will have expired at the bid deadline cannot be relied on. Pure.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gongping/common/instant.hpp"
#include "gongping/common/result.hpp"

namespace gp::bidding {

enum class CredentialCategory { licence, qualification, personnel, bank_account };
std::string_view to_string(CredentialCategory category);
std::optional<CredentialCategory> parse_credential_category(std::string_view text);

struct Credential {
  std::string id;  // "C-000001"
  CredentialCategory category = CredentialCategory::qualification;
  std::string kind;  // what a tender may require, e.g. "business_licence", "iso27001"
  std::string title;
  std::optional<common::Instant> valid_until;  // none: does not expire
  bool revoked = false;
};

// validation_failed naming each problem: a kind that is not [a-z0-9_]{1,64}, an empty title, or
// an expiry that is already past at `now`.
common::Result<void> validate_new_credential(const Credential& credential, common::Instant now);

// validation_failed naming each problem with the credentials a bid refers to: one revoked or
// expiring before the deadline, and each required kind not covered by a usable credential.
common::Result<void> check_bid_credentials(const std::vector<Credential>& referenced,
                                           const std::vector<std::string>& required_kinds,
                                           common::Instant bid_deadline);

}  // namespace gp::bidding
