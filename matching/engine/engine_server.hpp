#pragma once
// EngineServer: the gongping-engine loop. Owns a ROUTER socket (commands in, replies out) and a
// PUB socket (events out), and the EngineCore they drive; everything runs on the thread that calls
// run(), which makes the engine a single-writer, deterministic state machine.
//
// Commands waiting on the socket are carried out one after another (up to kBatch), then their
// journal records are written in one write, then their events and replies go out: one write per
// batch, not per command, and still nothing is heard of before the journal has it.
//
// With a journal file, every state-changing command is recorded before its reply goes out; at
// construction the journal is replayed (no replies, no events) and compacted to one open_room per
// open room, so that an engine killed with -9 comes back with the same rooms.
//
// Every frame gets exactly one reply: the command's result, or an error reply (malformed JSON,
// unknown command, wrong version, too large) after which the loop goes on. A heartbeat event is
// published every `heartbeat` interval. Binding happens in the constructor (throws zmq::error_t
// when an endpoint is taken). Not thread-safe apart from the stop flag given to run().

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <zmq.hpp>

#include "engine_journal.hpp"
#include "gongping/matching/engine_core.hpp"
#include "protocol_codec.hpp"

namespace gp::matching::engine {

struct EngineEndpoints {
  std::string commands = "tcp://127.0.0.1:7301";
  std::string events = "tcp://127.0.0.1:7302";
  std::string journal;  // empty: no journal (rooms are lost with the process)
};

class EngineServer {
 public:
  // Throws zmq::error_t when an endpoint is taken, std::runtime_error when the journal cannot be read
  // or written.
  EngineServer(zmq::context_t& context, const EngineEndpoints& endpoints, std::chrono::milliseconds heartbeat);

  // Serves until `stop` becomes true (checked at least every heartbeat interval).
  void run(const std::atomic<bool>& stop);

  // The endpoints actually bound (useful with tcp://127.0.0.1:* in tests).
  std::string commands_endpoint() const;
  std::string events_endpoint() const;
  std::size_t replayed_commands() const { return replayed_; }

 private:
  static constexpr std::size_t kBatch = 256;
  // What a command sends once the batch's journal records are written: its events, then its reply.
  struct Outgoing {
    zmq::message_t identity;
    EngineEvents events;
    std::string reply;
  };
  // Carries out one command frame and queues what it sends.
  void handle_frame(zmq::message_t identity, const zmq::message_t& frame);
  // Writes the batch's journal records, then sends its events and replies in order.
  void send_outbox();
  // A command carried out: whether it succeeded, and how to write its reply (later, or never).
  struct Executed {
    bool done = false;
    std::function<std::string()> reply;
    // What the journal keeps instead of the frame received: a bid as accepted (at the auction's
    // clock, which a replay without the time's advances would not know), or nothing at all (a
    // retried bid changed nothing).
    std::optional<std::string> journal;
  };
  // Carries out a decoded command; its events are appended to `events`.
  Executed execute(const DecodedCommand& command, EngineEvents& events);
  void replay_journal(const std::string& path);
  void publish(const EngineEvents& events);
  void publish_heartbeat();

  zmq::socket_t router_;
  zmq::socket_t publisher_;
  std::chrono::milliseconds heartbeat_;
  EngineCore core_;
  std::unique_ptr<EngineJournal> journal_;
  std::vector<Outgoing> outbox_;
  std::size_t replayed_ = 0;
  std::uint64_t event_seq_ = 0;
};

}  // namespace gp::matching::engine
