#pragma once
// AuditTree: the audit log's Merkle tree in memory (audit::MerkleLog), kept up to the committed log,
// for checkpoints and proofs in microseconds whatever the log's size (specs/audit-log.md).
//
// Committed entries always form a gap-free prefix (appends take turns on the log's head,
// db/audit_log_writer.hpp), so sync() reads only the leaf hashes past what it holds. It keeps every
// leaf: about 64 bytes an entry. Thread-safe: one sync at a time; reads share a lock with each other.

#include <cstdint>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <vector>

#include <soci/soci.h>

#include "gongping/audit/merkle_log.hpp"

namespace gp::server::audit_log {

class AuditTree {
 public:
  // Reads the leaf hashes committed since the last sync, in the caller's session; returns the size.
  std::uint64_t sync(soci::session& sql);

  std::uint64_t size() const;
  std::optional<audit::Hash> root(std::uint64_t tree_size) const;
  std::optional<std::vector<audit::Hash>> inclusion_proof(std::uint64_t index, std::uint64_t tree_size) const;
  std::optional<std::vector<audit::Hash>> consistency_proof(std::uint64_t first, std::uint64_t second) const;

 private:
  std::mutex sync_mutex_;
  mutable std::shared_mutex mutex_;
  audit::MerkleLog log_;
};

}  // namespace gp::server::audit_log
