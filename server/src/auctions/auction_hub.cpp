#include "gongping/server/auctions/auction_hub.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "json_text.hpp"

namespace gp::server::auctions {

std::shared_ptr<void> AuctionHub::watch(const std::string& auction, AuctionAudience audience, Deliver deliver) {
  return watches_.add(auction, Watch{std::move(audience), std::move(deliver), watchers_++});
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
  // One message per audience, made when its first watcher needs it; each watcher in its part.
  std::map<std::pair<bool, std::string>, std::shared_ptr<const std::string>> messages;
  std::lock_guard lock(post_mutex_);
  const std::size_t part_count = post_ ? parts_ : 1;
  std::vector<std::vector<Delivery>> parts(part_count);
  for (auto& part : parts) part.reserve(live.size() / part_count + 1);
  for (const auto& w : live) {
    const std::pair<bool, std::string> key{w->audience.staff, w->audience.bidder.value_or("")};
    auto it = messages.find(key);
    if (it == messages.end()) {
      std::string message = R"({"type":")" + type + R"(","live":)" + live_view_json(state_json, w->audience);
      if (!bid_json.empty()) message += R"(,"bid":)" + live_bid_json(bid_json, w->audience);
      it = messages.emplace(key, std::make_shared<const std::string>(message + "}")).first;
    }
    parts[w->number % part_count].push_back({w, it->second});
  }
  for (std::size_t i = 0; i < parts.size(); ++i) {
    auto task = [part = std::move(parts[i])] {
      for (const auto& d : part) d.watch->deliver(d.message);
    };
    if (post_) {
      post_(i, std::move(task));
    } else {
      task();  // on this thread
    }
  }
}

void AuctionHub::deliver_on(Post post, std::size_t parts) {
  std::lock_guard lock(post_mutex_);
  post_ = std::move(post);
  parts_ = std::max<std::size_t>(parts, 1);
}

}  // namespace gp::server::auctions
