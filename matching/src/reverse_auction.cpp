#include "gongping/matching/reverse_auction.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "gongping/matching/decimal4.hpp"

namespace gp::matching {
namespace {

using common::ErrorCode;
using common::Instant;
using common::make_error;

std::string label(std::uint32_t bidder) { return "Bidder #" + std::to_string(bidder + 1); }

}  // namespace

std::int64_t AdjustedPrice::rounded_fen() const {
  const Int128 numerator = static_cast<Int128>(price_fen) * 10'000;
  const Int128 denominator = 10'000 + coefficient_bp;
  return static_cast<std::int64_t>((numerator * 2 + denominator) / (denominator * 2));
}

bool AdjustedPrice::lower_than(const AdjustedPrice& other) const {
  // price / (1 + c/10000) < other.price / (1 + other.c/10000), cross-multiplied (both denominators > 0).
  return static_cast<Int128>(price_fen) * (10'000 + other.coefficient_bp) <
         static_cast<Int128>(other.price_fen) * (10'000 + coefficient_bp);
}

bool AdjustedPrice::equals(const AdjustedPrice& other) const { return !lower_than(other) && !other.lower_than(*this); }

common::Result<void> check_terms(const ReverseAuctionTerms& t) {
  std::vector<common::FieldError> wrong;
  if (t.expected_value_fen <= 0 || t.expected_value_fen > kMaxAuctionPriceFen) {
    wrong.push_back({"expected_value_fen", "must be between 1 and 2^53"});
  }
  if (t.min_step_bp < 50 || t.min_step_bp > 300)
    wrong.push_back({"min_step_bp", "must be between 50 and 300 (0.5% to 3%)"});
  if (t.rounds < 1 || t.rounds > 10) wrong.push_back({"rounds", "must be between 1 and 10"});
  if (t.turn_seconds < 10 || t.turn_seconds > 600) wrong.push_back({"turn_seconds", "must be between 10 and 600"});
  if (t.bidders.size() < 2 || t.bidders.size() > 100) wrong.push_back({"bidders", "must be 2 to 100"});
  for (std::size_t i = 0; i < t.bidders.size(); ++i) {
    const auto& b = t.bidders[i];
    const std::string at = "bidders[" + std::to_string(i) + "]";
    if (b.bidder.empty()) wrong.push_back({at + ".bidder", "is required"});
    for (std::size_t j = 0; j < i; ++j) {
      if (t.bidders[j].bidder == b.bidder) wrong.push_back({at + ".bidder", "appears twice"});
    }
    if (b.initial_price_fen <= 0 || b.initial_price_fen > kMaxAuctionPriceFen) {
      wrong.push_back({at + ".initial_price_fen", "must be between 1 and 2^53"});
    }
    if (b.coefficient_bp < 0 || b.coefficient_bp > 3'000) {
      wrong.push_back({at + ".coefficient_bp", "must be between 0 and 3000 (30%)"});
    }
  }
  if (wrong.empty()) return common::Ok{};
  return common::Error::validation(std::move(wrong));
}

ReverseAuction::ReverseAuction(ReverseAuctionTerms terms) : terms_(std::move(terms)) {
  if (!check_terms(terms_)) throw std::invalid_argument("ReverseAuction: unchecked terms");
  for (const auto& b : terms_.bidders) {
    bidders_.add(b.bidder);
    prices_.push_back({b.initial_price_fen, b.coefficient_bp});
    priced_at_seq_.push_back(0);
  }
}

std::int64_t ReverseAuction::step_fen() const {
  return (terms_.expected_value_fen * terms_.min_step_bp + 9'999) / 10'000;
}

bool ReverseAuction::better(std::uint32_t a, std::uint32_t b) const {
  if (prices_[a].lower_than(prices_[b])) return true;
  if (prices_[b].lower_than(prices_[a])) return false;
  if (priced_at_seq_[a] != priced_at_seq_[b]) return priced_at_seq_[a] < priced_at_seq_[b];
  return a < b;
}

void ReverseAuction::start_round(Instant at) {
  order_.resize(prices_.size());
  std::iota(order_.begin(), order_.end(), 0U);
  // Worst first: the reverse of the standing.
  std::sort(order_.begin(), order_.end(), [this](std::uint32_t a, std::uint32_t b) { return better(b, a); });
  turn_ = 0;
  turn_started_ = at;
}

void ReverseAuction::end_turn(Instant at) {
  if (++turn_ < static_cast<std::int32_t>(order_.size())) {
    turn_started_ = at;
    return;
  }
  if (++round_ < terms_.rounds) {
    start_round(at);
    return;
  }
  const auto standing = standings();
  outcome_ = ReverseOutcome{standing.front().bidder, standing.front().price, at};
}

bool ReverseAuction::advance(Instant at) {
  clock_ = effective(at);
  if (outcome_) return false;
  if (!started_) {
    if (clock_ < terms_.starts_at) return false;
    started_ = true;
    start_round(terms_.starts_at);
  }
  const std::int64_t turn_micros = terms_.turn_seconds * kMicrosPerSecond;
  while (!outcome_) {
    const Instant deadline = Instant::from_unix_micros(turn_started_.unix_micros() + turn_micros);
    if (clock_ < deadline) break;
    end_turn(deadline);  // the turn ran out: a pass, recorded by nothing but time
  }
  return outcome_.has_value();
}

std::optional<ReverseTurn> ReverseAuction::turn() const {
  if (!started_ || outcome_) return std::nullopt;
  return ReverseTurn{round_, turn_, order_[turn_], turn_started_,
                     Instant::from_unix_micros(turn_started_.unix_micros() + terms_.turn_seconds * kMicrosPerSecond)};
}

std::vector<ReverseStanding> ReverseAuction::standings() const {
  std::vector<std::uint32_t> order(prices_.size());
  std::iota(order.begin(), order.end(), 0U);
  std::sort(order.begin(), order.end(), [this](std::uint32_t a, std::uint32_t b) { return better(a, b); });
  std::vector<ReverseStanding> out;
  out.reserve(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    out.push_back({order[i], prices_[order[i]], priced_at_seq_[order[i]], static_cast<std::int32_t>(i + 1)});
  }
  return out;
}

common::Result<BidAcceptance> ReverseAuction::bid(const AuctionBid& b) {
  const auto number = bidders_.find(b.bidder);
  if (number) {
    if (auto earlier = keys_.recall(b.key, *number, b, accepted_)) return std::move(*earlier);
  }
  advance(b.at);
  if (!started_) {
    return make_error(ErrorCode::auction_not_open, "The auction starts at " + terms_.starts_at.to_rfc3339() + ".");
  }
  if (outcome_) {
    return make_error(ErrorCode::auction_not_open, "The auction ended at " + outcome_->ended_at.to_rfc3339() + ".");
  }
  if (!number) return make_error(ErrorCode::auction_not_registered, "Only the auction's bidders may bid.");
  const auto now = *turn();
  if (now.bidder != *number) {
    return make_error(ErrorCode::auction_not_open, "It is " + label(now.bidder) + "'s turn until " +
                                                       now.ends_at.to_rfc3339() + "; your turn comes in its order.");
  }
  const std::int64_t price = b.pass ? prices_[*number].price_fen : b.price_fen;
  if (!b.pass) {
    if (price <= 0 || price > kMaxAuctionPriceFen)
      return common::Error::validation({{"price_fen", "must be between 1 and 2^53"}});
    const auto maximum = maximum_next_fen(*number);
    if (price > maximum) {
      return make_error(ErrorCode::bid_short_of_step, "A bid must lower your price by at least the step of " +
                                                          yuan_words(step_fen()) + ": at most " + yuan_words(maximum) +
                                                          ".");
    }
  }
  AcceptedBid accepted{static_cast<std::uint32_t>(accepted_.size() + 1), *number, price, clock_, b.pass};
  accepted_.push_back(accepted);
  keys_.remember(b.key, accepted.seq);
  if (!b.pass) {
    prices_[*number].price_fen = price;
    priced_at_seq_[*number] = accepted.seq;
  }
  end_turn(clock_);
  return BidAcceptance{accepted, false};
}

}  // namespace gp::matching
