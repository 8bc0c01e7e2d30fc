#include "gongping/matching/decimal4.hpp"

#include <cstdlib>

namespace gp::matching {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<Decimal4> parse_decimal4(std::string_view text) {
  // JSON number grammar: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
  std::size_t i = 0;
  const bool negative = i < text.size() && text[i] == '-';
  if (negative) ++i;
  std::string digits;  // integer and fraction digits, without the point
  const std::size_t int_start = i;
  while (i < text.size() && is_digit(text[i])) digits += text[i++];
  const std::size_t int_digits = i - int_start;
  if (int_digits == 0 || (int_digits > 1 && text[int_start] == '0')) return std::nullopt;
  long long places = 0;  // digits after the point, before the exponent
  if (i < text.size() && text[i] == '.') {
    ++i;
    const std::size_t frac_start = i;
    while (i < text.size() && is_digit(text[i])) digits += text[i++];
    places = static_cast<long long>(i - frac_start);
    if (places == 0) return std::nullopt;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) exp_negative = text[i++] == '-';
    const std::size_t exp_start = i;
    long long exponent = 0;
    while (i < text.size() && is_digit(text[i])) {
      if (exponent > 100'000) return std::nullopt;  // no decimal of ours needs such an exponent
      exponent = exponent * 10 + (text[i++] - '0');
    }
    if (i == exp_start) return std::nullopt;
    places += exp_negative ? exponent : -exponent;
  }
  if (i != text.size()) return std::nullopt;

  // value = digits x 10^-places; we want digits x 10^(4 - places) as an integer.
  while (places > 4 && !digits.empty() && digits.back() == '0') {  // trailing zeros carry no places
    digits.pop_back();
    --places;
  }
  if (places > 4) return std::nullopt;
  const std::size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return Decimal4{0};
  digits.erase(0, first);
  digits.append(static_cast<std::size_t>(4 - places), '0');
  if (digits.size() > 17) return std::nullopt;  // certainly above the bound; 10^12 x 10^4 has 17 digits
  const long long units = std::strtoll(digits.c_str(), nullptr, 10);
  if (units > kMaxDecimal4Units) return std::nullopt;
  return Decimal4{negative ? -units : units};
}

std::string format_decimal4(Decimal4 value) {
  const std::uint64_t magnitude =
      value.units < 0 ? 0 - static_cast<std::uint64_t>(value.units) : static_cast<std::uint64_t>(value.units);
  std::string out = value.units < 0 ? "-" : "";
  out += std::to_string(magnitude / Decimal4::kScale);
  std::string fraction = std::to_string(magnitude % Decimal4::kScale);
  fraction.insert(0, 4 - fraction.size(), '0');
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  if (!fraction.empty()) out += "." + fraction;
  return out;
}

std::string format_hundredths(std::int64_t hundredths) {
  const std::uint64_t magnitude =
      hundredths < 0 ? 0 - static_cast<std::uint64_t>(hundredths) : static_cast<std::uint64_t>(hundredths);
  const std::uint64_t cents = magnitude % 100;
  return (hundredths < 0 ? "-" : "") + std::to_string(magnitude / 100) + (cents < 10 ? ".0" : ".") +
         std::to_string(cents);
}

}  // namespace gp::matching
