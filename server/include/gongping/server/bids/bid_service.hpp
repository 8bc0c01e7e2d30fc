#pragma once
// BidService: sealed bid submission, replacement and withdrawal with signed receipts
// (specs/sealed-bid.md; DOMAIN.md "Sealed electronic bids").
//
// The server checks the envelope's form and header bindings and the deadline by its own clock at
// the moment of acceptance (inside the transaction, after the locks), stores the JWE as received,
// appends the audit entry and commits; only then is the receipt handed out. An Idempotency-Key
// makes retries safe: the same key with the same request answers the stored receipt (no second
// bid); with a different request, idempotency_key_reused. Every version is kept; the last counts.
//
// Group commit: requests queue up while the writer threads commit earlier batches; the next
// batch (up to `max_batch` requests) is checked and written in one transaction, with one audit
// index reservation and multi-row inserts, so a deadline rush costs one commit per batch rather
// than one per bid. A batch that fails as a whole is retried request by request, so one bad
// request cannot take others down with it. Thread-safe; the destructor finishes queued requests.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "gongping/bidding/bid_receipt.hpp"
#include "gongping/common/clock.hpp"
#include "gongping/common/result.hpp"
#include "gongping/server/accounts/principal.hpp"
#include "gongping/server/bids/receipt_signer.hpp"
#include "gongping/server/db/audit_log_writer.hpp"
#include "gongping/server/db/database.hpp"

namespace gp::server::bids {

struct IssuedReceipt {
  std::string receipt;  // compact JWS
  std::string bid_id;
  bidding::BidAction action = bidding::BidAction::submitted;
  common::Instant received_at;
  std::int64_t audit_index = 0;
  bool replayed = false;  // true when this answers a retry of an accepted request
};

struct BidVersion {
  std::string bid_id;
  int version = 0;
  bidding::BidAction action = bidding::BidAction::submitted;
  std::string envelope_sha256_hex;
  common::Instant received_at;
  std::string receipt;
  std::vector<std::string> credential_ids;
  // Where it came from, for the collusion indicators (bid_origins): the client's address and the
  // device fingerprint its browser sent, if any.
  std::string remote_address;
  std::optional<std::string> device;
};

// One bid action. `envelope` absent: a withdrawal. `credential_ids` name the vault entries the bid
// relies on ("C-000001"); together they must cover the tender's qualification requirements and
// stay valid through the deadline.
struct BidRequest {
  accounts::Principal bidder;
  std::string tender_id;
  std::optional<std::string> envelope;
  std::string idempotency_key;
  std::vector<std::string> credential_ids;
  // Where it came from, for the collusion indicators (bid_origins): the client's address and the
  // device fingerprint its browser sent, if any.
  std::string remote_address;
  std::optional<std::string> device;
};

// "B-000777": bid versions are numbered platform-wide by their row id.
std::string bid_public_id(std::int64_t row_id);

inline constexpr std::size_t kMaxIdempotencyKeyBytes = 128;
inline constexpr std::size_t kMaxEnvelopeBytes = 512 * 1024;

struct BidBatchSettings {
  std::size_t max_batch = 64;     // requests written in one transaction at most
  std::size_t writers = 2;        // batches written at once, each on its own connection
  std::size_t max_queued = 8192;  // beyond: overloaded
};

class BidService {
 public:
  using Completion = std::function<void(common::Result<IssuedReceipt>)>;

  BidService(db::Database& database, const common::Clock& clock, const ReceiptSigner& signer, std::string issuer,
             BidBatchSettings batch = {});
  ~BidService();
  BidService(const BidService&) = delete;
  BidService& operator=(const BidService&) = delete;

  // Queues the request; `done` is called exactly once, on the writer thread, after the commit (or
  // at once with `overloaded` when the queue is full).
  void record_async(BidRequest request, Completion done);
  // The same, waiting for the outcome (blocking; for tests and tools).
  common::Result<IssuedReceipt> record(BidRequest request);

  // The bidder's own versions for a tender, oldest first (empty when it never bid). Blocking.
  common::Result<std::vector<BidVersion>> own_bids(const accounts::Principal& bidder, const std::string& tender_id);

 private:
  struct Pending;
  common::Result<void> prepare(Pending& pending);
  void write_loop();
  // Writes one batch, setting every request's outcome; returns false when its transaction failed
  // as a whole (nothing committed), so the loop can retry the requests one by one.
  bool write_batch(std::vector<Pending>& batch);

  db::Database& db_;
  const common::Clock& clock_;
  const ReceiptSigner& signer_;
  std::string issuer_;
  BidBatchSettings batch_settings_;
  db::AuditLogWriter audit_;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Pending> queue_;  // waiting for the next batch
  bool stopping_ = false;
  std::vector<std::thread> writers_;
};

}  // namespace gp::server::bids
