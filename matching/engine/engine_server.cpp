#include "engine_server.hpp"

#include <variant>

#include "protocol_codec.hpp"

namespace gp::matching::engine {

EngineServer::EngineServer(zmq::context_t& context, const EngineEndpoints& endpoints,
                           std::chrono::milliseconds heartbeat)
    : router_(context, zmq::socket_type::router), publisher_(context, zmq::socket_type::pub), heartbeat_(heartbeat) {
  router_.set(zmq::sockopt::linger, 0);
  router_.set(zmq::sockopt::router_mandatory, 1);  // a reply to a vanished peer errors instead of vanishing
  router_.set(zmq::sockopt::maxmsgsize, static_cast<std::int64_t>(kMaxCommandBytes) * 2);
  publisher_.set(zmq::sockopt::linger, 0);
  if (!endpoints.journal.empty()) replay_journal(endpoints.journal);
  router_.bind(endpoints.commands);
  publisher_.bind(endpoints.events);
}

void EngineServer::replay_journal(const std::string& path) {
  for (const auto& frame : EngineJournal::read(path)) {
    const auto decoded = decode_command(frame);
    if (const auto* command = std::get_if<DecodedCommand>(&decoded)) {
      EngineEvents ignored;
      execute(*command, ignored);  // a refusal replays as a refusal: the same state either way
      ++replayed_;
    }
  }
  journal_ = std::make_unique<EngineJournal>(path);
  std::vector<std::string> compacted;
  for (const auto& open : core_.open_room_commands()) compacted.push_back(encode_open_room_command("journal", open));
  for (const auto& auction : core_.auctions().rebuild_commands()) {
    compacted.push_back(encode_auction_command("journal", auction.open));
    for (const auto& r : auction.registrations) compacted.push_back(encode_auction_command("journal", r));
    for (const auto& b : auction.bids) compacted.push_back(encode_auction_command("journal", b));
  }
  journal_->rewrite(compacted);
}

std::string EngineServer::commands_endpoint() const { return router_.get(zmq::sockopt::last_endpoint); }
std::string EngineServer::events_endpoint() const { return publisher_.get(zmq::sockopt::last_endpoint); }

void EngineServer::run(const std::atomic<bool>& stop) {
  auto next_heartbeat = std::chrono::steady_clock::now();
  while (!stop) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= next_heartbeat) {
      publish_heartbeat();
      next_heartbeat = now + heartbeat_;
    }
    zmq::pollitem_t items[] = {{router_.handle(), 0, ZMQ_POLLIN, 0}};
    try {
      zmq::poll(items, 1, std::chrono::duration_cast<std::chrono::milliseconds>(next_heartbeat - now));
    } catch (const zmq::error_t& e) {
      if (e.num() == EINTR) continue;  // a signal: the loop condition decides
      throw;
    }
    while (true) {
      zmq::message_t identity;
      if (!router_.recv(identity, zmq::recv_flags::dontwait)) break;
      if (!identity.more()) continue;
      zmq::message_t frame;
      if (!router_.recv(frame, zmq::recv_flags::dontwait)) break;
      // The protocol defines one frame per command; extra frames make the whole message malformed.
      bool extra = false;
      while (frame.more()) {
        zmq::message_t rest;
        if (!router_.recv(rest, zmq::recv_flags::dontwait)) break;
        extra = true;
        frame.swap(rest);
      }
      if (extra) {
        core_.note_rejected_command();
        outbox_.push_back({std::move(identity), {}, encode_error({"", "malformed", "a command is exactly one frame"})});
      } else {
        handle_frame(std::move(identity), frame);
      }
      if (outbox_.size() >= kBatch) send_outbox();
    }
    send_outbox();
  }
}

void EngineServer::send_outbox() {
  // Recorded before anyone hears of it: a reply or an event implies the journal has it.
  if (journal_) journal_->flush();
  for (auto& out : outbox_) {
    // Events first: watchers (every server's WebSockets) matter more than the one caller.
    publish(out.events);
    try {
      router_.send(out.identity, zmq::send_flags::sndmore);
      router_.send(zmq::buffer(out.reply), zmq::send_flags::dontwait);
    } catch (const zmq::error_t&) {
      // The client went away (ROUTER_MANDATORY: host unreachable); its request dies with it.
    }
  }
  outbox_.clear();
}

void EngineServer::handle_frame(zmq::message_t identity, const zmq::message_t& frame) {
  const std::string_view text(static_cast<const char*>(frame.data()), frame.size());
  const auto decoded = decode_command(text);
  Outgoing out{std::move(identity), {}, {}};
  if (const auto* error = std::get_if<ProtocolError>(&decoded)) {
    core_.note_rejected_command();
    out.reply = encode_error(*error);
  } else {
    const auto& command = std::get<DecodedCommand>(decoded);
    auto executed = execute(command, out.events);
    if (executed.done && journal_ && changes_state(command.command)) {
      if (!executed.journal) {
        journal_->stage(text);
      } else if (!executed.journal->empty()) {
        journal_->stage(*executed.journal);
      }
    }
    out.reply = executed.reply();
  }
  outbox_.push_back(std::move(out));
}

EngineServer::Executed EngineServer::execute(const DecodedCommand& command, EngineEvents& events) {
  const auto& id = command.id;
  // The reply is written only when asked for (never on replay).
  const auto answer = [&id](auto result, auto encode) -> Executed {
    const bool done = result.ok();
    return {done, [id, result = std::move(result), encode] {
              return result ? encode(id, result.value()) : encode_error(refusal(id, result.error()));
            }};
  };
  return std::visit(
      [&](const auto& c) -> Executed {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, PingCommand>) {
          return {true, [id, pong = core_.handle(c)] { return encode_pong(id, pong); }};
        } else if constexpr (std::is_same_v<T, EvaluateCaseCommand>) {
          return {true, [id, result = core_.handle(c)] { return encode_evaluation(id, result); }};
        } else if constexpr (std::is_same_v<T, SnapshotCommand>) {
          return answer(core_.handle(c), [](const std::string& i, const std::variant<RoomState, EngineSnapshot>& v) {
            if (const auto* room = std::get_if<RoomState>(&v)) return encode_room_state(i, *room);
            return encode_snapshot(i, std::get<EngineSnapshot>(v));
          });
        } else if constexpr (std::is_same_v<T, SetScoreCommand>) {
          return answer(core_.handle(c, events), &encode_score_reply);
        } else if constexpr (std::is_same_v<T, CloseRoomCommand>) {
          return answer(core_.handle(c, events), &encode_room_closed);
        } else if constexpr (std::is_same_v<T, AuctionBidCommand>) {
          auto result = core_.handle(c, events);
          std::string journal;  // a retry is kept as nothing
          if (result && !result.value().replayed) {
            auto accepted = c;
            accepted.at = result.value().bid.at;
            journal = encode_auction_command("journal", accepted);
          }
          auto executed = answer(std::move(result), &encode_auction_bid_reply);
          executed.journal = std::move(journal);
          return executed;
        } else if constexpr (std::is_same_v<T, AnnounceBidCommand> || std::is_same_v<T, RestoreAuctionCommand>) {
          return answer(core_.handle(c, events), &encode_auction_state);
        } else if constexpr (std::is_same_v<T, AdvanceAuctionsCommand>) {
          return {true, [id, n = core_.handle(c, events)] { return encode_auctions_advanced(id, n); }};
        } else if constexpr (std::is_same_v<T, AuctionStateCommand>) {
          return answer(core_.handle(c), &encode_auction_state);
        } else if constexpr (std::is_same_v<T, AuctionBidsCommand>) {
          return answer(core_.handle(c), &encode_auction_bids);
        } else if constexpr (std::is_same_v<T, OpenAuctionCommand> || std::is_same_v<T, RegisterBidderCommand> ||
                             std::is_same_v<T, DropAuctionCommand>) {
          return answer(core_.handle(c, events), &encode_auction_state);
        } else {  // open_room, add_panel
          return answer(core_.handle(c, events), &encode_room_state);
        }
      },
      command.command);
}

void EngineServer::publish(const EngineEvents& events) {
  for (const auto& event : events) {
    const auto encoded = encode_event(++event_seq_, event);
    publisher_.send(zmq::buffer(encoded.topic), zmq::send_flags::sndmore);
    publisher_.send(zmq::buffer(encoded.json), zmq::send_flags::dontwait);
  }
}

void EngineServer::publish_heartbeat() {
  const std::string event = encode_heartbeat(++event_seq_, core_.commands_handled());
  publisher_.send(zmq::buffer(std::string_view("heartbeat")), zmq::send_flags::sndmore);
  publisher_.send(zmq::buffer(event), zmq::send_flags::dontwait);
}

}  // namespace gp::matching::engine
