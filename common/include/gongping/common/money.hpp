#pragma once
// Money: an amount in fen (1 yuan = 100 fen), held as a signed 64-bit integer. No floating point.

#include <compare>
#include <cstdint>
#include <string>

namespace gp::common {

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money from_fen(std::int64_t fen) { return Money(fen); }

  constexpr std::int64_t fen() const { return fen_; }
  constexpr auto operator<=>(const Money&) const = default;
  constexpr Money operator+(Money other) const { return Money(fen_ + other.fen_); }
  constexpr Money operator-(Money other) const { return Money(fen_ - other.fen_); }

  // "1,234,567.80" (yuan, thousands separators, two decimals); negative amounts get a leading '-'.
  std::string to_yuan_string() const;
  // Yuan with two decimals and no grouping, for data formats: "1234567.05".
  std::string to_decimal_string() const;

 private:
  constexpr explicit Money(std::int64_t fen) : fen_(fen) {}
  std::int64_t fen_ = 0;
};

}  // namespace gp::common
