#include "gongping/server/tenders/public_read_cache.hpp"

#include <catch2/catch.hpp>

using gp::server::tenders::PublicReadCache;
using namespace std::chrono_literals;

TEST_CASE("a cached body is served until its time to live runs out", "[server][cache]") {
  PublicReadCache cache(1000ms, 10);
  const auto t0 = PublicReadCache::Clock::time_point{} + 1h;
  cache.store("tender:T-1", "{\"id\":\"T-1\"}", t0);
  REQUIRE(cache.find("tender:T-1", t0 + 999ms));
  CHECK(*cache.find("tender:T-1", t0 + 999ms) == "{\"id\":\"T-1\"}");
  CHECK_FALSE(cache.find("tender:T-2", t0));
}

TEST_CASE("after expiry one reader refreshes while the others keep the old body", "[server][cache]") {
  PublicReadCache cache(1000ms, 10);
  const auto t0 = PublicReadCache::Clock::time_point{} + 1h;
  cache.store("k", "old", t0);
  CHECK_FALSE(cache.find("k", t0 + 1000ms));      // the first reader after expiry refreshes
  CHECK(*cache.find("k", t0 + 1001ms) == "old");  // the others are not sent to the database
  CHECK_FALSE(cache.find("k", t0 + 2000ms));      // but never past twice the time to live
  cache.store("k", "new", t0 + 1500ms);
  CHECK(*cache.find("k", t0 + 1600ms) == "new");
}

TEST_CASE("a change forgets everything, a full cache starts over, ttl 0 caches nothing", "[server][cache]") {
  PublicReadCache cache(1000ms, 2);
  const auto t0 = PublicReadCache::Clock::time_point{} + 1h;
  cache.store("a", "1", t0);
  cache.store("b", "2", t0);
  cache.store("c", "3", t0);
  CHECK_FALSE(cache.find("a", t0));
  CHECK(cache.find("c", t0));
  cache.forget_all();
  CHECK_FALSE(cache.find("c", t0));
  PublicReadCache off(0ms, 2);
  off.store("a", "1", t0);
  CHECK_FALSE(off.find("a", t0));
}
