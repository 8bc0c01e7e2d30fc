#include "protocol_codec.hpp"

#include <catch2/catch.hpp>

using namespace gp::matching::engine;

namespace {
ProtocolError error_of(std::string_view frame) {
  auto decoded = decode_command(frame);
  REQUIRE(std::holds_alternative<ProtocolError>(decoded));
  return std::get<ProtocolError>(decoded);
}
}  // namespace

TEST_CASE("a ping command decodes and its pong encodes", "[engine][protocol]") {
  auto decoded = decode_command(R"({"v":1,"id":"c7","type":"ping","body":{"nonce":"hello"}})");
  REQUIRE(std::holds_alternative<DecodedCommand>(decoded));
  const auto& command = std::get<DecodedCommand>(decoded);
  CHECK(command.id == "c7");
  CHECK(std::get<gp::matching::PingCommand>(command.command).nonce == "hello");
  CHECK(encode_pong("c7", {"hello", 3, 1}) ==
        R"({"v":1,"id":"c7","type":"pong","body":{"nonce":"hello","commands_handled":3,"protocol_version":1}})");
}

TEST_CASE("bad frames get an error that says why, with the id when readable", "[engine][protocol]") {
  CHECK(error_of("not json").code == "malformed");
  CHECK(error_of(R"({"v":1,"type":"ping","body":{}})").code == "malformed");
  auto wrong_version = error_of(R"({"v":2,"id":"a","type":"ping","body":{}})");
  CHECK(wrong_version.code == "unsupported_version");
  CHECK(wrong_version.id == "a");
  CHECK(error_of(R"({"v":1,"id":"b","type":"launch","body":{}})").code == "unknown_command");
  CHECK(error_of(R"({"v":1,"id":"b","type":"ping","body":{"nonce":5}})").code == "invalid_body");
  CHECK(error_of(std::string(kMaxCommandBytes + 1, ' ')).code == "too_large");
  CHECK(encode_error({"", "malformed", "m"}) ==
        R"({"v":1,"id":null,"type":"error","body":{"code":"malformed","message":"m"}})");
}

TEST_CASE("heartbeats carry a sequence number", "[engine][protocol]") {
  CHECK(encode_heartbeat(5, 9) == R"({"v":1,"type":"heartbeat","seq":5,"body":{"commands_handled":9}})");
}
