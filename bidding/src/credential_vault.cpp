#include "gongping/bidding/credential_vault.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace gp::bidding {
namespace {

constexpr std::array<std::pair<CredentialCategory, std::string_view>, 4> kNames = {{
    {CredentialCategory::licence, "licence"},
    {CredentialCategory::qualification, "qualification"},
    {CredentialCategory::personnel, "personnel"},
    {CredentialCategory::bank_account, "bank_account"},
}};

bool valid_kind(std::string_view kind) {
  return !kind.empty() && kind.size() <= 64 && std::all_of(kind.begin(), kind.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

std::string_view to_string(CredentialCategory category) {
  for (const auto& [c, name] : kNames) {
    if (c == category) return name;
  }
  return "unknown";
}

std::optional<CredentialCategory> parse_credential_category(std::string_view text) {
  for (const auto& [c, name] : kNames) {
    if (name == text) return c;
  }
  return std::nullopt;
}

common::Result<void> validate_new_credential(const Credential& credential, common::Instant now) {
  std::vector<common::FieldError> broken;
  if (!valid_kind(credential.kind)) broken.push_back({"kind", "must be 1 to 64 of a-z, 0-9 and _"});
  if (credential.title.empty()) broken.push_back({"title", "is required"});
  if (credential.valid_until && *credential.valid_until <= now) broken.push_back({"valid_until", "is already past"});
  if (broken.empty()) return common::Ok{};
  return common::Error::validation(std::move(broken));
}

common::Result<void> check_bid_credentials(const std::vector<Credential>& referenced,
                                           const std::vector<std::string>& required_kinds,
                                           common::Instant bid_deadline) {
  std::vector<common::FieldError> broken;
  std::vector<std::string> usable_kinds;
  for (const auto& c : referenced) {
    if (c.revoked) {
      broken.push_back({"credentials", c.id + " was withdrawn from the vault"});
    } else if (c.valid_until && *c.valid_until < bid_deadline) {
      broken.push_back({"credentials", c.id + " (" + c.title + ") expires at " + c.valid_until->to_rfc3339() +
                                           ", before the bid deadline " + bid_deadline.to_rfc3339()});
    } else {
      usable_kinds.push_back(c.kind);
    }
  }
  for (const auto& kind : required_kinds) {
    if (std::find(usable_kinds.begin(), usable_kinds.end(), kind) == usable_kinds.end()) {
      broken.push_back({"credentials", "the tender requires a valid \"" + kind + "\" credential"});
    }
  }
  if (broken.empty()) return common::Ok{};
  return common::Error::validation(std::move(broken));
}

}  // namespace gp::bidding
