#pragma once
// ReverseAuction: the online reverse auction that ends a procurement after the non-price parts were
// evaluated (as ProZorro runs it). The bidders come in with their initial prices; in each of the
// rounds (3) they move in turn, from the worst price to the best as the round starts, each turn at
// most `turn_seconds` (2 minutes). On its turn a bidder lowers its price by at least the minimal
// step (0.5% to 3% of the expected value, rounded up to a fen) or passes; a turn not used in time
// passes. Others' turns take no bids. After the last round the best adjusted price wins.
//
// Adjusted price: where the evaluation gave a bidder non-price advantages, its price is compared as
// price / (1 + coefficient), the coefficient in basis points (0 to 3000: at most 30%). With no
// coefficients the adjusted price is the price. Comparisons are exact (cross-multiplied); the
// rounded figure in fen is for display. Ties go to the bidder who offered its price first (an
// initial price counts as first), then to the lower number.
//
// Bidders are numbered in the order the terms list them and shown as "Bidder #N" (N = number + 1).
// Deterministic: the same bids, with the same instants, in the same order, give the same auction.
// Instants earlier than the auction's clock count as its clock. Not thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gongping/common/instant.hpp"
#include "gongping/common/result.hpp"
#include "gongping/matching/auction_bid.hpp"

namespace gp::matching {

struct ReverseAuctionBidder {
  std::string bidder;  // the enterprise's public id
  std::int64_t initial_price_fen = 0;
  std::int32_t coefficient_bp = 0;  // 0 to 3000

  bool operator==(const ReverseAuctionBidder&) const = default;
};

struct ReverseAuctionTerms {
  std::int64_t expected_value_fen = 0;  // the steps are a share of it
  std::int32_t min_step_bp = 50;        // 50 to 300 (0.5% to 3%)
  std::int32_t rounds = 3;              // 1 to 10
  std::int64_t turn_seconds = 120;      // 10 to 600
  common::Instant starts_at;
  std::vector<ReverseAuctionBidder> bidders;  // 2 to 100, each once

  bool operator==(const ReverseAuctionTerms&) const = default;
};

// validation_failed naming each wrong field.
common::Result<void> check_terms(const ReverseAuctionTerms& terms);

// A price as compared: price / (1 + coefficient_bp / 10000).
struct AdjustedPrice {
  std::int64_t price_fen = 0;
  std::int32_t coefficient_bp = 0;

  // Rounded half up to a fen, for display.
  std::int64_t rounded_fen() const;
  // Exactly: is this adjusted price lower than `other`'s?
  bool lower_than(const AdjustedPrice& other) const;
  bool equals(const AdjustedPrice& other) const;
};

// Whose turn it is, and until when.
struct ReverseTurn {
  std::int32_t round = 0;  // 0-based
  std::int32_t turn = 0;   // 0-based within the round
  std::uint32_t bidder = 0;
  common::Instant starts_at;
  common::Instant ends_at;
};

struct ReverseStanding {
  std::uint32_t bidder = 0;
  AdjustedPrice price;
  std::uint32_t priced_at_seq = 0;  // the bid that set the price; 0 for the initial price
  std::int32_t rank = 0;            // 1 = best
};

struct ReverseOutcome {
  std::uint32_t winner = 0;
  AdjustedPrice price;
  common::Instant ended_at;
};

class ReverseAuction {
 public:
  // The terms must have passed check_terms (std::invalid_argument otherwise).
  explicit ReverseAuction(ReverseAuctionTerms terms);

  // A bid or a pass. In this order: a key seen before answers its bid (or idempotency_key_reused);
  // auction_not_open before the start, once ended, or on another bidder's turn (the detail names
  // whose turn it is and until when); auction_not_registered for a bidder not in the auction;
  // validation_failed for a price out of range; bid_short_of_step for a price that does not improve
  // the bidder's own by the step (the detail gives the highest price allowed).
  common::Result<BidAcceptance> bid(const AuctionBid& bid);

  // Moves the clock to `at`, passing every turn whose time ran out: → true when the auction ended
  // just now.
  bool advance(common::Instant at);

  bool ended() const { return outcome_.has_value(); }
  const std::optional<ReverseOutcome>& outcome() const { return outcome_; }
  // The turn now (none before the start and once ended).
  std::optional<ReverseTurn> turn() const;
  // Every bidder's price now, best first.
  std::vector<ReverseStanding> standings() const;
  std::int64_t step_fen() const;
  // The highest price `bidder` may offer on its turn (its price less the step).
  std::int64_t maximum_next_fen(std::uint32_t bidder) const { return prices_[bidder].price_fen - step_fen(); }
  common::Instant clock() const { return clock_; }

  const ReverseAuctionTerms& terms() const { return terms_; }
  const AuctionBidders& bidders() const { return bidders_; }
  const std::vector<AcceptedBid>& accepted() const { return accepted_; }

 private:
  common::Instant effective(common::Instant at) const { return at < clock_ ? clock_ : at; }
  // Starts the round `round_` at `at`: its order, worst price first.
  void start_round(common::Instant at);
  // Ends the current turn at `at`, then starts the next turn (or round, or ends the auction).
  void end_turn(common::Instant at);
  bool better(std::uint32_t a, std::uint32_t b) const;  // a ranks before b

  ReverseAuctionTerms terms_;
  AuctionBidders bidders_;
  std::vector<AdjustedPrice> prices_;         // by bidder number
  std::vector<std::uint32_t> priced_at_seq_;  // by bidder number
  std::vector<std::uint32_t> order_;          // this round's order of turns
  std::vector<AcceptedBid> accepted_;
  IdempotencyBook keys_;
  common::Instant clock_;
  bool started_ = false;
  std::int32_t round_ = 0;
  std::int32_t turn_ = 0;
  common::Instant turn_started_;
  std::optional<ReverseOutcome> outcome_;
};

}  // namespace gp::matching
