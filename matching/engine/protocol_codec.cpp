#include "protocol_codec.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace gp::matching::engine {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

ProtocolError fail(std::string id, std::string code, std::string message) {
  return ProtocolError{std::move(id), std::move(code), std::move(message)};
}

void header(Writer& w, const std::string& id, std::string_view type) {
  w.Key("v");
  w.Int(kEngineProtocolVersion);
  w.Key("id");
  if (id.empty()) {
    w.Null();
  } else {
    w.String(id.c_str(), static_cast<rapidjson::SizeType>(id.size()));
  }
  w.Key("type");
  w.String(type.data(), static_cast<rapidjson::SizeType>(type.size()));
}

}  // namespace

std::variant<DecodedCommand, ProtocolError> decode_command(std::string_view frame) {
  if (frame.size() > kMaxCommandBytes) return fail("", "too_large", "commands may be at most 1 MiB");
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseIterativeFlag>(frame.data(), frame.size());
  if (doc.HasParseError() || !doc.IsObject()) return fail("", "malformed", "a command is one JSON object");
  std::string id;
  if (doc.HasMember("id") && doc["id"].IsString() && doc["id"].GetStringLength() >= 1 &&
      doc["id"].GetStringLength() <= 64) {
    id = doc["id"].GetString();
  } else {
    return fail("", "malformed", "\"id\" must be a string of 1 to 64 characters");
  }
  if (!doc.HasMember("v") || !doc["v"].IsInt()) return fail(id, "malformed", "\"v\" must be an integer");
  if (doc["v"].GetInt() != kEngineProtocolVersion) {
    return fail(id, "unsupported_version", "this engine speaks protocol version 1");
  }
  if (!doc.HasMember("type") || !doc["type"].IsString()) return fail(id, "malformed", "\"type\" must be a string");
  if (!doc.HasMember("body") || !doc["body"].IsObject()) return fail(id, "malformed", "\"body\" must be an object");
  const std::string type = doc["type"].GetString();
  const auto& body = doc["body"];
  if (type == "ping") {
    PingCommand ping;
    if (body.HasMember("nonce")) {
      if (!body["nonce"].IsString() || body["nonce"].GetStringLength() > 64) {
        return fail(id, "invalid_body", "ping: \"nonce\" must be a string of at most 64 characters");
      }
      ping.nonce = body["nonce"].GetString();
    }
    return DecodedCommand{id, ping};
  }
  return fail(id, "unknown_command", "unknown command type \"" + type.substr(0, 64) + "\"");
}

std::string encode_pong(const std::string& id, const PongReply& pong) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  header(w, id, "pong");
  w.Key("body");
  w.StartObject();
  w.Key("nonce");
  w.String(pong.nonce.c_str(), static_cast<rapidjson::SizeType>(pong.nonce.size()));
  w.Key("commands_handled");
  w.Uint64(pong.commands_handled);
  w.Key("protocol_version");
  w.Int(pong.protocol_version);
  w.EndObject();
  w.EndObject();
  return buffer.GetString();
}

std::string encode_error(const ProtocolError& error) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  header(w, error.id, "error");
  w.Key("body");
  w.StartObject();
  w.Key("code");
  w.String(error.code.c_str(), static_cast<rapidjson::SizeType>(error.code.size()));
  w.Key("message");
  w.String(error.message.c_str(), static_cast<rapidjson::SizeType>(error.message.size()));
  w.EndObject();
  w.EndObject();
  return buffer.GetString();
}

std::string encode_heartbeat(std::uint64_t seq, std::uint64_t commands_handled) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("v");
  w.Int(kEngineProtocolVersion);
  w.Key("type");
  w.String("heartbeat");
  w.Key("seq");
  w.Uint64(seq);
  w.Key("body");
  w.StartObject();
  w.Key("commands_handled");
  w.Uint64(commands_handled);
  w.EndObject();
  w.EndObject();
  return buffer.GetString();
}

}  // namespace gp::matching::engine
