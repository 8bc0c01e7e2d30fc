#pragma once
// An auction's transcript as JSON (docs/auction-transcript.md): what `gongping auction replay`
// reads and what the simulations write. Its parts are the engine protocol's command bodies
// (auction_codec.hpp), so a transcript is exactly the commands that rebuild the auction.
//
//   {"v":1,"open":{open_auction body},"registrations":[{register_bidder body}],
//    "bids":[{auction_bid body}],"recorded":{"winner","winning_price_fen","ended_at"} (optional)}

#include <optional>
#include <string>
#include <string_view>

#include "exact_json.hpp"
#include "gongping/common/result.hpp"
#include "gongping/matching/auction_replay.hpp"

namespace gp::matching::engine {

// The result the transcript's source recorded, to compare the replay with.
struct RecordedAuctionOutcome {
  std::optional<std::string> winner;  // null: the auction failed
  std::int64_t winning_price_fen = 0;
  common::Instant ended_at;
};

struct AuctionTranscriptDocument {
  AuctionTranscript transcript;
  std::optional<RecordedAuctionOutcome> recorded;
};

// validation_failed naming the member ("bids[3].price_fen") for a document that does not fit.
common::Result<AuctionTranscriptDocument> read_auction_transcript(std::string_view json);
common::Result<AuctionTranscriptDocument> read_auction_transcript(const ExactJson& document);
std::string write_auction_transcript(const AuctionTranscriptDocument& document);

// The replay as JSON: {"auction","bids_replayed","refusal","phase","winner","winning_price_fen",
// "reserve_met","ended_at","matches_recorded"} (matches_recorded null without a recorded outcome).
std::string write_auction_replay(const AuctionReplay& replay, const std::optional<RecordedAuctionOutcome>& recorded);
// Whether the replay reached the recorded outcome (and every bid replayed).
bool replay_matches(const AuctionReplay& replay, const RecordedAuctionOutcome& recorded);

}  // namespace gp::matching::engine
