#include "gongping/approvals/application_lifecycle.hpp"

#include <array>
#include <string>

#include "gongping/common/enum_names.hpp"

namespace gp::approvals {
namespace {

using S = ApplicationState;
using E = ApplicationEvent;

struct Transition {
  S from;
  E event;
  S to;
};

constexpr std::array<Transition, 16> kTransitions = {{
    {S::draft, E::submit, S::submitted},
    {S::submitted, E::start_check, S::completeness_check},
    {S::completeness_check, E::pass_completeness, S::compliance_review},
    {S::completeness_check, E::return_for_revision, S::returned},
    {S::compliance_review, E::pass_compliance, S::expert_review},
    {S::compliance_review, E::return_for_revision, S::returned},
    {S::expert_review, E::approve, S::approved},
    {S::expert_review, E::reject, S::rejected},
    {S::expert_review, E::return_for_revision, S::returned},
    {S::returned, E::revise, S::draft},
    {S::approved, E::file, S::filed},
    {S::filed, E::start_procurement, S::in_procurement},
    {S::in_procurement, E::start_construction, S::in_construction},
    {S::in_construction, E::accept, S::accepted},
    {S::accepted, E::evaluate, S::evaluated},
    {S::evaluated, E::close, S::closed},
}};

constexpr std::array<std::string_view, kApplicationStates> kStateNames = {
    "draft",    "submitted", "completeness_check", "compliance_review", "expert_review", "approved",  "returned",
    "rejected", "filed",     "in_procurement",     "in_construction",   "accepted",      "evaluated", "closed"};

constexpr std::array<std::string_view, kApplicationEvents> kEventNames = {
    "submit", "start_check", "pass_completeness", "pass_compliance",    "approve", "reject",   "return_for_revision",
    "revise", "file",        "start_procurement", "start_construction", "accept",  "evaluate", "close"};

}  // namespace

std::string_view to_string(ApplicationState state) { return common::enum_name(kStateNames, state); }
std::string_view to_string(ApplicationEvent event) { return common::enum_name(kEventNames, event); }

std::optional<ApplicationState> parse_application_state(std::string_view text) {
  return common::enum_from_name<ApplicationState>(kStateNames, text);
}

std::optional<ApplicationEvent> parse_application_event(std::string_view text) {
  return common::enum_from_name<ApplicationEvent>(kEventNames, text);
}

std::optional<common::Role> responsible_role(ApplicationEvent event) {
  switch (event) {
    case E::submit:
    case E::revise: return common::Role::department;
    case E::start_procurement:
    case E::start_construction: return std::nullopt;
    default: return common::Role::reviewer;
  }
}

common::Result<ApplicationState> next_application_state(ApplicationState from, ApplicationEvent event) {
  for (const auto& t : kTransitions) {
    if (t.from == from && t.event == event) return t.to;
  }
  return common::make_error(common::ErrorCode::application_transition_refused,
                            "An application that is " + std::string(to_string(from)) + " cannot take the step \"" +
                                std::string(to_string(event)) + "\".");
}

bool is_final(ApplicationState state) { return state == S::rejected || state == S::closed; }

}  // namespace gp::approvals
