#include "gongping/matching/auction_bid.hpp"

#include "gongping/common/money.hpp"

namespace gp::matching {

std::string yuan_words(std::int64_t fen) { return common::Money::from_fen(fen).to_yuan_string() + " yuan"; }

std::uint32_t AuctionBidders::add(std::string_view bidder) {
  if (const auto found = find(bidder)) return *found;
  const auto number = static_cast<std::uint32_t>(ids_.size());
  ids_.emplace_back(bidder);
  numbers_.emplace(ids_.back(), number);
  return number;
}

std::optional<std::uint32_t> AuctionBidders::find(std::string_view bidder) const {
  const auto it = numbers_.find(bidder);
  if (it == numbers_.end()) return std::nullopt;
  return it->second;
}

std::optional<common::Result<BidAcceptance>> IdempotencyBook::recall(std::string_view key, std::uint32_t bidder,
                                                                     const AuctionBid& bid,
                                                                     const std::vector<AcceptedBid>& accepted) const {
  const auto it = seqs_.find(key);
  if (it == seqs_.end()) return std::nullopt;
  const AcceptedBid& earlier = accepted[it->second - 1];
  const bool same =
      earlier.bidder == bidder && earlier.pass == bid.pass && (bid.pass || earlier.price_fen == bid.price_fen);
  if (!same) {
    return common::Result<BidAcceptance>(common::make_error(
        common::ErrorCode::idempotency_key_reused, "This idempotency key was used for another bid in this auction."));
  }
  return common::Result<BidAcceptance>(BidAcceptance{earlier, true});
}

}  // namespace gp::matching
