#include "gongping/server/tenders/public_read_cache.hpp"

namespace gp::server::tenders {

std::shared_ptr<const std::string> PublicReadCache::find(const std::string& key, Clock::time_point now) {
  if (ttl_.count() == 0) return nullptr;
  {
    std::shared_lock shared(mutex_);  // the common case: a fresh entry, many readers at once
    const auto it = entries_.find(key);
    if (it == entries_.end()) return nullptr;
    if (now - it->second.stored_at < ttl_) return it->second.body;
  }
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  auto& entry = it->second;
  const auto age = now - entry.stored_at;
  if (age < ttl_) return entry.body;
  if (!entry.refreshing && age < 2 * ttl_) {
    entry.refreshing = true;  // this caller refreshes; the others keep the old body meanwhile
    return nullptr;
  }
  return age < 2 * ttl_ ? entry.body : nullptr;
}

void PublicReadCache::store(const std::string& key, std::string body, Clock::time_point now) {
  if (ttl_.count() == 0) return;
  auto shared = std::make_shared<const std::string>(std::move(body));
  std::unique_lock lock(mutex_);
  if (entries_.size() >= max_entries_ && !entries_.contains(key)) entries_.clear();
  entries_[key] = Entry{std::move(shared), now};
}

void PublicReadCache::forget_all() {
  std::unique_lock lock(mutex_);
  entries_.clear();
}

}  // namespace gp::server::tenders
