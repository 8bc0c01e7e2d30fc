#pragma once
// AuditService: the verifiable audit log as the API serves it (specs/audit-log.md, "API"; issue 6).
//
// - Checkpoints: a C2SP signed note of the whole committed log, signed with the platform's Ed25519
//   key when the log has grown since the last one (the server asks every few seconds); every one is
//   kept in audit_checkpoints.
// - Entries, byte for byte, at most 1000 a call, for supervisors. Two kinds are withheld, shown by
//   their leaf hash only (so the tree still checks): bid entries of a tender whose bidding has not
//   closed (how many bids there are is confidential until the opening), and questions asked about a
//   tender (the asker is never shown).
// - Inclusion proofs for supervisors, and for an enterprise for its own entries (a bidder checks its
//   receipt's audit_index); consistency proofs for anyone.
// Blocking: run on the worker pool. Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gongping/audit/checkpoint.hpp"
#include "gongping/common/clock.hpp"
#include "gongping/common/ed25519.hpp"
#include "gongping/common/result.hpp"
#include "gongping/server/accounts/principal.hpp"
#include "gongping/server/audit_log/audit_tree.hpp"
#include "gongping/server/db/database.hpp"

namespace gp::server::audit_log {

inline constexpr std::int64_t kMaxEntriesPerCall = 1000;

struct EntryLine {
  std::int64_t index = 0;
  std::string text;  // the entry, or {"index":I,"withheld":true,"leaf_hash":"<base64>"}
};

struct Proof {
  std::uint64_t first = 0;   // index (inclusion) or first tree size (consistency)
  std::uint64_t second = 0;  // tree size
  std::vector<audit::Hash> hashes;
  // Inclusion proofs asked by an enterprise: its own entry, byte for byte, so that it can hash the
  // leaf itself and compare the entry with its receipt.
  std::optional<std::string> entry;
};

class AuditService {
 public:
  // `origin` names the log in its checkpoints and is the signer's key name.
  AuditService(db::Database& database, const common::Clock& clock, const common::Ed25519Signer& signer,
               std::string origin);

  // Signs and stores a checkpoint of the committed log if it grew since the latest; returns the size
  // the latest checkpoint covers.
  common::Result<std::uint64_t> sign_checkpoint_if_grown();
  // The latest signed note; not_found before the first.
  common::Result<std::string> latest_checkpoint();
  // Entries start <= index < end (validation_failed beyond kMaxEntriesPerCall or a reversed range).
  common::Result<std::vector<EntryLine>> entries(std::int64_t start, std::int64_t end);
  common::Result<Proof> inclusion_proof(const accounts::Principal& reader, std::uint64_t index,
                                        std::uint64_t tree_size);
  // From the tree in memory only (anyone may ask): validation_failed beyond it.
  common::Result<Proof> consistency_proof(std::uint64_t first, std::uint64_t second);
  // The same proofs from the tree in memory, without the database (none for an enterprise, which
  // gets its entry too, or a tree larger than the one in memory): microseconds, so the I/O thread
  // may answer them itself. nullopt when the blocking call is needed.
  std::optional<Proof> inclusion_proof_in_memory(const accounts::Principal& reader, std::uint64_t index,
                                                 std::uint64_t tree_size) const;
  std::optional<Proof> consistency_proof_in_memory(std::uint64_t first, std::uint64_t second) const;

  const std::string& origin() const { return origin_; }

 private:
  db::Database& db_;
  const common::Clock& clock_;
  const common::Ed25519Signer& signer_;
  std::string origin_;
  AuditTree tree_;
};

// The log's name for checkpoints: the setting audit.origin, or the platform origin's host and port
// followed by "/audit" ("gongping.example.cn/audit").
std::string audit_origin(const std::string& configured, const std::string& platform_origin);

}  // namespace gp::server::audit_log
