#pragma once
// PublicReadCache: response bodies of the public tender reads (a published tender, a list page),
// kept for a short time so the hottest read path answers from memory instead of PostgreSQL.
//
// Only what anyone may see goes in (never a draft). An instance that changes a tender forgets
// everything at once; other instances behind the same proxy see the change within the time to
// live (tenders.public_cache_ms, default 1000 ms; 0 turns the cache off). At most `max_entries`
// bodies are kept; when full, the cache starts over. Thread-safe.

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace gp::server::tenders {

class PublicReadCache {
 public:
  using Clock = std::chrono::steady_clock;

  PublicReadCache(std::chrono::milliseconds ttl, std::size_t max_entries) : ttl_(ttl), max_entries_(max_entries) {}

  // The body stored under `key` if it is younger than the time to live. When it has just expired,
  // the first caller gets nothing (it refreshes the entry) while later callers keep getting the old
  // body until the refresh is stored, so that an expiry never sends every reader to PostgreSQL at
  // once; an entry is never served more than twice the time to live after it was stored.
  std::shared_ptr<const std::string> find(const std::string& key, Clock::time_point now = Clock::now());
  void store(const std::string& key, std::string body, Clock::time_point now = Clock::now());
  void forget_all();

 private:
  struct Entry {
    std::shared_ptr<const std::string> body;
    Clock::time_point stored_at;
    bool refreshing = false;  // one reader is fetching a fresh body (written under the exclusive lock)
  };
  std::chrono::milliseconds ttl_;
  std::size_t max_entries_;
  std::shared_mutex mutex_;  // readers of fresh entries share it
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace gp::server::tenders
