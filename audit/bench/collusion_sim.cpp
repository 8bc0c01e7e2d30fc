// simulations/collusion_sim: a generated market with planted collusion rings and innocent
// look-alikes, run through the collusion indicators (audit/collusion.hpp); prints, per indicator,
// how many it raised, how many of those concern bidders of one ring only (precision) and how many
// of the planted signals it found (recall).
//
// The market (fixed seed, so every run prints the same figures):
// - HONEST firms bid independently: prices 80-99% of the ceiling, their own device and documents,
//   addresses from a shared pool of office networks (so unrelated firms sometimes share an IP);
//   some pairs of honest firms sit in the same co-working space (same IP) and a few use the same bid
//   agent as contact person: the look-alikes.
// - RINGS of 3-5 firms bid together in some tenders. In each, one member (in turn) is meant to win;
//   the others cover it with prices in equal steps above it; the last member never wins (a pure
//   cover bidder). Members betray themselves at random:
//   the same device (50%), one bond account (30%), the same document author (40%), the same IP
//   (60%), an identical document (10%), the same legal representative (5%).
// - The winner is the lowest price.
//
//   collusion_sim [TENDERS=600] [SEED=20261127]     (SHOW_FALSE_ALARMS=1 lists the false alarms)
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "gongping/audit/collusion.hpp"

using namespace gp::audit::collusion;

namespace {

struct Counts {
  std::size_t raised = 0, true_positive = 0, planted = 0, found = 0;
};

std::string firm(int i) { return "E-" + std::to_string(100000 + i); }

}  // namespace

int main(int argc, char** argv) {
  const int tenders = argc > 1 ? std::atoi(argv[1]) : 600;
  const unsigned seed = argc > 2 ? static_cast<unsigned>(std::atoi(argv[2])) : 20261127u;
  std::mt19937_64 rng(seed);
  const auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  const auto pick = [&](int n) { return static_cast<int>(std::uniform_int_distribution<int>(0, n - 1)(rng)); };

  constexpr int kHonest = 400, kRings = 10, kOfficeNetworks = 250;
  std::vector<std::vector<int>> rings;
  std::map<int, int> ring_of;  // firm -> ring
  int next_firm = kHonest;
  for (int r = 0; r < kRings; ++r) {
    std::vector<int> members;
    for (int k = 0, n = 3 + pick(3); k < n; ++k) members.push_back(next_firm), ring_of[next_firm++] = r;
    rings.push_back(members);
  }
  // Look-alikes: honest pairs in one co-working space, honest firms sharing one bid agent.
  std::map<int, std::string> coworking, agent;
  for (int i = 0; i < 40; i += 2) coworking[i] = coworking[i + 1] = "coworking-" + std::to_string(i);
  for (int i = 40; i < 52; ++i) agent[i] = "agent-" + std::to_string(i / 4);
  const auto same_ring = [&](const std::vector<std::string>& bidders) {
    std::set<int> ids;
    for (const auto& b : bidders) {
      const int n = std::atoi(b.c_str() + 2) - 100000;
      ids.insert(ring_of.count(n) ? ring_of[n] : -1 - n);
    }
    return ids.size() == 1 && *ids.begin() >= 0;
  };

  std::map<std::string, Counts> counts;
  std::vector<TenderSignals> history;
  std::vector<int> turn(kRings, 0);
  std::map<int, std::size_t> ring_tenders;
  for (int t = 0; t < tenders; ++t) {
    TenderSignals tender{"T-" + std::to_string(t), (50 + pick(950)) * 100'000LL, {}, std::nullopt};
    std::set<int> present;
    const auto add_honest = [&](int f) {
      if (!present.insert(f).second) return;
      BidderSignals b;
      b.bidder = firm(f);
      b.price_fen = tender.ceiling_fen * (80 + pick(20)) / 100 + pick(100'000);
      b.ip_addresses = {coworking.count(f) && chance(0.7) ? coworking[f]
                                                          : "net-" + std::to_string(pick(kOfficeNetworks))};
      b.device_fingerprints = {"device-" + std::to_string(f)};
      b.document_hashes = {"doc-" + std::to_string(t) + "-" + std::to_string(f)};
      b.document_authors = {"author-" + std::to_string(f)};
      b.bond_account = "account-" + std::to_string(f);
      b.legal_representative = "rep-" + std::to_string(f);
      b.contact_person = agent.count(f) ? agent[f] : "contact-" + std::to_string(f);
      tender.bidders.push_back(b);
    };
    // Rings go for the tenders few others bid on: there they meet 1 to 3 honest bidders, elsewhere 3 to 8.
    const bool ring_tender = chance(0.30);
    for (int k = 0, n = ring_tender ? 1 + pick(3) : 3 + pick(6); k < n; ++k) add_honest(pick(kHonest));
    if (chance(0.15)) add_honest(pick(20) * 2), add_honest(pick(20) * 2 + 1);  // co-working neighbours may meet
    if (chance(0.10)) add_honest(40 + pick(12)), add_honest(40 + pick(12));    // so may the agent's clients
    std::map<std::string, bool> planted;
    if (ring_tender) {
      const int r = pick(kRings);
      const auto& members = rings[static_cast<std::size_t>(r)];
      ++ring_tenders[r];
      // The winner rotates among all members but the last, who only ever covers.
      const int winner = members[static_cast<std::size_t>(turn[static_cast<std::size_t>(r)]++) % (members.size() - 1)];
      const std::int64_t low = tender.ceiling_fen * (80 + pick(8)) / 100;
      const std::int64_t step = tender.ceiling_fen * (2 + pick(3)) / 100;
      const bool device = chance(0.5), bond = chance(0.3), author = chance(0.4), ip = chance(0.6), doc = chance(0.1),
                 rep = chance(0.05);
      int rank = 1;
      for (const int m : members) {
        BidderSignals b;
        b.bidder = firm(m);
        b.price_fen = m == winner ? low : low + step * rank++;
        b.ip_addresses = {ip ? "ring-net-" + std::to_string(r) : "net-" + std::to_string(pick(kOfficeNetworks))};
        b.device_fingerprints = {device ? "ring-device-" + std::to_string(r) : "device-" + std::to_string(m)};
        b.document_hashes = {doc ? "ring-doc-" + std::to_string(t)
                                 : "doc-" + std::to_string(t) + "-" + std::to_string(m)};
        b.document_authors = {author ? "ring-author-" + std::to_string(r) : "author-" + std::to_string(m)};
        b.bond_account = bond ? "ring-account-" + std::to_string(r) : "account-" + std::to_string(m);
        b.legal_representative = rep ? "ring-rep-" + std::to_string(r) : "rep-" + std::to_string(m);
        b.contact_person = "contact-" + std::to_string(m);
        tender.bidders.push_back(b);
      }
      planted = {{"same_device", device},
                 {"same_bond_account", bond},
                 {"same_document_author", author},
                 {"same_ip_address", ip},
                 {"identical_document", doc},
                 {"same_legal_representative", rep},
                 {"regular_prices", members.size() >= 3}};
    }
    // The winner: the lowest price.
    const auto lowest =
        std::min_element(tender.bidders.begin(), tender.bidders.end(),
                         [](const BidderSignals& a, const BidderSignals& b) { return *a.price_fen < *b.price_fen; });
    tender.winner = lowest->bidder;
    const auto found = tender_indicators(tender);
    std::set<std::string> kinds_found_for_ring;
    for (const auto& i : found) {
      auto& c = counts[i.kind];
      if (std::getenv("SHOW_FALSE_ALARMS") && !same_ring(i.bidders))
        std::printf("  false alarm: %s %s\n", i.kind.c_str(), i.evidence.c_str());
      ++c.raised;
      if (same_ring(i.bidders)) ++c.true_positive, kinds_found_for_ring.insert(i.kind);
    }
    for (const auto& [kind, was] : planted) {
      if (!was) continue;
      ++counts[kind].planted;
      if (kinds_found_for_ring.count(kind)) ++counts[kind].found;
    }
    history.push_back(std::move(tender));
  }

  // Across the history: every ring that met often enough is planted for both indicators.
  const auto across = history_indicators(history);
  std::set<int> rings_found_rotating, rings_found_cover;
  for (const auto& i : across) {
    auto& c = counts[i.kind];
    if (std::getenv("SHOW_FALSE_ALARMS") && !same_ring(i.bidders)) {
      std::string who;
      for (const auto& b : i.bidders)
        who += " " + b + (ring_of.count(std::atoi(b.c_str() + 2) - 100000) ? "(ring)" : "");
      std::printf("  false alarm: %s%s: %s\n", i.kind.c_str(), who.c_str(), i.evidence.c_str());
    }
    ++c.raised;
    if (same_ring(i.bidders)) {
      ++c.true_positive;
      const int r = ring_of[std::atoi(i.bidders.front().c_str() + 2) - 100000];
      (i.kind == "rotating_winners" ? rings_found_rotating : rings_found_cover).insert(r);
    }
  }
  for (const auto& [r, n] : ring_tenders) {
    if (n < 3) continue;
    ++counts["rotating_winners"].planted;
    ++counts["cover_bidding"].planted;
  }
  counts["rotating_winners"].found = rings_found_rotating.size();
  counts["cover_bidding"].found = rings_found_cover.size();

  std::printf("collusion_sim: %d tenders, %d honest firms, %d rings (seed %u)\n", tenders, kHonest, kRings, seed);
  std::printf("%-26s %7s %7s %9s %8s %9s\n", "indicator", "raised", "in-ring", "precision", "planted", "recall");
  for (const auto& [kind, c] : counts) {
    const double precision = c.raised ? static_cast<double>(c.true_positive) / static_cast<double>(c.raised) : 1.0;
    const double recall = c.planted ? static_cast<double>(c.found) / static_cast<double>(c.planted) : 1.0;
    std::printf("%-26s %7zu %7zu %9.3f %8zu %9.3f\n", kind.c_str(), c.raised, c.true_positive, precision, c.planted,
                recall);
  }
  return 0;
}
