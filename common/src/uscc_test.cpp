#include "gongping/common/uscc.hpp"

#include <catch2/catch.hpp>

using gp::common::check_uscc;
using gp::common::UsccProblem;

TEST_CASE("real Unified Social Credit Codes pass", "[common][uscc]") {
  CHECK_FALSE(check_uscc("914403001922038216"));
  CHECK_FALSE(check_uscc("91440300708461136T"));
}

TEST_CASE("typing mistakes in a USCC are caught and explained", "[common][uscc]") {
  CHECK(check_uscc("91440300192203821") == UsccProblem::wrong_length);
  CHECK(check_uscc("9144030019220382160") == UsccProblem::wrong_length);
  CHECK(check_uscc("91440300708461136t") == UsccProblem::bad_character);
  CHECK(check_uscc("9144030070846113OT") == UsccProblem::bad_character);
  CHECK(check_uscc("914403001922038217") == UsccProblem::bad_check_character);
  // Two adjacent digits swapped.
  CHECK(check_uscc("914403001922038126") == UsccProblem::bad_check_character);
  CHECK(gp::common::describe(UsccProblem::bad_check_character, "914403001922038217") ==
        "the check character (position 18) should be 6; please check for a typing mistake");
  CHECK(gp::common::describe(UsccProblem::bad_character, "91440300708461136I").find("character 18") !=
        std::string::npos);
}

TEST_CASE("every single-character change of a valid code is refused", "[common][uscc]") {
  const std::string valid = "91440300708461136T";
  const std::string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  for (std::size_t pos = 0; pos < valid.size(); ++pos) {
    for (char c : alphabet) {
      if (c == valid[pos]) continue;
      std::string changed = valid;
      changed[pos] = c;
      CHECK(check_uscc(changed) == UsccProblem::bad_check_character);
    }
  }
}
