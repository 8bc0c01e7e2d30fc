#pragma once
// A reverse auction that follows a tender's evaluation of the non-price parts: its bidders are
// among the tender's opened bids, each starting from the price its sealed bid opened at, so that
// the auction only lowers prices actually offered and no one types them by hand. The official
// names who takes part (a bidder the evaluation disqualified stays out; the terms are in the audit
// log), gives each a coefficient (the non-price evaluation's weight, 0 to 30%), and the auction's
// own terms.
//
// Blocking (reads the tender and its opening record): run on the worker pool.

#include <cstdint>
#include <string>
#include <vector>

#include "gongping/common/result.hpp"
#include "gongping/matching/reverse_auction.hpp"
#include "gongping/server/accounts/principal.hpp"
#include "gongping/server/opening/opening_service.hpp"
#include "gongping/server/tenders/tender_service.hpp"

namespace gp::server::auctions {

struct TenderBidders {
  std::string tender;  // canonical id
  std::int64_t budget_fen = 0;
  std::vector<matching::ReverseAuctionBidder> bidders;  // in the opening record's order, coefficient 0
};

// The opened bids of `tender`: validation_failed (field "tender") unless it is the official's own
// tender, opened and not yet awarded, with at least two bids opened at a price.
common::Result<TenderBidders> tender_bidders(tenders::TenderService& tenders, opening::OpeningService& opening,
                                             const accounts::Principal& official, const std::string& tender);

// The reverse auction's terms (JSON object text, as POST /api/auctions takes them) with their
// bidders' starting prices from the tender: the bidders the terms list (each with its coefficient_bp;
// an initial_price_fen given must be the opened price), or every opened bid at coefficient 0 when
// they list none; expected_value_fen defaults to the tender's budget. validation_failed naming a
// listed bidder that has no bid opened at a price, or a price that differs from the record.
common::Result<std::string> terms_from_tender(const std::string& terms_json, const TenderBidders& from);

}  // namespace gp::server::auctions
