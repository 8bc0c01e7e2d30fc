// gongping: the operator's command line. Dispatches to the subcommands in commands.hpp.
#include <cstdio>
#include <cstring>
#include <string_view>

#include "commands.hpp"

namespace {

struct Command {
  std::string_view name;
  int (*run)(int, char**);
  std::string_view help;
};

constexpr Command kCommands[] = {
    {"migrate", &gp::cli::migrate_command, "apply pending database migrations"},
    {"user", &gp::cli::user_add_command, "user add --role ROLE --login LOGIN --name NAME: create a staff account"},
    {"demo-seed", &gp::cli::demo_seed_command, "load demo accounts (demo databases only)"},
    {"keygen", &gp::cli::keygen_command, "keygen --out FILE: make an opening officer's P-256 key file"},
    {"share", &gp::cli::share_command, "share open --key FILE [SEALED]: decrypt your sealed opening share"},
    {"seal", &gp::cli::seal_command, "seal --tender-key JWK --tender ID --bidder ID --price FEN: seal a bid"},
    {"evaluate", &gp::cli::evaluate_command, "evaluate [CASE_FILE]: print an evaluation case's result (stdin: -)"},
    {"auction", &gp::cli::auction_command,
     "auction replay [TRANSCRIPT]: replay an auction's transcript through the rules (stdin: -)"},
    {"audit", &gp::cli::audit_command, "audit verify: check the audit log against its hashes and every checkpoint"},
    {"registry", &gp::cli::registry_import_command,
     "registry import FILE: add government information systems from CSV or JSON to the system registry"},
};

void usage(std::FILE* out) {
  std::fputs("usage: gongping COMMAND [--config FILE] [--set key=value]... [options]\ncommands:\n", out);
  for (const auto& c : kCommands)
    std::fprintf(out, "  %-10.*s %.*s\n", static_cast<int>(c.name.size()), c.name.data(),
                 static_cast<int>(c.help.size()), c.help.data());
  std::fputs("GONGPING_DATABASE_URL overrides database.url.\n", out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  const std::string_view name = argv[1];
  if (name == "--help" || name == "help") {
    usage(stdout);
    return 0;
  }
  for (const auto& c : kCommands) {
    if (c.name == name) return c.run(argc, argv);
  }
  std::fprintf(stderr, "gongping: unknown command '%s'\n", argv[1]);
  usage(stderr);
  return 2;
}
