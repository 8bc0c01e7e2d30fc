#pragma once
// EvaluationHub: hands the engine's evaluation events (ranking_changed, expert_finished,
// deviation_alert, room_closed) to the WebSocket sessions watching that room, on this server.
// Every server process subscribes to the engine's PUB socket, so every watcher sees every event,
// whichever server the score came through.
//
// publish() runs on the engine client's thread and must not block: it only queues the message and
// calls each watcher's wake-up. Thread-safe.

#include <functional>
#include <memory>
#include <string>

#include "gongping/server/engine/watch_list.hpp"

namespace gp::server::evaluation {

class EvaluationHub {
 public:
  using Deliver = std::function<void(const std::string& event_json)>;

  // Watches `room` until the returned handle is destroyed. `deliver` runs on the engine client's
  // thread: it must only queue and wake.
  std::shared_ptr<void> watch(const std::string& room, Deliver deliver);

  // An engine event (its JSON frame); events of other types, or without a room, are ignored.
  void publish(const std::string& type, const std::string& event_json);

 private:
  engine::WatchList<Deliver> watches_;  // by room
};

}  // namespace gp::server::evaluation
