#include "gongping/matching/decimal4.hpp"

#include <catch2/catch.hpp>

using namespace gp::matching;

TEST_CASE("decimals read exactly from JSON number text", "[matching][decimal]") {
  CHECK(parse_decimal4("45")->units == 450000);
  CHECK(parse_decimal4("18.5")->units == 185000);
  CHECK(parse_decimal4("0.0001")->units == 1);
  CHECK(parse_decimal4("-0.25")->units == -2500);
  CHECK(parse_decimal4("1.25e1")->units == 125000);
  CHECK(parse_decimal4("125E-2")->units == 12500);
  CHECK(parse_decimal4("1.50000")->units == 15000);  // trailing zeros carry no places
  CHECK(parse_decimal4("0")->units == 0);
  CHECK(parse_decimal4("1000000000000")->units == kMaxDecimal4Units);
}

TEST_CASE("decimals refuse more than four places, non-JSON text and huge values", "[matching][decimal]") {
  for (const char* bad : {"0.00001", "1e-5", "", "-", "01", "1.", ".5", "+1", "1e", "0x10", "1 ", "NaN",
                          "1000000000000.0001", "1e13", "99999999999999999999"}) {
    INFO(bad);
    CHECK_FALSE(parse_decimal4(bad).has_value());
  }
}

TEST_CASE("decimals and hundredths print as people read them", "[matching][decimal]") {
  CHECK(format_decimal4(Decimal4{185000}) == "18.5");
  CHECK(format_decimal4(Decimal4{1}) == "0.0001");
  CHECK(format_decimal4(Decimal4{-2500}) == "-0.25");
  CHECK(format_decimal4(Decimal4{700000}) == "70");
  CHECK(format_hundredths(8768) == "87.68");
  CHECK(format_hundredths(5) == "0.05");
  CHECK(format_hundredths(0) == "0.00");
  CHECK(format_hundredths(-5) == "-0.05");
  CHECK(format_hundredths(3000) == "30.00");
}
