#include "gongping/server/evaluation/evaluation_hub.hpp"

#include <vector>

namespace gp::server::evaluation {
namespace {

// The "room" member of an engine event's body, read without a JSON parser: engine events write it
// first in their body as "body":{"room":"<id>", and room ids are public tender ids (no quotes).
std::string room_of(const std::string& json) {
  constexpr std::string_view kMarker = "\"body\":{\"room\":\"";
  const auto at = json.find(kMarker);
  if (at == std::string::npos) return {};
  const auto start = at + kMarker.size();
  const auto end = json.find('"', start);
  return end == std::string::npos ? std::string() : json.substr(start, end - start);
}

}  // namespace

std::shared_ptr<void> EvaluationHub::watch(const std::string& room, Deliver deliver) {
  return watches_.add(room, std::move(deliver));
}

void EvaluationHub::publish(const std::string& type, const std::string& event_json) {
  if (type != "ranking_changed" && type != "expert_finished" && type != "deviation_alert" && type != "room_closed") {
    return;
  }
  const auto room = room_of(event_json);
  if (room.empty()) return;
  for (const auto& deliver : watches_.of(room)) (*deliver)(event_json);
}

}  // namespace gp::server::evaluation
