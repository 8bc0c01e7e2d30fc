#include "auction_transcript.hpp"

#include <catch2/catch.hpp>

using namespace gp::matching;
using namespace gp::matching::engine;

namespace {

const std::string kTranscript =
    R"({"v":1,"open":{"auction":"AU-7","kind":"english","terms":{"starting_price_fen":1000000,"reserve_price_fen":0,)"
    R"("increment":{"fixed_fen":10000},"starts_at":"2027-01-15T02:00:00.000000Z","free_bidding_ends_at":)"
    R"("2027-01-15T02:10:00.000000Z","countdown_seconds":60,"hard_stop_at":"2027-01-15T03:00:00.000000Z"}},)"
    R"("registrations":[{"auction":"AU-7","bidder":"E-000001","at":"2027-01-15T01:00:00.000000Z"},)"
    R"({"auction":"AU-7","bidder":"E-000002","at":"2027-01-15T01:00:00.000000Z"}],)"
    R"("bids":[{"auction":"AU-7","key":"a","bidder":"E-000001","price_fen":1000000,"at":"2027-01-15T02:01:00.000000Z"},)"
    R"({"auction":"AU-7","key":"b","bidder":"E-000002","price_fen":1200000,"at":"2027-01-15T02:10:30.000000Z"}],)"
    R"("recorded":{"winner":"E-000002","winning_price_fen":1200000,"ended_at":"2027-01-15T02:11:30.000000Z"}})";

}  // namespace

TEST_CASE("a transcript reads, writes back the same, and replays to its recorded outcome", "[auction]") {
  const auto doc = read_auction_transcript(kTranscript);
  REQUIRE(doc);
  CHECK(write_auction_transcript(doc.value()) == kTranscript);
  const auto replay = replay_auction(doc.value().transcript);
  REQUIRE(doc.value().recorded);
  CHECK(replay_matches(replay, *doc.value().recorded));
  CHECK(
      write_auction_replay(replay, doc.value().recorded) ==
      R"({"auction":"AU-7","bids_replayed":2,"refusal":null,"phase":"won","winner":"E-000002",)"
      R"("winning_price_fen":1200000,"reserve_met":true,"ended_at":"2027-01-15T02:11:30.000000Z","matches_recorded":true})");
}

TEST_CASE("a transcript whose recorded outcome differs from the rules' does not match", "[auction]") {
  auto text = kTranscript;
  const std::string winner = R"("winner":"E-000002")";
  text.replace(text.find(winner), winner.size(), R"("winner":"E-000001")");
  const auto doc = read_auction_transcript(text);
  REQUIRE(doc);
  CHECK_FALSE(replay_matches(replay_auction(doc.value().transcript), *doc.value().recorded));
}

TEST_CASE("a transcript that does not fit names the member", "[auction]") {
  auto text = kTranscript;
  const std::string price = R"("price_fen":1200000)";
  text.replace(text.find(price), price.size(), R"("price_fen":"many")");
  const auto doc = read_auction_transcript(text);
  REQUIRE_FALSE(doc);
  CHECK(doc.error().fields[0].field == "bids[1].price_fen");
  CHECK(read_auction_transcript(R"({"v":2})").error().fields[0].field == "v");
}
