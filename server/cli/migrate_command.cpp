// gongping migrate: applies pending migrations and lists what it did.
#include <cstdio>

#include "cli_options.hpp"
#include "commands.hpp"
#include "database_access.hpp"
#include "gongping/server/db/migrator.hpp"

namespace gp::cli {

int migrate_command(int argc, char** argv) {
  const auto setup = set_up_command(argc, argv, 2, {});
  if (!setup) return 2;
  return with_database(setup->settings, [](server::db::Database& database) {
    const server::db::Migrator migrator(server::db::bundled_migrations());
    auto report = database.run<server::db::MigrationReport>([&](soci::session& sql) { return migrator.apply(sql); });
    if (!report) {
      print_error(report.error());
      return 1;
    }
    for (const auto& name : report.value().applied) std::printf("applied  %s\n", name.c_str());
    std::printf("schema up to date: %zu migrations (%zu applied now)\n",
                report.value().applied.size() + report.value().existing.size(), report.value().applied.size());
    return 0;
  });
}

}  // namespace gp::cli
