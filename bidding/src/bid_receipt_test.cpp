#include "gongping/bidding/bid_receipt.hpp"

#include <catch2/catch.hpp>

using namespace gp::bidding;

TEST_CASE("a receipt payload has the spec's members in the spec's order") {
  BidReceiptFacts f;
  f.issuer = "https://gongping.example";
  f.tender_id = "T-2026-000123";
  f.bidder_id = "E-000042";
  f.bid_id = "B-000777";
  f.action = BidAction::submitted;
  f.envelope_sha256_hex = std::string(64, 'e');
  f.attachments = {{"technical-proposal.pdf", std::string(64, 'a')}};
  f.received_at = gp::common::Instant::parse_rfc3339("2026-11-26T09:59:59.123456Z").value();
  f.audit_index = 1234;
  CHECK(receipt_payload(f) ==
        R"({"iss":"https://gongping.example","typ":"bid-receipt","tender_id":"T-2026-000123","bidder_id":"E-000042",)"
        R"("bid_id":"B-000777","action":"submitted","envelope_sha256":")" +
            std::string(64, 'e') + R"(","attachments":[{"name":"technical-proposal.pdf","sha256":")" +
            std::string(64, 'a') + R"("}],"received_at":"2026-11-26T09:59:59.123456Z","audit_index":1234})");
}

TEST_CASE("a withdrawal's receipt names no envelope") {
  BidReceiptFacts f;
  f.action = BidAction::withdrawn;
  const auto payload = receipt_payload(f);
  CHECK_THAT(payload, Catch::Contains(R"("action":"withdrawn","envelope_sha256":null)"));
}
