#include "gongping/common/money.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>

using gp::common::Money;

TEST_CASE("money shows as yuan with thousands separators", "[common]") {
  CHECK(Money::from_fen(0).to_yuan_string() == "0.00");
  CHECK(Money::from_fen(5).to_yuan_string() == "0.05");
  CHECK(Money::from_fen(88000000).to_yuan_string() == "880,000.00");
  CHECK(Money::from_fen(123456789).to_yuan_string() == "1,234,567.89");
  CHECK(Money::from_fen(-100050).to_yuan_string() == "-1,000.50");
  CHECK(Money::from_fen(std::numeric_limits<std::int64_t>::min()).to_yuan_string() == "-92,233,720,368,547,758.08");
}

TEST_CASE("money compares and adds in fen", "[common]") {
  CHECK(Money::from_fen(1) < Money::from_fen(2));
  CHECK((Money::from_fen(150) + Money::from_fen(50)).fen() == 200);
  CHECK((Money::from_fen(150) - Money::from_fen(200)).fen() == -50);
}

TEST_CASE("money prints plainly for data formats", "[common][money]") {
  CHECK(gp::common::Money::from_fen(123456705).to_decimal_string() == "1234567.05");
  CHECK(gp::common::Money::from_fen(-5).to_decimal_string() == "-0.05");
  CHECK(gp::common::Money::from_fen(0).to_decimal_string() == "0.00");
}
