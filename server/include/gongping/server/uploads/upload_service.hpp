#pragma once
// UploadService: streamed uploads stored in PostgreSQL chunk by chunk (migration 0004).
//
//   attachment  a bidder's encrypted bid attachment (specs/sealed-bid.md: ciphertext || 16-byte tag),
//               accepted while the tender takes bids; it counts only if completed before the
//               deadline, judged by the server's clock when its last byte has arrived.
//   document    a tender document the official adds to a draft (published with it).
//
// begin() checks who may upload where; append() stores one chunk in its own transaction, so no
// connection is held for the length of an upload; complete() records the size and SHA-256 with its
// audit entry; abandon() drops an upload that failed. Unfinished uploads are dropped by prune().
// Blocking: run on the worker pool. Thread-safe.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "gongping/common/clock.hpp"
#include "gongping/common/crypto.hpp"
#include "gongping/common/result.hpp"
#include "gongping/server/accounts/principal.hpp"
#include "gongping/server/db/audit_log_writer.hpp"
#include "gongping/server/db/database.hpp"

namespace gp::server::uploads {

enum class UploadKind { attachment, document };

// Tender documents are served whole from memory, so they are smaller than attachments may be.
inline constexpr std::size_t kMaxDocumentBytes = 64 * 1024 * 1024;

struct UploadView {
  std::string name;
  std::string media_type;
  std::int64_t bytes = 0;
  std::string sha256_hex;
  common::Instant completed_at;
};

class UploadService {
 public:
  UploadService(db::Database& database, const common::Clock& clock);

  common::Result<std::int64_t> begin(const accounts::Principal& uploader, UploadKind kind, const std::string& tender_id,
                                     const std::string& name, const std::string& media_type);
  common::Result<void> append(std::int64_t upload_id, int seq, const common::Bytes& chunk);
  common::Result<UploadView> complete(const accounts::Principal& uploader, std::int64_t upload_id,
                                      const common::Sha256Digest& digest, std::int64_t bytes);
  common::Result<void> abandon(std::int64_t upload_id);

  // Completed uploads of a tender: a bidder's own attachments, or the tender's documents.
  common::Result<std::vector<UploadView>> list(const std::optional<accounts::Principal>& viewer, UploadKind kind,
                                               const std::string& tender_id);
  struct Document {
    UploadView view;
    std::string content;
  };
  // A tender document's bytes, by its SHA-256 (hex): anyone for a published tender, the author for
  // a draft; not_found otherwise. Documents are at most kMaxDocumentBytes, so they are read whole.
  common::Result<Document> document(const std::optional<accounts::Principal>& viewer, const std::string& tender_id,
                                    const std::string& sha256_hex);

  // Forgets uploads left unfinished for more than an hour; returns how many.
  common::Result<int> prune();

 private:
  db::Database& db_;
  const common::Clock& clock_;
  db::AuditLogWriter audit_;
};

// Reads a completed upload's chunks in order, inside the caller's session (blocking, throws
// soci::soci_error). `each` gets every chunk; returning false stops early.
void read_upload_chunks(soci::session& sql, std::int64_t upload_id,
                        const std::function<bool(const std::string&)>& each);

}  // namespace gp::server::uploads
