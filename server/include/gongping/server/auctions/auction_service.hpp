#pragma once
// AuctionService: the record of live auctions (issue 8) in PostgreSQL. The engine decides every bid
// (matching/auction_book.hpp); this keeps what decided it, so that the auction survives the engine
// and the server, and so that anyone can replay it: the terms, the bidders registered with a
// confirmed deposit, and every accepted bid, stored with its audit entry before the bidder hears it
// was accepted. Every change commits with its audit entry.
//
// Blocking: run on the worker pool. Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gongping/common/clock.hpp"
#include "gongping/common/result.hpp"
#include "gongping/matching/auction_replay.hpp"
#include "gongping/server/accounts/principal.hpp"
#include "gongping/server/db/audit_log_writer.hpp"
#include "gongping/server/db/database.hpp"

namespace gp::server::auctions {

struct NewAuction {
  std::string title;
  std::string description;
  std::int64_t deposit_fen = 0;       // ascending auctions: the deposit a bidder pays to register
  matching::AuctionTerms terms;       // checked with matching::check_terms
  std::string terms_body_json;        // the engine's open_auction body for them (without the id)
  std::optional<std::string> tender;  // reverse auctions: the tender whose opened bids are its bidders
};

struct AuctionRegistration {
  std::string enterprise;  // public id
  std::string enterprise_name;
  std::string deposit_reference;
  common::Instant requested_at;
  std::optional<common::Instant> confirmed_at;
};

struct AuctionRecord {
  std::int64_t row = 0;
  std::string id;  // "AU-000001"
  std::string kind;
  std::string title;
  std::string description;
  std::string created_by;  // public id
  std::string state;       // scheduled, won, failed, ended
  std::string terms_body_json;
  std::int64_t deposit_fen = 0;
  common::Instant starts_at;
  common::Instant created_at;
  std::optional<std::string> winner;
  std::optional<std::int64_t> winning_price_fen;
  std::optional<common::Instant> ended_at;
  std::vector<AuctionRegistration> registrations;
  std::uint32_t stored_bids = 0;
  std::optional<std::string> tender;  // the tender it follows (reverse_from_tender.hpp)
};

// One accepted bid as the engine answered it, to store.
struct AcceptedAuctionBid {
  std::uint32_t seq = 0;
  std::string key;
  std::string bidder;  // enterprise public id
  std::int64_t price_fen = 0;
  bool pass = false;
  common::Instant at;
};

class AuctionService {
 public:
  AuctionService(db::Database& database, const common::Clock& clock);

  // validation_failed for a start not in the future, a reverse auction's bidder that is no
  // enterprise, or a tender (NewAuction::tender) that is not the official's, opened and not yet
  // awarded at the moment of creation (the tender is held so until the auction is committed).
  common::Result<AuctionRecord> create(const accounts::Principal& official, const NewAuction& auction);
  // not_found for an unknown id.
  common::Result<AuctionRecord> load(const std::string& id);
  // An enterprise asks to bid in an ascending auction, naming its deposit's transfer (idempotent);
  // auction_not_open from the start on; conflict for a reverse auction.
  common::Result<AuctionRecord> request_registration(const accounts::Principal& enterprise, const std::string& id,
                                                     const std::string& deposit_reference);
  // The auction's author confirms the deposit received: → the engine's registration for it (at the
  // server's clock now). not_found for another official's auction or an enterprise that did not
  // ask; auction_not_open from the start on; a confirmed one again answers its registration.
  common::Result<matching::RegisterBidderCommand> confirm_registration(const accounts::Principal& official,
                                                                       const std::string& id,
                                                                       const std::string& enterprise);
  struct StoredBid {
    std::int64_t audit_index = 0;
    bool stored_now = false;  // false: stored before (a retry, or a catch-up of a stored bid)
  };
  // Stores an accepted bid with its audit entry ("auction.bid"); a bid stored already (its seq) is
  // left as it is, and must be the same bid (internal otherwise: the engine and the record differ).
  common::Result<StoredBid> store_bid(const std::string& id, const AcceptedAuctionBid& bid);
  // The first accepted bid (of 1..accepted) the record lacks, or nothing when it has them all.
  common::Result<std::optional<std::uint32_t>> first_missing_bid(const std::string& id, std::uint32_t accepted);
  // Stores the outcome the engine reached (state won, failed or ended) with its audit entry; an
  // auction decided already is left as it is. conflict while the record holds fewer than the
  // engine's `accepted` bids (never decide on a transcript with a hole).
  common::Result<AuctionRecord> store_outcome(const std::string& id, const std::string& state,
                                              const std::optional<std::string>& winner, std::int64_t winning_price_fen,
                                              common::Instant ended_at, std::uint32_t accepted);
  struct Listed {
    std::string id, kind, title, state;
    common::Instant starts_at;
    std::optional<common::Instant> ended_at;
  };
  // The newest auctions first, at most `limit`.
  common::Result<std::vector<Listed>> list(std::size_t limit);
  // What the keeper compares with the engine's state, each second, of an auction not yet decided.
  struct Undecided {
    std::string id;
    std::uint32_t stored_bids = 0;
    std::vector<std::pair<std::string, common::Instant>> confirmed;  // enterprise public id, confirmed at
  };
  // The auctions not yet decided, oldest first: two queries however many there are.
  common::Result<std::vector<Undecided>> undecided();
  // What rebuilds the auction in an engine: its terms, confirmed registrations, stored bids.
  common::Result<matching::AuctionTranscript> transcript(const std::string& id);

 private:
  db::Database& db_;
  const common::Clock& clock_;
  db::AuditLogWriter audit_;
};

}  // namespace gp::server::auctions
