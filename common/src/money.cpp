#include "gongping/common/money.hpp"

#include <algorithm>

namespace gp::common {

std::string Money::to_yuan_string() const {
  // Work on the unsigned magnitude so that INT64_MIN formats too.
  const bool negative = fen_ < 0;
  const std::uint64_t magnitude = negative ? ~static_cast<std::uint64_t>(fen_) + 1 : static_cast<std::uint64_t>(fen_);
  const std::string yuan = std::to_string(magnitude / 100);
  std::string grouped;
  for (std::size_t i = 0; i < yuan.size(); ++i) {
    if (i > 0 && (yuan.size() - i) % 3 == 0) grouped += ',';
    grouped += yuan[i];
  }
  const auto cents = magnitude % 100;
  return (negative ? "-" : "") + grouped + "." + static_cast<char>('0' + cents / 10) +
         static_cast<char>('0' + cents % 10);
}

std::string Money::to_decimal_string() const {
  // The grouped form without its separators: one rule for both, INT64_MIN included.
  std::string text = to_yuan_string();
  text.erase(std::remove(text.begin(), text.end(), ','), text.end());
  return text;
}

}  // namespace gp::common
