// gongping-engine: binds the command and event sockets and runs EngineServer until SIGTERM/SIGINT.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "engine_server.hpp"
#include "gongping/common/config_file.hpp"

namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_signal(int) { g_stop = true; }

constexpr const char* kUsage =
    "usage: gongping-engine [--config FILE] [--commands ENDPOINT] [--events ENDPOINT] [--journal FILE]\n"
    "  reads engine.commands, engine.events and engine.journal from the config file (default\n"
    "  $GONGPING_CONFIG); defaults tcp://127.0.0.1:7301, tcp://127.0.0.1:7302 and no journal\n";

}  // namespace

int main(int argc, char** argv) {
  gp::matching::engine::EngineEndpoints endpoints;
  const char* env_config = std::getenv("GONGPING_CONFIG");
  std::string config_path = env_config ? env_config : "";
  std::string commands, events, journal;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--config" && i + 1 < argc) {
      config_path = argv[++i];
    } else if (arg == "--commands" && i + 1 < argc) {
      commands = argv[++i];
    } else if (arg == "--events" && i + 1 < argc) {
      events = argv[++i];
    } else if (arg == "--journal" && i + 1 < argc) {
      journal = argv[++i];
    } else {
      std::fputs(kUsage, arg == "--help" ? stdout : stderr);
      return arg == "--help" ? 0 : 2;
    }
  }
  if (!config_path.empty()) {
    std::ifstream in(config_path);
    std::ostringstream text;
    text << in.rdbuf();
    auto config = gp::common::ConfigFile::parse(text.str());
    if (!in || !config) {
      std::fprintf(stderr, "gongping-engine: cannot read %s\n", config_path.c_str());
      return 2;
    }
    if (auto v = config.value().get("engine.commands")) endpoints.commands = *v;
    if (auto v = config.value().get("engine.events")) endpoints.events = *v;
    if (auto v = config.value().get("engine.journal")) endpoints.journal = *v;
  }
  if (!commands.empty()) endpoints.commands = commands;
  if (!events.empty()) endpoints.events = events;
  if (!journal.empty()) endpoints.journal = journal;

  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  try {
    zmq::context_t context(1);
    gp::matching::engine::EngineServer server(context, endpoints, std::chrono::milliseconds(1000));
    std::printf(
        "{\"level\":\"info\",\"msg\":\"engine listening\",\"commands\":\"%s\",\"events\":\"%s\","
        "\"journal_commands_replayed\":%zu}\n",
        server.commands_endpoint().c_str(), server.events_endpoint().c_str(), server.replayed_commands());
    std::fflush(stdout);
    server.run(g_stop);
    std::printf("{\"level\":\"info\",\"msg\":\"engine stopped\"}\n");
    return 0;
  } catch (const zmq::error_t& e) {
    std::fprintf(stderr, "{\"level\":\"error\",\"msg\":\"engine cannot start\",\"detail\":\"%s\"}\n", e.what());
    return 2;
  } catch (const std::runtime_error& e) {  // the journal cannot be read or written
    std::fprintf(stderr, "{\"level\":\"error\",\"msg\":\"engine journal failed\",\"detail\":\"%s\"}\n", e.what());
    return 2;
  }
}
