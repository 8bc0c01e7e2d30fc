#pragma once
// The lifecycle of an informatization project application (DOMAIN.md "Informatization project
// filing"; issue 5):
//
//   draft -> submitted -> completeness_check -> compliance_review -> expert_review
//         -> approved -> filed -> in_procurement -> in_construction -> accepted -> evaluated -> closed
//   expert_review -> rejected (final)
//   completeness_check | compliance_review | expert_review -> returned -> draft (a new version)
//
// `compliance_review` is the duplicate-construction and compliance review. Each step belongs to one
// role: the department drafts, submits and revises; the data bureau's reviewer checks, reviews,
// decides, files, accepts and evaluates; procurement and construction start from the tender side
// (the platform). Pure: the caller records the audit entry and the time.

#include <optional>
#include <string_view>

#include "gongping/common/result.hpp"
#include "gongping/common/role.hpp"

namespace gp::approvals {

enum class ApplicationState {
  draft,
  submitted,
  completeness_check,
  compliance_review,
  expert_review,
  approved,
  returned,
  rejected,
  filed,
  in_procurement,
  in_construction,
  accepted,
  evaluated,
  closed,
};

enum class ApplicationEvent {
  submit,               // department
  start_check,          // reviewer: takes the application up for the completeness check
  pass_completeness,    // reviewer
  pass_compliance,      // reviewer: duplicates resolved, compliance findings handled
  approve,              // reviewer: with an approved budget <= the requested one
  reject,               // reviewer
  return_for_revision,  // reviewer: with reasons
  revise,               // department: the returned application becomes a new draft version
  file,                 // reviewer: the project code is issued
  start_procurement,    // platform: the first tender carrying the code is published
  start_construction,   // platform: the first contract is signed
  accept,               // reviewer: final acceptance
  evaluate,             // reviewer: performance evaluation
  close,                // reviewer
};

inline constexpr int kApplicationStates = 14;
inline constexpr int kApplicationEvents = 14;

std::string_view to_string(ApplicationState state);
std::string_view to_string(ApplicationEvent event);
std::optional<ApplicationState> parse_application_state(std::string_view text);
std::optional<ApplicationEvent> parse_application_event(std::string_view text);

// Who may take the step: nullopt for steps the platform takes itself.
std::optional<common::Role> responsible_role(ApplicationEvent event);

// The state after `event`, or application_transition_refused naming the state and the step.
common::Result<ApplicationState> next_application_state(ApplicationState from, ApplicationEvent event);

// No further step: rejected, closed.
bool is_final(ApplicationState state);

}  // namespace gp::approvals
