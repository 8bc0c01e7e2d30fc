#include "gongping/audit/audit_entry.hpp"

#include <catch2/catch.hpp>

using namespace gp::audit;

TEST_CASE("entries serialize in the spec's field order", "[audit]") {
  AuditEntry e;
  e.index = 1234;
  e.at = *gp::common::Instant::parse_rfc3339("2026-11-26T09:59:59.123456Z");
  e.actor = {"E-000042", "enterprise"};
  e.action = "bid.submitted";
  e.object = {"tender", "T-2026-000123"};
  e.data_json = R"({"bid_id":"B-000777"})";
  CHECK(e.serialize() ==
        R"({"index":1234,"at":"2026-11-26T09:59:59.123456Z","actor":{"id":"E-000042","role":"enterprise"},)"
        R"("action":"bid.submitted","object":{"type":"tender","id":"T-2026-000123"},"data":{"bid_id":"B-000777"}})");
}

TEST_CASE("text in entries is escaped, so an entry stays one line", "[audit]") {
  AuditEntry e;
  e.actor = {"U-000001", "admin"};
  e.action = "account.created";
  e.object = {"account", "evil\"\n{"};
  const auto line = e.serialize();
  CHECK(line.find('\n') == std::string::npos);
  CHECK(line.find(R"("id":"evil\"\n{")") != std::string::npos);
}
