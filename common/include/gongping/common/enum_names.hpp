#pragma once
// Stable text names of enum values, kept in one table per enum whose index is the value:
//
//   constexpr std::array<std::string_view, 3> kSharingNames = {"unconditional", "conditional", "not_shared"};
//   enum_name(kSharingNames, SharingType::conditional)         // "conditional"
//   enum_from_name<SharingType>(kSharingNames, "not_shared")   // SharingType::not_shared
//
// The enum's values must run from 0 in the table's order.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace gp::common {

template <typename Enum, std::size_t N>
constexpr std::string_view enum_name(const std::array<std::string_view, N>& names, Enum value) {
  return names.at(static_cast<std::size_t>(value));
}

// nullopt for text that names no value (names are compared exactly).
template <typename Enum, std::size_t N>
constexpr std::optional<Enum> enum_from_name(const std::array<std::string_view, N>& names, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace gp::common
