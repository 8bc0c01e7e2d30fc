#pragma once
// Appends audit entries (specs/audit-log.md) inside the caller's open transaction, so that a state
// change and its entry commit together or not at all (ARCHITECTURE.md rule 5).
//
// The next index comes from audit_head under a row lock that the caller's transaction holds until
// it ends: appends from concurrent transactions take turns for that short tail only, and indices
// have no gaps (a rolled-back transaction gives its index back). Blocking.

#include <cstdint>
#include <vector>

#include <soci/soci.h>

#include "gongping/audit/audit_entry.hpp"
#include "gongping/common/clock.hpp"

namespace gp::server::db {

class AuditLogWriter {
 public:
  explicit AuditLogWriter(const common::Clock& clock) : clock_(clock) {}

  // Fills in entry.index and entry.at, stores the entry's bytes and leaf hash, and returns the
  // index. Must be called inside a soci::transaction; throws soci::soci_error on failure.
  std::int64_t append(soci::session& sql, audit::AuditEntry& entry) const;
  // Appends several entries with one index reservation and one INSERT (group commit of bids);
  // fills in each entry's index and time. Same transaction rules as append().
  void append_all(soci::session& sql, std::vector<audit::AuditEntry>& entries) const;

 private:
  const common::Clock& clock_;
};

}  // namespace gp::server::db
