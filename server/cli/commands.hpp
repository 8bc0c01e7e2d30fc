#pragma once
// The `gongping` subcommands. Each returns the process exit code: 0 done, 1 the operation failed
// (the reason printed to stderr), 2 bad usage.

namespace gp::cli {

int migrate_command(int argc, char** argv);    // gongping migrate
int user_add_command(int argc, char** argv);   // gongping user add ...
int demo_seed_command(int argc, char** argv);  // gongping demo-seed
int keygen_command(int argc, char** argv);     // gongping keygen (sealing_commands.cpp)
int share_command(int argc, char** argv);      // gongping share open
int seal_command(int argc, char** argv);       // gongping seal

}  // namespace gp::cli
