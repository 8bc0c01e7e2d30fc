#pragma once
// For the tests over real ZeroMQ sockets: calls through the server's EngineClient, and the
// gongping-engine binary run as a process (to be killed with -9 and started again from its journal).
#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "engine_server.hpp"

#include "gongping/server/engine/engine_client.hpp"

namespace gp::matching::engine::testing {

// An EngineServer in this process, on free ports, until destroyed.
struct RunningEngine {
  zmq::context_t context{1};
  EngineServer server{context, {"tcp://127.0.0.1:*", "tcp://127.0.0.1:*"}, std::chrono::milliseconds(50)};
  std::atomic<bool> stop{false};
  std::thread thread{[this] { server.run(stop); }};
  ~RunningEngine() {
    stop = true;
    thread.join();
  }
};

// The engine events a client received (heartbeats left out), by type.
struct Events {
  std::mutex mutex;
  std::vector<std::pair<std::string, std::string>> received;
  server::engine::EngineClient::EventHandler handler();
  std::vector<std::string> of(const std::string& type);  // the events' JSON, in order
  std::size_t count(const std::string& type) { return of(type).size(); }
};

// One request, waiting for its answer (5 s at most).
common::Result<server::engine::EngineReply> call(server::engine::EngineClient& client, std::string type,
                                                 std::string body);
// One request that must succeed; retried while the DEALER is not yet connected (unavailable).
server::engine::EngineReply call_ok(server::engine::EngineClient& client, std::string type, std::string body);

// A TCP endpoint on 127.0.0.1 free a moment ago.
std::string free_endpoint();

// gongping-engine (`binary`) on fixed endpoints with a journal; killed with -9 when destroyed.
struct EngineProcess {
  pid_t pid = -1;
  EngineProcess(const std::string& binary, const std::string& commands, const std::string& events,
                const std::string& journal);
  void kill_9();
  ~EngineProcess();
  EngineProcess(const EngineProcess&) = delete;
  EngineProcess& operator=(const EngineProcess&) = delete;
};

}  // namespace gp::matching::engine::testing
