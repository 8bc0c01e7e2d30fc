#include "database_access.hpp"

#include <cstdio>

#include "gongping/common/clock.hpp"
#include "gongping/server/accounts/account_repository.hpp"

namespace gp::cli {

int with_database(const server::config::Settings& settings, const std::function<int(server::db::Database&)>& body) {
  std::optional<server::db::Database> database;
  try {
    database.emplace(settings.database_url, 1);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gongping: cannot reach the database: %s\n", e.what());
    return 1;
  }
  return body(*database);
}

int with_accounts(const server::config::Settings& settings,
                  const std::function<int(server::accounts::AccountService&)>& body) {
  return with_database(settings, [&](server::db::Database& database) {
    common::SystemClock clock;
    server::accounts::AccountService accounts(database, clock, settings.accounts);
    return body(accounts);
  });
}

std::optional<server::accounts::Principal> principal_of(server::db::Database& database, const std::string& login) {
  auto found = database.run<std::optional<server::accounts::StoredAccount>>(
      [&](soci::session& sql) -> common::Result<std::optional<server::accounts::StoredAccount>> {
        return server::accounts::find_account_by_login(sql, login);
      });
  if (!found || !found.value()) return std::nullopt;
  return found.value()->principal;
}

}  // namespace gp::cli
