#pragma once
// JSON framing of the engine protocol (docs/engine-protocol.md), version 1.
//
// Command frame:  {"v":1,"id":"<1..64 chars>","type":"<command>","body":{...}}
// Reply frame:    {"v":1,"id":"<same id>","type":"<reply>","body":{...}}
// Error reply:    {"v":1,"id":"<id or null>","type":"error","body":{"code":"...","message":"..."}}
// Event frames:   topic frame "<event type>", then {"v":1,"type":"<event type>","seq":N,"body":{...}}
// Pure functions; no sockets here.

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "gongping/matching/engine_core.hpp"

namespace gp::matching::engine {

inline constexpr std::size_t kMaxCommandBytes = 1 << 20;

struct DecodedCommand {
  std::string id;
  std::variant<PingCommand> command;
};

// Error codes: malformed, too_large, unsupported_version, unknown_command, invalid_body.
struct ProtocolError {
  std::string id;  // empty when the frame had no readable id
  std::string code;
  std::string message;
};

std::variant<DecodedCommand, ProtocolError> decode_command(std::string_view frame);

std::string encode_pong(const std::string& id, const PongReply& pong);
std::string encode_error(const ProtocolError& error);
std::string encode_heartbeat(std::uint64_t seq, std::uint64_t commands_handled);

}  // namespace gp::matching::engine
