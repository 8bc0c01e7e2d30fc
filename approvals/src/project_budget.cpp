#include "gongping/approvals/project_budget.hpp"

namespace gp::approvals {

bool accepts_tenders(ApplicationState state) {
  return state == ApplicationState::filed || state == ApplicationState::in_procurement ||
         state == ApplicationState::in_construction;
}

common::Result<void> check_tender_budget(const ProjectBudget& project, common::Money tender_budget) {
  if (!accepts_tenders(project.state)) {
    return common::make_error(common::ErrorCode::application_transition_refused,
                              "Project " + project.code + " is " + std::string(to_string(project.state)) +
                                  "; tenders may carry the code of a filed project until its final acceptance.");
  }
  const auto left = project.approved.fen() - project.committed.fen();
  if (tender_budget.fen() > left) {
    return common::make_error(common::ErrorCode::project_budget_exceeded,
                              "Project " + project.code + " has " + project.approved.to_yuan_string() +
                                  " yuan approved and " + project.committed.to_yuan_string() +
                                  " yuan in its other tenders; this tender's budget of " +
                                  tender_budget.to_yuan_string() + " yuan exceeds what is left by " +
                                  common::Money::from_fen(tender_budget.fen() - left).to_yuan_string() + " yuan.");
  }
  return {};
}

}  // namespace gp::approvals
