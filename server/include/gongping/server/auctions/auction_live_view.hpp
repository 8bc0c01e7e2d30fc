#pragma once
// An auction's live state (the engine's state object, docs/engine-protocol.md) as one audience may
// see it, for the auction's page and its WebSocket room alike:
// - everyone: the phase, the clock, the number of bids, the current price, the least next bid, when
//   it ends if no bid comes, the step; reverse auctions: whose turn and every price with its
//   adjustment, bidders by label ("Bidder #N"); once ended: the winner and the price;
// - a bidder: also "you": whether it leads (ascending), whether it is its turn and which standing is
//   its own (reverse);
// - the auction's author and supervisors: also who leads, the bidders' ids and whether the reserve
//   was met.

#include <optional>
#include <string>
#include <string_view>

namespace gp::server::auctions {

struct AuctionAudience {
  bool staff = false;
  std::optional<std::string> bidder;  // an enterprise's public id
};

// The live object as JSON; "{}" when the state does not read.
std::string live_view_json(std::string_view engine_state_json, const AuctionAudience& audience);

// A bid as an audience may see it: {"seq","price_fen","pass","at"}, plus "bidder" for staff and
// "yours": true for the bidder who made it. "{}" when the bid does not read.
std::string live_bid_json(std::string_view engine_bid_json, const AuctionAudience& audience);

}  // namespace gp::server::auctions
