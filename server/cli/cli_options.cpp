#include "cli_options.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace gp::cli {

std::optional<std::string> CliArgs::flag(const std::string& name) const {
  const auto it = flags.find(name);
  if (it == flags.end()) return std::nullopt;
  return it->second;
}

bool CliArgs::has_switch(const std::string& name) const {
  return std::find(switches.begin(), switches.end(), name) != switches.end();
}

common::Result<CliArgs> parse_cli_args(int argc, char** argv, int first, const std::vector<std::string>& switch_names) {
  CliArgs args;
  const char* env_config = std::getenv("GONGPING_CONFIG");
  args.config_path = env_config ? env_config : "";
  for (int i = first; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--", 0) != 0) {
      args.positional.push_back(arg);
      continue;
    }
    const std::string name = arg.substr(2);
    if (std::find(switch_names.begin(), switch_names.end(), name) != switch_names.end()) {
      args.switches.push_back(name);
      continue;
    }
    if (i + 1 >= argc) return common::Error::validation({{arg, "needs a value"}});
    const std::string value = argv[++i];
    if (name == "config") {
      args.config_path = value;
    } else if (name == "set") {
      args.overrides.push_back(value);
    } else {
      args.flags[name] = value;
    }
  }
  return args;
}

std::optional<CommandSetup> set_up_command(int argc, char** argv, int first,
                                           const std::vector<std::string>& switch_names) {
  auto args = parse_cli_args(argc, argv, first, switch_names);
  if (!args) {
    print_error(args.error());
    return std::nullopt;
  }
  auto settings = server::config::load_settings_from(args.value().config_path, args.value().overrides);
  if (!settings) {
    print_error(settings.error());
    return std::nullopt;
  }
  return CommandSetup{std::move(args.value()), std::move(settings.value())};
}

// The operator at the console may see the inside story (log_detail) too.
void print_error(const common::Error& error) {
  std::fprintf(stderr, "gongping: %s\n", error.detail.c_str());
  for (const auto& f : error.fields) std::fprintf(stderr, "  %s: %s\n", f.field.c_str(), f.problem.c_str());
  if (!error.log_detail.empty()) std::fprintf(stderr, "  %s\n", error.log_detail.c_str());
}

std::optional<std::string> read_text(const std::string& path) {
  std::stringstream text;
  if (path == "-") {
    text << std::cin.rdbuf();
  } else {
    std::ifstream in(path);
    if (!in) return std::nullopt;
    text << in.rdbuf();
  }
  std::string s = text.str();
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace gp::cli
