#include "gongping/matching/english_auction.hpp"

#include <catch2/catch.hpp>

using namespace gp::matching;
using gp::common::ErrorCode;
using gp::common::Instant;

namespace {

// 10:00 Beijing on a working day; the auction runs from 10:00, free bidding until 10:30, a 3-minute
// countdown, a hard stop at 12:00.
const Instant kStart = Instant::from_unix_micros(1'800'000'000'000'000);
Instant at(std::int64_t seconds) { return kStart.plus_seconds(seconds); }

EnglishAuctionTerms land_parcel() {
  EnglishAuctionTerms t;
  t.starting_price_fen = 100'000'000'00;  // 100 million yuan
  t.reserve_price_fen = 120'000'000'00;
  t.increment.fixed_fen = 1'000'000'00;  // 1 million yuan
  t.starts_at = kStart;
  t.free_bidding_ends_at = at(1'800);
  t.countdown_seconds = 180;
  t.hard_stop_at = at(7'200);
  return t;
}

EnglishAuction opened(EnglishAuctionTerms terms = land_parcel()) {
  EnglishAuction a(terms);
  for (const char* b : {"E-000001", "E-000002", "E-000003"}) REQUIRE(a.register_bidder(b, at(-3'600)));
  return a;
}

AuctionBid bid(const char* key, const char* bidder, std::int64_t price, Instant when) {
  return AuctionBid{key, bidder, price, when, false};
}

ErrorCode code_of(const gp::common::Result<BidAcceptance>& r) {
  REQUIRE_FALSE(r);
  return r.error().code;
}

}  // namespace

TEST_CASE("terms are checked field by field") {
  auto t = land_parcel();
  REQUIRE(check_terms(t));
  t.reserve_price_fen = t.starting_price_fen - 1;
  t.increment.basis_points = 50;  // and the fixed one: both set
  t.hard_stop_at = t.free_bidding_ends_at;
  t.countdown_seconds = 5;
  const auto wrong = check_terms(t);
  REQUIRE_FALSE(wrong);
  std::vector<std::string> fields;
  for (const auto& f : wrong.error().fields) fields.push_back(f.field);
  CHECK(fields == std::vector<std::string>{"reserve_price_fen", "increment", "countdown_seconds", "hard_stop_at"});
}

TEST_CASE("registration closes at the start, and only registered bidders bid") {
  auto a = opened();
  CHECK(a.phase() == EnglishPhase::registration);
  CHECK(a.register_bidder("E-000002", at(-1)).value() == 1);  // already in: the same number
  CHECK(code_of(a.bid(bid("k0", "E-000001", 100'000'000'00, at(-1)))) == ErrorCode::auction_not_open);
  const auto late = a.register_bidder("E-000009", at(0));
  REQUIRE_FALSE(late);
  CHECK(late.error().code == ErrorCode::auction_not_open);
  CHECK(code_of(a.bid(bid("k1", "E-000009", 100'000'000'00, at(1)))) == ErrorCode::auction_not_registered);
  CHECK(a.accepted().empty());
}

TEST_CASE("a registration confirmed before the start counts though it arrives after the clock passed it") {
  auto a = opened();
  REQUIRE(a.bid(bid("k1", "E-000001", 100'000'000'00, at(5))));  // the clock is past the start
  const auto confirmed_before = a.register_bidder("E-000009", at(-1));
  REQUIRE(confirmed_before);
  CHECK(confirmed_before.value() == 3);  // the fourth bidder
  CHECK(a.bid(bid("k2", "E-000009", 101'000'000'00, at(6))));
  CHECK(a.register_bidder("E-000010", at(6)).error().code == ErrorCode::auction_not_open);
}

TEST_CASE("the first bid reaches the starting price; each next one the increment over the leader") {
  auto a = opened();
  const auto low = a.bid(bid("k1", "E-000001", 100'000'000'00 - 1, at(10)));
  CHECK(code_of(low) == ErrorCode::bid_short_of_step);
  CHECK_THAT(low.error().detail, Catch::Contains("100,000,000.00 yuan"));
  REQUIRE(a.bid(bid("k2", "E-000001", 100'000'000'00, at(20))));
  CHECK(a.minimum_next_fen() == 101'000'000'00);
  CHECK(code_of(a.bid(bid("k3", "E-000002", 101'000'000'00 - 1, at(30)))) == ErrorCode::bid_short_of_step);
  CHECK(code_of(a.bid(bid("k4", "E-000001", 105'000'000'00, at(40)))) == ErrorCode::conflict);  // leads already
  const auto jump = a.bid(bid("k5", "E-000002", 105'000'000'00, at(50)));  // more than the increment: fine
  REQUIRE(jump);
  CHECK(jump.value().bid.seq == 2);
  CHECK(a.leader() == 1U);
  CHECK(a.current_price_fen() == 105'000'000'00);
}

TEST_CASE("a percentage increment is rounded up to a fen") {
  auto t = land_parcel();
  t.increment = Increment{0, 50};     // 0.5%
  CHECK(t.increment.over(333) == 2);  // 1.665 fen → 2
  CHECK(t.increment.over(100) == 1);  // 0.5 fen → 1
  CHECK(t.increment.over(10'000) == 50);
  auto a = opened(t);
  REQUIRE(a.bid(bid("k1", "E-000001", 100'000'000'00, at(1))));
  CHECK(a.minimum_next_fen() == 100'500'000'00);
}

TEST_CASE("the countdown starts when free bidding ends and restarts on every bid after it") {
  auto a = opened();
  CHECK(a.ends_at() == at(1'800 + 180));
  REQUIRE(a.bid(bid("k1", "E-000001", 100'000'000'00, at(600))));
  CHECK(a.ends_at() == at(1'980));  // a bid in free bidding does not move the end
  a.advance(at(1'800));
  CHECK(a.phase() == EnglishPhase::countdown);
  REQUIRE(a.bid(bid("k2", "E-000002", 101'000'000'00, at(1'970))));  // 10 s before the end
  CHECK(a.ends_at() == at(1'970 + 180));
  // A second before the end is in time, and restarts the countdown again.
  REQUIRE(a.bid(bid("k3", "E-000003", 102'000'000'00, at(2'149))));
  CHECK(a.ends_at() == at(2'149 + 180));
  CHECK_FALSE(a.ended());
}

TEST_CASE("a bid at the end instant is late, and the auction ends with the leader") {
  auto a = opened();
  REQUIRE(a.bid(bid("k1", "E-000001", 125'000'000'00, at(1'000))));
  const auto late = a.bid(bid("k2", "E-000002", 126'000'000'00, at(1'980)));
  CHECK(code_of(late) == ErrorCode::auction_not_open);
  CHECK_THAT(late.error().detail, Catch::Contains("ended"));
  REQUIRE(a.ended());
  CHECK(a.phase() == EnglishPhase::won);
  CHECK(a.outcome()->winner == 0U);
  CHECK(a.outcome()->price_fen == 125'000'000'00);
  CHECK(a.outcome()->ended_at == at(1'980));
  CHECK(a.outcome()->reserve_met);
}

TEST_CASE("the hard stop ends the auction however the countdown stands") {
  auto a = opened();
  std::int64_t price = 100'000'000'00;
  // Two bidders outbid each other every 100 s from free bidding's end: the countdown never runs out.
  for (int i = 0; i < 60; ++i) {
    const auto r =
        a.bid(bid(("k" + std::to_string(i)).c_str(), i % 2 ? "E-000002" : "E-000001", price, at(1'800 + 100 * i)));
    if (!r) {
      CHECK(r.error().code == ErrorCode::auction_not_open);
      break;
    }
    price += 1'000'000'00;
  }
  REQUIRE(a.ended());
  CHECK(a.outcome()->ended_at == at(7'200));
  CHECK(a.accepted().back().at < at(7'200));
}

TEST_CASE("below the reserve the auction fails, and with no bid too") {
  auto a = opened();
  REQUIRE(a.bid(bid("k1", "E-000001", 110'000'000'00, at(100))));
  CHECK(a.advance(at(5'000)));
  CHECK(a.phase() == EnglishPhase::failed);
  CHECK_FALSE(a.outcome()->winner);
  CHECK_FALSE(a.outcome()->reserve_met);
  CHECK(a.outcome()->price_fen == 110'000'000'00);

  auto quiet = opened();
  CHECK_FALSE(quiet.advance(at(1'979)));
  CHECK(quiet.advance(at(1'980)));
  CHECK(quiet.phase() == EnglishPhase::failed);
  CHECK_FALSE(quiet.advance(at(9'999)));  // ends once
}

TEST_CASE("a retried bid is answered with its first acceptance and recorded once") {
  auto a = opened();
  const auto first = a.bid(bid("key-1", "E-000001", 100'000'000'00, at(10)));
  REQUIRE(first);
  REQUIRE(a.bid(bid("key-2", "E-000002", 101'000'000'00, at(20))));
  const auto again = a.bid(bid("key-1", "E-000001", 100'000'000'00, at(25)));
  REQUIRE(again);
  CHECK(again.value().replayed);
  CHECK(again.value().bid.seq == 1);
  CHECK(again.value().bid.at == at(10));
  CHECK(code_of(a.bid(bid("key-1", "E-000001", 102'000'000'00, at(30)))) == ErrorCode::idempotency_key_reused);
  CHECK(code_of(a.bid(bid("key-1", "E-000003", 100'000'000'00, at(30)))) == ErrorCode::idempotency_key_reused);
  CHECK(a.accepted().size() == 2);
  // After the end, a retry of an accepted bid is still answered as accepted.
  a.advance(at(9'000));
  CHECK(a.bid(bid("key-2", "E-000002", 101'000'000'00, at(9'001))).value().replayed);
}

TEST_CASE("the clock never goes back: an earlier instant counts as the auction's clock") {
  auto a = opened();
  REQUIRE(a.bid(bid("k1", "E-000001", 100'000'000'00, at(1'900))));
  const auto stale = a.bid(bid("k2", "E-000002", 101'000'000'00, at(1'850)));
  REQUIRE(stale);
  CHECK(stale.value().bid.at == at(1'900));
  CHECK(a.ends_at() == at(1'900 + 180));
}

TEST_CASE("the same bids in the same order give the same auction") {
  std::vector<AuctionBid> bids;
  std::vector<std::string> keys;
  for (int i = 0; i < 200; ++i) keys.push_back("k" + std::to_string(i));
  std::int64_t price = 100'000'000'00;
  for (int i = 0; i < 200; ++i) {
    const char* who = i % 3 == 0 ? "E-000001" : i % 3 == 1 ? "E-000002" : "E-000003";
    price += (i % 7 == 0 ? 500'000'00 : 1'000'000'00);  // some short of the increment
    bids.push_back(AuctionBid{keys[i], who, price, at(1'700 + 17 * i), false});
  }
  auto one = opened(), two = opened();
  for (const auto& b : bids) {
    const auto r1 = one.bid(b), r2 = two.bid(b);
    REQUIRE(r1.ok() == r2.ok());
  }
  one.advance(at(8'000));
  two.advance(at(8'000));
  REQUIRE(one.accepted().size() == two.accepted().size());
  for (std::size_t i = 0; i < one.accepted().size(); ++i) {
    CHECK(one.accepted()[i].price_fen == two.accepted()[i].price_fen);
    CHECK(one.accepted()[i].at == two.accepted()[i].at);
  }
  CHECK(one.outcome()->ended_at == two.outcome()->ended_at);
  CHECK(one.outcome()->winner == two.outcome()->winner);
}
