#include "engine_server.hpp"

#include <variant>

#include "protocol_codec.hpp"

namespace gp::matching::engine {

EngineServer::EngineServer(zmq::context_t& context, const EngineEndpoints& endpoints,
                           std::chrono::milliseconds heartbeat)
    : router_(context, zmq::socket_type::router), publisher_(context, zmq::socket_type::pub), heartbeat_(heartbeat) {
  router_.set(zmq::sockopt::linger, 0);
  router_.set(zmq::sockopt::router_mandatory, 1);  // a reply to a vanished peer errors instead of vanishing
  router_.set(zmq::sockopt::maxmsgsize, static_cast<std::int64_t>(kMaxCommandBytes) * 2);
  publisher_.set(zmq::sockopt::linger, 0);
  router_.bind(endpoints.commands);
  publisher_.bind(endpoints.events);
}

std::string EngineServer::commands_endpoint() const { return router_.get(zmq::sockopt::last_endpoint); }
std::string EngineServer::events_endpoint() const { return publisher_.get(zmq::sockopt::last_endpoint); }

void EngineServer::run(const std::atomic<bool>& stop) {
  auto next_heartbeat = std::chrono::steady_clock::now();
  while (!stop) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= next_heartbeat) {
      publish_heartbeat();
      next_heartbeat = now + heartbeat_;
    }
    zmq::pollitem_t items[] = {{router_.handle(), 0, ZMQ_POLLIN, 0}};
    try {
      zmq::poll(items, 1, std::chrono::duration_cast<std::chrono::milliseconds>(next_heartbeat - now));
    } catch (const zmq::error_t& e) {
      if (e.num() == EINTR) continue;  // a signal: the loop condition decides
      throw;
    }
    while (true) {
      zmq::message_t identity;
      if (!router_.recv(identity, zmq::recv_flags::dontwait)) break;
      if (!identity.more()) continue;
      zmq::message_t frame;
      if (!router_.recv(frame, zmq::recv_flags::dontwait)) break;
      // The protocol defines one frame per command; extra frames make the whole message malformed.
      bool extra = false;
      while (frame.more()) {
        zmq::message_t rest;
        if (!router_.recv(rest, zmq::recv_flags::dontwait)) break;
        extra = true;
        frame.swap(rest);
      }
      if (extra) {
        core_.note_rejected_command();
        const std::string reply = encode_error({"", "malformed", "a command is exactly one frame"});
        try {
          router_.send(identity, zmq::send_flags::sndmore);
          router_.send(zmq::buffer(reply), zmq::send_flags::dontwait);
        } catch (const zmq::error_t&) {
        }
        continue;
      }
      handle_frame(identity, frame);
    }
  }
}

void EngineServer::handle_frame(const zmq::message_t& identity, const zmq::message_t& frame) {
  const auto decoded = decode_command(std::string_view(static_cast<const char*>(frame.data()), frame.size()));
  std::string reply;
  if (const auto* error = std::get_if<ProtocolError>(&decoded)) {
    core_.note_rejected_command();
    reply = encode_error(*error);
  } else {
    const auto& command = std::get<DecodedCommand>(decoded);
    reply = std::visit([&](const auto& c) { return encode_pong(command.id, core_.handle(c)); }, command.command);
  }
  try {
    zmq::message_t to(identity.data(), identity.size());
    router_.send(to, zmq::send_flags::sndmore);
    router_.send(zmq::buffer(reply), zmq::send_flags::dontwait);
  } catch (const zmq::error_t&) {
    // The client went away (ROUTER_MANDATORY: host unreachable); its request dies with it.
  }
}

void EngineServer::publish_heartbeat() {
  const std::string event = encode_heartbeat(++event_seq_, core_.commands_handled());
  publisher_.send(zmq::buffer(std::string_view("heartbeat")), zmq::send_flags::sndmore);
  publisher_.send(zmq::buffer(event), zmq::send_flags::dontwait);
}

}  // namespace gp::matching::engine
