#pragma once
// AuctionHub: hands the engine's auction events (auction_bid, auction_turn, auction_ended) to the
// WebSocket sessions watching that auction on this server, each as its watcher may see it
// (auction_live_view.hpp). Every server process subscribes to the engine's PUB socket, so every
// watcher sees every bid, whichever server took it.
//
// The view of an event is made once per audience (the public, staff, each bidder watching), not once
// per watcher: ten thousand public watchers cost one view. publish() runs on the engine client's
// thread and must not block: deliver() only queues and wakes. Thread-safe.

#include <functional>
#include <memory>
#include <string>

#include "gongping/server/auctions/auction_live_view.hpp"
#include "gongping/server/engine/watch_list.hpp"

namespace gp::server::auctions {

class AuctionHub {
 public:
  // `message_json`: {"type": "auction_bid" | "auction_turn" | "auction_ended", "live": {...},
  // "bid": {...} (auction_bid only)}.
  using Deliver = std::function<void(std::shared_ptr<const std::string> message_json)>;  // shared by its audience

  // Watches `auction` as `audience` until the returned handle is destroyed.
  std::shared_ptr<void> watch(const std::string& auction, AuctionAudience audience, Deliver deliver);

  // An engine event (its JSON frame); other types are ignored.
  void publish(const std::string& type, const std::string& event_json);

 private:
  struct Watch {
    AuctionAudience audience;
    Deliver deliver;
  };
  engine::WatchList<Watch> watches_;  // by auction
};

}  // namespace gp::server::auctions
