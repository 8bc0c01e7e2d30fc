#include "gongping/bidding/tender_lifecycle.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <utility>

using namespace gp::bidding;
using S = TenderState;
using E = TenderEvent;

namespace {
constexpr S kStates[] = {S::draft,   S::published,  S::opening,   S::evaluating,
                         S::awarded, S::contracted, S::cancelled, S::failed};
constexpr E kEvents[] = {E::publish, E::open, E::fail, E::start_evaluation, E::award, E::sign_contract, E::cancel};

// Written out from DOMAIN.md independently of the implementation's table.
const std::map<std::pair<S, E>, S> kAllowed = {
    {{S::draft, E::publish}, S::published},     {{S::draft, E::cancel}, S::cancelled},
    {{S::published, E::open}, S::opening},      {{S::published, E::fail}, S::failed},
    {{S::published, E::cancel}, S::cancelled},  {{S::opening, E::start_evaluation}, S::evaluating},
    {{S::opening, E::fail}, S::failed},         {{S::opening, E::cancel}, S::cancelled},
    {{S::evaluating, E::award}, S::awarded},    {{S::evaluating, E::fail}, S::failed},
    {{S::evaluating, E::cancel}, S::cancelled}, {{S::awarded, E::sign_contract}, S::contracted},
};
}  // namespace

TEST_CASE("every allowed tender transition goes where DOMAIN.md says", "[bidding][lifecycle]") {
  for (const auto& [step, to] : kAllowed) {
    INFO(to_string(step.first) << " + " << to_string(step.second));
    const auto result = next_state(step.first, step.second);
    REQUIRE(result.ok());
    CHECK(result.value() == to);
  }
}

TEST_CASE("every other transition is refused with a message naming it", "[bidding][lifecycle]") {
  int refused = 0;
  for (S from : kStates) {
    for (E event : kEvents) {
      if (kAllowed.contains({from, event})) continue;
      INFO(to_string(from) << " + " << to_string(event));
      const auto result = next_state(from, event);
      REQUIRE_FALSE(result.ok());
      CHECK(result.error().code == gp::common::ErrorCode::tender_transition_refused);
      CHECK(result.error().detail ==
            "A tender that is " + std::string(to_string(from)) + " cannot " + std::string(to_string(event)) + ".");
      ++refused;
    }
  }
  CHECK(refused == 8 * 7 - 12);
}

TEST_CASE("an awarded tender can no longer be cancelled; final states are final", "[bidding][lifecycle]") {
  CHECK_FALSE(next_state(S::awarded, E::cancel).ok());
  for (S s : kStates) {
    INFO(to_string(s));
    CHECK(is_terminal(s) == (s == S::contracted || s == S::cancelled || s == S::failed));
    CHECK(parse_tender_state(to_string(s)) == s);
  }
  CHECK_FALSE(parse_tender_state("tendering"));
}

TEST_CASE("at the deadline three bids open the tender and two fail it", "[bidding][lifecycle]") {
  CHECK(event_at_deadline(3) == E::open);
  CHECK(event_at_deadline(40) == E::open);
  CHECK(event_at_deadline(2) == E::fail);
  CHECK(event_at_deadline(0) == E::fail);
  CHECK(next_state(S::published, event_at_deadline(2)).value() == S::failed);
}
