#pragma once
// EngineClient: the server's side of docs/engine-protocol.md. A DEALER socket sends commands to
// gongping-engine's ROUTER; a SUB socket receives its events.
//
// One background thread owns both sockets (ZeroMQ sockets are not thread-safe); request() may be
// called from any thread and hands the command over through a queue and a wake-up eventfd.
// Every request completes exactly once: with the engine's reply, or `unavailable` when the engine
// is not connected (the DEALER does not queue for absent peers), does not answer before the
// timeout, or the client is being destroyed. ZeroMQ reconnects by itself after an engine restart.
// Callbacks (completion and events) run on the client thread and must return quickly.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "gongping/common/result.hpp"

namespace gp::server::engine {

struct EngineReply {
  std::string type;       // "pong", ... ("error" replies arrive as Error values)
  std::string body_json;  // the reply's "body" object, serialized
};

class EngineClient {
 public:
  using Completion = std::function<void(common::Result<EngineReply>)>;
  using EventHandler = std::function<void(const std::string& type, const std::string& json)>;

  // Connects lazily: construction never fails because the engine is down.
  EngineClient(std::string commands_endpoint, std::string events_endpoint, EventHandler on_event);
  ~EngineClient();
  EngineClient(const EngineClient&) = delete;
  EngineClient& operator=(const EngineClient&) = delete;

  // Fails every pending request with `unavailable` and joins the thread. Idempotent; the
  // destructor calls it. request() after stop() completes at once with `unavailable`.
  void stop();

  // `body_json` must be a serialized JSON object.
  void request(std::string type, std::string body_json, std::chrono::milliseconds timeout, Completion done);

  // Microseconds since the epoch of the last event received, 0 if none yet.
  std::int64_t last_event_micros() const { return last_event_micros_.load(); }

 private:
  struct Outgoing {
    std::string type;
    std::string body_json;
    std::chrono::steady_clock::time_point deadline;
    Completion done;
  };
  void run();
  void wake();

  std::string commands_endpoint_;
  std::string events_endpoint_;
  EventHandler on_event_;
  std::mutex mutex_;
  std::vector<Outgoing> outbox_;
  int wake_fd_ = -1;
  std::atomic<bool> stopping_{false};
  std::atomic<std::int64_t> last_event_micros_{0};
  std::thread thread_;
};

}  // namespace gp::server::engine
