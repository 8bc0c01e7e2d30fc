#include "gongping/matching/auction_replay.hpp"

#include <limits>

namespace gp::matching {

AuctionReplay replay_auction(const AuctionTranscript& transcript) {
  AuctionReplay replay;
  AuctionBook book;
  std::vector<AuctionEvent> ignored;
  const auto& id = transcript.open.auction;
  const auto opened = book.open(transcript.open);
  if (!opened) {
    replay.refusal = "the terms: " + opened.error().detail;
    return replay;
  }
  for (std::size_t i = 0; i < transcript.registrations.size(); ++i) {
    const auto registered = book.register_bidder(transcript.registrations[i], ignored);
    if (!registered) {
      replay.refusal = "registration " + std::to_string(i + 1) + ": " + registered.error().detail;
      replay.state = book.state(id).value();
      return replay;
    }
  }
  for (const auto& bid : transcript.bids) {
    const auto accepted = book.bid(bid, ignored);
    const auto seq = replay.bids_replayed + 1;
    if (!accepted || accepted.value().replayed || accepted.value().bid.seq != seq) {
      replay.refusal = "bid " + std::to_string(seq) + " (key " + bid.key +
                       "): " + (accepted ? std::string("the key was used by an earlier bid") : accepted.error().detail);
      replay.state = book.state(id).value();
      return replay;
    }
    ++replay.bids_replayed;
  }
  // To the end: an auction's end follows from its terms and bids, whatever the clock says past it.
  book.advance({common::Instant::from_unix_micros(std::numeric_limits<std::int64_t>::max() / 2)}, ignored);
  replay.state = book.state(id).value();
  return replay;
}

}  // namespace gp::matching
