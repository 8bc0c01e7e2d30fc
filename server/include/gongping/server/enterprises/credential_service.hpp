#pragma once
// CredentialService: an enterprise's credential vault (bidding/credential_vault.hpp). Only the
// enterprise itself reads and changes its vault; a withdrawn credential stays on record for the
// bids that relied on it. Blocking: run on the worker pool. Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "gongping/bidding/credential_vault.hpp"
#include "gongping/common/clock.hpp"
#include "gongping/common/result.hpp"
#include "gongping/server/accounts/principal.hpp"
#include "gongping/server/db/audit_log_writer.hpp"
#include "gongping/server/db/database.hpp"

namespace gp::server::enterprises {

struct NewCredential {
  bidding::Credential credential;  // id and revoked are ignored
  std::string number;              // licence or certificate number, account number...
};

struct CredentialView {
  bidding::Credential credential;
  std::string number;
  common::Instant created_at;
};

class CredentialService {
 public:
  CredentialService(db::Database& database, const common::Clock& clock);

  common::Result<CredentialView> add(const accounts::Principal& owner, const NewCredential& credential);
  common::Result<std::vector<CredentialView>> list(const accounts::Principal& owner);
  common::Result<void> withdraw(const accounts::Principal& owner, const std::string& credential_id);

 private:
  db::Database& db_;
  const common::Clock& clock_;
  db::AuditLogWriter audit_;
};

std::string credential_public_id(std::int64_t id);

// The enterprise's own credentials with these public ids, inside the caller's session; an id that
// is malformed or not the enterprise's is a validation_failed naming it.
common::Result<std::vector<std::pair<std::int64_t, bidding::Credential>>> load_own_credentials(
    soci::session& sql, std::int64_t enterprise_id, const std::vector<std::string>& public_ids);

}  // namespace gp::server::enterprises
