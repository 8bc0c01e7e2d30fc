#include "gongping/audit/collusion.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace gp::audit::collusion;

namespace {

BidderSignals bidder(const std::string& id, std::int64_t price, const std::string& ip) {
  BidderSignals b;
  b.bidder = id;
  b.price_fen = price;
  b.ip_addresses = {ip};
  b.device_fingerprints = {"dev-" + id};
  b.document_hashes = {"doc-" + id};
  return b;
}

bool has(const std::vector<Indicator>& found, const std::string& kind, std::vector<std::string> bidders) {
  std::sort(bidders.begin(), bidders.end());
  return std::any_of(found.begin(), found.end(),
                     [&](const Indicator& i) { return i.kind == kind && i.bidders == bidders; });
}

}  // namespace

TEST_CASE("honest bidders raise nothing; each shared signal raises its indicator", "[audit][collusion]") {
  TenderSignals t{"T-1", 100'000'00, {}, std::nullopt};
  t.bidders = {bidder("E-1", 91'234'00, "10.0.0.1"), bidder("E-2", 88'120'00, "10.0.0.2"),
               bidder("E-3", 95'010'00, "10.0.0.3")};
  CHECK(tender_indicators(t).empty());

  t.bidders[1].ip_addresses = {"10.0.0.1"};
  t.bidders[1].device_fingerprints = {"dev-E-1"};
  t.bidders[1].document_hashes.push_back("doc-E-1");
  t.bidders[2].bond_account = "6222-0001";
  t.bidders[0].bond_account = "6222-0001";
  t.bidders[2].legal_representative = "张三";
  t.bidders[1].legal_representative = "张三";
  t.bidders[2].controllers = {"E-1"};
  const auto found = tender_indicators(t);
  CHECK(has(found, "same_ip_address", {"E-1", "E-2"}));
  CHECK(has(found, "same_device", {"E-1", "E-2"}));
  CHECK(has(found, "identical_document", {"E-1", "E-2"}));
  CHECK(has(found, "same_bond_account", {"E-1", "E-3"}));
  CHECK(has(found, "same_legal_representative", {"E-2", "E-3"}));
  CHECK(has(found, "control_relationship", {"E-1", "E-3"}));
  const auto ip =
      std::find_if(found.begin(), found.end(), [](const Indicator& i) { return i.kind == "same_ip_address"; });
  CHECK(ip->strength < 0.5);  // a shared IP alone is weak evidence
  CHECK(ip->evidence.find("10.0.0.1") != std::string::npos);
}

TEST_CASE("prices in equal steps or at the same amount are regular", "[audit][collusion]") {
  TenderSignals t{"T-2", 100'000'00, {}, std::nullopt};
  t.bidders = {bidder("E-1", 90'000'00, "a"), bidder("E-2", 92'000'00, "b"), bidder("E-3", 94'000'00, "c"),
               bidder("E-4", 85'311'00, "d")};
  auto found = tender_indicators(t);
  CHECK(has(found, "regular_prices", {"E-1", "E-2", "E-3"}));
  t.bidders[3].price_fen = 94'000'00;
  found = tender_indicators(t);
  CHECK(has(found, "regular_prices", {"E-3", "E-4"}));
}

TEST_CASE("a group taking turns to win, and its cover bidder, show over a history", "[audit][collusion]") {
  std::vector<TenderSignals> history;
  const std::vector<std::string> ring = {"E-1", "E-2", "E-3"};
  for (int i = 0; i < 6; ++i) {
    TenderSignals t{"T-" + std::to_string(i), 100'000'00, {}, std::nullopt};
    const auto& winner = ring[static_cast<std::size_t>(i % 2)];  // E-1 and E-2 alternate; E-3 always covers
    for (const auto& id : ring) {
      const std::int64_t price = id == winner ? 90'000'00 : (id == "E-3" ? 97'000'00 : 95'000'00);
      t.bidders.push_back(bidder(id, price, "x" + id));
    }
    t.bidders.push_back(bidder("E-" + std::to_string(10 + i), 96'500'00, "y"));  // a different honest bidder each time
    t.winner = winner;
    history.push_back(t);
  }
  const auto found = history_indicators(history);
  CHECK(has(found, "rotating_winners", {"E-1", "E-2", "E-3"}));
  CHECK(has(found, "cover_bidding", {"E-1", "E-2", "E-3"}));
  // Honest bidders who met once raise nothing.
  CHECK(std::none_of(found.begin(), found.end(), [](const Indicator& i) {
    return std::find(i.bidders.begin(), i.bidders.end(), "E-10") != i.bidders.end();
  }));
}
