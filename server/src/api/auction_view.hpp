#pragma once
// An auction as a reader may see it (GET /api/auctions/{id} and the bid's answer): its record, its
// terms, and the engine's live state, filtered by who reads.
//
// - Everyone: the terms but the reserve (until the end), the outcome once decided, and "live": the
//   engine's state as auctions/auction_live_view.hpp filters it for the reader.
// - A bidder: also "you": its registration (and in "live", whether it leads or has the turn).
// - The auction's author and supervisors: the reserve and the registrations with their deposit
//   references.

#include <optional>
#include <string>

#include "gongping/server/accounts/principal.hpp"
#include "gongping/server/auctions/auction_service.hpp"

namespace gp::server::api {

// `engine_state_json`: the engine's state object (docs/engine-protocol.md), when the engine holds the
// auction.
std::string auction_view_json(const auctions::AuctionRecord& record,
                              const std::optional<std::string>& engine_state_json, const accounts::Principal* reader);

}  // namespace gp::server::api
