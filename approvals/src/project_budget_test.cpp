#include "gongping/approvals/project_budget.hpp"

#include <catch2/catch.hpp>

using namespace gp::approvals;
using gp::common::ErrorCode;
using gp::common::Money;

TEST_CASE("a tender fits in what the project's other tenders leave of the approved budget", "[approvals][budget]") {
  ProjectBudget p{"GD-2026-000001", ApplicationState::filed, Money::from_fen(100'000'00), Money::from_fen(60'000'00)};
  CHECK(check_tender_budget(p, Money::from_fen(40'000'00)));  // exactly what is left
  const auto over = check_tender_budget(p, Money::from_fen(40'000'01));
  REQUIRE_FALSE(over);
  CHECK(over.error().code == ErrorCode::project_budget_exceeded);
  CHECK(over.error().detail.find("GD-2026-000001") != std::string::npos);
  CHECK(over.error().detail.find("0.01 yuan") != std::string::npos);
}

TEST_CASE("only filed projects, in procurement or construction, take tenders", "[approvals][budget]") {
  for (int s = 0; s < kApplicationStates; ++s) {
    const auto state = static_cast<ApplicationState>(s);
    ProjectBudget p{"GD-2026-000002", state, Money::from_fen(1'000'00), Money::from_fen(0)};
    const auto r = check_tender_budget(p, Money::from_fen(1'00));
    const bool expected = state == ApplicationState::filed || state == ApplicationState::in_procurement ||
                          state == ApplicationState::in_construction;
    CHECK(static_cast<bool>(r) == expected);
    CHECK(accepts_tenders(state) == expected);
    if (!expected) CHECK(r.error().code == ErrorCode::application_transition_refused);
  }
}
