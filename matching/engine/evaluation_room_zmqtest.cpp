// Evaluation rooms over real ZeroMQ sockets: the server's EngineClient against an EngineServer in
// this process, and against the gongping-engine binary killed with -9 and started again from its
// journal.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <future>
#include <mutex>
#include <thread>

#include "engine_server.hpp"
#include "evaluation_json.hpp"
#include "gongping/matching/evaluate.hpp"
#include "gongping/server/engine/engine_client.hpp"
#include "spec_examples_test_support.hpp"
#include "zmq_test_support.hpp"

using namespace std::chrono_literals;
using gp::matching::engine::testing::call;
using gp::matching::engine::testing::call_ok;
using gp::matching::engine::testing::EngineProcess;
using gp::matching::engine::testing::Events;
using gp::matching::engine::testing::free_endpoint;
using gp::matching::engine::testing::spec_example_1;
using gp::matching::engine::testing::spec_example_1_scores;
using gp::server::engine::EngineClient;
using gp::server::engine::EngineReply;

namespace {

std::string score_body(const std::string& room, const gp::matching::engine::testing::ExampleScore& s) {
  return R"({"room":")" + room + R"(","expert":")" + s.expert + R"(","bidder":")" + s.bidder +
         R"(","criterion":"tech","score":)" + s.score + "}";
}

// What evaluate() gives for worked example 1, as the result JSON.
std::string expected_result() {
  const auto c = gp::matching::engine::read_evaluation_case(spec_example_1());
  REQUIRE(c.ok());
  return gp::matching::engine::write_evaluation_result(gp::matching::evaluate(c.value()));
}

}  // namespace

TEST_CASE("a room scored over ZeroMQ publishes its ranking live and closes with evaluate()'s result",
          "[zmq][engine][room]") {
  zmq::context_t context(1);
  gp::matching::engine::EngineServer server(context, {"tcp://127.0.0.1:*", "tcp://127.0.0.1:*", ""}, 50ms);
  std::atomic<bool> stop{false};
  std::thread loop([&] { server.run(stop); });
  Events events;
  {
    EngineClient client(server.commands_endpoint(), server.events_endpoint(), events.handler());
    std::this_thread::sleep_for(100ms);  // the SUB socket joins before the first event
    const auto opened = call_ok(client, "open_room", R"({"room":"T-9","case":)" + spec_example_1(false) + "}");
    CHECK(opened.type == "room_state");
    CHECK(opened.body_json.find(R"("complete":false)") != std::string::npos);
    auto refused = call(client, "close_room", R"({"room":"T-9"})");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == gp::common::ErrorCode::conflict);
    CHECK(refused.error().detail.find("still misses scores") != std::string::npos);

    for (const auto& s : spec_example_1_scores()) {
      const auto reply = call_ok(client, "submit_score", score_body("T-9", s));
      CHECK(reply.type == "score_recorded");
    }
    const auto closed = call_ok(client, "close_room", R"({"room":"T-9"})");
    CHECK(closed.body_json.find(R"("result":)" + expected_result()) != std::string::npos);
    for (int i = 0; i < 100 && events.count("room_closed") == 0; ++i) std::this_thread::sleep_for(10ms);
  }
  stop = true;
  loop.join();
  CHECK(events.count("ranking_changed") >= 5);  // at least one per bid's first score
  CHECK(events.count("expert_finished") == 5);
  CHECK(events.count("room_closed") == 1);
}

#ifdef GP_ENGINE_BINARY
namespace {

std::string field(const std::string& json, const std::string& name) {
  const auto at = json.find("\"" + name + "\":\"");
  REQUIRE(at != std::string::npos);
  const auto start = at + name.size() + 4;
  return json.substr(start, json.find('"', start) - start);
}

}  // namespace

TEST_CASE("the engine killed with -9 comes back from its journal in the same state", "[zmq][engine][room]") {
  const auto dir = std::filesystem::temp_directory_path() / ("gp-engine-journal-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto journal = (dir / "engine.journal").string();
  const auto commands = free_endpoint(), events = free_endpoint();
  const auto& scores = spec_example_1_scores();
  std::string digest_before;
  {
    EngineProcess engine(GP_ENGINE_BINARY, commands, events, journal);
    EngineClient client(commands, events, nullptr);
    call_ok(client, "open_room", R"({"room":"T-7","case":)" + spec_example_1(false) + "}");
    for (std::size_t i = 0; i < scores.size() / 2; ++i) call_ok(client, "submit_score", score_body("T-7", scores[i]));
    call_ok(client, "withdraw_score", R"({"room":"T-7","expert":"e1","bidder":"A","criterion":"tech"})");
    digest_before = field(call_ok(client, "snapshot", R"({"room":"T-7"})").body_json, "digest");
    engine.kill_9();
  }
  EngineProcess engine(GP_ENGINE_BINARY, commands, events, journal);
  EngineClient client(commands, events, nullptr);
  const auto after = call_ok(client, "snapshot", R"({"room":"T-7"})");
  CHECK(field(after.body_json, "digest") == digest_before);
  // And it goes on from there to the same result as evaluate().
  for (std::size_t i = scores.size() / 2; i < scores.size(); ++i)
    call_ok(client, "submit_score", score_body("T-7", scores[i]));
  call_ok(client, "submit_score", score_body("T-7", scores[0]));  // e1's score for A, withdrawn before the kill
  const auto closed = call_ok(client, "close_room", R"({"room":"T-7"})");
  CHECK(closed.body_json.find(R"("result":)" + expected_result()) != std::string::npos);
  std::filesystem::remove_all(dir);
}
#endif
