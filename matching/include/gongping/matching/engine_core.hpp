#pragma once
// EngineCore: the deterministic, single-threaded state machine behind gongping-engine.
//
// Commands go in as plain structs; replies come out as plain structs and events are appended to the
// caller's list. The ZeroMQ and JSON framing lives in matching/engine/ (docs/engine-protocol.md).
// Given the same commands in the same order, two cores reach the same state (the engine's journal
// relies on it). Not thread-safe: one thread (the engine loop) owns it.
//
// Evaluation rooms: one per tender being evaluated, keyed by the caller's room id. Live auctions:
// one per auction, keyed by the caller's auction id (auction_book.hpp).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "gongping/common/result.hpp"
#include "gongping/matching/auction_book.hpp"
#include "gongping/matching/evaluation_case.hpp"
#include "gongping/matching/evaluation_result.hpp"
#include "gongping/matching/evaluation_room.hpp"

namespace gp::matching {

// The protocol version this core speaks (docs/engine-protocol.md).
inline constexpr int kEngineProtocolVersion = 1;

struct PingCommand {
  std::string nonce;  // echoed back, at most 64 bytes (checked by the adapter)
};

struct PongReply {
  std::string nonce;
  std::uint64_t commands_handled = 0;  // including this ping
  int protocol_version = kEngineProtocolVersion;
};

// ---- evaluation rooms -------------------------------------------------------------------------

struct OpenRoomCommand {
  std::string room;
  EvaluationCase setup;  // scores given here are the room's first scores
  RoomSettings settings;
  bool replace = false;  // an open room with other inputs is replaced (a server resynchronising it)
};
struct AddPanelCommand {  // replaces the panel of a room no expert has scored in yet
  std::string room;
  std::vector<std::string> experts;
};
struct SetScoreCommand {  // submit_score, or withdraw_score with no score
  std::string room;
  std::string expert;
  std::string bidder;
  std::string criterion;
  std::optional<Decimal4> score;
};
struct CloseRoomCommand {
  std::string room;
};
struct EvaluateCaseCommand {
  EvaluationCase evaluation_case;  // checked by the adapter
};
struct SnapshotCommand {
  std::optional<std::string> room;  // none: every open room's digest
};

struct RoomState {
  std::string room;
  std::string digest;  // EvaluationRoom::state_digest
  bool complete = false;
  std::vector<std::string> experts_finished;
  EvaluationResult standing;
};
struct ScoreReply {
  std::string room;
  RoomUpdate update;
};
struct RoomClosedReply {
  std::string room;
  std::string digest;
  EvaluationResult result;  // exactly evaluate() of the room's inputs
};
struct RoomDigest {
  std::string room;
  std::string digest;
};
struct EngineSnapshot {
  std::vector<RoomDigest> rooms;  // by room id
};

// Events, in the order they happened.
struct RankingChangedEvent {
  std::string room;
  std::vector<RankingRow> rows;
};
struct ExpertFinishedEvent {
  std::string room;
  std::string expert;
};
struct DeviationAlertEvent {
  std::string room;
  DeviationAlert alert;
};
struct RoomClosedEvent {
  std::string room;
  EvaluationResult result;
};
using EngineEvent = std::variant<RankingChangedEvent, ExpertFinishedEvent, DeviationAlertEvent, RoomClosedEvent,
                                 AuctionBidEvent, AuctionTurnEvent, AuctionEndedEvent>;
using EngineEvents = std::vector<EngineEvent>;

class EngineCore {
 public:
  PongReply handle(const PingCommand& command);

  // conflict when the room exists with other inputs, unless `replace` (the same inputs again answer
  // its state: a retry).
  common::Result<RoomState> handle(const OpenRoomCommand& command, EngineEvents& events);
  // not_found for an unknown room; conflict once any score is in.
  common::Result<RoomState> handle(const AddPanelCommand& command, EngineEvents& events);
  // not_found for an unknown room, expert, bidder or criterion; validation_failed out of range.
  // Publishes ranking_changed (when a row moved or rescored), expert_finished and deviation alerts.
  common::Result<ScoreReply> handle(const SetScoreCommand& command, EngineEvents& events);
  // conflict while scores are missing; the room is gone afterwards.
  common::Result<RoomClosedReply> handle(const CloseRoomCommand& command, EngineEvents& events);
  EvaluationResult handle(const EvaluateCaseCommand& command);
  common::Result<std::variant<RoomState, EngineSnapshot>> handle(const SnapshotCommand& command);

  // Live auctions (AuctionBook): each command as the book carries it out, its events appended.
  common::Result<AuctionState> handle(const OpenAuctionCommand& command, EngineEvents& events);
  common::Result<AuctionState> handle(const RegisterBidderCommand& command, EngineEvents& events);
  common::Result<AuctionBidReply> handle(const AuctionBidCommand& command, EngineEvents& events);
  // → how many auctions the engine holds.
  std::size_t handle(const AdvanceAuctionsCommand& command, EngineEvents& events);
  common::Result<AuctionState> handle(const AuctionStateCommand& command);
  common::Result<AuctionState> handle(const DropAuctionCommand& command, EngineEvents& events);
  common::Result<std::vector<AuctionBidCommand>> handle(const AuctionBidsCommand& command);
  common::Result<AuctionState> handle(const AnnounceBidCommand& command, EngineEvents& events);
  common::Result<AuctionState> handle(const RestoreAuctionCommand& command, EngineEvents& events);
  const AuctionBook& auctions() const { return auctions_; }

  // Commands refused by the adapter (malformed, unknown) still count, so that operators can see
  // a noisy client in the numbers.
  void note_rejected_command() { ++commands_handled_; }
  std::uint64_t commands_handled() const { return commands_handled_; }
  std::size_t open_rooms() const { return rooms_.size(); }
  // Every open room's inputs and scores, for compacting the journal.
  std::vector<OpenRoomCommand> open_room_commands() const;

 private:
  RoomState state_of(const std::string& room, const EvaluationRoom& r) const;
  common::Result<EvaluationRoom*> find(const std::string& room);

  std::uint64_t commands_handled_ = 0;
  struct OpenRoom {
    EvaluationRoom room;
    RoomSettings settings;
  };
  std::map<std::string, OpenRoom> rooms_;
  AuctionBook auctions_;
};

}  // namespace gp::matching
