#pragma once
// The `gongping` subcommands. Each returns the process exit code: 0 done, 1 the operation failed
// (the reason printed to stderr), 2 bad usage.

namespace gp::cli {

int migrate_command(int argc, char** argv);    // gongping migrate
int user_add_command(int argc, char** argv);   // gongping user add ...
int demo_seed_command(int argc, char** argv);  // gongping demo-seed

}  // namespace gp::cli
