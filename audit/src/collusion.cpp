#include "gongping/audit/collusion.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace gp::audit::collusion {
namespace {

using Bidders = std::vector<std::string>;

Bidders sorted(Bidders b) {
  std::sort(b.begin(), b.end());
  b.erase(std::unique(b.begin(), b.end()), b.end());
  return b;
}

// Groups bidders by a shared value; every value held by two or more bidders is one indicator.
template <class Values>
void shared_values(const TenderSignals& t, const char* kind, const char* what, double strength, Values values,
                   std::vector<Indicator>& out) {
  std::map<std::string, std::set<std::string>> holders;
  for (const auto& b : t.bidders) {
    for (const auto& v : values(b)) {
      if (!v.empty()) holders[v].insert(b.bidder);
    }
  }
  for (const auto& [value, who] : holders) {
    if (who.size() < 2) continue;
    out.push_back({t.tender_id, kind, Bidders(who.begin(), who.end()),
                   std::to_string(who.size()) + " bidders share " + what + " " + value, strength});
  }
}

std::vector<std::string> one(const std::optional<std::string>& v) {
  return v ? std::vector{*v} : std::vector<std::string>{};
}

// Three or more prices in equal steps (to 1 yuan), or two or more bidders at the same price.
void regular_prices(const TenderSignals& t, std::vector<Indicator>& out) {
  std::vector<std::pair<std::int64_t, std::string>> prices;
  for (const auto& b : t.bidders) {
    if (b.price_fen) prices.emplace_back(*b.price_fen, b.bidder);
  }
  std::sort(prices.begin(), prices.end());
  if (t.ceiling_fen <= 0) return;
  // The longest run of prices in equal steps (to 1 yuan), among all prices: other bids may fall
  // between a ring's.
  constexpr std::int64_t kTolerance = 100;
  std::vector<std::size_t> best;
  for (std::size_t i = 0; i < prices.size(); ++i) {
    for (std::size_t j = i + 1; j < prices.size(); ++j) {
      const auto gap = prices[j].first - prices[i].first;
      if (gap <= kTolerance) continue;
      std::vector<std::size_t> run = {i, j};
      for (std::size_t k = j + 1; k < prices.size(); ++k) {
        if (std::llabs(prices[k].first - prices[run.back()].first - gap) <= kTolerance) run.push_back(k);
      }
      if (run.size() >= 3 && run.size() > best.size()) best = run;
    }
  }
  for (std::size_t i = 0; i + 1 < prices.size();) {
    std::size_t j = i + 1;
    while (j < prices.size() && prices[j].first == prices[i].first) ++j;
    if (j - i >= 2) {
      Bidders who;
      for (std::size_t k = i; k < j; ++k) who.push_back(prices[k].second);
      out.push_back(
          {t.tender_id, "regular_prices", sorted(who),
           std::to_string(j - i) + " bidders at the same price, " + std::to_string(prices[i].first / 100) + " yuan",
           0.5});
    }
    i = j;
  }
  if (best.size() >= 3) {
    Bidders who;
    for (const auto k : best) who.push_back(prices[k].second);
    const auto gap = prices[best[1]].first - prices[best[0]].first;
    out.push_back({t.tender_id, "regular_prices", sorted(who),
                   std::to_string(best.size()) + " prices in equal steps of " + std::to_string(gap / 100) + " yuan",
                   0.5});
  }
}

struct Meeting {
  std::set<std::string> bidders;
  std::optional<std::string> winner;
  std::map<std::string, std::int64_t> prices;
};

}  // namespace

std::vector<Indicator> tender_indicators(const TenderSignals& t) {
  std::vector<Indicator> out;
  shared_values(
      t, "same_legal_representative", "the legal representative", 1.0,
      [](const BidderSignals& b) { return one(b.legal_representative); }, out);
  shared_values(
      t, "control_relationship", "a controller", 1.0, [](const BidderSignals& b) { return b.controllers; }, out);
  // A bidder controlled by another bidder of the same tender.
  for (const auto& b : t.bidders) {
    for (const auto& c : b.controllers) {
      const bool bids_too =
          std::any_of(t.bidders.begin(), t.bidders.end(), [&](const BidderSignals& o) { return o.bidder == c; });
      if (bids_too) {
        out.push_back({t.tender_id, "control_relationship", sorted({b.bidder, c}), c + " controls " + b.bidder, 1.0});
      }
    }
  }
  shared_values(
      t, "same_bond_account", "the bond account", 0.9, [](const BidderSignals& b) { return one(b.bond_account); }, out);
  shared_values(
      t, "identical_document", "the document", 0.9, [](const BidderSignals& b) { return b.document_hashes; }, out);
  shared_values(
      t, "same_device", "the device", 0.7, [](const BidderSignals& b) { return b.device_fingerprints; }, out);
  shared_values(
      t, "same_document_author", "the document author", 0.6, [](const BidderSignals& b) { return b.document_authors; },
      out);
  shared_values(
      t, "same_contact_person", "the contact person", 0.6, [](const BidderSignals& b) { return one(b.contact_person); },
      out);
  regular_prices(t, out);
  shared_values(
      t, "same_ip_address", "the IP address", 0.3, [](const BidderSignals& b) { return b.ip_addresses; }, out);
  std::sort(out.begin(), out.end(), [](const Indicator& a, const Indicator& b) {
    return std::tie(a.tender_id, a.kind, a.bidders) < std::tie(b.tender_id, b.kind, b.bidders);
  });
  return out;
}

std::vector<Indicator> history_indicators(const std::vector<TenderSignals>& history, const HistoryRules& rules) {
  std::vector<Meeting> meetings;
  for (const auto& t : history) {
    Meeting m;
    for (const auto& b : t.bidders) {
      m.bidders.insert(b.bidder);
      if (b.price_fen) m.prices[b.bidder] = *b.price_fen;
    }
    m.winner = t.winner;
    meetings.push_back(std::move(m));
  }
  // Partners: bidders who met in at least min_shared_tenders tenders, and in at least half of the
  // tenders of the less active of the two. Unrelated firms meet now and then, more often the longer
  // the history; a ring meets nearly every time it bids.
  std::map<std::pair<std::string, std::string>, std::size_t> met;
  std::map<std::string, std::size_t> bids;
  for (const auto& m : meetings) {
    for (auto a = m.bidders.begin(); a != m.bidders.end(); ++a) {
      ++bids[*a];
      for (auto b = std::next(a); b != m.bidders.end(); ++b) ++met[{*a, *b}];
    }
  }
  std::map<std::string, std::set<std::string>> partners;
  for (const auto& [pair, n] : met) {
    const auto fewer = std::min(bids[pair.first], bids[pair.second]);
    if (n < rules.min_shared_tenders || n * 2 < fewer) continue;
    partners[pair.first].insert(pair.second);
    partners[pair.second].insert(pair.first);
  }
  std::vector<Indicator> out;

  // Rotating winners: a group of 3+ bidders, each a partner of every other, whose shared tenders
  // were won by at least two of them, most of the time by one of them.
  std::set<Bidders> groups;
  for (const auto& [bidder, theirs] : partners) {
    Bidders group = {bidder};
    for (const auto& p : theirs) {
      const bool with_all = std::all_of(group.begin(), group.end(),
                                        [&](const std::string& g) { return g == bidder || partners[p].count(g) > 0; });
      if (with_all) group.push_back(p);
    }
    if (group.size() >= 3) groups.insert(sorted(group));
  }
  for (const auto& group : groups) {
    std::size_t together = 0, won_inside = 0;
    std::set<std::string> winners;
    for (const auto& m : meetings) {
      const auto present =
          std::count_if(group.begin(), group.end(), [&](const std::string& g) { return m.bidders.count(g) > 0; });
      if (present < 2) continue;
      ++together;
      if (m.winner && std::find(group.begin(), group.end(), *m.winner) != group.end()) {
        ++won_inside;
        winners.insert(*m.winner);
      }
    }
    if (together < rules.min_shared_tenders || winners.size() < 2 || won_inside * 2 < together) continue;
    const double strength =
        std::min(0.9, 0.2 + 0.05 * static_cast<double>(together) + 0.1 * static_cast<double>(winners.size()));
    out.push_back({"", "rotating_winners", group,
                   std::to_string(group.size()) + " bidders met in " + std::to_string(together) + " tenders; " +
                       std::to_string(winners.size()) + " of them took turns winning " + std::to_string(won_inside),
                   strength});
  }

  // Cover bidding: a bidder that never won, and lost min_shared_tenders+ times to one of its
  // partners, each time priced at least cover_margin above the winner.
  for (const auto& [bidder, theirs] : partners) {
    std::size_t covers = 0;
    std::set<std::string> beneficiaries;
    bool won = false;
    for (const auto& m : meetings) {
      if (!m.bidders.count(bidder) || !m.winner) continue;
      if (*m.winner == bidder) {
        won = true;
        break;
      }
      if (!theirs.count(*m.winner)) continue;
      const auto mine = m.prices.find(bidder);
      const auto winning = m.prices.find(*m.winner);
      if (mine == m.prices.end() || winning == m.prices.end()) continue;
      if (static_cast<double>(mine->second) >= static_cast<double>(winning->second) * (1.0 + rules.cover_margin)) {
        ++covers;
        beneficiaries.insert(*m.winner);
      }
    }
    if (won || covers < rules.min_shared_tenders) continue;
    Bidders who(beneficiaries.begin(), beneficiaries.end());
    who.push_back(bidder);
    out.push_back({"", "cover_bidding", sorted(who),
                   bidder + " never won and lost " + std::to_string(covers) + " times, well above the winner, to " +
                       std::to_string(beneficiaries.size()) + " bidder(s) it keeps meeting",
                   std::min(0.9, 0.2 + 0.1 * static_cast<double>(covers))});
  }
  std::sort(out.begin(), out.end(), [](const Indicator& a, const Indicator& b) {
    return std::tie(a.kind, a.bidders) < std::tie(b.kind, b.bidders);
  });
  return out;
}

}  // namespace gp::audit::collusion
