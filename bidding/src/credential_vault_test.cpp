#include "gongping/bidding/credential_vault.hpp"

#include <catch2/catch.hpp>

using namespace gp::bidding;
using gp::common::Instant;

namespace {

Instant at(const char* text) { return Instant::parse_rfc3339(text).value(); }
const Instant kDeadline = at("2026-12-17T02:00:00Z");

Credential credential(std::string id, std::string kind, std::optional<Instant> until) {
  return {std::move(id), CredentialCategory::qualification, std::move(kind), "certificate", until, false};
}

std::vector<std::string> problems(const gp::common::Result<void>& r) {
  std::vector<std::string> out;
  if (!r) {
    for (const auto& f : r.error().fields) out.push_back(f.problem);
  }
  return out;
}

}  // namespace

TEST_CASE("credentials valid through the deadline cover the tender's requirements") {
  const std::vector<Credential> refs = {credential("C-000001", "business_licence", std::nullopt),
                                        credential("C-000002", "iso27001", kDeadline)};
  CHECK(check_bid_credentials(refs, {"business_licence", "iso27001"}, kDeadline));
}

TEST_CASE("a credential expiring one microsecond before the deadline cannot be used") {
  const std::vector<Credential> refs = {
      credential("C-000002", "iso27001", Instant::from_unix_micros(kDeadline.unix_micros() - 1))};
  const auto found = problems(check_bid_credentials(refs, {"iso27001"}, kDeadline));
  REQUIRE(found.size() == 2);
  CHECK_THAT(found[0], Catch::Contains("C-000002") && Catch::Contains("before the bid deadline"));
  CHECK_THAT(found[1], Catch::Contains("requires a valid \"iso27001\""));
}

TEST_CASE("withdrawn credentials and missing kinds are named") {
  auto revoked = credential("C-000003", "business_licence", std::nullopt);
  revoked.revoked = true;
  const auto found = problems(check_bid_credentials({revoked}, {"business_licence"}, kDeadline));
  REQUIRE(found.size() == 2);
  CHECK_THAT(found[0], Catch::Contains("withdrawn"));
  CHECK(problems(check_bid_credentials({}, {}, kDeadline)).empty());
}

TEST_CASE("a new credential needs a kind, a title and a future expiry") {
  auto c = credential("", "ISO 27001", at("2026-01-01T00:00:00Z"));
  c.title = "";
  const auto r = validate_new_credential(c, at("2026-11-27T00:00:00Z"));
  REQUIRE_FALSE(r);
  CHECK(r.error().fields.size() == 3);
  CHECK(parse_credential_category("bank_account") == CredentialCategory::bank_account);
  CHECK_FALSE(parse_credential_category("passport"));
}
