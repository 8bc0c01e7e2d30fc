#pragma once
// EngineCore: the deterministic, single-threaded state machine behind gongping-engine.
//
// Commands go in as plain structs, replies and events come out as plain structs; the ZeroMQ and
// JSON framing lives in matching/engine/. Not thread-safe: one thread (the engine loop) owns it.
// This first version answers `ping` and counts the commands it has handled; evaluation rooms and
// auctions arrive with their issues.

#include <cstdint>
#include <string>

namespace gp::matching {

// The protocol version this core speaks (docs/engine-protocol.md).
inline constexpr int kEngineProtocolVersion = 1;

struct PingCommand {
  std::string nonce;  // echoed back, at most 64 bytes (checked by the adapter)
};

struct PongReply {
  std::string nonce;
  std::uint64_t commands_handled = 0;  // including this ping
  int protocol_version = kEngineProtocolVersion;
};

class EngineCore {
 public:
  PongReply handle(const PingCommand& command);

  // Commands refused by the adapter (malformed, unknown) still count, so that operators can see
  // a noisy client in the numbers.
  void note_rejected_command() { ++commands_handled_; }
  std::uint64_t commands_handled() const { return commands_handled_; }

 private:
  std::uint64_t commands_handled_ = 0;
};

}  // namespace gp::matching
