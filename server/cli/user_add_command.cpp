// gongping user add --role ROLE --login LOGIN --name NAME [--password-stdin]
// Creates a staff account. Without --password-stdin a strong password is generated and printed
// once; it is not stored anywhere in clear.
#include <cstdio>
#include <iostream>

#include "cli_options.hpp"
#include "commands.hpp"
#include "database_access.hpp"
#include "gongping/common/crypto.hpp"

namespace gp::cli {

int user_add_command(int argc, char** argv) {
  constexpr const char* kUsage =
      "usage: gongping user add --role ROLE --login LOGIN --name NAME [--password-stdin]\n"
      "  ROLE: official, expert, supervisor, department, reviewer or admin\n";
  if (argc < 3 || std::string(argv[2]) != "add") {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const auto setup = set_up_command(argc, argv, 3, {"password-stdin"});
  if (!setup) return 2;
  const auto& args = setup->args;
  const auto role_text = args.flag("role");
  const auto login = args.flag("login");
  const auto name = args.flag("name");
  const auto role = role_text ? common::parse_role(*role_text) : std::nullopt;
  if (!role || !login || !name) {
    std::fputs(kUsage, stderr);
    return 2;
  }

  std::string password;
  const bool generated = !args.has_switch("password-stdin");
  if (generated) {
    const auto bytes = common::random_bytes(15);
    password = common::base64url_encode(bytes.data(), bytes.size());
  } else {
    std::getline(std::cin, password);
  }
  return with_accounts(setup->settings, [&](server::accounts::AccountService& accounts) {
    auto created = accounts.create_staff({*login, *role, *name, password}, server::accounts::system_actor());
    if (!created) {
      print_error(created.error());
      return 1;
    }
    std::printf("created %s %s (%s)\n", created.value().public_id.c_str(), login->c_str(), role_text->c_str());
    if (generated) std::printf("password: %s\n", password.c_str());
    return 0;
  });
}

}  // namespace gp::cli
