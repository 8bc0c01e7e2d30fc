#pragma once
// OpeningService: closing bids at the deadline and the k-of-n opening (specs/sealed-bid.md
// "Opening shares"; DOMAIN.md "Sealed electronic bids", Measures for Electronic Bidding Arts. 30-31).
//
// At the deadline a published tender moves to `opening` when at least 3 bids count, else to
// `failed` (settle_due_tenders(), also done on demand by every opening call). Officers hand in their
// decrypted shares; each is checked against the SHA-256 recorded at publication. With k shares the
// key is rebuilt in memory, checked against the published public key, every counted bid is
// decrypted and checked, the opening record is written, the handed-in shares are deleted and the key
// is wiped, all in one transaction with its audit entry. A bid that fails any check is recorded as
// `undecryptable` with the reason and the opening goes on.
// Blocking: run on the worker pool. Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gongping/common/clock.hpp"
#include "gongping/common/result.hpp"
#include "gongping/server/accounts/principal.hpp"
#include "gongping/server/db/audit_log_writer.hpp"
#include "gongping/server/db/database.hpp"

namespace gp::server::opening {

struct OpenedBid {
  std::string bidder_id;  // "E-000042"
  std::string bidder_name;
  std::string bid_id;
  std::string status;  // "opened" | "undecryptable"
  std::optional<std::int64_t> price_fen;
  std::string size;
  std::string reason;  // why undecryptable
};

struct OpeningRecord {
  std::string tender_id;
  common::Instant opened_at;
  std::int64_t audit_index = 0;
  std::vector<OpenedBid> bids;
};

// What anyone attending the opening may know at a given moment: never the number of bids before
// bidding closes (Tendering Law Art. 22).
struct OpeningStatus {
  std::string tender_id;
  std::string state;  // the tender's state
  common::Instant bid_deadline;
  int shares_received = 0;
  int threshold = 0;
  bool opened = false;
};

struct ShareProgress {
  int received = 0;
  int threshold = 0;
  std::optional<OpeningRecord> record;  // set by the share that completed the opening
};

class OpeningService {
 public:
  OpeningService(db::Database& database, const common::Clock& clock);

  // Closes bidding on every published tender whose deadline has passed; returns how many.
  common::Result<int> settle_due_tenders();

  // opening_not_due before the deadline; forbidden for a non-officer; share_invalid for a share
  // that does not parse, is another officer's or differs from the one sealed to this officer;
  // share_duplicate when handed in twice; tender_transition_refused when the tender failed, was
  // cancelled or is already opened.
  common::Result<ShareProgress> submit_share(const accounts::Principal& officer, const std::string& tender_id,
                                             const std::string& share_text);

  // not_found for an unknown or unpublished tender.
  common::Result<OpeningStatus> status(const std::string& tender_id);

  // not_found until the tender is opened (so nothing about its bids leaks before).
  common::Result<OpeningRecord> record(const std::string& tender_id);

  // A bidder confirms the record or objects on the spot ("confirmed" | "objection").
  common::Result<void> respond(const accounts::Principal& bidder, const std::string& tender_id, const std::string& kind,
                               const std::string& text);

 private:
  db::Database& db_;
  const common::Clock& clock_;
  db::AuditLogWriter audit_;
};

}  // namespace gp::server::opening
