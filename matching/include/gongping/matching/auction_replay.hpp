#pragma once
// Replaying an auction's transcript: its opening, its registrations and its accepted bids, in order,
// through a fresh AuctionBook, to the auction's end. Anyone holding the transcript (from the audit
// log, `gongping auction replay`) gets the same result as the engine did, or learns which bid the
// rules would not have accepted.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "gongping/matching/auction_book.hpp"

namespace gp::matching {

struct AuctionReplay {
  std::size_t bids_replayed = 0;
  // Why replaying stopped short: the terms, a registration or a bid the rules refuse (then the
  // state is where it stopped).
  std::optional<std::string> refusal;
  AuctionState state;  // full, at the end when every bid replayed
};

AuctionReplay replay_auction(const AuctionTranscript& transcript);

}  // namespace gp::matching
