#pragma once
// WatchList: who watches what, for the hubs that hand the engine's events to WebSocket sessions
// (evaluation rooms, live auctions). A watcher stays listed while the handle add() returned lives;
// watchers whose handle is gone are dropped as they are met, and by a sweep of the whole list each
// time it has doubled since the last one: adding costs O(log n) amortised (ten thousand watchers of
// one auction connect at once), and the list holds at most about twice the watchers still there.
// Thread-safe: add() runs on a session's strand, of() on the engine client's thread.

#include <algorithm>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace gp::server::engine {

template <class Watcher>
class WatchList {
 public:
  // Lists `watcher` under `key` until the returned handle is destroyed.
  std::shared_ptr<void> add(const std::string& key, Watcher watcher) {
    auto w = std::make_shared<Watcher>(std::move(watcher));
    std::lock_guard lock(mutex_);
    if (watches_.size() >= sweep_at_) {  // drops watchers gone from keys gone quiet
      std::erase_if(watches_, [](const auto& entry) { return entry.second.expired(); });
      sweep_at_ = std::max(kFirstSweep, 2 * watches_.size());
    }
    watches_.emplace(key, w);
    return w;
  }

  // How many entries the list holds, watchers gone but not yet dropped included.
  std::size_t listed() {
    std::lock_guard lock(mutex_);
    return watches_.size();
  }

  // The watchers of `key` still there.
  std::vector<std::shared_ptr<Watcher>> of(const std::string& key) {
    std::vector<std::shared_ptr<Watcher>> live;
    std::lock_guard lock(mutex_);
    auto [first, last] = watches_.equal_range(key);
    for (auto it = first; it != last;) {
      if (auto w = it->second.lock()) {
        live.push_back(std::move(w));
        ++it;
      } else {
        it = watches_.erase(it);
      }
    }
    return live;
  }

 private:
  static constexpr std::size_t kFirstSweep = 64;
  std::mutex mutex_;
  std::size_t sweep_at_ = kFirstSweep;
  std::multimap<std::string, std::weak_ptr<Watcher>> watches_;
};

}  // namespace gp::server::engine
