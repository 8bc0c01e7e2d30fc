// The server's EngineClient against a real EngineServer over real ZeroMQ TCP sockets.
#include <catch2/catch.hpp>

#include <future>
#include <thread>

#include "engine_server.hpp"
#include "gongping/server/engine/engine_client.hpp"
#include "zmq_test_support.hpp"

using namespace std::chrono_literals;
using gp::matching::engine::testing::RunningEngine;
using gp::server::engine::EngineClient;
using gp::server::engine::EngineReply;

namespace {

gp::common::Result<EngineReply> call(EngineClient& client, std::string type, std::string body,
                                     std::chrono::milliseconds timeout = 2000ms) {
  std::promise<gp::common::Result<EngineReply>> promise;
  auto future = promise.get_future();
  client.request(std::move(type), std::move(body), timeout,
                 [&promise](gp::common::Result<EngineReply> r) { promise.set_value(std::move(r)); });
  return future.get();
}

gp::common::Result<EngineReply> call_until_connected(EngineClient& client) {
  for (int attempt = 0;; ++attempt) {
    auto reply = call(client, "ping", R"({"nonce":"n"})");
    if (reply || attempt == 50) return reply;
    std::this_thread::sleep_for(20ms);
  }
}

}  // namespace

TEST_CASE("ping round trip over ZeroMQ, and events arrive", "[zmq][engine]") {
  RunningEngine engine;
  std::atomic<int> heartbeats{0};
  EngineClient client(engine.server.commands_endpoint(), engine.server.events_endpoint(),
                      [&](const std::string& type, const std::string& json) {
                        if (type == "heartbeat" && json.find("\"seq\":") != std::string::npos) ++heartbeats;
                      });
  auto reply = call_until_connected(client);
  REQUIRE(reply.ok());
  CHECK(reply.value().type == "pong");
  CHECK(reply.value().body_json.find(R"("nonce":"n")") != std::string::npos);
  for (int i = 0; i < 100 && heartbeats == 0; ++i) std::this_thread::sleep_for(20ms);
  CHECK(heartbeats > 0);
  CHECK(client.last_event_micros() > 0);
}

TEST_CASE("an unknown command gets an error reply and the engine goes on", "[zmq][engine]") {
  RunningEngine engine;
  EngineClient client(engine.server.commands_endpoint(), engine.server.events_endpoint(), nullptr);
  REQUIRE(call_until_connected(client).ok());
  auto refused = call(client, "launch_missiles", "{}");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().log_detail.find("unknown command type") != std::string::npos);
  auto after = call(client, "ping", R"({"nonce":"still here"})");
  REQUIRE(after.ok());
  CHECK(after.value().body_json.find(R"("commands_handled":)") != std::string::npos);
}

TEST_CASE("a raw client's malformed frames get error replies", "[zmq][engine]") {
  RunningEngine engine;
  zmq::context_t context(1);
  zmq::socket_t dealer(context, zmq::socket_type::dealer);
  dealer.set(zmq::sockopt::linger, 0);
  dealer.set(zmq::sockopt::rcvtimeo, 2000);
  dealer.connect(engine.server.commands_endpoint());
  const std::string frames[] = {"{{{", R"({"v":1,"id":"x","type":"ping","body":[]})"};
  for (const auto& frame : frames) {
    dealer.send(zmq::buffer(frame));
    zmq::message_t reply;
    REQUIRE(dealer.recv(reply));
    CHECK(reply.to_string().find(R"("type":"error")") != std::string::npos);
  }
  dealer.send(zmq::buffer(std::string_view("one")), zmq::send_flags::sndmore);
  dealer.send(zmq::buffer(std::string_view("two")));
  zmq::message_t reply;
  REQUIRE(dealer.recv(reply));
  CHECK(reply.to_string().find("exactly one frame") != std::string::npos);
}

TEST_CASE("with no engine, requests fail fast as unavailable", "[zmq][engine]") {
  EngineClient client("tcp://127.0.0.1:1", "tcp://127.0.0.1:2", nullptr);
  const auto started = std::chrono::steady_clock::now();
  auto reply = call(client, "ping", "{}", 5000ms);
  REQUIRE_FALSE(reply.ok());
  CHECK(reply.error().code == gp::common::ErrorCode::unavailable);
  CHECK(std::chrono::steady_clock::now() - started < 1000ms);
}

TEST_CASE("a silent engine times out", "[zmq][engine]") {
  zmq::context_t context(1);
  zmq::socket_t mute(context, zmq::socket_type::router);  // accepts connections, never answers
  mute.set(zmq::sockopt::linger, 0);
  mute.bind("tcp://127.0.0.1:*");
  EngineClient client(mute.get(zmq::sockopt::last_endpoint), "tcp://127.0.0.1:2", nullptr);
  std::this_thread::sleep_for(200ms);  // let the DEALER connect
  auto reply = call(client, "ping", "{}", 150ms);
  REQUIRE_FALSE(reply.ok());
  CHECK(reply.error().detail == "The evaluation engine did not answer in time.");
}
