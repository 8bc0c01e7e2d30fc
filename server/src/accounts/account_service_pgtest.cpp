#include "gongping/server/accounts/account_service.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <catch2/catch.hpp>

#include "../db/test_database.hpp"
#include "gongping/audit/merkle_tree.hpp"
#include "gongping/server/db/migrator.hpp"

using namespace gp::server;
using gp::common::ErrorCode;
using gp::common::Role;

namespace {

struct Fixture {
  db::TestSchema schema;
  gp::common::ManualClock clock{*gp::common::Instant::parse_rfc3339("2026-11-26T01:00:00Z")};
  db::Database database{migrated(schema.url()), 2};
  accounts::AccountService service{database, clock, {{10, 8, 1}, 3600, {3, 6, 900}}};

  static const std::string& migrated(const std::string& url) {
    soci::session sql(soci::postgresql, url);
    if (!db::Migrator(db::bundled_migrations()).apply(sql)) throw std::runtime_error("migration failed");
    return url;
  }
  soci::session sql() { return soci::session(soci::postgresql, schema.url()); }
  int count(const std::string& query) {
    auto s = sql();
    int n = 0;
    s << query, soci::into(n);
    return n;
  }
  std::vector<std::string> audit_entries() {
    auto s = sql();
    std::vector<std::string> out;
    soci::rowset<std::string> rows = (s.prepare << "SELECT entry FROM audit_log ORDER BY idx");
    for (const auto& e : rows) out.push_back(e);
    return out;
  }
};

gp::bidding::EnterpriseRegistration registration(std::string uscc = "91440300708461136T") {
  return {"深圳市示例科技有限公司", std::move(uscc),   "张伟",
          "+86 755 8888 0000",      "bids@example.cn", "a-long-enough-secret"};
}

}  // namespace

TEST_CASE("an enterprise registers once, with its audit entry", "[pg][accounts]") {
  Fixture f;
  auto done = f.service.register_enterprise(registration());
  REQUIRE(done.ok());
  CHECK(done.value().enterprise_id == "E-000001");
  const auto entries = f.audit_entries();
  REQUIRE(entries.size() == 1);
  CHECK(entries[0] == R"({"index":0,"at":"2026-11-26T01:00:00.000000Z","actor":{"id":"E-000001","role":"enterprise"},)"
                      R"("action":"enterprise.registered","object":{"type":"enterprise","id":"E-000001"},)"
                      R"("data":{"name":"深圳市示例科技有限公司","uscc":"91440300708461136T"}})");
  auto s = f.sql();
  std::string leaf;
  s << "SELECT encode(leaf_hash, 'hex') FROM audit_log WHERE idx = 0", soci::into(leaf);
  CHECK(leaf == gp::common::to_hex(gp::audit::leaf_hash(entries[0])));
  CHECK(entries[0].find("a-long-enough-secret") == std::string::npos);

  auto again = f.service.register_enterprise(registration());
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == ErrorCode::uscc_taken);
  CHECK(f.audit_entries().size() == 1);
  CHECK(f.count("SELECT count(*)::int FROM enterprises") == 1);
}

TEST_CASE("an invalid registration writes nothing", "[pg][accounts]") {
  Fixture f;
  auto done = f.service.register_enterprise(registration("91440300708461136X"));
  REQUIRE_FALSE(done.ok());
  CHECK(done.error().fields.at(0).field == "uscc");
  CHECK(f.count("SELECT count(*)::int FROM enterprises") == 0);
  CHECK(f.audit_entries().empty());
}

TEST_CASE("a state change and its audit entry commit together or not at all", "[pg][accounts][audit]") {
  Fixture f;
  // Occupy the index the next append will take, so that the audit insert fails.
  f.sql() << "INSERT INTO audit_log (idx, entry, leaf_hash) VALUES (0, 'x', decode(repeat('00', 32), 'hex'))";
  auto done = f.service.register_enterprise(registration());
  REQUIRE_FALSE(done.ok());
  CHECK(done.error().code == ErrorCode::internal);
  CHECK(f.count("SELECT count(*)::int FROM enterprises") == 0);
  CHECK(f.count("SELECT count(*)::int FROM accounts") == 0);
  CHECK(f.count("SELECT next_index::int FROM audit_head") == 0);
}

TEST_CASE("staff accounts are created by an admin, audited, and unique", "[pg][accounts]") {
  Fixture f;
  auto created =
      f.service.create_staff({"li.na", Role::official, "李娜", "official-password-1"}, {"U-000009", "admin"});
  REQUIRE(created.ok());
  CHECK(created.value().public_id == "U-000001");
  const auto entries = f.audit_entries();
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].find(R"("actor":{"id":"U-000009","role":"admin"},"action":"account.created")") != std::string::npos);
  CHECK(entries[0].find("official-password-1") == std::string::npos);
  auto twice = f.service.create_staff({"LI.NA", Role::expert, "x", "official-password-1"}, {"U-000009", "admin"});
  CHECK_FALSE(twice.ok());
  auto invalid = f.service.create_staff({"1x", Role::enterprise, "", "short"}, {"U-000009", "admin"});
  REQUIRE_FALSE(invalid.ok());
  CHECK(invalid.error().fields.size() == 4);
}

TEST_CASE("login issues a session stored only as a hash; logout ends it", "[pg][accounts]") {
  Fixture f;
  REQUIRE(
      f.service.create_staff({"zhao.min", Role::supervisor, "赵敏", "supervisor-pass-1"}, {"system", "system"}).ok());
  auto session = f.service.login("zhao.min", "supervisor-pass-1", "10.0.0.1");
  REQUIRE(session.ok());
  const std::string token = session.value().token;
  CHECK(token.size() == 43);
  CHECK(f.count("SELECT count(*)::int FROM sessions WHERE encode(token_sha256, 'escape') LIKE '%" + token + "%'") == 0);
  auto who = f.service.authenticate(token);
  REQUIRE(who.ok());
  CHECK(who.value().role == Role::supervisor);
  CHECK(who.value().public_id == "U-000001");
  REQUIRE(f.service.logout(token, who.value()).ok());
  CHECK(f.service.authenticate(token).error().code == ErrorCode::unauthenticated);
  const auto entries = f.audit_entries();
  REQUIRE(entries.size() == 3);
  CHECK(entries[1].find("\"session.opened\"") != std::string::npos);
  CHECK(entries[2].find("\"session.closed\"") != std::string::npos);
  for (const auto& e : entries) CHECK(e.find(token) == std::string::npos);
}

TEST_CASE("sessions expire", "[pg][accounts]") {
  Fixture f;
  REQUIRE(f.service.register_enterprise(registration()).ok());
  auto session = f.service.login("91440300708461136T", "a-long-enough-secret", "10.0.0.1");
  REQUIRE(session.ok());
  CHECK(f.audit_entries().size() == 1);  // enterprise logins are not staff logins
  f.clock.advance_seconds(3599);
  CHECK(f.service.authenticate(session.value().token).ok());
  f.clock.advance_seconds(2);
  CHECK(f.service.authenticate(session.value().token).error().code == ErrorCode::unauthenticated);
  CHECK(f.service.authenticate("not-a-token").error().code == ErrorCode::unauthenticated);
}

TEST_CASE("repeated failures are throttled per login and per address", "[pg][accounts]") {
  Fixture f;
  REQUIRE(f.service.create_staff({"chen.jing", Role::expert, "陈静", "expert-password-1"}, {"system", "system"}).ok());
  for (int i = 0; i < 3; ++i) {
    CHECK(f.service.login("chen.jing", "wrong-password", "10.0.0.1").error().code == ErrorCode::credentials_invalid);
  }
  auto blocked = f.service.login("chen.jing", "expert-password-1", "10.0.0.2");
  REQUIRE_FALSE(blocked.ok());
  CHECK(blocked.error().code == ErrorCode::rate_limited);
  CHECK(blocked.error().retry_after_seconds == 900);
  f.clock.advance_seconds(901);
  CHECK(f.service.login("chen.jing", "expert-password-1", "10.0.0.2").ok());

  // Unknown logins from one address count against the address.
  for (int i = 0; i < 6; ++i) {
    CHECK(f.service.login("nobody" + std::to_string(i), "x-password", "10.9.9.9").error().code ==
          ErrorCode::credentials_invalid);
  }
  CHECK(f.service.login("chen.jing", "expert-password-1", "10.9.9.9").error().code == ErrorCode::rate_limited);
  CHECK(f.service.login("chen.jing", "expert-password-1", "10.0.0.3").ok());
}

TEST_CASE("housekeeping forgets ended sessions and stale failures, nothing live", "[pg][accounts]") {
  Fixture f;
  REQUIRE(f.service.create_staff({"huang.lei", Role::reviewer, "黄磊", "reviewer-pass-1"}, {"system", "system"}).ok());
  auto old_session = f.service.login("huang.lei", "reviewer-pass-1", "10.0.0.1");  // expires after 1 h
  REQUIRE(old_session.ok());
  CHECK(f.service.login("ghost", "wrong-password", "10.0.0.1").error().code == ErrorCode::credentials_invalid);
  f.clock.advance_seconds(3600 + 86400 + 1);
  auto live = f.service.login("huang.lei", "reviewer-pass-1", "10.0.0.1");
  REQUIRE(live.ok());
  CHECK(f.service.login("huang.lei", "wrong-password", "10.0.0.1").error().code == ErrorCode::credentials_invalid);

  auto pruned = f.service.prune();
  REQUIRE(pruned.ok());
  CHECK(pruned.value().sessions == 1);
  CHECK(pruned.value().login_failures == 1);
  CHECK(f.service.authenticate(live.value().token).ok());
  CHECK(f.count("SELECT count(*)::int FROM login_failures") == 1);
}
