#include "gongping/matching/auction_replay.hpp"

#include <catch2/catch.hpp>

using namespace gp::matching;
using gp::common::Instant;

namespace {

const Instant kStart = Instant::from_unix_micros(1'800'000'000'000'000);
Instant at(std::int64_t seconds) { return kStart.plus_seconds(seconds); }

// A played auction's transcript: three bidders, 25 bids, the last one at 700 s.
AuctionTranscript played() {
  EnglishAuctionTerms t;
  t.starting_price_fen = 1'000'000;
  t.reserve_price_fen = 1'100'000;
  t.increment.fixed_fen = 10'000;
  t.starts_at = kStart;
  t.free_bidding_ends_at = at(600);
  t.countdown_seconds = 60;
  t.hard_stop_at = at(3'600);
  AuctionTranscript tr;
  tr.open = {"AU-9", t};
  for (const char* b : {"E-000001", "E-000002", "E-000003"}) tr.registrations.push_back({"AU-9", b, at(-100)});
  for (int i = 0; i < 25; ++i) {
    const char* who = i % 3 == 0 ? "E-000001" : i % 3 == 1 ? "E-000002" : "E-000003";
    tr.bids.push_back({"AU-9", "k" + std::to_string(i), who, 1'000'000 + 10'000 * i, false, at(100 + 25 * i)});
  }
  return tr;
}

}  // namespace

TEST_CASE("a transcript replays to the engine's result") {
  const auto replay = replay_auction(played());
  CHECK_FALSE(replay.refusal);
  CHECK(replay.bids_replayed == 25);
  CHECK(replay.state.phase == "won");
  CHECK(replay.state.winner == "E-000001");  // bid 25 (i = 24)
  CHECK(replay.state.winning_price_fen == 1'240'000);
  CHECK(replay.state.ended_at == at(700 + 60));
}

TEST_CASE("a transcript with a bid the rules refuse says which") {
  auto tampered = played();
  tampered.bids[10].price_fen -= 5'000;  // short of the increment over bid 10
  const auto replay = replay_auction(tampered);
  REQUIRE(replay.refusal);
  CHECK_THAT(*replay.refusal, Catch::StartsWith("bid 11 (key k10): A bid must reach"));
  CHECK(replay.bids_replayed == 10);

  auto late = played();
  late.bids.back().at = at(3'600);  // at the hard stop: after the end
  CHECK_THAT(*replay_auction(late).refusal, Catch::Contains("ended"));

  auto twice = played();
  twice.bids[5].key = "k4";  // bid 5's key again, another price: not the same bid
  CHECK_THAT(*replay_auction(twice).refusal, Catch::Contains("bid 6"));
}
