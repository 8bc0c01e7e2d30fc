#include "gongping/common/uscc.hpp"

#include <array>

namespace gp::common {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

int value_of(char c) {
  const auto pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

}  // namespace

std::optional<char> uscc_check_character(std::string_view first17) {
  if (first17.size() != 17) return std::nullopt;
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    const int v = value_of(first17[i]);
    if (v < 0) return std::nullopt;
    sum += v * kWeights[i];
  }
  return kAlphabet[static_cast<std::size_t>((31 - sum % 31) % 31)];
}

std::optional<UsccProblem> check_uscc(std::string_view code) {
  if (code.size() != 18) return UsccProblem::wrong_length;
  for (char c : code) {
    if (value_of(c) < 0) return UsccProblem::bad_character;
  }
  if (uscc_check_character(code.substr(0, 17)) != code[17]) return UsccProblem::bad_check_character;
  return std::nullopt;
}

std::string describe(UsccProblem problem, std::string_view code) {
  switch (problem) {
    case UsccProblem::wrong_length: return "must be 18 characters, got " + std::to_string(code.size());
    case UsccProblem::bad_character:
      for (std::size_t i = 0; i < code.size(); ++i) {
        if (value_of(code[i]) < 0) {
          return "character " + std::to_string(i + 1) +
                 " is not allowed (use 0-9 and capital letters except I, O, S, V, Z)";
        }
      }
      break;
    case UsccProblem::bad_check_character:
      if (const auto expected = uscc_check_character(code.substr(0, 17))) {
        return std::string("the check character (position 18) should be ") + *expected +
               "; please check for a typing mistake";
      }
      break;
  }
  return "is not a valid Unified Social Credit Code";
}

}  // namespace gp::common
