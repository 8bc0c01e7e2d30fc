#pragma once
// SQL for accounts, enterprises, sessions and login failures. Each function runs on the session it
// is given, inside the caller's transaction if one is open. Blocking; throws soci::soci_error.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "gongping/bidding/enterprise_registration.hpp"
#include "gongping/common/instant.hpp"
#include "gongping/server/accounts/principal.hpp"

namespace gp::server::accounts {

struct StoredAccount {
  Principal principal;
  std::string password_hash;
  bool disabled = false;
};

struct AccountSummary {
  std::string public_id;
  std::string login;
  common::Role role = common::Role::enterprise;
  std::string display_name;
  common::Instant created_at;
  bool disabled = false;
};

// True when the error is PostgreSQL's unique_violation (SQLSTATE 23505) of the named constraint
// or unique index.
bool is_unique_violation(const std::exception& e, std::string_view constraint);

std::int64_t insert_enterprise(soci::session& sql, const bidding::EnterpriseRegistration& r, common::Instant now);
std::int64_t insert_account(soci::session& sql, const std::string& login, common::Role role,
                            const std::string& display_name, const std::string& password_hash,
                            std::optional<std::int64_t> enterprise_id, common::Instant now);
std::optional<StoredAccount> find_account_by_login(soci::session& sql, const std::string& login);
// The row id of the enabled staff account `public_id` ("U-000007") when its role is `role`.
std::optional<std::int64_t> find_enabled_staff(soci::session& sql, std::string_view public_id, common::Role role);
void update_password_hash(soci::session& sql, std::int64_t account_id, const std::string& password_hash);
std::vector<AccountSummary> list_accounts(soci::session& sql, int limit, int offset);
// Disables (ending their open sessions) or enables the staff account with row id `staff`, or the
// accounts of the enterprise with row id `enterprise`; nullopt when there is none. Locks the rows.
std::optional<AccountSummary> set_account_disabled(soci::session& sql, std::optional<std::int64_t> staff,
                                                   std::optional<std::int64_t> enterprise, bool disabled,
                                                   common::Instant now);

void insert_session(soci::session& sql, const std::string& token_sha256_hex, std::int64_t account_id,
                    common::Instant now, common::Instant expires_at);
// The principal of a live session: not revoked, not expired at `now`, account not disabled.
std::optional<Principal> find_session_principal(soci::session& sql, const std::string& token_sha256_hex,
                                                common::Instant now);
// True when a live session was revoked.
bool revoke_session(soci::session& sql, const std::string& token_sha256_hex, common::Instant now);

struct FailureCounts {
  int for_login = 0;
  int for_address = 0;
};
FailureCounts count_login_failures(soci::session& sql, const std::string& login, const std::string& address,
                                   common::Instant since);
void record_login_failure(soci::session& sql, const std::string& login, const std::string& address,
                          common::Instant now);
void clear_login_failures(soci::session& sql, const std::string& login);

// Deletes sessions that ended (expired or revoked) before `ended_before`, and login failures older
// than `failures_before`. Returns how many rows of each went.
struct PruneCounts {
  long long sessions = 0;
  long long login_failures = 0;
};
PruneCounts prune_account_tables(soci::session& sql, common::Instant ended_before, common::Instant failures_before);

}  // namespace gp::server::accounts
