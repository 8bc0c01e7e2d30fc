#include "gongping/server/auctions/auction_hub.hpp"

#include <rapidjson/document.h>

#include <map>
#include <utility>

#include "json_text.hpp"

namespace gp::server::auctions {

std::shared_ptr<void> AuctionHub::watch(const std::string& auction, AuctionAudience audience, Deliver deliver) {
  return watches_.add(auction, Watch{std::move(audience), std::move(deliver)});
}

void AuctionHub::publish(const std::string& type, const std::string& event_json) {
  if (type != "auction_bid" && type != "auction_turn" && type != "auction_ended") return;
  rapidjson::Document event;
  event.Parse(event_json.c_str());
  if (!event.IsObject() || !event.HasMember("body") || !event["body"].HasMember("state")) return;
  const auto& body = event["body"];
  const auto& state = body["state"];
  if (!state.HasMember("auction") || !state["auction"].IsString()) return;
  const std::string auction = state["auction"].GetString();
  const auto live = watches_.of(auction);
  if (live.empty()) return;
  const std::string state_json = json_text(state);
  const std::string bid_json = body.HasMember("bid") ? json_text(body["bid"]) : std::string();
  // One message per audience, made when its first watcher needs it.
  std::map<std::pair<bool, std::string>, std::shared_ptr<const std::string>> messages;
  for (const auto& w : live) {
    const std::pair<bool, std::string> key{w->audience.staff, w->audience.bidder.value_or("")};
    auto it = messages.find(key);
    if (it == messages.end()) {
      std::string message = R"({"type":")" + type + R"(","live":)" + live_view_json(state_json, w->audience);
      if (!bid_json.empty()) message += R"(,"bid":)" + live_bid_json(bid_json, w->audience);
      it = messages.emplace(key, std::make_shared<const std::string>(message + "}")).first;
    }
    w->deliver(it->second);
  }
}

}  // namespace gp::server::auctions
