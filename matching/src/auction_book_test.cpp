#include "gongping/matching/auction_book.hpp"

#include <catch2/catch.hpp>

using namespace gp::matching;
using gp::common::ErrorCode;
using gp::common::Instant;

namespace {

const Instant kStart = Instant::from_unix_micros(1'800'000'000'000'000);
Instant at(std::int64_t seconds) { return kStart.plus_seconds(seconds); }

EnglishAuctionTerms parcel() {
  EnglishAuctionTerms t;
  t.starting_price_fen = 1'000'000;
  t.reserve_price_fen = 1'200'000;
  t.increment.fixed_fen = 10'000;
  t.starts_at = kStart;
  t.free_bidding_ends_at = at(600);
  t.countdown_seconds = 60;
  t.hard_stop_at = at(3'600);
  return t;
}

ReverseAuctionTerms services() {
  ReverseAuctionTerms t;
  t.expected_value_fen = 1'000'000;
  t.min_step_bp = 100;
  t.rounds = 1;
  t.turn_seconds = 60;
  t.starts_at = kStart;
  t.bidders = {{"E-000001", 950'000, 0}, {"E-000002", 900'000, 0}};
  return t;
}

template <class T>
std::size_t count(const std::vector<AuctionEvent>& events) {
  std::size_t n = 0;
  for (const auto& e : events) n += std::holds_alternative<T>(e) ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("the book opens an auction once, answers a retry, refuses other terms under the same id") {
  AuctionBook book;
  REQUIRE(book.open({"AU-1", parcel()}));
  REQUIRE(book.open({"AU-1", parcel()}));  // a retry
  auto other = parcel();
  other.reserve_price_fen += 1;
  const auto conflict = book.open({"AU-1", other});
  REQUIRE_FALSE(conflict);
  CHECK(conflict.error().code == ErrorCode::conflict);
  CHECK(book.open({"AU-1", services()}).error().code == ErrorCode::conflict);
  auto bad = parcel();
  bad.countdown_seconds = 0;
  CHECK(book.open({"AU-2", bad}).error().code == ErrorCode::validation_failed);
  CHECK(book.size() == 1);
}

TEST_CASE("bids, the end and the drop of an ascending auction, with their events") {
  AuctionBook book;
  std::vector<AuctionEvent> events;
  REQUIRE(book.open({"AU-1", parcel()}));
  REQUIRE(book.register_bidder({"AU-1", "E-000001", at(-10)}, events));
  REQUIRE(book.register_bidder({"AU-1", "E-000002", at(-5)}, events));
  const auto first = book.bid({"AU-1", "k1", "E-000001", 1'000'000, false, at(10)}, events);
  REQUIRE(first);
  CHECK(first.value().state.leader == "E-000001");
  CHECK(first.value().state.minimum_next_fen == 1'010'000);
  CHECK(first.value().state.bidders.empty());  // not a full state
  REQUIRE(book.bid({"AU-1", "k2", "E-000002", 1'300'000, false, at(20)}, events));
  CHECK(count<AuctionBidEvent>(events) == 0);  // published once stored: announced
  REQUIRE(book.announce({"AU-1", 2}, events));
  REQUIRE(count<AuctionBidEvent>(events) == 1);
  CHECK(std::get<AuctionBidEvent>(events.back()).bidder == "E-000002");
  CHECK(book.announce({"AU-1", 3}, events).error().code == ErrorCode::not_found);
  CHECK(book.drop({"AU-1", at(30)}).error().code == ErrorCode::conflict);  // still running

  book.advance({at(659)}, events);
  CHECK(count<AuctionEndedEvent>(events) == 0);
  book.advance({at(660)}, events);
  REQUIRE(count<AuctionEndedEvent>(events) == 1);
  const auto& ended = std::get<AuctionEndedEvent>(events.back()).state;
  CHECK(ended.phase == "won");
  CHECK(ended.winner == "E-000002");
  CHECK(ended.winning_price_fen == 1'300'000);
  CHECK(ended.reserve_met);
  CHECK(ended.bidders == std::vector<std::string>{"E-000001", "E-000002"});
  book.advance({at(700)}, events);
  CHECK(count<AuctionEndedEvent>(events) == 1);  // once
  REQUIRE(book.drop({"AU-1", at(700)}));
  CHECK(book.state("AU-1").error().code == ErrorCode::not_found);
}

TEST_CASE("a reverse auction reports turns that ran out, and its end with the last bid") {
  AuctionBook book;
  std::vector<AuctionEvent> events;
  REQUIRE(book.open({"AU-2", services()}));
  CHECK(book.register_bidder({"AU-2", "E-000003", at(-1)}, events).error().code == ErrorCode::conflict);
  book.advance({at(0)}, events);
  CHECK(count<AuctionTurnEvent>(events) == 1);  // the first turn began
  book.advance({at(61)}, events);               // E-000001's turn ran out
  REQUIRE(count<AuctionTurnEvent>(events) == 2);
  CHECK(std::get<AuctionTurnEvent>(events.back()).state.turn->bidder == "E-000002");
  const auto last = book.bid({"AU-2", "k", "E-000002", 880'000, false, at(70)}, events);
  REQUIRE(last);
  CHECK(last.value().state.ended);
  REQUIRE(std::holds_alternative<AuctionEndedEvent>(events.back()));
  CHECK(std::get<AuctionEndedEvent>(events.back()).state.winner == "E-000002");
}

TEST_CASE("an auction that ended by time is dropped even where no advance saw it end") {
  AuctionBook book;
  std::vector<AuctionEvent> events;
  REQUIRE(book.open({"AU-1", parcel()}));
  CHECK(book.drop({"AU-1", at(659)}).error().code == ErrorCode::conflict);
  REQUIRE(book.drop({"AU-1", at(660)}));  // the drop's instant ends it first
  CHECK(book.size() == 0);
}

TEST_CASE("restore rebuilds an auction in one step, or not at all") {
  AuctionBook book;
  std::vector<AuctionEvent> events;
  AuctionTranscript t;
  t.open = {"AU-1", parcel()};
  t.registrations = {{"AU-1", "E-000001", at(-5)}, {"AU-1", "E-000002", at(-5)}};
  t.bids = {{"AU-1", "k1", "E-000001", 1'000'000, false, at(10)}, {"AU-1", "k2", "E-000002", 1'100'000, false, at(20)}};
  auto broken = t;
  broken.bids[1].price_fen = 1'000'001;  // short of the increment
  CHECK(book.restore(broken).error().code == ErrorCode::bid_short_of_step);
  CHECK(book.size() == 0);
  const auto restored = book.restore(t);
  REQUIRE(restored);
  CHECK(restored.value().accepted == 2);
  CHECK(restored.value().leader == "E-000002");
  CHECK(book.restore(t).error().code == ErrorCode::conflict);
  CHECK(book.bid({"AU-1", "k2", "E-000002", 1'100'000, false, at(30)}, events).value().replayed);
}

TEST_CASE("the rebuild commands give the same book") {
  AuctionBook book;
  std::vector<AuctionEvent> events;
  REQUIRE(book.open({"AU-1", parcel()}));
  REQUIRE(book.open({"AU-2", services()}));
  for (const char* b : {"E-000001", "E-000002", "E-000003"}) REQUIRE(book.register_bidder({"AU-1", b, at(-1)}, events));
  std::int64_t price = 1'000'000;
  for (int i = 0; i < 30; ++i) {
    const char* who = i % 3 == 0 ? "E-000001" : i % 3 == 1 ? "E-000002" : "E-000003";
    REQUIRE(book.bid({"AU-1", "k" + std::to_string(i), who, price, false, at(10 + i)}, events));
    price += 10'000;
  }
  REQUIRE(book.bid({"AU-2", "r1", "E-000001", 890'000, false, at(5)}, events));

  AuctionBook rebuilt;
  std::vector<AuctionEvent> ignored;
  for (const auto& r : book.rebuild_commands()) {
    REQUIRE(rebuilt.open(r.open));
    for (const auto& reg : r.registrations) REQUIRE(rebuilt.register_bidder(reg, ignored));
    for (const auto& b : r.bids) REQUIRE_FALSE(rebuilt.bid(b, ignored).value().replayed);
  }
  for (const char* id : {"AU-1", "AU-2"}) {
    const auto a = book.state(id).value(), b = rebuilt.state(id).value();
    CHECK(a.accepted == b.accepted);
    CHECK(a.current_price_fen == b.current_price_fen);
    CHECK(a.leader == b.leader);
    CHECK(a.ends_at == b.ends_at);
    CHECK(a.turn.has_value() == b.turn.has_value());
  }
  // The bids after the 28th: the last two, as they were made.
  const auto tail = book.bids({"AU-1", 28, 10}).value();
  REQUIRE(tail.size() == 2);
  CHECK(tail[0].key == "k28");
  CHECK(tail[1].bidder == "E-000003");
  CHECK(tail[1].at == at(39));
  CHECK(book.bids({"AU-1", 0, 5}).value().size() == 5);
  // A retried key is still known after the rebuild.
  CHECK(rebuilt.bid({"AU-1", "k29", "E-000003", price - 10'000, false, at(100)}, ignored).value().replayed);
}
