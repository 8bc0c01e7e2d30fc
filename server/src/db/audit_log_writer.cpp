#include "gongping/server/db/audit_log_writer.hpp"

#include "gongping/audit/merkle_tree.hpp"
#include "gongping/common/crypto.hpp"
#include "gongping/server/db/sql_arrays.hpp"

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

void AuditLogWriter::append_all(soci::session& sql, std::vector<audit::AuditEntry>& entries) const {
  if (entries.empty()) return;
  const long long count = static_cast<long long>(entries.size());
  long long first = 0;
  sql << "UPDATE audit_head SET next_index = next_index + :n RETURNING next_index - :n2", soci::use(count),
      soci::use(count), soci::into(first);
  const auto at = clock_.now();
  std::vector<std::int64_t> indices;
  std::vector<std::string> bytes;
  std::vector<std::string> leaves;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    entries[i].index = first + static_cast<long long>(i);
    entries[i].at = at;
    bytes.push_back(entries[i].serialize());
    leaves.push_back(common::to_hex(audit::leaf_hash(bytes.back())));
    indices.push_back(entries[i].index);
  }
  const std::string idx_array = pg_bigint_array(indices);
  const std::string entry_array = pg_text_array(bytes);
  const std::string leaf_array = pg_text_array(leaves);
  sql << "INSERT INTO audit_log (idx, entry, leaf_hash) SELECT i, e, decode(h, 'hex') FROM "
         "unnest(CAST(:i AS bigint[]), CAST(:e AS text[]), CAST(:h AS text[])) AS r(i, e, h)",
      soci::use(idx_array), soci::use(entry_array), soci::use(leaf_array);
}

}  // namespace gp::server::db
