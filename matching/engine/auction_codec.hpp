#pragma once
// JSON of the engine protocol's live-auction commands, replies and events (docs/engine-protocol.md,
// "Live auctions"). protocol_codec.cpp frames them; this file reads and writes their bodies. Prices
// are integer fen; instants are RFC 3339 UTC with microseconds (the server's clock).

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "exact_json.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/matching/auction_book.hpp"

namespace gp::matching::engine {

using AuctionCommand = std::variant<OpenAuctionCommand, RegisterBidderCommand, AuctionBidCommand,
                                    AdvanceAuctionsCommand, AuctionStateCommand, DropAuctionCommand, AuctionBidsCommand,
                                    AnnounceBidCommand, RestoreAuctionCommand>;

// A body that does not fit its command: the member and what is wrong with it.
struct AuctionBodyProblem {
  std::string member;
  std::string problem;
};

// The command of an auction command type's body; nullopt when `type` is not an auction command.
// restore_auction's body is a transcript (docs/auction-transcript.md, without "recorded").
std::optional<std::variant<AuctionCommand, AuctionBodyProblem>> decode_auction_body(std::string_view type,
                                                                                    const ExactJson& body);

// The body of an auction command, as the journal keeps it (the inverse of decode_auction_body).
void write_auction_command_body(common::JsonWriter& w, const AuctionCommand& command);
std::string_view auction_command_type(const AuctionCommand& command);

// The "kind" and "terms" members of an open_auction body, into the object being written.
void write_auction_terms(common::JsonWriter& w, const AuctionTerms& terms);
void write_auction_state(common::JsonWriter& w, const AuctionState& state);
void write_accepted_bid(common::JsonWriter& w, const AcceptedBid& bid, const std::string& bidder);

}  // namespace gp::matching::engine
