#pragma once
// Collusion indicators (DOMAIN.md "Collusion indicators"; Regulations on the Tendering Law Arts. 34
// and 40; issue 6). Each indicator names the bidders it concerns, its evidence and a strength in
// (0, 1]; none is proof, and nothing is decided here: supervisors judge.
//
// Within one tender (computed when it opens):
//   same_legal_representative, control_relationship   (Art. 34: may not bid for the same lot)  1.0
//   same_bond_account                                   (Art. 40: bonds from one account)       0.9
//   identical_document                                  (the same document hash)                0.9
//   same_device                                         (the same device fingerprint)           0.7
//   same_document_author                                (document metadata, after opening)      0.6
//   same_contact_person                                                                          0.6
//   regular_prices        three or more prices in equal steps (to 1 yuan), or two at one price    0.5
//   same_ip_address       alone it was ruled insufficient                                        0.3
// Across tenders (over a history):
//   rotating_winners      a group meeting again and again (each pair in 3+ tenders and in half of
//                         the tenders of the less active of the two), at least two
//                         of them taking turns to win most of their shared tenders               0.4-0.9
//   cover_bidding         a bidder that never wins and keeps losing, priced well above, to the
//                         same partners                                                          0.4-0.9
// Pure and deterministic: indicators come out sorted by tender, kind and bidders.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gp::audit::collusion {

struct BidderSignals {
  std::string bidder;  // public id
  std::optional<std::int64_t> price_fen;
  std::vector<std::string> ip_addresses;
  std::vector<std::string> device_fingerprints;
  std::vector<std::string> document_hashes;
  std::vector<std::string> document_authors;
  std::optional<std::string> bond_account;
  std::optional<std::string> legal_representative;
  std::optional<std::string> contact_person;
  std::vector<std::string> controllers;  // companies or people controlling the bidder
};

struct TenderSignals {
  std::string tender_id;
  std::int64_t ceiling_fen = 0;
  std::vector<BidderSignals> bidders;
  std::optional<std::string> winner;
};

struct Indicator {
  std::string tender_id;  // empty for indicators over a history
  std::string kind;
  std::vector<std::string> bidders;  // sorted
  std::string evidence;
  double strength = 0;
};

std::vector<Indicator> tender_indicators(const TenderSignals& tender);

struct HistoryRules {
  std::size_t min_shared_tenders = 3;  // a group or a cover bidder must meet this many times
  double cover_margin = 0.015;         // a cover bid is at least 1.5% above the winning price
};

std::vector<Indicator> history_indicators(const std::vector<TenderSignals>& history, const HistoryRules& rules = {});

}  // namespace gp::audit::collusion
