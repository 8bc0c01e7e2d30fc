#pragma once
// The `gongping` subcommands. Each returns the process exit code: 0 done, 1 the operation failed
// (the reason printed to stderr), 2 bad usage.

#include <string>
#include <vector>

#include "gongping/server/config/settings.hpp"

namespace gp::cli {

int migrate_command(int argc, char** argv);    // gongping migrate
int user_add_command(int argc, char** argv);   // gongping user add ...
int demo_seed_command(int argc, char** argv);  // gongping demo-seed
// demo_tender_seed.cpp: the demo tender with officer key files in `keys_dir` (demo-seed's 2nd step).
int seed_demo_tender(const server::config::Settings& settings, const std::string& keys_dir);
// demo_filing_seed.cpp: the demo registry, catalogue and a submitted application (demo-seed's 3rd step).
int seed_demo_filing(const server::config::Settings& settings);
// demo_auction_seed.cpp: an ascending and a reverse demo auction among the demo enterprises (their
// logins), both about to start (demo-seed's 4th step).
int seed_demo_auctions(const server::config::Settings& settings, const std::vector<std::string>& enterprise_logins);
int keygen_command(int argc, char** argv);           // gongping keygen (sealing_commands.cpp)
int share_command(int argc, char** argv);            // gongping share open
int seal_command(int argc, char** argv);             // gongping seal
int evaluate_command(int argc, char** argv);         // gongping evaluate [FILE]
int auction_command(int argc, char** argv);          // gongping auction replay [FILE]
int registry_import_command(int argc, char** argv);  // gongping registry import FILE
int audit_command(int argc, char** argv);            // gongping audit verify

}  // namespace gp::cli
