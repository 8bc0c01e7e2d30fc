#include "gongping/matching/engine_core.hpp"

namespace gp::matching {

PongReply EngineCore::handle(const PingCommand& command) {
  ++commands_handled_;
  return PongReply{command.nonce, commands_handled_, kEngineProtocolVersion};
}

}  // namespace gp::matching
