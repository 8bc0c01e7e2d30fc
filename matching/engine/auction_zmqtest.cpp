// Live auctions over real ZeroMQ sockets: the server's EngineClient against an EngineServer in this
// process (bids decided, refusals with their codes, every accepted bid and the end published), and
// against the gongping-engine binary killed with -9 and started again from its journal (the same
// auctions, the same bids, a retried key still known).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <mutex>
#include <thread>

#include "engine_server.hpp"
#include "gongping/server/engine/engine_client.hpp"
#include "zmq_test_support.hpp"

using namespace std::chrono_literals;
using gp::matching::engine::testing::call;
using gp::matching::engine::testing::call_ok;
using gp::matching::engine::testing::Events;
using gp::matching::engine::testing::RunningEngine;
using gp::server::engine::EngineClient;

namespace {

// 2027-01-15T02:00:00Z: the auction starts at 10:00 Beijing time.
const std::string kParcel = R"({"auction":"AU-2027-000001","kind":"english","terms":{"starting_price_fen":1000000000,)"
                            R"("reserve_price_fen":1200000000,"increment":{"fixed_fen":10000000},)"
                            R"("starts_at":"2027-01-15T02:00:00Z","free_bidding_ends_at":"2027-01-15T02:30:00Z",)"
                            R"("countdown_seconds":180,"hard_stop_at":"2027-01-15T06:00:00Z"}})";

const std::string kServices = R"({"auction":"AU-2027-000002","kind":"reverse","terms":{"expected_value_fen":100000000,)"
                              R"("min_step_bp":100,"rounds":3,"turn_seconds":120,"starts_at":"2027-01-15T02:00:00Z",)"
                              R"("bidders":[{"bidder":"E-000011","initial_price_fen":95000000},)"
                              R"({"bidder":"E-000012","initial_price_fen":90000000,"coefficient_bp":1000}]}})";

// The instant `seconds` from the start (before it when negative, up to 2 hours).
std::string at(int seconds) {
  const int t = 2 * 3600 + seconds;
  char buf[40];
  std::snprintf(buf, sizeof buf, "2027-01-15T%02d:%02d:%02d.000000Z", t / 3600, t / 60 % 60, t % 60);
  return buf;
}

std::string bid(const std::string& auction, const std::string& key, const std::string& bidder, long long price,
                int seconds) {
  return R"({"auction":")" + auction + R"(","key":")" + key + R"(","bidder":")" + bidder + R"(","price_fen":)" +
         std::to_string(price) + R"(,"at":")" + at(seconds) + R"("})";
}

std::string registration(const std::string& bidder, int seconds) {
  return R"({"auction":"AU-2027-000001","bidder":")" + bidder + R"(","at":")" + at(seconds) + R"("})";
}

bool has(const std::string& json, const std::string& part) { return json.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("an ascending auction over ZeroMQ decides every bid and publishes it", "[zmq][engine][auction]") {
  RunningEngine engine;
  Events events;
  EngineClient client(engine.server.commands_endpoint(), engine.server.events_endpoint(), events.handler());
  std::this_thread::sleep_for(100ms);  // the SUB socket subscribes
  const auto opened = call_ok(client, "open_auction", kParcel);
  CHECK(opened.type == "auction_state");
  CHECK(has(opened.body_json, R"("phase":"registration")"));
  call_ok(client, "register_bidder", registration("E-000001", -60));
  call_ok(client, "register_bidder", registration("E-000002", -30));

  const auto first = call_ok(client, "auction_bid", bid("AU-2027-000001", "k1", "E-000001", 1000000000, 60));
  CHECK(first.type == "auction_bid_accepted");
  CHECK(has(first.body_json, R"("seq":1)"));
  CHECK(has(first.body_json, R"("minimum_next_fen":1010000000)"));
  const auto low = call(client, "auction_bid", bid("AU-2027-000001", "k2", "E-000002", 1005000000, 70));
  REQUIRE_FALSE(low);
  CHECK(low.error().code == gp::common::ErrorCode::bid_short_of_step);
  CHECK(has(low.error().detail, "10,100,000.00 yuan"));
  const auto stranger = call(client, "auction_bid", bid("AU-2027-000001", "k3", "E-000009", 1100000000, 80));
  REQUIRE_FALSE(stranger);
  CHECK(stranger.error().code == gp::common::ErrorCode::auction_not_registered);
  call_ok(client, "auction_bid", bid("AU-2027-000001", "k4", "E-000002", 1250000000, 90));
  const auto retry = call_ok(client, "auction_bid", bid("AU-2027-000001", "k1", "E-000001", 1000000000, 95));
  CHECK(has(retry.body_json, R"("replayed":true)"));

  // A bid is published once the server has stored it and says so.
  CHECK(events.of("auction_bid").empty());
  call_ok(client, "announce_bid", R"({"auction":"AU-2027-000001","seq":1})");
  call_ok(client, "announce_bid", R"({"auction":"AU-2027-000001","seq":2})");
  // Free bidding ends at 02:30, the countdown at 02:33: the server's clock says so.
  call_ok(client, "advance_auctions", R"({"at":")" + at(1979) + R"("})");
  const auto ended = call_ok(client, "advance_auctions", R"({"at":")" + at(1980) + R"("})");
  CHECK(has(ended.body_json, R"("auctions":1)"));
  for (int i = 0; i < 100 && events.of("auction_ended").empty(); ++i) std::this_thread::sleep_for(20ms);
  const auto bids = events.of("auction_bid");
  REQUIRE(bids.size() == 2);  // accepted bids only, each once
  CHECK(has(bids[1], R"("leader":"E-000002")"));
  const auto end = events.of("auction_ended");
  REQUIRE(end.size() == 1);
  CHECK(has(end[0], R"("phase":"won")"));
  CHECK(has(end[0], R"("winner":"E-000002")"));
  CHECK(has(end[0], R"("ended_at":"2027-01-15T02:33:00.000000Z")"));
  const auto late = call(client, "auction_bid", bid("AU-2027-000001", "k5", "E-000001", 1300000000, 1990));
  REQUIRE_FALSE(late);
  CHECK(late.error().code == gp::common::ErrorCode::auction_not_open);
  call_ok(client, "drop_auction", R"({"auction":"AU-2027-000001","at":")" + at(1990) + R"("})");
}

#ifdef GP_ENGINE_BINARY
TEST_CASE("the engine killed with -9 comes back with every accepted bid of its auctions", "[zmq][engine][auction]") {
  using gp::matching::engine::testing::EngineProcess;
  using gp::matching::engine::testing::free_endpoint;
  const auto dir = std::filesystem::temp_directory_path() / ("gp-auction-journal-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto journal = (dir / "engine.journal").string();
  const auto commands = free_endpoint(), events = free_endpoint();
  std::string english_before, reverse_before;
  {
    EngineProcess engine(GP_ENGINE_BINARY, commands, events, journal);
    EngineClient client(commands, events, nullptr);
    call_ok(client, "open_auction", kParcel);
    call_ok(client, "open_auction", kServices);
    for (const char* b : {"E-000001", "E-000002", "E-000003"}) call_ok(client, "register_bidder", registration(b, -10));
    long long price = 1000000000;
    for (int i = 0; i < 40; ++i) {
      const char* who = i % 3 == 0 ? "E-000001" : i % 3 == 1 ? "E-000002" : "E-000003";
      call_ok(client, "auction_bid", bid("AU-2027-000001", "k" + std::to_string(i), who, price, 1700 + 10 * i));
      price += 10000000;
    }
    // The reverse auction: E-000011's turn first (95,000,000 is worse than 90,000,000 / 1.1).
    call_ok(client, "auction_bid", bid("AU-2027-000002", "r1", "E-000011", 80000000, 30));
    // A bid stamped before the engine's clock (another server's clock, a read that advanced the
    // engine) is accepted at the clock; the journal keeps it so, and the kill -9 changes nothing.
    call_ok(client, "advance_auctions", R"({"at":")" + at(2150) + R"("})");
    const auto stale = call_ok(client, "auction_bid", bid("AU-2027-000001", "stale", "E-000002", price, 2100));
    CHECK(has(stale.body_json, R"("at":")" + at(2150) + "\""));
    english_before = call_ok(client, "auction_state", R"({"auction":"AU-2027-000001"})").body_json;
    reverse_before = call_ok(client, "auction_state", R"({"auction":"AU-2027-000002"})").body_json;
    engine.kill_9();
  }
  EngineProcess engine(GP_ENGINE_BINARY, commands, events, journal);
  EngineClient client(commands, events, nullptr);
  // The time is not journalled: it comes back with the server's next tick.
  call_ok(client, "advance_auctions", R"({"at":")" + at(2150) + R"("})");
  CHECK(call_ok(client, "auction_state", R"({"auction":"AU-2027-000001"})").body_json == english_before);
  CHECK(call_ok(client, "auction_state", R"({"auction":"AU-2027-000002"})").body_json == reverse_before);
  CHECK(has(english_before, R"("accepted":41)"));
  CHECK(has(english_before, R"("ends_at":")" + at(2150 + 180) + "\""));
  // A bid retried across the crash is the same bid; the auction goes on from where it was.
  const auto retry = call_ok(client, "auction_bid", bid("AU-2027-000001", "k39", "E-000001", 1390000000, 2200));
  CHECK(has(retry.body_json, R"("replayed":true)"));
  CHECK(has(retry.body_json, R"("seq":40)"));
  const auto next = call_ok(client, "auction_bid", bid("AU-2027-000001", "k41", "E-000001", 1410000000, 2200));
  CHECK(has(next.body_json, R"("seq":42)"));
  std::filesystem::remove_all(dir);
}
#endif
