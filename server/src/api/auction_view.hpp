#pragma once
// An auction as a reader may see it (GET /api/auctions/{id} and the bid's answer): its record, its
// terms, and the engine's live state, filtered by who reads.
//
// - Everyone: the terms but the reserve (until the end), the phase, the current price, the least next
//   bid, when it ends if no bid comes, the number of bids; reverse auctions: whose turn by label
//   ("Bidder #N") and every price with its adjustment; once ended: the winner and the price.
// - A bidder: also "you": its number, whether it leads (ascending), its price, rank and turn
//   (reverse), its registration.
// - The auction's author and supervisors: everything, the bidders' ids, the reserve and the
//   registrations with their deposit references.

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
