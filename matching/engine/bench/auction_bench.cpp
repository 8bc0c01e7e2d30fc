// auction_bench: the live auctions' core speed, beside a floor measured in the same run
// (simulations/auction_bench runs it; see there for the goals).
//
//   auction_bench core BIDDERS BIDS ROUNDS
//       BIDS accepted bids in one ascending auction (BIDDERS registered, each bid the increment over
//       the leader, each with its own 36-byte idempotency key), on one thread, against the floor:
//       remembering the same keys in a hash map and appending the bids to a vector (what any
//       auction that refuses a retried bid must at least do). Reports accepted bids per second and
//       the p99 of one bid (timed bid by bid in a separate pass).
// Prints one JSON line: medians over the rounds, and the ratio floor / auction (1 = as fast as
// the floor).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <vector>

#include "gongping/matching/english_auction.hpp"

using namespace gp::matching;
using gp::common::Instant;
using Clock = std::chrono::steady_clock;

namespace {

const Instant kStart = Instant::from_unix_micros(1'800'000'000'000'000);

EnglishAuctionTerms terms() {
  EnglishAuctionTerms t;
  t.starting_price_fen = 100'000'000;
  t.increment.fixed_fen = 100;
  t.starts_at = kStart;
  t.free_bidding_ends_at = kStart.plus_seconds(3'600);
  t.countdown_seconds = 180;
  t.hard_stop_at = kStart.plus_seconds(100 * 86'400);
  return t;
}

std::vector<std::string> keys_for(std::size_t n) {
  std::vector<std::string> keys;
  keys.reserve(n);
  char buf[40];
  for (std::size_t i = 0; i < n; ++i) {
    std::snprintf(buf, sizeof buf, "6f1c2a9e-%04zx-4b7d-9c3e-%012zx", i % 0xffff, i * 2654435761U);
    keys.emplace_back(buf);
  }
  return keys;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

EnglishAuction registered(const std::vector<std::string>& bidders, std::size_t bids) {
  EnglishAuction a(terms());
  a.reserve(bids);
  for (const auto& b : bidders) {
    if (!a.register_bidder(b, kStart.plus_seconds(-1))) std::abort();
  }
  return a;
}

// One bid per microsecond of the auction's clock: all in free bidding (an hour holds 3.6e9 us).
AuctionBid nth(const std::vector<std::string>& keys, const std::vector<std::string>& bidders, std::size_t i) {
  return AuctionBid{keys[i], bidders[i % bidders.size()], 100'000'000 + static_cast<std::int64_t>(i) * 100,
                    Instant::from_unix_micros(kStart.unix_micros() + static_cast<std::int64_t>(i)), false};
}

int core(std::size_t bidder_count, std::size_t bids, int rounds) {
  std::vector<std::string> bidders;
  for (std::size_t i = 0; i < bidder_count; ++i) bidders.push_back("E-" + std::to_string(100'000 + i));
  const auto keys = keys_for(bids);
  std::vector<double> auction_s, floor_s;
  for (int r = 0; r < rounds; ++r) {
    {
      auto a = registered(bidders, bids);
      const auto t0 = Clock::now();
      for (std::size_t i = 0; i < bids; ++i) {
        if (!a.bid(nth(keys, bidders, i))) std::abort();
      }
      auction_s.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
      if (a.accepted().size() != bids) std::abort();
    }
    {
      StringMap<std::uint32_t> seen;
      seen.reserve(bids);
      std::vector<AcceptedBid> appended;
      appended.reserve(bids);
      const auto t0 = Clock::now();
      for (std::size_t i = 0; i < bids; ++i) {
        const auto b = nth(keys, bidders, i);
        if (!seen.emplace(std::string(b.key), static_cast<std::uint32_t>(i + 1)).second) std::abort();
        appended.push_back({static_cast<std::uint32_t>(i + 1), static_cast<std::uint32_t>(i % bidder_count),
                            b.price_fen, b.at, false});
      }
      floor_s.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
    }
  }
  // The p99 of one bid, timed one by one (the clock's own cost, some 20 ns, included).
  std::vector<double> one_us;
  one_us.reserve(bids);
  {
    auto a = registered(bidders, bids);
    for (std::size_t i = 0; i < bids; ++i) {
      const auto bid = nth(keys, bidders, i);
      const auto t0 = Clock::now();
      const auto ok = a.bid(bid).ok();
      one_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
      if (!ok) std::abort();
    }
  }
  std::sort(one_us.begin(), one_us.end());
  const double auction = median(auction_s), floor = median(floor_s);
  std::printf(
      "{\"measure\":\"accepted bids in one ascending auction, one thread\",\"bidders\":%zu,\"bids\":%zu,"
      "\"bids_per_s\":%.0f,\"p50_us\":%.3f,\"p99_us\":%.3f,\"floor_bids_per_s\":%.0f,\"ratio\":%.2f}\n",
      bidder_count, bids, bids / auction, one_us[one_us.size() / 2], one_us[one_us.size() * 99 / 100], bids / floor,
      floor / auction);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 5 && std::string(argv[1]) == "core") {
    return core(std::stoul(argv[2]), std::stoul(argv[3]), std::stoi(argv[4]));
  }
  std::fprintf(stderr, "usage: auction_bench core BIDDERS BIDS ROUNDS\n");
  return 2;
}
