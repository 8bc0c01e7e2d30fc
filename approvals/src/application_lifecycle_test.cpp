#include "gongping/approvals/application_lifecycle.hpp"

#include <catch2/catch.hpp>
#include <map>

using namespace gp::approvals;
using S = ApplicationState;
using E = ApplicationEvent;

namespace {

// The flow of issue 5, written out independently of the table in the implementation.
const std::map<std::pair<S, E>, S> kAllowed = {
    {{S::draft, E::submit}, S::submitted},
    {{S::submitted, E::start_check}, S::completeness_check},
    {{S::completeness_check, E::pass_completeness}, S::compliance_review},
    {{S::completeness_check, E::return_for_revision}, S::returned},
    {{S::compliance_review, E::pass_compliance}, S::expert_review},
    {{S::compliance_review, E::return_for_revision}, S::returned},
    {{S::expert_review, E::approve}, S::approved},
    {{S::expert_review, E::reject}, S::rejected},
    {{S::expert_review, E::return_for_revision}, S::returned},
    {{S::returned, E::revise}, S::draft},
    {{S::approved, E::file}, S::filed},
    {{S::filed, E::start_procurement}, S::in_procurement},
    {{S::in_procurement, E::start_construction}, S::in_construction},
    {{S::in_construction, E::accept}, S::accepted},
    {{S::accepted, E::evaluate}, S::evaluated},
    {{S::evaluated, E::close}, S::closed},
};

}  // namespace

TEST_CASE("every allowed application step leads where the flow says, and every other is refused",
          "[approvals][lifecycle]") {
  int allowed = 0, refused = 0;
  for (int s = 0; s < kApplicationStates; ++s) {
    for (int e = 0; e < kApplicationEvents; ++e) {
      const auto from = static_cast<S>(s);
      const auto event = static_cast<E>(e);
      const auto next = next_application_state(from, event);
      INFO(to_string(from) << " + " << to_string(event));
      if (const auto it = kAllowed.find({from, event}); it != kAllowed.end()) {
        REQUIRE(next.ok());
        CHECK(next.value() == it->second);
        ++allowed;
      } else {
        REQUIRE_FALSE(next.ok());
        CHECK(next.error().code == gp::common::ErrorCode::application_transition_refused);
        CHECK(next.error().detail.find(std::string(to_string(event))) != std::string::npos);
        ++refused;
      }
    }
  }
  CHECK(allowed == 16);
  CHECK(refused == kApplicationStates * kApplicationEvents - 16);
}

TEST_CASE("final states take no step; each step has its role", "[approvals][lifecycle]") {
  for (int e = 0; e < kApplicationEvents; ++e) {
    CHECK_FALSE(next_application_state(S::rejected, static_cast<E>(e)).ok());
    CHECK_FALSE(next_application_state(S::closed, static_cast<E>(e)).ok());
  }
  CHECK(is_final(S::rejected));
  CHECK(is_final(S::closed));
  CHECK_FALSE(is_final(S::returned));
  CHECK(responsible_role(E::submit) == gp::common::Role::department);
  CHECK(responsible_role(E::revise) == gp::common::Role::department);
  CHECK(responsible_role(E::approve) == gp::common::Role::reviewer);
  CHECK(responsible_role(E::file) == gp::common::Role::reviewer);
  CHECK_FALSE(responsible_role(E::start_procurement).has_value());
}

TEST_CASE("state names read back", "[approvals][lifecycle]") {
  for (int s = 0; s < kApplicationStates; ++s) {
    CHECK(parse_application_state(to_string(static_cast<S>(s))) == static_cast<S>(s));
  }
  CHECK_FALSE(parse_application_state("approved ").has_value());
}

TEST_CASE("step names read back", "[approvals][lifecycle]") {
  for (int e = 0; e < kApplicationEvents; ++e) {
    CHECK(parse_application_event(to_string(static_cast<E>(e))) == static_cast<E>(e));
  }
  CHECK_FALSE(parse_application_event("Approve").has_value());
}
