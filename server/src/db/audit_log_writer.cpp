#include "gongping/server/db/audit_log_writer.hpp"

#include "gongping/audit/merkle_tree.hpp"
#include "gongping/common/crypto.hpp"

namespace gp::server::db {

std::int64_t AuditLogWriter::append(soci::session& sql, audit::AuditEntry& entry) const {
  long long index = 0;
  sql << "UPDATE audit_head SET next_index = next_index + 1 RETURNING next_index - 1", soci::into(index);
  // Taken after the lock so that entry times never go backwards along the log.
  entry.index = index;
  entry.at = clock_.now();
  const std::string bytes = entry.serialize();
  const std::string leaf = common::to_hex(audit::leaf_hash(bytes));
  sql << "INSERT INTO audit_log (idx, entry, leaf_hash) VALUES (:idx, :entry, decode(:leaf, 'hex'))", soci::use(index),
      soci::use(bytes), soci::use(leaf);
  return index;
}

}  // namespace gp::server::db
