// gongping auction replay [FILE|-]: an auction's transcript (docs/auction-transcript.md) replayed
// through the auction rules; prints the result and whether it is the recorded one.
#include <cstdio>
#include <string_view>

#include "auction_transcript.hpp"
#include "cli_options.hpp"
#include "commands.hpp"

namespace gp::cli {

int auction_command(int argc, char** argv) {
  constexpr const char* kUsage = "usage: gongping auction replay [TRANSCRIPT_FILE|-]\n";
  if (argc < 3 || std::string_view(argv[2]) != "replay") {
    std::fputs(kUsage, stderr);
    return 2;
  }
  auto args = parse_cli_args(argc, argv, 3, {});
  if (!args || args.value().positional.size() > 1 || !args.value().flags.empty()) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const auto path = args.value().positional.empty() ? std::string("-") : args.value().positional[0];
  const auto text = read_text(path);
  if (!text) {
    std::fprintf(stderr, "gongping: cannot read %s\n", path.c_str());
    return 2;
  }
  const auto document = matching::engine::read_auction_transcript(*text);
  if (!document) {
    const auto& field = document.error().fields.front();
    std::fprintf(stderr, "%s: %s\n", field.field.c_str(), field.problem.c_str());
    return 2;
  }
  const auto replay = matching::replay_auction(document.value().transcript);
  std::printf("%s\n", matching::engine::write_auction_replay(replay, document.value().recorded).c_str());
  // 1 when a bid does not replay or the result is not the recorded one: the transcript is not what
  // the rules give.
  if (replay.refusal) return 1;
  if (document.value().recorded && !matching::engine::replay_matches(replay, *document.value().recorded)) return 1;
  return 0;
}

}  // namespace gp::cli
