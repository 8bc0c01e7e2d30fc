#pragma once
// Unified Social Credit Code (统一社会信用代码), GB 32100-2015.
//
// 18 characters from "0123456789ABCDEFGHJKLMNPQRTUWXY" (no I, O, S, V, Z), the last a check
// character: value (31 - (sum of value_i * weight_i over positions 1..17) mod 31) mod 31.

#include <optional>
#include <string>
#include <string_view>

namespace gp::common {

enum class UsccProblem { wrong_length, bad_character, bad_check_character };

// nullopt when `code` is a valid USCC; otherwise what is wrong with it. Upper case only.
std::optional<UsccProblem> check_uscc(std::string_view code);

// A sentence for the user, e.g. "the check character (position 18) should be 6".
std::string describe(UsccProblem problem, std::string_view code);

// The check character that completes the first 17 characters; nullopt if any of them is invalid.
std::optional<char> uscc_check_character(std::string_view first17);

}  // namespace gp::common
