#include "gongping/matching/engine_core.hpp"

#include <catch2/catch.hpp>

using namespace gp::matching;

TEST_CASE("ping echoes the nonce and counts commands", "[matching][engine]") {
  EngineCore core;
  CHECK(core.handle(PingCommand{"a"}).commands_handled == 1);
  core.note_rejected_command();
  const PongReply pong = core.handle(PingCommand{"b"});
  CHECK(pong.nonce == "b");
  CHECK(pong.commands_handled == 3);
  CHECK(pong.protocol_version == kEngineProtocolVersion);
}

TEST_CASE("a room reopened with other inputs is refused, unless it is replaced", "[matching][engine]") {
  EngineCore core;
  EngineEvents events;
  EvaluationCase c;
  c.method = EvaluationMethod::lowest_price;
  c.min_valid_bids = 1;
  CaseBid bid;
  bid.bidder = "a";
  bid.price_fen = 10;
  c.bids.push_back(bid);
  REQUIRE(core.handle(OpenRoomCommand{"T", c, {}, false}, events).ok());
  REQUIRE(core.handle(OpenRoomCommand{"T", c, {}, false}, events).ok());  // a retry
  auto other = c;
  other.bids[0].price_fen = 11;
  CHECK(core.handle(OpenRoomCommand{"T", other, {}, false}, events).error().code == gp::common::ErrorCode::conflict);
  const auto replaced = core.handle(OpenRoomCommand{"T", other, {}, true}, events);
  REQUIRE(replaced.ok());
  CHECK(replaced.value().standing.results[0].evaluated_price_fen == 11);
  CHECK(core.open_rooms() == 1);
}
