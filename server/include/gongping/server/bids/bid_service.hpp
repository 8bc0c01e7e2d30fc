#pragma once
// BidService: sealed bid submission, replacement and withdrawal with signed receipts
// (specs/sealed-bid.md; DOMAIN.md "Sealed electronic bids").
//
// The server checks the envelope's form and header bindings and the deadline by its own clock at
// the moment of acceptance (inside the transaction, after the locks), stores the JWE as received,
// appends the audit entry and commits; only then is the receipt handed out. An Idempotency-Key
// makes retries safe: the same key with the same request answers the stored receipt (no second
// bid); with a different request, idempotency_key_reused. Every version is kept; the last counts.
// Blocking: run on the worker pool. Thread-safe.

#include <cstdint>
#include <string>
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
};

// "B-000777": bid versions are numbered platform-wide by their row id.
std::string bid_public_id(std::int64_t row_id);

inline constexpr std::size_t kMaxIdempotencyKeyBytes = 128;
inline constexpr std::size_t kMaxEnvelopeBytes = 512 * 1024;

class BidService {
 public:
  BidService(db::Database& database, const common::Clock& clock, const ReceiptSigner& signer, std::string issuer);

  // `credential_ids` name the vault entries the bid relies on ("C-000001"); together they must
  // cover the tender's qualification requirements and stay valid through the deadline.
  common::Result<IssuedReceipt> submit(const accounts::Principal& bidder, const std::string& tender_id,
                                       const std::string& envelope, const std::string& idempotency_key,
                                       const std::vector<std::string>& credential_ids = {});
  common::Result<IssuedReceipt> withdraw(const accounts::Principal& bidder, const std::string& tender_id,
                                         const std::string& idempotency_key);
  // The bidder's own versions for a tender, oldest first (empty when it never bid).
  common::Result<std::vector<BidVersion>> own_bids(const accounts::Principal& bidder, const std::string& tender_id);

 private:
  common::Result<IssuedReceipt> record(const accounts::Principal& bidder, const std::string& tender_id,
                                       const std::string* envelope, const std::string& idempotency_key,
                                       const std::vector<std::string>& credential_ids);

  db::Database& db_;
  const common::Clock& clock_;
  const ReceiptSigner& signer_;
  std::string issuer_;
  db::AuditLogWriter audit_;
};

}  // namespace gp::server::bids
