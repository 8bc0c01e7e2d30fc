#include "gongping/bidding/sealed_bid.hpp"

#include <catch2/catch.hpp>

using namespace gp::bidding;

namespace {

EnvelopeHeader good_header() {
  return {"ECDH-ES", "A256GCM", "T-2026-000001-k1", std::string(kBidContentType), "T-2026-000001", "E-000042", true};
}

std::string refusal(const EnvelopeHeader& h) {
  auto r = check_envelope_header(h, "T-2026-000001", "T-2026-000001-k1", "E-000042");
  if (r) return "accepted";
  CHECK(r.error().code == gp::common::ErrorCode::envelope_invalid);
  return r.error().detail;
}

BidContent good_content() {
  BidContent c;
  c.version = 1;
  c.tender_id = "T-2026-000001";
  c.bidder_id = "E-000042";
  c.price_fen = 88'000'000;
  c.size = "small";
  c.attachments.push_back({"proposal.pdf", 1024, "k", "iv", std::string(64, 'a')});
  return c;
}

}  // namespace

TEST_CASE("a header bound to this tender, key and bidder is accepted") { CHECK(refusal(good_header()) == "accepted"); }

TEST_CASE("each wrong header member is refused by name") {
  auto h = good_header();
  h.alg = "RSA-OAEP";
  CHECK_THAT(refusal(h), Catch::Contains("\"alg\""));
  h = good_header();
  h.enc = "A128GCM";
  CHECK_THAT(refusal(h), Catch::Contains("\"enc\""));
  h = good_header();
  h.has_epk = false;
  CHECK_THAT(refusal(h), Catch::Contains("\"epk\""));
  h = good_header();
  h.kid = "T-2026-000002-k1";
  CHECK_THAT(refusal(h), Catch::Contains("\"kid\""));
  h = good_header();
  h.cty = "application/json";
  CHECK_THAT(refusal(h), Catch::Contains("\"cty\""));
  h = good_header();
  h.gp_tender = "T-2026-000002";
  CHECK_THAT(refusal(h), Catch::Contains("\"gp_tender\""));
  h = good_header();
  h.gp_bidder = "E-000043";
  CHECK_THAT(refusal(h), Catch::Contains("\"gp_bidder\""));
}

TEST_CASE("opened content must agree with its header and uploads") {
  const std::vector<StoredAttachment> uploaded = {{"proposal.pdf", std::string(64, 'a')}};
  CHECK_FALSE(content_problem(good_content(), good_header(), uploaded));

  auto c = good_content();
  c.bidder_id = "E-000043";
  CHECK(content_problem(c, good_header(), uploaded).value() == "the bid's bidder_id differs from its header");
  c = good_content();
  c.tender_id = "T-2026-000009";
  CHECK(content_problem(c, good_header(), uploaded).value() == "the bid's tender_id differs from its header");
  c = good_content();
  c.price_fen = 0;
  CHECK(content_problem(c, good_header(), uploaded).has_value());
  c = good_content();
  c.size = "tiny";
  CHECK(content_problem(c, good_header(), uploaded).has_value());
  c = good_content();
  c.version = 2;
  CHECK(content_problem(c, good_header(), uploaded).has_value());
  CHECK_THAT(content_problem(good_content(), good_header(), {}).value(), Catch::Contains("was not uploaded"));
}
