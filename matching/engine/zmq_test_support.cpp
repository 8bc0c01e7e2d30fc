#include "zmq_test_support.hpp"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <future>
#include <thread>
#include <vector>
#include <zmq.hpp>

extern char** environ;

namespace gp::matching::engine::testing {

using namespace std::chrono_literals;
using server::engine::EngineClient;
using server::engine::EngineReply;

common::Result<EngineReply> call(EngineClient& client, std::string type, std::string body) {
  std::promise<common::Result<EngineReply>> promise;
  auto future = promise.get_future();
  client.request(std::move(type), std::move(body), 5000ms,
                 [&promise](common::Result<EngineReply> r) { promise.set_value(std::move(r)); });
  return future.get();
}

EngineReply call_ok(EngineClient& client, std::string type, std::string body) {
  for (int attempt = 0;; ++attempt) {
    auto reply = call(client, type, body);
    if (reply.ok()) return std::move(reply).value();
    if (reply.error().code != common::ErrorCode::unavailable || attempt == 100) {
      FAIL(type << " failed: " << reply.error().detail << " " << reply.error().log_detail);
    }
    std::this_thread::sleep_for(20ms);
  }
}

EngineClient::EventHandler Events::handler() {
  return [this](const std::string& type, const std::string& json) {
    if (type == "heartbeat") return;
    std::lock_guard lock(mutex);
    received.emplace_back(type, json);
  };
}

std::vector<std::string> Events::of(const std::string& type) {
  std::lock_guard lock(mutex);
  std::vector<std::string> out;
  for (const auto& [t, json] : received) {
    if (t == type) out.push_back(json);
  }
  return out;
}

std::string free_endpoint() {
  zmq::context_t context(1);
  zmq::socket_t probe(context, zmq::socket_type::router);
  probe.set(zmq::sockopt::linger, 0);
  probe.bind("tcp://127.0.0.1:*");
  return probe.get(zmq::sockopt::last_endpoint);
}

EngineProcess::EngineProcess(const std::string& binary, const std::string& commands, const std::string& events,
                             const std::string& journal) {
  std::vector<std::string> args = {binary, "--commands", commands, "--events", events, "--journal", journal};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  REQUIRE(posix_spawn(&pid, binary.c_str(), nullptr, nullptr, argv.data(), environ) == 0);
}

void EngineProcess::kill_9() {
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  pid = -1;
}

EngineProcess::~EngineProcess() {
  if (pid > 0) kill_9();
}

}  // namespace gp::matching::engine::testing
