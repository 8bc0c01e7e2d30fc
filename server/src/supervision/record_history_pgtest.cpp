// The record history's trigger (migration 0014) in PostgreSQL itself: what a version keeps, what it
// leaves out, when no version is kept, that one transaction's versions and audit entries share a
// change id, and that rows already there when the migration runs get their baseline.
#include <algorithm>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <catch2/catch.hpp>

#include "../db/test_database.hpp"
#include "gongping/server/db/migrator.hpp"

using namespace gp::server::db;

namespace {

std::string text_of(soci::session& sql, const std::string& query) {
  std::string out;
  soci::indicator ind = soci::i_null;
  sql << query, soci::into(out, ind);
  return ind == soci::i_ok ? out : "(null)";
}

void insert_staff(soci::session& sql, const std::string& login) {
  sql << "INSERT INTO accounts (login, role, display_name, password_hash, created_at) VALUES (:l, 'official', 'x', "
         "'scrypt$secret-hash', now())",
      soci::use(login);
}

}  // namespace

TEST_CASE("a version keeps the row without its secrets, and only when something kept changed", "[pg][supervision]") {
  TestSchema schema;
  soci::session sql(soci::postgresql, schema.url());
  REQUIRE(Migrator(bundled_migrations()).apply(sql).ok());
  insert_staff(sql, "li.na");
  CHECK(text_of(sql,
                "SELECT operation || ' ' || record_type || ' ' || subject || ' ' || (row_data ->> 'login') || ' ' || "
                "(row_data ? 'password_hash')::text FROM record_versions") == "insert accounts account li.na false");

  sql << "UPDATE accounts SET password_hash = 'scrypt$new-hash' WHERE login = 'li.na'";
  CHECK(text_of(sql, "SELECT count(*)::text FROM record_versions") == "1");  // a left-out column only
  sql << "UPDATE accounts SET display_name = '李娜' WHERE login = 'li.na'";
  CHECK(text_of(sql,
                "SELECT operation || ' ' || (row_data ->> 'display_name') FROM record_versions ORDER BY id DESC "
                "LIMIT 1") == "update 李娜");
  CHECK(text_of(sql, "SELECT count(*)::text FROM record_versions WHERE row_data::text LIKE '%scrypt$%'") == "0");

  // One transaction: its versions and its audit entry share one change id; the next gets another.
  {
    soci::transaction tx(sql);
    sql << "UPDATE accounts SET display_name = '李娜 (采购)' WHERE login = 'li.na'";
    insert_staff(sql, "wang.wu");
    sql << "INSERT INTO audit_log (idx, entry, leaf_hash) VALUES (0, '{}', decode(repeat('00', 32), 'hex'))";
    tx.commit();
  }
  CHECK(text_of(sql,
                "SELECT count(DISTINCT v.change_id)::text || ' ' || bool_and(v.change_id = a.change_id)::text FROM "
                "record_versions v, audit_log a WHERE v.id > 2") == "1 true");
  CHECK(text_of(sql, "SELECT count(DISTINCT change_id)::text FROM record_versions") == "3");

  sql << "DELETE FROM accounts WHERE login = 'wang.wu'";
  CHECK(
      text_of(sql, "SELECT operation || ' ' || (row_data ->> 'login') FROM record_versions ORDER BY id DESC LIMIT 1") ==
      "delete wang.wu");
  // Nobody rewrites the history, not even the table's owner.
  CHECK_THROWS(sql << "UPDATE record_versions SET row_data = '{}'");
  CHECK_THROWS(sql << "DELETE FROM record_versions");
}

TEST_CASE("rows already there when the history begins get a baseline version", "[pg][supervision]") {
  TestSchema schema;
  soci::session sql(soci::postgresql, schema.url());
  auto migrations = bundled_migrations();
  const auto history = std::find_if(migrations.begin(), migrations.end(),
                                    [](const auto& m) { return m.name == "0014_record_history.sql"; });
  REQUIRE(history != migrations.end());
  REQUIRE(Migrator({migrations.begin(), history}).apply(sql).ok());
  insert_staff(sql, "before.history");
  REQUIRE(Migrator(migrations).apply(sql).ok());
  CHECK(text_of(sql,
                "SELECT operation || ' ' || (row_data ->> 'login') || ' ' || (row_data ? 'password_hash')::text "
                "FROM record_versions") == "baseline before.history false");
}
