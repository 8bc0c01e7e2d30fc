#pragma once
// Options shared by every `gongping` subcommand: --config FILE and --set key=value (as for the
// server), and a small parser for the subcommand's own `--name value` flags.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gongping/server/config/settings.hpp"

namespace gp::cli {

struct CliArgs {
  std::string config_path;
  std::vector<std::string> overrides;
  std::map<std::string, std::string> flags;  // --name value
  std::vector<std::string> switches;         // --name without a value (listed in parse())
  std::vector<std::string> positional;

  std::optional<std::string> flag(const std::string& name) const;
  bool has_switch(const std::string& name) const;
};

// `switch_names` are flags that take no value. Unknown `--x` without a following value is an error.
common::Result<CliArgs> parse_cli_args(int argc, char** argv, int first, const std::vector<std::string>& switch_names);

struct CommandSetup {
  CliArgs args;
  server::config::Settings settings;
};

// Parses argv[first..] and loads the settings; on a problem prints it to stderr and returns nullopt
// (the command then exits 2).
std::optional<CommandSetup> set_up_command(int argc, char** argv, int first,
                                           const std::vector<std::string>& switch_names);

void print_error(const common::Error& error);

// The whole text of a file, or of standard input for "-", without trailing newlines and spaces;
// nullopt when the file cannot be read.
std::optional<std::string> read_text(const std::string& path);

}  // namespace gp::cli
