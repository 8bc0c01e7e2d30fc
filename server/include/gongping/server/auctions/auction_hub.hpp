#pragma once
// AuctionHub: hands the engine's auction events (auction_bid, auction_turn, auction_ended) to the
// WebSocket sessions watching that auction on this server, each as its watcher may see it
// (auction_live_view.hpp). Every server process subscribes to the engine's PUB socket, so every
// watcher sees every bid, whichever server took it.
//
// The view of an event is made once per audience (the public, staff, each bidder watching), not once
// per watcher: ten thousand public watchers cost one view. publish() runs on the engine client's
// thread and must not block: deliver() only queues and wakes (see deliver_on). Thread-safe.

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
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

  // From now on publish() hands its deliveries to `post` in `parts` parts, so that the server's I/O
  // threads share handing ten thousand watchers their message (and post to their sessions from
  // their own threads, cheaply) instead of the engine client's thread doing it alone. A watcher is
  // always in the same part, and `post` must run the tasks of one part in the order given (a
  // strand per part), so that each watcher gets the events in the engine's order. Unset (the
  // default, or nullptr), publish() delivers on its own thread. `post` must stay callable until
  // the engine client has stopped, and be unset (nullptr) before what it posts to is destroyed.
  using Post = std::function<void(std::size_t part, std::function<void()> task)>;
  void deliver_on(Post post, std::size_t parts);

 private:
  struct Watch {
    AuctionAudience audience;
    Deliver deliver;
    std::size_t number = 0;  // in the order watchers came: chooses the watcher's part
  };
  struct Delivery {
    std::shared_ptr<Watch> watch;
    std::shared_ptr<const std::string> message;
  };
  engine::WatchList<Watch> watches_;  // by auction
  std::mutex post_mutex_;             // guards post_ and parts_
  Post post_;
  std::size_t parts_ = 1;
  std::atomic<std::size_t> watchers_{0};  // watchers ever, for their numbers
};

}  // namespace gp::server::auctions
