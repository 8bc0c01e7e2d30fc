#include "protocol_codec.hpp"

#include <catch2/catch.hpp>

#include "exact_json.hpp"
#include "spec_examples_test_support.hpp"

using namespace gp::matching::engine;

namespace {
ProtocolError error_of(std::string_view frame) {
  auto decoded = decode_command(frame);
  REQUIRE(std::holds_alternative<ProtocolError>(decoded));
  return std::get<ProtocolError>(decoded);
}
}  // namespace

TEST_CASE("a ping command decodes and its pong encodes", "[engine][protocol]") {
  auto decoded = decode_command(R"({"v":1,"id":"c7","type":"ping","body":{"nonce":"hello"}})");
  REQUIRE(std::holds_alternative<DecodedCommand>(decoded));
  const auto& command = std::get<DecodedCommand>(decoded);
  CHECK(command.id == "c7");
  CHECK(std::get<gp::matching::PingCommand>(command.command).nonce == "hello");
  CHECK(encode_pong("c7", {"hello", 3, 1}) ==
        R"({"v":1,"id":"c7","type":"pong","body":{"nonce":"hello","commands_handled":3,"protocol_version":1}})");
}

TEST_CASE("bad frames get an error that says why, with the id when readable", "[engine][protocol]") {
  CHECK(error_of("not json").code == "malformed");
  CHECK(error_of(R"({"v":1,"type":"ping","body":{}})").code == "malformed");
  auto wrong_version = error_of(R"({"v":2,"id":"a","type":"ping","body":{}})");
  CHECK(wrong_version.code == "unsupported_version");
  CHECK(wrong_version.id == "a");
  CHECK(error_of(R"({"v":1,"id":"b","type":"launch","body":{}})").code == "unknown_command");
  CHECK(error_of(R"({"v":1,"id":"b","type":"ping","body":{"nonce":5}})").code == "invalid_body");
  CHECK(error_of(std::string(kMaxCommandBytes + 1, ' ')).code == "too_large");
  CHECK(encode_error({"", "malformed", "m"}) ==
        R"({"v":1,"id":null,"type":"error","body":{"code":"malformed","message":"m"}})");
}

TEST_CASE("heartbeats carry a sequence number", "[engine][protocol]") {
  CHECK(encode_heartbeat(5, 9) == R"({"v":1,"type":"heartbeat","seq":5,"body":{"commands_handled":9}})");
}

TEST_CASE("evaluation room commands decode with exact scores", "[engine][protocol]") {
  using namespace gp::matching;
  auto open = decode_command(R"({"v":1,"id":"o1","type":"open_room","body":{"room":"T-1","case":)" +
                             testing::spec_example_1(false) + R"(,"settings":{"deviation_alert_percent":25}}})");
  REQUIRE(std::holds_alternative<DecodedCommand>(open));
  const auto& opened = std::get<OpenRoomCommand>(std::get<DecodedCommand>(open).command);
  CHECK(opened.room == "T-1");
  CHECK(opened.setup.bids.size() == 6);
  CHECK(opened.settings.deviation_alert_percent == Decimal4::whole(25));
  CHECK(changes_state(std::get<DecodedCommand>(open).command));

  auto score = decode_command(
      R"({"v":1,"id":"s1","type":"submit_score","body":{"room":"T-1","expert":"e1","bidder":"A","criterion":"tech","score":57.4}})");
  const auto& set = std::get<SetScoreCommand>(std::get<DecodedCommand>(score).command);
  CHECK(set.score == Decimal4{574000});
  auto withdraw = decode_command(
      R"({"v":1,"id":"s2","type":"withdraw_score","body":{"room":"T-1","expert":"e1","bidder":"A","criterion":"tech"}})");
  CHECK_FALSE(std::get<SetScoreCommand>(std::get<DecodedCommand>(withdraw).command).score.has_value());
  auto snapshot = decode_command(R"({"v":1,"id":"s3","type":"snapshot","body":{}})");
  CHECK_FALSE(changes_state(std::get<DecodedCommand>(snapshot).command));
}

TEST_CASE("a command body that does not fit says which member is wrong", "[engine][protocol]") {
  const auto message = [](const std::string& frame) {
    const auto e = error_of(frame);
    CHECK(e.code == "invalid_body");
    return e.message;
  };
  CHECK(
      message(
          R"({"v":1,"id":"a","type":"submit_score","body":{"room":"T","expert":"e1","bidder":"A","criterion":"tech"}})") ==
      R"(submit_score: "score" is required)");
  CHECK(
      message(
          R"({"v":1,"id":"a","type":"submit_score","body":{"room":"T","expert":"e1","bidder":"A","criterion":"tech","score":1.00001}})") ==
      R"(submit_score: "score" must be a decimal with at most 4 places)");
  CHECK(message(R"({"v":1,"id":"a","type":"close_room","body":{}})") == R"(close_room: "room" is required)");
  CHECK(
      message(
          R"({"v":1,"id":"a","type":"open_room","body":{"room":"T","case":{"method":"lowest_price","bids":[{"bidder":"x","price_fen":-1}]}}})") ==
      R"(open_room: "case.bids[0].price_fen" must be a positive integer of fen, at most 2^53 - 1)");
}

TEST_CASE("domain refusals map to protocol error codes", "[engine][protocol]") {
  using gp::common::ErrorCode;
  CHECK(refusal("i", gp::common::make_error(ErrorCode::not_found, "no room")).code == "not_found");
  CHECK(refusal("i", gp::common::make_error(ErrorCode::conflict, "busy")).code == "conflict");
  const auto invalid = refusal("i", gp::common::Error::validation({{"score", "71 is outside [0, 70]"}}));
  CHECK(invalid.code == "invalid_body");
  CHECK(invalid.message == "score: 71 is outside [0, 70]");
}

TEST_CASE("events carry their room and rows", "[engine][protocol]") {
  using namespace gp::matching;
  const auto ranking = encode_event(7, RankingChangedEvent{"T-1", {{"A", 1, false, 5740, 8517}}});
  CHECK(ranking.topic == "ranking_changed");
  CHECK(
      ranking.json ==
      R"({"v":1,"type":"ranking_changed","seq":7,"body":{"room":"T-1","rows":[{"bidder":"A","rank":1,"tied":false,"technical_score":"57.40","total":"85.17"}]}})");
  const auto finished = encode_event(8, ExpertFinishedEvent{"T-1", "e2"});
  CHECK(finished.json == R"({"v":1,"type":"expert_finished","seq":8,"body":{"room":"T-1","expert":"e2"}})");
}

TEST_CASE("an exact JSON tree writes back with its numbers as written", "[engine][protocol]") {
  const std::string text = R"({"a":[1.50,-2e3,"x\"y"],"b":{"c":null,"d":true},"e":0.0001})";
  const auto parsed = parse_exact_json(text);
  REQUIRE(std::holds_alternative<ExactJson>(parsed));
  CHECK(write_exact_json(std::get<ExactJson>(parsed)) == text);
}

TEST_CASE("auction commands decode, say which member is wrong, and encode back to the same command",
          "[engine][protocol][auction]") {
  const std::string open =
      R"({"v":1,"id":"a1","type":"open_auction","body":{"auction":"AU-1","kind":"english",)"
      R"("terms":{"starting_price_fen":100000,"reserve_price_fen":0,"increment":{"basis_points":50},)"
      R"("starts_at":"2027-01-15T02:00:00.000000Z","free_bidding_ends_at":"2027-01-15T02:30:00.000000Z",)"
      R"("countdown_seconds":180,"hard_stop_at":"2027-01-15T06:00:00.000000Z"}}})";
  auto decoded = decode_command(open);
  REQUIRE(std::holds_alternative<DecodedCommand>(decoded));
  const auto& command = std::get<gp::matching::OpenAuctionCommand>(std::get<DecodedCommand>(decoded).command);
  CHECK(std::get<gp::matching::EnglishAuctionTerms>(command.terms).increment.basis_points == 50);
  // The journal's encoding of the command is the command itself.
  CHECK(encode_auction_command("a1", command) == open);

  const std::string bid = R"({"v":1,"id":"b1","type":"auction_bid","body":{"auction":"AU-1","key":"k-1",)"
                          R"("bidder":"E-000001","price_fen":100000,"at":"2027-01-15T02:00:01.250000Z"}})";
  decoded = decode_command(bid);
  REQUIRE(std::holds_alternative<DecodedCommand>(decoded));
  CHECK(encode_auction_command(
            "b1", std::get<gp::matching::AuctionBidCommand>(std::get<DecodedCommand>(decoded).command)) == bid);

  CHECK(error_of(R"({"v":1,"id":"x","type":"auction_bid","body":{"auction":"AU-1","key":"k","bidder":"E-1",)"
                 R"("price_fen":1.5,"at":"2027-01-15T02:00:00Z"}})")
            .message == R"(auction_bid: "price_fen" must be an integer from 1 to 9007199254740992)");
  CHECK(error_of(R"({"v":1,"id":"x","type":"open_auction","body":{"auction":"AU-1","kind":"dutch","terms":{}}})")
            .message == R"(open_auction: "kind" must be "english" or "reverse")");
  CHECK(
      error_of(
          R"({"v":1,"id":"x","type":"open_auction","body":{"auction":"AU-1","kind":"reverse","terms":)"
          R"({"expected_value_fen":100,"min_step_bp":100,"starts_at":"2027-01-15T02:00:00Z","bidders":[{"bidder":""}]}}})")
          .message == R"(open_auction: "terms.bidders[0].bidder" must be a string of 1 to 64 bytes)");
  CHECK(error_of(R"({"v":1,"id":"x","type":"advance_auctions","body":{"at":"yesterday"}})").message ==
        R"(advance_auctions: "at" must be an RFC 3339 UTC instant)");
}
