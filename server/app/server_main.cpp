// gongping-server: wires settings to run_server(). See --help.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "gongping/server/api/routes.hpp"
#include "gongping/server/config/settings.hpp"
#include "gongping/server/server_runtime.hpp"

namespace {

constexpr const char* kUsage =
    "usage: gongping-server [--config FILE] [--set key=value]... [--migrate] [--print-routes]\n"
    "  --config FILE    settings file (default: $GONGPING_CONFIG, else none); see docs/configuration.md\n"
    "  --set key=value  override one setting (repeatable)\n"
    "  --migrate        apply pending database migrations before serving\n"
    "  --print-routes   print the route table as JSON and exit\n"
    "GONGPING_DATABASE_URL overrides database.url.\n";

}  // namespace

int main(int argc, char** argv) {
  const char* env_config = std::getenv("GONGPING_CONFIG");
  std::string config_path = env_config ? env_config : "";
  std::vector<std::string> overrides;
  bool print_routes = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--config" && i + 1 < argc) {
      config_path = argv[++i];
    } else if (arg == "--set" && i + 1 < argc) {
      overrides.emplace_back(argv[++i]);
    } else if (arg == "--migrate") {
      overrides.emplace_back("database.migrate_on_start=true");
    } else if (arg == "--print-routes") {
      print_routes = true;
    } else {
      std::fputs(kUsage, arg == "--help" ? stdout : stderr);
      return arg == "--help" ? 0 : 2;
    }
  }
  if (print_routes) {
    std::puts(gp::server::api::routes_as_json(gp::server::api::api_routes()).c_str());
    return 0;
  }
  auto settings = gp::server::config::load_settings_from(config_path, overrides);
  if (!settings) {
    for (const auto& f : settings.error().fields)
      std::fprintf(stderr, "gongping-server: %s: %s\n", f.field.c_str(), f.problem.c_str());
    return 2;
  }
  return gp::server::run_server(settings.value());
}
