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
