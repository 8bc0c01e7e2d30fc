#pragma once
// Decimal4: a decimal number with at most four places, held exactly as a count of 1/10,000ths.
// Evaluation inputs (scores, percentages, points, deduction rates) are such numbers
// (specs/evaluation-case.md); computing with them never goes through binary floating point.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gp::matching {

// A 128-bit integer for exact products of prices and scaled factors (GCC and Clang).
__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

struct Decimal4 {
  static constexpr std::int64_t kScale = 10'000;
  std::int64_t units = 0;  // the value times 10,000

  static constexpr Decimal4 whole(std::int64_t n) { return Decimal4{n * kScale}; }
  friend constexpr auto operator<=>(const Decimal4&, const Decimal4&) = default;
};

// The largest magnitude parse_decimal4 accepts: 10^12, far beyond any score, percentage or points
// value, and small enough that sums of thousands of them stay exact in 64 bits.
inline constexpr std::int64_t kMaxDecimal4Units = 1'000'000'000'000LL * Decimal4::kScale;

// Parses the text of a JSON number ("45", "18.5", "-0.25", "1.25e1") exactly. nullopt when the text
// is not a JSON number, has more than four decimal places once its exponent is applied, or its
// magnitude is above 10^12.
std::optional<Decimal4> parse_decimal4(std::string_view json_number);

// The value with as many places as it needs (at most four): "45", "18.5", "0.0001".
std::string format_decimal4(Decimal4 value);

// "87.68" for 8768 hundredths, "-0.05" for -5: how scores are reported.
std::string format_hundredths(std::int64_t hundredths);

}  // namespace gp::matching
