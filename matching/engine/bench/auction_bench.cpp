// auction_bench: the live auctions' core speed, beside a floor measured in the same run
// (simulations/auction_bench runs it; see there for the goals).
//
//   auction_bench core BIDDERS BIDS ROUNDS
//       BIDS accepted bids in one ascending auction (BIDDERS registered, each bid the increment over
//       the leader, each with its own 36-byte idempotency key), on one thread, against the floor:
//       remembering the same keys in a hash map and appending the bids to a vector (what any
//       auction that refuses a retried bid must at least do). Reports accepted bids per second and
//       the p99 of one bid (timed bid by bid in a separate pass).
//   auction_bench zmq COMMANDS ECHO BIDS WINDOW
//       the same auction in gongping-engine (a real process, on COMMANDS), its bids sent over ZeroMQ
//       as the server sends them: BIDS bids one at a time (each waiting for its reply: the latency),
//       then BIDS bids with up to WINDOW in flight (the throughput); beside each, in the same run, the
//       bare ZeroMQ round trip of a frame as long as the bid to a ROUTER that echoes it (ECHO,
//       `engine_latency_bench echo`).
// Prints one JSON line per measure.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <vector>

#include <zmq.hpp>

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

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

// The i-th bid's instant, i microseconds after 2027-01-15T02:00:00Z (i under an hour's worth).
std::string nth_instant(std::size_t i) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "2027-01-15T02:%02zu:%02zu.%06zuZ", i / 60'000'000, i / 1'000'000 % 60, i % 1'000'000);
  return buf;
}

std::string bid_frame(std::size_t i, std::size_t bidders) {
  return R"({"v":1,"id":"b)" + std::to_string(i) +
         R"(","type":"auction_bid","body":{"auction":"AU-BENCH","key":"6f1c2a9e-)" + std::to_string(1'000'000'000 + i) +
         R"(","bidder":"E-)" + std::to_string(100'000 + i % bidders) + R"(","price_fen":)" +
         std::to_string(100'000'000 + 100 * static_cast<std::int64_t>(i)) + R"(,"at":")" + nth_instant(i) + R"("}})";
}

bool ok_reply(const zmq::message_t& reply) {
  return reply.to_string().find("auction_bid_accepted") != std::string::npos;
}

// Sends frames[from, to) with up to `window` in flight on `socket`, each reply checked by `check`:
// → seconds taken.
template <class Check>
double pipelined(zmq::socket_t& socket, const std::vector<std::string>& frames, std::size_t from, std::size_t to,
                 std::size_t window, Check check) {
  const auto t0 = Clock::now();
  std::size_t sent = from, received = from;
  while (received < to) {
    while (sent < to && sent - received < window) socket.send(zmq::buffer(frames[sent++]));
    zmq::message_t reply;
    if (!socket.recv(reply) || !check(reply)) {
      std::fprintf(stderr, "reply %zu refused: %s\n", received, reply.to_string().substr(0, 300).c_str());
      std::exit(1);
    }
    ++received;
  }
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

int over_zmq(const std::string& commands, const std::string& echo, std::size_t bids, std::size_t window) {
  constexpr std::size_t kBidders = 200;
  zmq::context_t context(1);
  zmq::socket_t dealer(context, zmq::socket_type::dealer), bare(context, zmq::socket_type::dealer);
  for (auto* s : {&dealer, &bare}) {
    s->set(zmq::sockopt::linger, 0);
    s->set(zmq::sockopt::rcvtimeo, 10000);
    s->set(zmq::sockopt::sndhwm, 0);
    s->set(zmq::sockopt::rcvhwm, 0);
  }
  dealer.connect(commands);
  bare.connect(echo);
  const auto call = [&](const std::string& frame) {
    dealer.send(zmq::buffer(frame));
    zmq::message_t reply;
    if (!dealer.recv(reply) || reply.to_string().find("\"type\":\"error\"") != std::string::npos) {
      std::fprintf(stderr, "refused: %s\n", reply.to_string().substr(0, 300).c_str());
      std::exit(1);
    }
  };
  call(
      R"({"v":1,"id":"open","type":"open_auction","body":{"auction":"AU-BENCH","kind":"english","terms":{)"
      R"("starting_price_fen":100000000,"increment":{"fixed_fen":100},"starts_at":"2027-01-15T02:00:00Z",)"
      R"("free_bidding_ends_at":"2027-01-15T03:00:00Z","countdown_seconds":180,"hard_stop_at":"2027-01-15T06:00:00Z"}}})");
  for (std::size_t b = 0; b < kBidders; ++b) {
    call(R"({"v":1,"id":"r","type":"register_bidder","body":{"auction":"AU-BENCH","bidder":"E-)" +
         std::to_string(100'000 + b) + R"(","at":"2027-01-15T01:00:00Z"}})");
  }
  std::vector<std::string> frames;
  for (std::size_t i = 0; i < 2 * bids; ++i) frames.push_back(bid_frame(i, kBidders));
  const std::string same_size(frames[0].size(), 'x');
  std::vector<std::string> bare_frames(bids, same_size);
  const auto echoed = [](const zmq::message_t&) { return true; };

  // One at a time: the latency of a bid, beside a bare round trip.
  std::vector<double> bid_us, bare_us;
  for (std::size_t i = 0; i < bids; ++i) {
    auto t0 = Clock::now();
    dealer.send(zmq::buffer(frames[i]));
    zmq::message_t reply;
    if (!dealer.recv(reply) || !ok_reply(reply)) return 1;
    bid_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
    t0 = Clock::now();
    bare.send(zmq::buffer(same_size));
    if (!bare.recv(reply)) return 1;
    bare_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  }
  std::printf(
      "{\"measure\":\"one bid at a time over ZeroMQ, to its reply\",\"bid_bytes\":%zu,\"bids\":%zu,\"p50_us\":%.1f,"
      "\"p99_us\":%.1f,\"bare_round_trip_p50_us\":%.1f,\"bare_round_trip_p99_us\":%.1f,\"ratio_p50\":%.2f}\n",
      frames[0].size(), bids, percentile(bid_us, 0.5), percentile(bid_us, 0.99), percentile(bare_us, 0.5),
      percentile(bare_us, 0.99), percentile(bid_us, 0.5) / percentile(bare_us, 0.5));
  // Pipelined: the throughput, beside the bare echo's.
  const double bid_s = pipelined(dealer, frames, bids, 2 * bids, window, &ok_reply);
  const double bare_s = pipelined(bare, bare_frames, 0, bids, window, echoed);
  std::printf(
      "{\"measure\":\"bids over ZeroMQ, %zu in "
      "flight\",\"bids\":%zu,\"bids_per_s\":%.0f,\"bare_round_trips_per_s\":%.0f,"
      "\"ratio\":%.2f}\n",
      window, bids, bids / bid_s, bids / bare_s, bare_s / bid_s);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 5 && std::string(argv[1]) == "core") {
    return core(std::stoul(argv[2]), std::stoul(argv[3]), std::stoi(argv[4]));
  }
  if (argc == 6 && std::string(argv[1]) == "zmq") {
    return over_zmq(argv[2], argv[3], std::stoul(argv[4]), std::stoul(argv[5]));
  }
  std::fprintf(stderr, "usage: auction_bench core BIDDERS BIDS ROUNDS | zmq COMMANDS ECHO BIDS WINDOW\n");
  return 2;
}
