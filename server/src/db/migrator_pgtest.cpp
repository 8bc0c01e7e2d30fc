#include "gongping/server/db/migrator.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <catch2/catch.hpp>

#include "test_database.hpp"

using namespace gp::server::db;
using gp::common::EmbeddedFile;

namespace {
Migrator of(std::vector<EmbeddedFile> files) { return Migrator(std::move(files)); }

int count_tables(soci::session& sql, const std::string& schema) {
  int n = 0;
  sql << "SELECT count(*) FROM information_schema.tables WHERE table_schema = :s", soci::use(schema), soci::into(n);
  return n;
}
}  // namespace

TEST_CASE("bundled migrations apply once, then are recognised", "[pg][migrations]") {
  TestSchema schema;
  soci::session sql(soci::postgresql, schema.url());
  const Migrator migrator(bundled_migrations());
  auto first = migrator.apply(sql);
  REQUIRE(first.ok());
  CHECK(first.value().applied.front() == "0001_foundation.sql");
  CHECK(first.value().existing.empty());
  auto second = migrator.apply(sql);
  REQUIRE(second.ok());
  CHECK(second.value().applied.empty());
  CHECK(second.value().existing.size() == first.value().applied.size());
  CHECK(migrator.pending(sql).value().empty());
}

TEST_CASE("a changed, already-applied migration is refused by name", "[pg][migrations]") {
  TestSchema schema;
  soci::session sql(soci::postgresql, schema.url());
  REQUIRE(of({{"0001_a.sql", "CREATE TABLE a (x int);"}}).apply(sql).ok());
  auto changed =
      of({{"0001_a.sql", "CREATE TABLE a (x bigint);"}, {"0002_b.sql", "CREATE TABLE b (x int);"}}).apply(sql);
  REQUIRE_FALSE(changed.ok());
  CHECK(changed.error().code == gp::common::ErrorCode::migration_checksum_mismatch);
  CHECK(changed.error().detail.find("0001_a.sql was changed") != std::string::npos);
  CHECK(count_tables(sql, schema.name()) == 2);  // a and schema_migrations; b was not applied
}

TEST_CASE("a database newer than the build is refused", "[pg][migrations]") {
  TestSchema schema;
  soci::session sql(soci::postgresql, schema.url());
  REQUIRE(of({{"0001_a.sql", "SELECT 1;"}, {"0002_b.sql", "SELECT 2;"}}).apply(sql).ok());
  auto older = of({{"0001_a.sql", "SELECT 1;"}}).apply(sql);
  REQUIRE_FALSE(older.ok());
  CHECK(older.error().detail.find("0002_b.sql") != std::string::npos);
}

TEST_CASE("a failing migration leaves nothing behind", "[pg][migrations]") {
  TestSchema schema;
  soci::session sql(soci::postgresql, schema.url());
  const Migrator broken = of({{"0001_ok.sql", "CREATE TABLE ok (x int);"},
                              {"0002_broken.sql", "CREATE TABLE half (x int); INSERT INTO missing VALUES (1);"}});
  CHECK_THROWS(broken.apply(sql));
  CHECK(count_tables(sql, schema.name()) == 2);  // ok and schema_migrations, not half
  CHECK(broken.pending(sql).value() == std::vector<std::string>{"0002_broken.sql"});
}

TEST_CASE("the audit log refuses UPDATE, DELETE and TRUNCATE: no rights, and a trigger", "[pg][migrations][audit]") {
  TestSchema schema;
  soci::session sql(soci::postgresql, schema.url());
  REQUIRE(Migrator(bundled_migrations()).apply(sql).ok());
  sql << "INSERT INTO audit_log (idx, entry, leaf_hash) VALUES (0, '{}', decode(repeat('00', 32), 'hex'))";
  // The server's role has no right to change the log...
  CHECK_THROWS_WITH(sql << "UPDATE audit_log SET entry = '{\"x\":1}'", Catch::Contains("permission denied"));
  CHECK_THROWS_WITH(sql << "DELETE FROM audit_log", Catch::Contains("permission denied"));
  CHECK_THROWS_WITH(sql << "DELETE FROM audit_checkpoints", Catch::Contains("permission denied"));
  // ...and an owner who takes the rights back still meets the trigger.
  sql << "GRANT UPDATE, DELETE, TRUNCATE ON audit_log TO CURRENT_USER";
  CHECK_THROWS_WITH(sql << "UPDATE audit_log SET entry = '{\"x\":1}'", Catch::Contains("append-only"));
  CHECK_THROWS_WITH(sql << "DELETE FROM audit_log", Catch::Contains("append-only"));
  CHECK_THROWS_WITH(sql << "TRUNCATE audit_log", Catch::Contains("append-only"));
}
