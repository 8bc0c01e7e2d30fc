#include "gongping/audit/ocds_release.hpp"

#include <catch2/catch.hpp>

using namespace gp::audit::ocds;
using gp::common::Instant;
using gp::common::Money;

namespace {

Instant at(const char* text) { return *Instant::parse_rfc3339(text); }

TenderFacts published() {
  TenderFacts f;
  f.tender_id = "T-2026-000001";
  f.title = "交换机";
  f.category = "goods";
  f.procedure = "public_tender";
  f.state = "published";
  f.budget = Money::from_fen(100'000'05);
  f.published_at = at("2026-11-27T02:00:00Z");
  f.clarification_deadline = at("2026-12-07T02:00:00Z");
  f.bid_deadline = at("2026-12-18T02:00:00Z");
  f.buyer = {"U-000002", "采购人"};
  return f;
}

}  // namespace

TEST_CASE("before the opening a process has one release and nothing about bids", "[audit][ocds]") {
  auto f = published();
  f.bids.push_back({"B-000001", {"E-000001", "投标人"}, at("2026-12-01T02:00:00Z"), Money::from_fen(1), true});
  const auto r = releases("ocds-gp0000", f);
  REQUIRE(r.size() == 1);
  CHECK(r[0].id == "T-2026-000001-tender");
  CHECK(r[0].json.find("\"ocid\":\"ocds-gp0000-T-2026-000001\"") != std::string::npos);
  CHECK(r[0].json.find("\"amount\":100000.05,\"currency\":\"CNY\"") != std::string::npos);
  CHECK(r[0].json.find("E-000001") == std::string::npos);
  CHECK(r[0].json.find("\"bids\"") == std::string::npos);
}

TEST_CASE("each stage adds a release; a failed tender ends unsuccessful", "[audit][ocds]") {
  auto f = published();
  f.opened_at = at("2026-12-18T02:00:01Z");
  f.bids.push_back({"B-000001", {"E-000001", "甲"}, at("2026-12-01T02:00:00Z"), Money::from_fen(90'000'00), true});
  f.bids.push_back({"B-000002", {"E-000002", "乙"}, at("2026-12-02T02:00:00Z"), std::nullopt, false});
  auto r = releases("ocds-gp0000", f);
  REQUIRE(r.size() == 2);
  CHECK(r[1].json.find("\"tag\":[\"tenderUpdate\"]") != std::string::npos);
  CHECK(r[1].json.find("\"status\":\"disqualified\"") != std::string::npos);
  CHECK(r[1].json.find("\"numberOfTenderers\":2") != std::string::npos);

  f.state = "failed";
  f.ended_at = at("2026-12-18T03:00:00Z");
  r = releases("ocds-gp0000", f);
  REQUIRE(r.size() == 3);
  CHECK(r[2].id == "T-2026-000001-unsuccessful");
  CHECK(r[2].json.find("\"status\":\"unsuccessful\"") != std::string::npos);

  const auto record = record_package({"https://x/api/ocds/records/T", at("2026-12-19T00:00:00Z"), "p"}, {r});
  CHECK(record.find("\"compiledRelease\":{\"ocid\":\"ocds-gp0000-T-2026-000001\"") != std::string::npos);
  CHECK(record.find("\"tag\":[\"compiled\"]") != std::string::npos);
}
