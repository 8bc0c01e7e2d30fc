#pragma once
// Migrator: applies versioned SQL migrations in order, each inside its own transaction, recording
// version, name and SHA-256 in schema_migrations.
//
// Files are named NNNN_description.sql; NNNN is the version. A file already applied whose bytes
// changed is refused (migration_checksum_mismatch, naming the file), as is a database that has a
// version this binary does not know. A session advisory lock makes concurrent runs (two servers
// starting at once) take turns. A migration must not contain BEGIN/COMMIT itself.
// Blocking; call from a worker or a CLI.

#include <string>
#include <vector>

#include <soci/soci.h>

#include "gongping/common/embedded_file.hpp"
#include "gongping/common/result.hpp"

namespace gp::server::db {

struct MigrationReport {
  std::vector<std::string> applied;   // names applied by this run, in order
  std::vector<std::string> existing;  // names that were already there
};

class Migrator {
 public:
  explicit Migrator(std::vector<common::EmbeddedFile> migrations);

  common::Result<MigrationReport> apply(soci::session& sql) const;
  // Names of migrations not yet applied (for the server's start-up check). Reads only.
  common::Result<std::vector<std::string>> pending(soci::session& sql) const;

 private:
  struct Migration {
    int version;
    std::string name;
    std::string sql;
    std::string sha256;
  };
  std::vector<Migration> migrations_;
};

// The migrations compiled into this binary (server/migrations/*.sql).
std::vector<common::EmbeddedFile> bundled_migrations();

}  // namespace gp::server::db
