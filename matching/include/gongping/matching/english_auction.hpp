#pragma once
// EnglishAuction: the ascending live auction by which land-use rights, mining rights and state-owned
// property are sold (拍卖). Bidders register (their deposit paid: the server checks it) before the
// start; from the start they bid freely until the free-bidding period ends; then a countdown runs,
// restarted by every accepted bid (anti-sniping), and the auction ends when the countdown runs out
// or at the hard stop, whichever comes first. The highest bid wins if it reaches the reserve price
// (secret until the end); otherwise the auction fails.
//
// Timing, exactly: the auction ends at min(hard_stop, max(free_bidding_ends, last accepted bid) +
// countdown). A bid is in time when its instant is before that end; a bid at the end is late.
//
// A bid must reach the starting price (the first) or the current price plus the increment (the
// others); the leader does not bid against itself. Deterministic: the same bids, with the same
// instants, in the same order, give the same auction. Time passing is told by advance(); every bid
// advances the clock to its instant first. Instants earlier than the auction's clock count as its
// clock (the clock never goes back). Not thread-safe: the engine's single thread owns it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gongping/common/instant.hpp"
#include "gongping/common/result.hpp"
#include "gongping/matching/auction_bid.hpp"

namespace gp::matching {

// The least raise over the current price: a fixed amount, or a share of the current price in basis
// points rounded up to a fen.
struct Increment {
  std::int64_t fixed_fen = 0;
  std::int32_t basis_points = 0;

  std::int64_t over(std::int64_t price_fen) const;
  bool operator==(const Increment&) const = default;
};

struct EnglishAuctionTerms {
  std::int64_t starting_price_fen = 0;
  std::int64_t reserve_price_fen = 0;  // 0: none; else at least the starting price
  Increment increment;                 // exactly one of its two set
  common::Instant starts_at;
  common::Instant free_bidding_ends_at;  // after starts_at
  std::int64_t countdown_seconds = 180;  // 10 s to 1 hour
  common::Instant hard_stop_at;          // after free_bidding_ends_at

  bool operator==(const EnglishAuctionTerms&) const = default;
};

// validation_failed naming each wrong field.
common::Result<void> check_terms(const EnglishAuctionTerms& terms);

enum class EnglishPhase { registration, free_bidding, countdown, won, failed };
std::string_view to_string(EnglishPhase phase);

// The auction's outcome once ended: the winner (a bidder's number) and price, or none (failed).
struct EnglishOutcome {
  std::optional<std::uint32_t> winner;
  std::int64_t price_fen = 0;  // the highest bid (0 when no bid came)
  common::Instant ended_at;
  bool reserve_met = false;
};

class EnglishAuction {
 public:
  // The terms must have passed check_terms (a broken invariant otherwise: std::invalid_argument).
  explicit EnglishAuction(EnglishAuctionTerms terms);

  // A registration confirmed (`at`) before the start: → the bidder's number (the same again for a
  // bidder already in). auction_not_open when `at` is the start or later, whatever the clock.
  common::Result<std::uint32_t> register_bidder(std::string_view bidder, common::Instant at);

  // A bid (never a pass). In this order: a key seen before answers its bid (or
  // idempotency_key_reused); auction_not_open before the start or once ended;
  // auction_not_registered; validation_failed for a price out of range; conflict for the leader
  // bidding again; bid_short_of_step under the least allowed price (the detail names it).
  common::Result<BidAcceptance> bid(const AuctionBid& bid);

  // Moves the clock to `at`: → true when the auction ended just now (its outcome is then fixed).
  bool advance(common::Instant at);

  EnglishPhase phase() const;
  bool ended() const { return outcome_.has_value(); }
  const std::optional<EnglishOutcome>& outcome() const { return outcome_; }
  common::Instant clock() const { return clock_; }
  // When the auction ends if no further bid comes.
  common::Instant ends_at() const;
  // The least price the next bid may offer.
  std::int64_t minimum_next_fen() const;
  std::optional<std::uint32_t> leader() const;
  std::int64_t current_price_fen() const { return accepted_.empty() ? 0 : accepted_.back().price_fen; }

  const EnglishAuctionTerms& terms() const { return terms_; }
  const AuctionBidders& bidders() const { return bidders_; }
  const std::vector<AcceptedBid>& accepted() const { return accepted_; }
  void reserve(std::size_t bids);

 private:
  common::Instant effective(common::Instant at) const { return at < clock_ ? clock_ : at; }

  EnglishAuctionTerms terms_;
  AuctionBidders bidders_;
  std::vector<AcceptedBid> accepted_;
  IdempotencyBook keys_;
  common::Instant clock_;
  std::optional<EnglishOutcome> outcome_;
};

}  // namespace gp::matching
