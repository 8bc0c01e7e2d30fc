#pragma once
// JSON framing of the engine protocol (docs/engine-protocol.md), version 1.
//
// Command frame:  {"v":1,"id":"<1..64 chars>","type":"<command>","body":{...}}
// Reply frame:    {"v":1,"id":"<same id>","type":"<reply>","body":{...}}
// Error reply:    {"v":1,"id":"<id or null>","type":"error","body":{"code":"...","message":"..."}}
// Event frames:   topic frame "<event type>", then {"v":1,"type":"<event type>","seq":N,"body":{...}}
// Commands are read with their numbers exact (scores are decimals). Pure functions; no sockets here.

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "auction_codec.hpp"
#include "gongping/common/error.hpp"
#include "gongping/matching/engine_core.hpp"

namespace gp::matching::engine {

// Large enough for an evaluation room reopened with every score (1,000 bids x 9 experts x 20 criteria).
inline constexpr std::size_t kMaxCommandBytes = 16 << 20;
inline constexpr std::size_t kMaxIdBytes = 64;  // command ids, room ids, expert, bidder, criterion ids

using EngineCommand = std::variant<PingCommand, OpenRoomCommand, AddPanelCommand, SetScoreCommand, CloseRoomCommand,
                                   EvaluateCaseCommand, SnapshotCommand, OpenAuctionCommand, RegisterBidderCommand,
                                   AuctionBidCommand, AdvanceAuctionsCommand, AuctionStateCommand, DropAuctionCommand,
                                   AuctionBidsCommand, AnnounceBidCommand, RestoreAuctionCommand>;

struct DecodedCommand {
  std::string id;
  EngineCommand command;
};

// Error codes: malformed, too_large, unsupported_version, unknown_command, invalid_body (the frame);
// not_found, conflict (the command could not be carried out; see docs/engine-protocol.md).
struct ProtocolError {
  std::string id;  // empty when the frame had no readable id
  std::string code;
  std::string message;
};

std::variant<DecodedCommand, ProtocolError> decode_command(std::string_view frame);
// Whether a command changes the engine's state (and so belongs in its journal).
bool changes_state(const EngineCommand& command);

std::string encode_pong(const std::string& id, const PongReply& pong);
std::string encode_room_state(const std::string& id, const RoomState& state);               // type room_state
std::string encode_score_reply(const std::string& id, const ScoreReply& reply);             // type score_recorded
std::string encode_room_closed(const std::string& id, const RoomClosedReply& reply);        // type room_closed
std::string encode_evaluation(const std::string& id, const EvaluationResult& result);       // type evaluation
std::string encode_snapshot(const std::string& id, const EngineSnapshot& snapshot);         // type snapshot
std::string encode_auction_state(const std::string& id, const AuctionState& state);         // type auction_state
std::string encode_auction_bid_reply(const std::string& id, const AuctionBidReply& reply);  // type auction_bid_accepted
std::string encode_auctions_advanced(const std::string& id, std::size_t auctions);          // type auctions_advanced
// type auction_bids: {"bids": [auction_bid bodies with their auction]}, seq after_seq + 1 onwards
std::string encode_auction_bids(const std::string& id, const std::vector<AuctionBidCommand>& bids);
std::string encode_error(const ProtocolError& error);
// A domain refusal as an error reply: not_found, conflict, or invalid_body ("field: problem").
ProtocolError refusal(const std::string& id, const common::Error& error);

struct EncodedEvent {
  std::string topic;  // the event type
  std::string json;
};
EncodedEvent encode_event(std::uint64_t seq, const EngineEvent& event);
std::string encode_heartbeat(std::uint64_t seq, std::uint64_t commands_handled);

// The command frame that opens `command`'s room again with everything it holds (journal compaction).
std::string encode_open_room_command(const std::string& id, const OpenRoomCommand& command);
// The command frame of an auction command (journal compaction: an auction rebuilt from its opening,
// registrations and accepted bids).
std::string encode_auction_command(const std::string& id, const AuctionCommand& command);

}  // namespace gp::matching::engine
