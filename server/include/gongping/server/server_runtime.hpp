#pragma once
// run_server: the life of one gongping-server process, from settings to a clean exit.
//
// Connects PostgreSQL, checks migrations (applies them only when settings.migrate_on_start), binds
// the listener, serves on settings.io_threads threads, and on SIGTERM or SIGINT shuts down
// gracefully: stops accepting, lets in-flight requests finish (up to shutdown_grace), then exits.
// Returns the process exit code: 0 after a graceful stop, 2 when start-up fails (the reason is
// logged).

#include "gongping/server/config/settings.hpp"

namespace gp::server {

int run_server(const config::Settings& settings);

}  // namespace gp::server
