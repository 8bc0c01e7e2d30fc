#include "gongping/matching/english_auction.hpp"

#include <algorithm>
#include <stdexcept>

namespace gp::matching {
namespace {

using common::ErrorCode;
using common::Instant;
using common::make_error;

}  // namespace

std::int64_t Increment::over(std::int64_t price_fen) const {
  if (fixed_fen > 0) return fixed_fen;
  // Rounded up to a fen, and never less than one fen. Prices stay under 2^53, so no overflow.
  return std::max<std::int64_t>(1, (price_fen * basis_points + 9'999) / 10'000);
}

common::Result<void> check_terms(const EnglishAuctionTerms& t) {
  std::vector<common::FieldError> wrong;
  if (t.starting_price_fen <= 0 || t.starting_price_fen > kMaxAuctionPriceFen) {
    wrong.push_back({"starting_price_fen", "must be between 1 and 2^53"});
  }
  if (t.reserve_price_fen != 0 &&
      (t.reserve_price_fen < t.starting_price_fen || t.reserve_price_fen > kMaxAuctionPriceFen)) {
    wrong.push_back({"reserve_price_fen", "must be 0 (none) or between the starting price and 2^53"});
  }
  const bool fixed = t.increment.fixed_fen > 0, share = t.increment.basis_points > 0;
  if (fixed == share || t.increment.fixed_fen < 0 || t.increment.basis_points < 0) {
    wrong.push_back({"increment", "give either a fixed amount in fen or a share in basis points"});
  } else if (fixed && t.increment.fixed_fen > t.starting_price_fen) {
    wrong.push_back({"increment.fixed_fen", "must not exceed the starting price"});
  } else if (share && t.increment.basis_points > 1'000) {
    wrong.push_back({"increment.basis_points", "must be between 1 and 1000 (10%)"});
  }
  if (t.free_bidding_ends_at <= t.starts_at) wrong.push_back({"free_bidding_ends_at", "must be after the start"});
  if (t.countdown_seconds < 10 || t.countdown_seconds > 3'600) {
    wrong.push_back({"countdown_seconds", "must be between 10 and 3600"});
  }
  if (t.hard_stop_at <= t.free_bidding_ends_at)
    wrong.push_back({"hard_stop_at", "must be after the free bidding ends"});
  if (wrong.empty()) return common::Ok{};
  return common::Error::validation(std::move(wrong));
}

std::string_view to_string(EnglishPhase phase) {
  switch (phase) {
    case EnglishPhase::registration: return "registration";
    case EnglishPhase::free_bidding: return "free_bidding";
    case EnglishPhase::countdown: return "countdown";
    case EnglishPhase::won: return "won";
    case EnglishPhase::failed: return "failed";
  }
  return "failed";
}

EnglishAuction::EnglishAuction(EnglishAuctionTerms terms) : terms_(terms) {
  if (!check_terms(terms_)) throw std::invalid_argument("EnglishAuction: unchecked terms");
}

void EnglishAuction::reserve(std::size_t bids) {
  accepted_.reserve(bids);
  keys_.reserve(bids);
}

common::Result<std::uint32_t> EnglishAuction::register_bidder(std::string_view bidder, Instant at) {
  advance(at);
  // Decided by the confirmation's instant, not by the clock: a deposit confirmed before the start
  // (the record's decision, at the same instant) counts even if its command reaches the engine after
  // a later command moved the clock past the start.
  if (at >= terms_.starts_at) {
    return make_error(ErrorCode::auction_not_open,
                      "Registration closed when the auction started at " + terms_.starts_at.to_rfc3339() + ".");
  }
  return bidders_.add(bidder);
}

Instant EnglishAuction::ends_at() const {
  const Instant from =
      accepted_.empty() ? terms_.free_bidding_ends_at : std::max(terms_.free_bidding_ends_at, accepted_.back().at);
  const Instant by_countdown =
      Instant::from_unix_micros(from.unix_micros() + terms_.countdown_seconds * kMicrosPerSecond);
  return std::min(by_countdown, terms_.hard_stop_at);
}

std::int64_t EnglishAuction::minimum_next_fen() const {
  if (accepted_.empty()) return terms_.starting_price_fen;
  const auto current = accepted_.back().price_fen;
  return current + terms_.increment.over(current);
}

std::optional<std::uint32_t> EnglishAuction::leader() const {
  if (accepted_.empty()) return std::nullopt;
  return accepted_.back().bidder;
}

EnglishPhase EnglishAuction::phase() const {
  if (outcome_) return outcome_->winner ? EnglishPhase::won : EnglishPhase::failed;
  if (clock_ < terms_.starts_at) return EnglishPhase::registration;
  if (clock_ < terms_.free_bidding_ends_at) return EnglishPhase::free_bidding;
  return EnglishPhase::countdown;
}

bool EnglishAuction::advance(Instant at) {
  clock_ = effective(at);
  if (outcome_) return false;
  const Instant end = ends_at();
  if (clock_ < end) return false;
  EnglishOutcome o;
  o.ended_at = end;
  o.price_fen = current_price_fen();
  o.reserve_met = !accepted_.empty() && o.price_fen >= terms_.reserve_price_fen;
  if (o.reserve_met) o.winner = accepted_.back().bidder;
  outcome_ = o;
  return true;
}

common::Result<BidAcceptance> EnglishAuction::bid(const AuctionBid& b) {
  const auto number = bidders_.find(b.bidder);
  if (number) {
    if (auto earlier = keys_.recall(b.key, *number, b, accepted_)) return std::move(*earlier);
  }
  advance(b.at);
  if (clock_ < terms_.starts_at) {
    return make_error(ErrorCode::auction_not_open, "The auction starts at " + terms_.starts_at.to_rfc3339() + ".");
  }
  if (outcome_) {
    return make_error(ErrorCode::auction_not_open, "The auction ended at " + outcome_->ended_at.to_rfc3339() + ".");
  }
  if (!number)
    return make_error(ErrorCode::auction_not_registered, "Only bidders registered with their deposit may bid.");
  if (b.pass) return common::Error::validation({{"pass", "an ascending auction takes no passes"}});
  if (b.price_fen <= 0 || b.price_fen > kMaxAuctionPriceFen) {
    return common::Error::validation({{"price_fen", "must be between 1 and 2^53"}});
  }
  if (!accepted_.empty() && accepted_.back().bidder == *number) {
    return make_error(ErrorCode::conflict, "Your bid leads already; wait for another bidder to outbid it.");
  }
  const auto minimum = minimum_next_fen();
  if (b.price_fen < minimum) {
    return make_error(ErrorCode::bid_short_of_step,
                      (accepted_.empty() ? "The first bid must reach the starting price, " : "A bid must reach ") +
                          yuan_words(minimum) + ".");
  }
  AcceptedBid accepted{static_cast<std::uint32_t>(accepted_.size() + 1), *number, b.price_fen, clock_, false};
  accepted_.push_back(accepted);
  keys_.remember(b.key, accepted.seq);
  return BidAcceptance{accepted, false};
}

}  // namespace gp::matching
