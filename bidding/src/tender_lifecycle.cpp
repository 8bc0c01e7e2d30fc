#include "gongping/bidding/tender_lifecycle.hpp"

#include <array>

namespace gp::bidding {
namespace {

struct Transition {
  TenderState from;
  TenderEvent event;
  TenderState to;
};

// The whole lifecycle; anything not listed is refused.
constexpr std::array kTransitions = {
    Transition{TenderState::draft, TenderEvent::publish, TenderState::published},
    Transition{TenderState::draft, TenderEvent::cancel, TenderState::cancelled},
    Transition{TenderState::published, TenderEvent::open, TenderState::opening},
    Transition{TenderState::published, TenderEvent::fail, TenderState::failed},
    Transition{TenderState::published, TenderEvent::cancel, TenderState::cancelled},
    Transition{TenderState::opening, TenderEvent::start_evaluation, TenderState::evaluating},
    Transition{TenderState::opening, TenderEvent::fail, TenderState::failed},
    Transition{TenderState::opening, TenderEvent::cancel, TenderState::cancelled},
    Transition{TenderState::evaluating, TenderEvent::award, TenderState::awarded},
    Transition{TenderState::evaluating, TenderEvent::fail, TenderState::failed},
    Transition{TenderState::evaluating, TenderEvent::cancel, TenderState::cancelled},
    Transition{TenderState::awarded, TenderEvent::sign_contract, TenderState::contracted},
};

constexpr std::array<std::pair<TenderState, std::string_view>, 8> kStateNames = {{
    {TenderState::draft, "draft"},
    {TenderState::published, "published"},
    {TenderState::opening, "opening"},
    {TenderState::evaluating, "evaluating"},
    {TenderState::awarded, "awarded"},
    {TenderState::contracted, "contracted"},
    {TenderState::cancelled, "cancelled"},
    {TenderState::failed, "failed"},
}};

}  // namespace

std::string_view to_string(TenderState state) {
  for (const auto& [s, name] : kStateNames) {
    if (s == state) return name;
  }
  return "unknown";
}

std::string_view to_string(TenderEvent event) {
  switch (event) {
    case TenderEvent::publish: return "publish";
    case TenderEvent::open: return "open";
    case TenderEvent::fail: return "fail";
    case TenderEvent::start_evaluation: return "start_evaluation";
    case TenderEvent::award: return "award";
    case TenderEvent::sign_contract: return "sign_contract";
    case TenderEvent::cancel: return "cancel";
  }
  return "unknown";
}

std::optional<TenderState> parse_tender_state(std::string_view text) {
  for (const auto& [s, name] : kStateNames) {
    if (name == text) return s;
  }
  return std::nullopt;
}

common::Result<TenderState> next_state(TenderState from, TenderEvent event) {
  for (const auto& t : kTransitions) {
    if (t.from == from && t.event == event) return t.to;
  }
  return common::make_error(
      common::ErrorCode::tender_transition_refused,
      "A tender that is " + std::string(to_string(from)) + " cannot " + std::string(to_string(event)) + ".");
}

bool is_terminal(TenderState state) {
  for (const auto& t : kTransitions) {
    if (t.from == state) return false;
  }
  return true;
}

}  // namespace gp::bidding
