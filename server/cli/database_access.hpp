#pragma once
// Opening the database for a `gongping` subcommand, the same way for every one of them.

#include <functional>
#include <optional>
#include <string>

#include "gongping/server/accounts/account_service.hpp"
#include "gongping/server/config/settings.hpp"
#include "gongping/server/db/database.hpp"

namespace gp::cli {

// Runs `body` with a one-connection Database and returns its exit code. A database that cannot be
// reached is reported on stderr and gives exit code 1.
int with_database(const server::config::Settings& settings, const std::function<int(server::db::Database&)>& body);

// As with_database, with an AccountService over it (the system clock, the settings' account rules).
int with_accounts(const server::config::Settings& settings,
                  const std::function<int(server::accounts::AccountService&)>& body);

// The principal the account `login` acts as when signed in; nullopt when there is no such account.
std::optional<server::accounts::Principal> principal_of(server::db::Database& database, const std::string& login);

}  // namespace gp::cli
