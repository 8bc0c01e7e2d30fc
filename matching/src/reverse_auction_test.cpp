#include "gongping/matching/reverse_auction.hpp"

#include <catch2/catch.hpp>

using namespace gp::matching;
using gp::common::ErrorCode;
using gp::common::Instant;

namespace {

const Instant kStart = Instant::from_unix_micros(1'800'000'000'000'000);
Instant at(std::int64_t seconds) { return kStart.plus_seconds(seconds); }

// Expected value 1,000,000 yuan, step 1% (10,000 yuan), three bidders, no coefficients.
ReverseAuctionTerms terms(std::vector<ReverseAuctionBidder> bidders = {
                              {"E-000001", 950'000'00, 0}, {"E-000002", 900'000'00, 0}, {"E-000003", 980'000'00, 0}}) {
  ReverseAuctionTerms t;
  t.expected_value_fen = 1'000'000'00;
  t.min_step_bp = 100;
  t.rounds = 3;
  t.turn_seconds = 120;
  t.starts_at = kStart;
  t.bidders = std::move(bidders);
  return t;
}

AuctionBid offer(const std::string& key, const char* bidder, std::int64_t price, Instant when) {
  return AuctionBid{key, bidder, price, when, false};
}
AuctionBid pass(const std::string& key, const char* bidder, Instant when) {
  return AuctionBid{key, bidder, 0, when, true};
}

}  // namespace

TEST_CASE("reverse terms are checked field by field") {
  auto t = terms();
  REQUIRE(check_terms(t));
  t.min_step_bp = 10;
  t.bidders.push_back({"E-000001", 1, 0});  // twice
  t.bidders[0].coefficient_bp = 3'001;
  const auto wrong = check_terms(t);
  REQUIRE_FALSE(wrong);
  std::vector<std::string> fields;
  for (const auto& f : wrong.error().fields) fields.push_back(f.field);
  CHECK(fields == std::vector<std::string>{"min_step_bp", "bidders[0].coefficient_bp", "bidders[3].bidder"});
}

TEST_CASE("turns go from the worst price to the best, each bid lowering the bidder's own price by the step") {
  ReverseAuction a(terms());
  CHECK_FALSE(a.turn());
  const auto early = a.bid(offer("k0", "E-000003", 900'000'00, at(-1)));
  REQUIRE_FALSE(early);
  CHECK(early.error().code == ErrorCode::auction_not_open);
  a.advance(at(0));
  // Worst first: E-000003 (980,000), E-000001 (950,000), E-000002 (900,000).
  CHECK(a.turn()->bidder == 2U);
  CHECK(a.step_fen() == 10'000'00);
  const auto other = a.bid(offer("k1", "E-000002", 880'000'00, at(5)));
  REQUIRE_FALSE(other);
  CHECK(other.error().code == ErrorCode::auction_not_open);
  CHECK_THAT(other.error().detail, Catch::Contains("Bidder #3's turn"));
  const auto small = a.bid(offer("k2", "E-000003", 970'000'01, at(10)));
  REQUIRE_FALSE(small);
  CHECK(small.error().code == ErrorCode::bid_short_of_step);
  CHECK_THAT(small.error().detail, Catch::Contains("at most 970,000.00 yuan"));
  REQUIRE(a.bid(offer("k3", "E-000003", 890'000'00, at(20))));
  CHECK(a.turn()->bidder == 0U);
  CHECK(a.turn()->starts_at == at(20));
  CHECK(a.turn()->ends_at == at(140));
  REQUIRE(a.bid(pass("k4", "E-000001", at(30))));
  CHECK(a.turn()->bidder == 1U);
  CHECK(a.standings().front().bidder == 2U);  // E-000003 leads at 890,000
}

TEST_CASE("a turn not used in time passes, and the auction ends after the last round") {
  ReverseAuction a(terms());
  // Nobody bids: 3 rounds × 3 turns × 120 s.
  CHECK_FALSE(a.advance(at(3 * 3 * 120 - 1)));
  CHECK(a.turn()->round == 2);
  CHECK(a.advance(at(3 * 3 * 120)));
  REQUIRE(a.ended());
  CHECK(a.outcome()->winner == 1U);  // the best initial price
  CHECK(a.outcome()->ended_at == at(1'080));
  CHECK(a.accepted().empty());
  const auto late = a.bid(offer("k1", "E-000002", 800'000'00, at(1'081)));
  REQUIRE_FALSE(late);
  CHECK(late.error().code == ErrorCode::auction_not_open);
}

TEST_CASE("each round reorders the turns by the prices as it starts") {
  ReverseAuction a(terms());
  a.advance(at(0));
  REQUIRE(a.bid(offer("a", "E-000003", 850'000'00, at(1))));  // now the best
  REQUIRE(a.bid(pass("b", "E-000001", at(2))));
  REQUIRE(a.bid(pass("c", "E-000002", at(3))));
  // Round 2: worst first: E-000001 (950,000), E-000002 (900,000), E-000003 (850,000).
  CHECK(a.turn()->round == 1);
  CHECK(a.turn()->bidder == 0U);
  REQUIRE(a.bid(pass("d", "E-000001", at(4))));
  CHECK(a.turn()->bidder == 1U);
}

TEST_CASE("adjusted prices: the coefficient divides the price, exactly, and the winner is the best adjusted") {
  AdjustedPrice plain{900'000'00, 0}, favoured{1'000'000'00, 1'500};  // 1,000,000 / 1.15 = 869,565.22
  CHECK(favoured.rounded_fen() == 869'565'22);
  CHECK(favoured.lower_than(plain));
  CHECK(AdjustedPrice{115, 1'500}.equals(AdjustedPrice{100, 0}));  // exactly equal: 115 / 1.15 = 100

  ReverseAuction a(terms({{"E-000001", 900'000'00, 0}, {"E-000002", 1'000'000'00, 1'500}}));
  a.advance(at(0));
  CHECK(a.turn()->bidder == 0U);  // 900,000 is worse than 869,565.22 adjusted
  CHECK(a.advance(at(10'000)));
  CHECK(a.outcome()->winner == 1U);
  CHECK(a.outcome()->price.price_fen == 1'000'000'00);
}

TEST_CASE("equal adjusted prices: the bidder who offered its price first ranks first") {
  ReverseAuction a(terms({{"E-000001", 900'000'00, 0}, {"E-000002", 910'000'00, 0}}));
  a.advance(at(0));
  REQUIRE(a.bid(offer("x", "E-000002", 890'000'00, at(1))));
  REQUIRE(a.bid(offer("y", "E-000001", 890'000'00, at(2))));
  const auto s = a.standings();
  CHECK(s[0].bidder == 1U);  // E-000002 reached 890,000 first
  CHECK(s[1].bidder == 0U);
}

TEST_CASE("a retried reverse bid is answered once, a pass too") {
  ReverseAuction a(terms());
  a.advance(at(0));
  const auto first = a.bid(offer("k", "E-000003", 890'000'00, at(1)));
  REQUIRE(first);
  const auto retry = a.bid(offer("k", "E-000003", 890'000'00, at(2)));
  REQUIRE(retry);
  CHECK(retry.value().replayed);
  CHECK(a.accepted().size() == 1);
  REQUIRE(a.bid(pass("p", "E-000001", at(3))));
  CHECK(a.bid(pass("p", "E-000001", at(4))).value().replayed);
  const auto reused = a.bid(offer("p", "E-000001", 800'000'00, at(5)));
  REQUIRE_FALSE(reused);
  CHECK(reused.error().code == ErrorCode::idempotency_key_reused);
  CHECK(a.accepted().size() == 2);
}
