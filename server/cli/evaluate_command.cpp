// gongping evaluate [FILE]: an evaluation case (specs/evaluation-case.md) in, its result out.
#include <cstdio>

#include "cli_options.hpp"
#include "commands.hpp"
#include "evaluation_json.hpp"
#include "gongping/matching/evaluate.hpp"

namespace gp::cli {

int evaluate_command(int argc, char** argv) {
  auto args = parse_cli_args(argc, argv, 2, {});
  if (!args || args.value().positional.size() > 1 || !args.value().flags.empty()) {
    std::fputs("usage: gongping evaluate [CASE_FILE|-]\n", stderr);
    return 2;
  }
  const auto path = args.value().positional.empty() ? std::string("-") : args.value().positional[0];
  const auto text = read_text(path);
  if (!text) {
    std::fprintf(stderr, "gongping: cannot read %s\n", path.c_str());
    return 2;
  }
  auto evaluation_case = matching::engine::read_evaluation_case(*text);
  if (!evaluation_case) {
    const auto& field = evaluation_case.error().fields.front();
    std::fprintf(stderr, "%s: %s\n", field.field.c_str(), field.problem.c_str());
    return 2;
  }
  const auto result = matching::evaluate(evaluation_case.value());
  std::printf("%s\n", matching::engine::write_evaluation_result(result).c_str());
  return 0;
}

}  // namespace gp::cli
