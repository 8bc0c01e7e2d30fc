#include "gongping/matching/engine_core.hpp"

#include "gongping/matching/evaluate.hpp"

namespace gp::matching {
namespace {

using common::ErrorCode;
using common::make_error;

bool any_score(const EvaluationCase& c) {
  for (const auto& bid : c.bids) {
    for (const auto& row : bid.scores) {
      for (const auto& s : row) {
        if (s) return true;
      }
    }
  }
  return false;
}

}  // namespace

PongReply EngineCore::handle(const PingCommand& command) {
  ++commands_handled_;
  return PongReply{command.nonce, commands_handled_, kEngineProtocolVersion};
}

common::Result<EvaluationRoom*> EngineCore::find(const std::string& room) {
  const auto it = rooms_.find(room);
  if (it == rooms_.end()) return make_error(ErrorCode::not_found, "No evaluation room \"" + room + "\" is open.");
  return &it->second.room;
}

RoomState EngineCore::state_of(const std::string& room, const EvaluationRoom& r) const {
  RoomState state{room, r.state_digest(), r.complete(), {}, r.standing()};
  for (const auto& expert : r.to_case().experts) {
    if (r.expert_finished(expert)) state.experts_finished.push_back(expert);
  }
  return state;
}

common::Result<RoomState> EngineCore::handle(const OpenRoomCommand& command, EngineEvents&) {
  ++commands_handled_;
  auto opened = EvaluationRoom::open(command.setup, command.settings);
  if (!opened) return opened.error();
  if (const auto it = rooms_.find(command.room); it != rooms_.end()) {
    const bool same = it->second.room.state_digest() == opened.value().state_digest();  // settings included
    if (!same && !command.replace) {
      return make_error(ErrorCode::conflict, "Evaluation room \"" + command.room + "\" is open with other inputs.");
    }
    if (!same) it->second = OpenRoom{std::move(opened).value(), command.settings};
    return state_of(command.room, it->second.room);  // a retry of the same opening, or the replacement
  }
  const auto [it, inserted] = rooms_.emplace(command.room, OpenRoom{std::move(opened).value(), command.settings});
  return state_of(command.room, it->second.room);
}

common::Result<RoomState> EngineCore::handle(const AddPanelCommand& command, EngineEvents&) {
  ++commands_handled_;
  const auto it = rooms_.find(command.room);
  if (it == rooms_.end())
    return make_error(ErrorCode::not_found, "No evaluation room \"" + command.room + "\" is open.");
  auto setup = it->second.room.to_case();
  if (any_score(setup)) {
    return make_error(ErrorCode::conflict,
                      "The panel of \"" + command.room + "\" has started scoring; it is fixed now.");
  }
  setup.experts = command.experts;
  for (auto& bid : setup.bids) bid.scores.clear();
  auto reopened = EvaluationRoom::open(std::move(setup), it->second.settings);
  if (!reopened) return reopened.error();
  it->second.room = std::move(reopened).value();
  return state_of(command.room, it->second.room);
}

common::Result<ScoreReply> EngineCore::handle(const SetScoreCommand& command, EngineEvents& events) {
  ++commands_handled_;
  auto room = find(command.room);
  if (!room) return room.error();
  auto update = room.value()->set_score(command.expert, command.bidder, command.criterion, command.score);
  if (!update) return update.error();
  const auto& u = update.value();
  if (!u.changed_rows.empty()) events.push_back(RankingChangedEvent{command.room, u.changed_rows});
  for (const auto& alert : u.alerts) events.push_back(DeviationAlertEvent{command.room, alert});
  if (u.expert_finished) events.push_back(ExpertFinishedEvent{command.room, command.expert});
  return ScoreReply{command.room, std::move(update).value()};
}

common::Result<RoomClosedReply> EngineCore::handle(const CloseRoomCommand& command, EngineEvents& events) {
  ++commands_handled_;
  const auto it = rooms_.find(command.room);
  if (it == rooms_.end())
    return make_error(ErrorCode::not_found, "No evaluation room \"" + command.room + "\" is open.");
  const auto& room = it->second.room;
  if (!room.complete()) {
    return make_error(ErrorCode::conflict, "Evaluation room \"" + command.room +
                                               "\" still misses scores; it closes when every expert is done.");
  }
  RoomClosedReply reply{command.room, room.state_digest(), room.standing()};
  events.push_back(RoomClosedEvent{command.room, reply.result});
  rooms_.erase(it);
  return reply;
}

EvaluationResult EngineCore::handle(const EvaluateCaseCommand& command) {
  ++commands_handled_;
  return evaluate(command.evaluation_case);
}

common::Result<std::variant<RoomState, EngineSnapshot>> EngineCore::handle(const SnapshotCommand& command) {
  ++commands_handled_;
  if (command.room) {
    auto room = find(*command.room);
    if (!room) return room.error();
    return std::variant<RoomState, EngineSnapshot>(state_of(*command.room, *room.value()));
  }
  EngineSnapshot snapshot;
  for (const auto& [id, open] : rooms_) snapshot.rooms.push_back({id, open.room.state_digest()});
  return std::variant<RoomState, EngineSnapshot>(std::move(snapshot));
}

namespace {

// Runs `call` (an auction book command that reports what happened) and hands its events on as the
// engine's: → what `call` returned.
template <class Call>
auto with_events(EngineEvents& to, Call call) {
  std::vector<AuctionEvent> happened;
  auto result = call(happened);
  for (auto& e : happened) std::visit([&to](auto& event) { to.push_back(std::move(event)); }, e);
  return result;
}

}  // namespace

common::Result<AuctionState> EngineCore::handle(const OpenAuctionCommand& command, EngineEvents&) {
  ++commands_handled_;
  return auctions_.open(command);
}

common::Result<AuctionState> EngineCore::handle(const RegisterBidderCommand& command, EngineEvents& events) {
  ++commands_handled_;
  return with_events(events, [&](auto& happened) { return auctions_.register_bidder(command, happened); });
}

common::Result<AuctionBidReply> EngineCore::handle(const AuctionBidCommand& command, EngineEvents& events) {
  ++commands_handled_;
  return with_events(events, [&](auto& happened) { return auctions_.bid(command, happened); });
}

std::size_t EngineCore::handle(const AdvanceAuctionsCommand& command, EngineEvents& events) {
  ++commands_handled_;
  return with_events(events, [&](auto& happened) {
    auctions_.advance(command, happened);
    return auctions_.size();
  });
}

common::Result<AuctionState> EngineCore::handle(const AuctionStateCommand& command) {
  ++commands_handled_;
  return auctions_.state(command.auction);
}

common::Result<std::vector<AuctionBidCommand>> EngineCore::handle(const AuctionBidsCommand& command) {
  ++commands_handled_;
  return auctions_.bids(command);
}

common::Result<AuctionState> EngineCore::handle(const AnnounceBidCommand& command, EngineEvents& events) {
  ++commands_handled_;
  return with_events(events, [&](auto& happened) { return auctions_.announce(command, happened); });
}

common::Result<AuctionState> EngineCore::handle(const RestoreAuctionCommand& command, EngineEvents&) {
  ++commands_handled_;
  return auctions_.restore(command.transcript);
}

common::Result<AuctionState> EngineCore::handle(const DropAuctionCommand& command, EngineEvents&) {
  ++commands_handled_;
  return auctions_.drop(command);
}

std::vector<OpenRoomCommand> EngineCore::open_room_commands() const {
  std::vector<OpenRoomCommand> out;
  for (const auto& [id, open] : rooms_) out.push_back({id, open.room.to_case(), open.settings});
  return out;
}

}  // namespace gp::matching
