#pragma once
// The tie between a filed project and its tenders (issue 5, "Tie to trading"): a tender may carry a
// filed project's code; its budget plus the budgets of the project's other live tenders must stay
// within the project's approved budget, or publishing is refused.
//
// Live tenders are those published and not cancelled or failed: a cancelled or failed tender gives its
// budget back to the project. Pure: the caller sums the other tenders under a lock on the project.

#include <string>

#include "gongping/approvals/application_lifecycle.hpp"
#include "gongping/common/money.hpp"
#include "gongping/common/result.hpp"

namespace gp::approvals {

struct ProjectBudget {
  std::string code;  // "GD-2026-000123"
  ApplicationState state = ApplicationState::filed;
  common::Money approved;
  common::Money committed;  // the budgets of the project's other live tenders
};

// Whether tenders may be published under a project in `state`: filed, in procurement or in
// construction (a later lot).
bool accepts_tenders(ApplicationState state);

// application_transition_refused when the project is not in such a state; project_budget_exceeded,
// with the figures in yuan, when `tender_budget` does not fit in what is left.
common::Result<void> check_tender_budget(const ProjectBudget& project, common::Money tender_budget);

}  // namespace gp::approvals
