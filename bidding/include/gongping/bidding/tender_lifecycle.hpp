#pragma once
// The tender lifecycle (DOMAIN.md "Tender lifecycle"):
//
//   draft -> published -> opening -> evaluating -> awarded -> contracted
//   cancelled: from any state before awarded, with a reason
//   failed:    at the deadline with too few bids, or when evaluation leaves too few valid bids
//
// Pure functions; the caller persists the new state together with its audit entry.

#include <optional>
#include <string_view>

#include "gongping/common/result.hpp"

namespace gp::bidding {

enum class TenderState { draft, published, opening, evaluating, awarded, contracted, cancelled, failed };
enum class TenderEvent { publish, open, fail, start_evaluation, award, sign_contract, cancel };

std::string_view to_string(TenderState state);
std::string_view to_string(TenderEvent event);
std::optional<TenderState> parse_tender_state(std::string_view text);

// The state after `event`, or tender_transition_refused naming the state and the step.
common::Result<TenderState> next_state(TenderState from, TenderEvent event);

// No further step is possible from a terminal state.
bool is_terminal(TenderState state);

// At the bid deadline: open when at least `minimum_bids` bids were received (3 by law), else fail.
// Tendering Law: fewer than three bidders means the tender fails and may be re-tendered.
inline constexpr int kMinimumBidsToOpen = 3;
constexpr TenderEvent event_at_deadline(int bids_received, int minimum_bids = kMinimumBidsToOpen) {
  return bids_received >= minimum_bids ? TenderEvent::open : TenderEvent::fail;
}

}  // namespace gp::bidding
