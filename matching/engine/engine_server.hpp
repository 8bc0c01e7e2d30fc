#pragma once
// EngineServer: the gongping-engine loop. Owns a ROUTER socket (commands in, replies out) and a
// PUB socket (events out), and the EngineCore they drive; everything runs on the thread that calls
// run(), which makes the engine a single-writer, deterministic state machine.
//
// Every frame gets exactly one reply: the command's result, or an error reply (malformed JSON,
// unknown command, wrong version, too large) after which the loop goes on. A heartbeat event is
// published every `heartbeat` interval. Binding happens in the constructor (throws zmq::error_t
// when an endpoint is taken). Not thread-safe apart from the stop flag given to run().

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

#include <zmq.hpp>

#include "gongping/matching/engine_core.hpp"

namespace gp::matching::engine {

struct EngineEndpoints {
  std::string commands = "tcp://127.0.0.1:7301";
  std::string events = "tcp://127.0.0.1:7302";
};

class EngineServer {
 public:
  EngineServer(zmq::context_t& context, const EngineEndpoints& endpoints, std::chrono::milliseconds heartbeat);

  // Serves until `stop` becomes true (checked at least every heartbeat interval).
  void run(const std::atomic<bool>& stop);

  // The endpoints actually bound (useful with tcp://127.0.0.1:* in tests).
  std::string commands_endpoint() const;
  std::string events_endpoint() const;

 private:
  void handle_frame(const zmq::message_t& identity, const zmq::message_t& frame);
  void publish_heartbeat();

  zmq::socket_t router_;
  zmq::socket_t publisher_;
  std::chrono::milliseconds heartbeat_;
  EngineCore core_;
  std::uint64_t event_seq_ = 0;
};

}  // namespace gp::matching::engine
