#include "gongping/server/db/migrator.hpp"

#include <soci/postgresql/soci-postgresql.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "gongping/common/crypto.hpp"

namespace gp::server::db {
namespace {

// An arbitrary constant naming Gongping's migration lock among PostgreSQL advisory locks.
constexpr long long kMigrationLockKey = 0x67705f6d6967;  // "gp_mig"

void exec_script(soci::session& sql, const std::string& script) {
  // SOCI prepares statements one at a time; a migration file holds many, so run it through libpq.
  auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
  PGresult* result = PQexec(backend->conn_, script.c_str());
  const auto status = PQresultStatus(result);
  std::string message = PQresultErrorMessage(result);
  PQclear(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw std::runtime_error(message);
}

void create_migrations_table(soci::session& sql) {
  sql << "CREATE TABLE IF NOT EXISTS schema_migrations ("
         " version integer PRIMARY KEY, name text NOT NULL, sha256 text NOT NULL,"
         " applied_at timestamptz NOT NULL DEFAULT now())";
}

// Version -> (name, sha256) of what the database records; empty when it has no schema_migrations.
std::map<int, std::pair<std::string, std::string>> applied_versions(soci::session& sql) {
  std::map<int, std::pair<std::string, std::string>> out;
  int present = 0;
  sql << "SELECT (to_regclass('schema_migrations') IS NOT NULL)::int", soci::into(present);
  if (present == 0) return out;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT version, name, sha256 FROM schema_migrations");
  for (const auto& row : rows) {
    out[row.get<int>(0)] = {row.get<std::string>(1), row.get<std::string>(2)};
  }
  return out;
}

struct AdvisoryLock {
  explicit AdvisoryLock(soci::session& s) : sql(s) { sql << "SELECT pg_advisory_lock(" << kMigrationLockKey << ")"; }
  ~AdvisoryLock() {
    try {
      sql << "SELECT pg_advisory_unlock(" << kMigrationLockKey << ")";
    } catch (const std::exception&) {
      // The lock ends with the connection anyway.
    }
  }
  soci::session& sql;
};

}  // namespace

Migrator::Migrator(std::vector<common::EmbeddedFile> files) {
  for (auto& file : files) {
    const auto underscore = file.name.find('_');
    if (underscore == std::string::npos || underscore == 0 ||
        !std::all_of(file.name.begin(), file.name.begin() + static_cast<long>(underscore),
                     [](char c) { return c >= '0' && c <= '9'; })) {
      throw std::invalid_argument("migration file name must start with NNNN_: " + file.name);
    }
    std::string sha = common::to_hex(common::sha256(file.content));
    migrations_.push_back(
        {std::stoi(file.name.substr(0, underscore)), file.name, std::move(file.content), std::move(sha)});
  }
  std::sort(migrations_.begin(), migrations_.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  for (std::size_t i = 1; i < migrations_.size(); ++i) {
    if (migrations_[i].version == migrations_[i - 1].version) {
      throw std::invalid_argument("two migrations share version " + std::to_string(migrations_[i].version));
    }
  }
}

common::Result<MigrationReport> Migrator::apply(soci::session& sql) const {
  AdvisoryLock lock(sql);
  create_migrations_table(sql);
  const auto applied = applied_versions(sql);
  for (const auto& [version, entry] : applied) {
    const bool known = std::any_of(migrations_.begin(), migrations_.end(),
                                   [v = version](const Migration& m) { return m.version == v; });
    if (!known) {
      return common::make_error(
          common::ErrorCode::migration_checksum_mismatch,
          "The database has migration " + entry.first + " which this build does not know; use a newer build.");
    }
  }
  MigrationReport report;
  for (const auto& m : migrations_) {
    const auto it = applied.find(m.version);
    if (it != applied.end()) {
      if (it->second.second != m.sha256) {
        return common::make_error(common::ErrorCode::migration_checksum_mismatch,
                                  "Migration " + m.name + " was changed after it was applied (recorded sha256 " +
                                      it->second.second + ", file has " + m.sha256 +
                                      "). Never edit an applied migration; add a new one.");
      }
      report.existing.push_back(m.name);
      continue;
    }
    soci::transaction tx(sql);
    exec_script(sql, m.sql);
    sql << "INSERT INTO schema_migrations (version, name, sha256) VALUES (:v, :n, :s)", soci::use(m.version),
        soci::use(m.name), soci::use(m.sha256);
    tx.commit();
    report.applied.push_back(m.name);
  }
  return report;
}

common::Result<std::vector<std::string>> Migrator::pending(soci::session& sql) const {
  const auto applied = applied_versions(sql);
  std::vector<std::string> out;
  for (const auto& m : migrations_) {
    if (!applied.contains(m.version)) out.push_back(m.name);
  }
  return out;
}

}  // namespace gp::server::db
