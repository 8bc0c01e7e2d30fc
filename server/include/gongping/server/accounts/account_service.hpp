#pragma once
// AccountService: enterprise self-registration, staff accounts, login, sessions, logout.
//
// Every call blocks (PostgreSQL, scrypt): run it on a worker (http::BlockingPool), never on an I/O
// thread. Thread-safe. State changes and their audit entries commit in one transaction.
// Session tokens are 256-bit random values, handed out once and stored only as SHA-256 hashes.
// Secrets (passwords, tokens) are never logged, audited or returned in errors.

#include <cstdint>
#include <string>
#include <vector>

#include "gongping/bidding/enterprise_registration.hpp"
#include "gongping/common/clock.hpp"
#include "gongping/common/password_hash.hpp"
#include "gongping/common/result.hpp"
#include "gongping/server/accounts/account_repository.hpp"
#include "gongping/server/accounts/account_settings.hpp"
#include "gongping/server/db/audit_log_writer.hpp"
#include "gongping/server/db/database.hpp"

namespace gp::server::accounts {

struct NewStaffAccount {
  std::string login;                           // [a-z][a-z0-9._-]{2,63}
  common::Role role = common::Role::official;  // any role but enterprise
  std::string display_name;
  std::string password;
};

struct RegisteredEnterprise {
  std::string enterprise_id;  // "E-000042"
  std::string login;          // the USCC
};

struct IssuedSession {
  std::string token;  // give to the client once; never store or log it
  common::Instant expires_at;
  Principal principal;
};

class AccountService {
 public:
  AccountService(db::Database& database, const common::Clock& clock, AccountSettings settings);

  common::Result<RegisteredEnterprise> register_enterprise(const bidding::EnterpriseRegistration& registration);
  // `by` is the admin (or the console's system actor) recorded in the audit entry.
  common::Result<Principal> create_staff(const NewStaffAccount& account, const audit::Actor& by);
  // credentials_invalid for an unknown login or a wrong password alike; rate_limited with
  // retry_after_seconds when too many recent failures for the login or the address.
  common::Result<IssuedSession> login(const std::string& login, const std::string& password,
                                      const std::string& address);
  // unauthenticated when the token is malformed, unknown, revoked or expired.
  common::Result<Principal> authenticate(const std::string& token);
  common::Result<void> logout(const std::string& token, const Principal& principal);
  common::Result<std::vector<AccountSummary>> list(int limit, int offset);
  // An admin disables an account ("U-…" staff, or "E-…" an enterprise's account), for a departed
  // official or a struck-off enterprise, or enables it again, with a reason. Disabling ends its
  // sessions at once; its records stay. not_found for an unknown account; validation_failed for the
  // admin's own account or a reason that is empty or over 2000 bytes.
  common::Result<AccountSummary> set_disabled(const std::string& account_id, bool disabled, const std::string& reason,
                                              const Principal& admin);
  // Housekeeping: forgets sessions that ended more than a day ago and login failures older than the
  // throttle window (they no longer count). Safe to run from any number of servers at once.
  common::Result<PruneCounts> prune();

 private:
  db::Database& db_;
  const common::Clock& clock_;
  AccountSettings settings_;
  common::PasswordHasher hasher_;
  db::AuditLogWriter audit_;
  std::string decoy_hash_;  // verified against when the login is unknown, to keep timing alike
};

// The SHA-256 (hex) under which a token is stored; nullopt when the token is not 43 base64url chars.
std::optional<std::string> session_token_hash(const std::string& token);

}  // namespace gp::server::accounts
