// auction_sim: live auctions played by simulated bidders with simple strategies, through the real
// auction core, second by second, with a plot of the price over time (simulations/auction_sim).
//
//   auction_sim english BIDDERS SEED SVG TRANSCRIPT
//       A land parcel sold by ascending auction (start 100 million yuan, reserve 120 million,
//       increment 0.5 million, 30 minutes of free bidding, a 3-minute countdown, a hard stop after 4
//       hours). Each bidder values the parcel privately (80% to 200% of the start) and follows one
//       of three strategies: steady (the least raise, some seconds after being outbid), jumper (three
//       increments at once) and sniper (only once the countdown has under 20 seconds left). Bidders
//       who want to bid in the same second race: their bids reach the auction in a random order and
//       the later ones may fall short of the new price, as in the real room.
//   auction_sim reverse BIDDERS SEED SVG TRANSCRIPT
//       A procurement's reverse auction (expected value 10 million yuan, step 0.5%, 3 rounds, 2-minute
//       turns) among bidders whose floors (the least price each accepts) lie between 70% and 95% of
//       the value; some have non-price coefficients. On its turn a bidder undercuts the best adjusted
//       price when it can stay above its floor, else it passes or lets the turn run out.
// Prints one JSON line with the outcome and the counts, writes the SVG plot, and writes the auction's
// transcript with its outcome (docs/auction-transcript.md), for `gongping auction replay`.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "auction_transcript.hpp"
#include "gongping/matching/english_auction.hpp"
#include "gongping/matching/reverse_auction.hpp"

using namespace gp::matching;
using gp::common::Instant;

namespace {

const Instant kStart = Instant::from_unix_micros(1'800'000'000'000'000);

struct Point {
  double minutes;
  double value;  // million yuan
  int series;    // the plot's line
};

// A step plot of the points (each series' points in time order), one polyline per series, with
// horizontal reference lines.
void write_svg(const std::string& path, const std::string& title, const std::vector<Point>& points, int series,
               const std::vector<std::pair<double, std::string>>& levels, double end_minutes) {
  double lo = 1e300, hi = -1e300;
  for (const auto& p : points) lo = std::min(lo, p.value), hi = std::max(hi, p.value);
  for (const auto& [v, name] : levels) lo = std::min(lo, v), hi = std::max(hi, v);
  const double pad = (hi - lo) * 0.08 + 1e-9;
  lo -= pad;
  hi += pad;
  const double W = 900, H = 480, L = 80, R = 20, T = 40, B = 50;
  auto x = [&](double m) { return L + (W - L - R) * m / std::max(end_minutes, 1e-9); };
  auto y = [&](double v) { return T + (H - T - B) * (hi - v) / (hi - lo); };
  std::ofstream out(path);
  out << "<svg xmlns='http://www.w3.org/2000/svg' width='" << W << "' height='" << H
      << "' font-family='sans-serif' font-size='12'>\n<rect width='100%' height='100%' fill='white'/>\n";
  out << "<text x='" << W / 2 << "' y='22' text-anchor='middle' font-size='15'>" << title << "</text>\n";
  for (int i = 0; i <= 5; ++i) {
    const double v = lo + (hi - lo) * i / 5;
    out << "<line x1='" << L << "' x2='" << W - R << "' y1='" << y(v) << "' y2='" << y(v) << "' stroke='#eee'/>";
    char label[32];
    std::snprintf(label, sizeof label, "%.1f", v);
    out << "<text x='" << L - 6 << "' y='" << y(v) + 4 << "' text-anchor='end'>" << label << "</text>\n";
  }
  for (int i = 0; i <= 6; ++i) {
    const double m = end_minutes * i / 6;
    out << "<text x='" << x(m) << "' y='" << H - B + 18 << "' text-anchor='middle'>" << static_cast<int>(m)
        << "</text>\n";
  }
  out << "<text x='" << (L + W - R) / 2 << "' y='" << H - 10
      << "' text-anchor='middle'>minutes from the start</text>\n";
  out << "<text x='16' y='" << (T + H - B) / 2 << "' transform='rotate(-90 16 " << (T + H - B) / 2
      << ")' text-anchor='middle'>million yuan</text>\n";
  for (const auto& [v, name] : levels) {
    out << "<line x1='" << L << "' x2='" << W - R << "' y1='" << y(v) << "' y2='" << y(v)
        << "' stroke='#c00' stroke-dasharray='6 4'/><text x='" << W - R - 4 << "' y='" << y(v) - 5
        << "' text-anchor='end' fill='#c00'>" << name << "</text>\n";
  }
  static const char* colours[] = {"#1f4e9c", "#e07b00", "#2a8a3e", "#8e2aa8", "#b3261e", "#00838f", "#6d4c41", "#555"};
  for (int s = 0; s < series; ++s) {
    // A price holds until the next one: a step line.
    out << "<polyline fill='none' stroke='" << colours[s % 8] << "' stroke-width='1.6' points='";
    const Point* last = nullptr;
    for (const auto& p : points) {
      if (p.series != s) continue;
      if (last) out << x(p.minutes) << ',' << y(last->value) << ' ';
      out << x(p.minutes) << ',' << y(p.value) << ' ';
      last = &p;
    }
    out << "'/>\n";
  }
  out << "<line x1='" << L << "' x2='" << L << "' y1='" << T << "' y2='" << H - B << "' stroke='#333'/>";
  out << "<line x1='" << L << "' x2='" << W - R << "' y1='" << H - B << "' y2='" << H - B
      << "' stroke='#333'/>\n</svg>\n";
}

// The transcript of an auction played here, with the outcome it reached, written to `path`.
void write_transcript(const std::string& path, const std::string& id, const AuctionTerms& terms,
                      const std::vector<RegisterBidderCommand>& registrations,
                      const std::vector<AuctionBidCommand>& bids, const std::optional<std::string>& winner,
                      std::int64_t price_fen, Instant ended_at) {
  engine::AuctionTranscriptDocument doc;
  doc.transcript.open = {id, terms};
  doc.transcript.registrations = registrations;
  doc.transcript.bids = bids;
  doc.recorded = engine::RecordedAuctionOutcome{winner, price_fen, ended_at};
  std::ofstream(path) << engine::write_auction_transcript(doc) << '\n';
}

double minutes_since_start(Instant at) { return static_cast<double>(at.unix_micros() - kStart.unix_micros()) / 60e6; }

int english(int bidder_count, unsigned seed, const std::string& svg, const std::string& transcript) {
  std::mt19937_64 rng(seed);
  EnglishAuctionTerms t;
  t.starting_price_fen = 100'000'000'00;
  t.reserve_price_fen = 120'000'000'00;
  t.increment.fixed_fen = 500'000'00;
  t.starts_at = kStart;
  t.free_bidding_ends_at = kStart.plus_seconds(1'800);
  t.countdown_seconds = 180;
  t.hard_stop_at = kStart.plus_seconds(4 * 3'600);
  EnglishAuction a(t);
  enum class Strategy { steady, jumper, sniper };
  struct Bidder {
    std::string id;
    std::int64_t valuation;
    Strategy strategy;
    int reaction;  // seconds between being outbid (or the start) and the next bid
    std::int64_t wants_at = 0;
  };
  std::vector<Bidder> bidders;
  std::vector<RegisterBidderCommand> registrations;
  std::vector<AuctionBidCommand> accepted;
  std::uniform_real_distribution<double> share(0.8, 2.0);
  std::uniform_int_distribution<int> reaction(2, 90);
  for (int i = 0; i < bidder_count; ++i) {
    const auto kind = i % 10 < 6 ? Strategy::steady : i % 10 < 8 ? Strategy::jumper : Strategy::sniper;
    bidders.push_back({"E-" + std::to_string(200'000 + i), static_cast<std::int64_t>(t.starting_price_fen * share(rng)),
                       kind, reaction(rng), 0});
    if (!a.register_bidder(bidders.back().id, kStart.plus_seconds(-60))) return 1;
    registrations.push_back({"AU-SIM-EN", bidders.back().id, kStart.plus_seconds(-60)});
    bidders.back().wants_at = reaction(rng) * 4;  // some wait before the first bid
  }
  std::vector<Point> points{{0, t.starting_price_fen / 1e8, 0}};
  std::size_t refused = 0, attempts = 0;
  std::vector<std::string> keys;
  std::vector<std::size_t> ready;
  for (std::int64_t second = 0; !a.ended(); ++second) {
    const Instant now = kStart.plus_seconds(second);
    if (a.advance(now)) break;
    const auto leader = a.leader();
    const auto left = (a.ends_at().unix_micros() - now.unix_micros()) / 1'000'000;
    ready.clear();
    for (std::size_t i = 0; i < bidders.size(); ++i) {
      auto& b = bidders[i];
      if (leader && *leader == i) continue;
      if (a.minimum_next_fen() > b.valuation || second < b.wants_at) continue;
      if (b.strategy == Strategy::sniper && !(now >= t.free_bidding_ends_at && left < 20)) continue;
      ready.push_back(i);
    }
    std::shuffle(ready.begin(), ready.end(), rng);
    for (const auto i : ready) {
      auto& b = bidders[i];
      const std::int64_t raise = b.strategy == Strategy::jumper ? 3 : 1;
      const std::int64_t price =
          std::min(b.valuation, a.current_price_fen() == 0 ? t.starting_price_fen
                                                           : a.current_price_fen() + raise * t.increment.fixed_fen);
      keys.push_back(b.id + "-" + std::to_string(second));
      ++attempts;
      const auto r = a.bid(AuctionBid{keys.back(), b.id, price, now.plus_seconds(0), false});
      if (!r) {
        ++refused;
      } else {
        points.push_back({minutes_since_start(now), price / 1e8, 0});
        accepted.push_back({"AU-SIM-EN", keys.back(), b.id, price, false, now});
      }
      b.wants_at = second + b.reaction;
    }
  }
  const auto& o = *a.outcome();
  points.push_back({minutes_since_start(o.ended_at), o.price_fen / 1e8, 0});
  write_transcript(transcript, "AU-SIM-EN", t, registrations, accepted,
                   o.winner ? std::optional<std::string>(a.bidders().id(*o.winner)) : std::nullopt,
                   o.winner ? o.price_fen : 0, o.ended_at);
  write_svg(svg, "Ascending auction: " + std::to_string(bidder_count) + " bidders, price over time", points, 1,
            {{t.reserve_price_fen / 1e8, "reserve"}, {t.starting_price_fen / 1e8, "start"}},
            minutes_since_start(o.ended_at));
  std::printf(
      "{\"auction\":\"english\",\"bidders\":%d,\"seed\":%u,\"attempts\":%zu,\"accepted\":%zu,\"refused\":%zu,"
      "\"winner\":\"%s\",\"price_fen\":%lld,\"reserve_met\":%s,\"ended_minutes\":%.1f,\"svg\":\"%s\"}\n",
      bidder_count, seed, attempts, a.accepted().size(), refused, o.winner ? a.bidders().id(*o.winner).c_str() : "",
      static_cast<long long>(o.price_fen), o.reserve_met ? "true" : "false", minutes_since_start(o.ended_at),
      svg.c_str());
  return 0;
}

int reverse(int bidder_count, unsigned seed, const std::string& svg, const std::string& transcript) {
  std::mt19937_64 rng(seed);
  ReverseAuctionTerms t;
  t.expected_value_fen = 10'000'000'00;
  t.min_step_bp = 50;
  t.starts_at = kStart;
  std::vector<std::int64_t> floors;
  std::uniform_real_distribution<double> initial(0.90, 1.0), floor_share(0.70, 0.95);
  for (int i = 0; i < bidder_count; ++i) {
    const std::int32_t coefficient = i % 4 == 0 ? 1'000 : 0;
    t.bidders.push_back({"E-" + std::to_string(300'000 + i),
                         static_cast<std::int64_t>(t.expected_value_fen * initial(rng)), coefficient});
    floors.push_back(static_cast<std::int64_t>(t.expected_value_fen * floor_share(rng)));
  }
  ReverseAuction a(t);
  std::vector<Point> points;
  for (int i = 0; i < bidder_count; ++i) points.push_back({0, t.bidders[i].initial_price_fen / 1e8, i});
  std::uniform_int_distribution<int> think(5, 150);  // over 120 s: the turn runs out
  std::size_t bids = 0, passes = 0, timeouts = 0;
  std::vector<std::string> keys;
  std::vector<AuctionBidCommand> accepted;
  Instant now = kStart;
  a.advance(now);
  while (!a.ended()) {
    const auto turn = *a.turn();
    const int delay = think(rng);
    now = Instant::from_unix_micros(turn.starts_at.unix_micros() + delay * 1'000'000LL);
    if (now >= turn.ends_at) {
      ++timeouts;
      a.advance(turn.ends_at);
      continue;
    }
    const auto me = turn.bidder;
    const auto best = a.standings().front();
    const auto coefficient = t.bidders[me].coefficient_bp;
    // Undercut the best adjusted price by a step, in my own price terms, if my floor allows.
    const auto undercut =
        static_cast<std::int64_t>(static_cast<double>(best.price.rounded_fen()) * (10'000 + coefficient) / 10'000) -
        a.step_fen();
    const std::int64_t target = std::min(undercut, a.maximum_next_fen(me));
    keys.push_back(t.bidders[me].bidder + "-" + std::to_string(keys.size()));
    if (best.bidder != me && target >= floors[me]) {
      if (!a.bid(AuctionBid{keys.back(), t.bidders[me].bidder, target, now, false})) return 1;
      accepted.push_back({"AU-SIM-RV", keys.back(), t.bidders[me].bidder, target, false, now});
      ++bids;
      points.push_back({minutes_since_start(now), target / 1e8, static_cast<int>(me)});
    } else {
      if (!a.bid(AuctionBid{keys.back(), t.bidders[me].bidder, 0, now, true})) return 1;
      accepted.push_back({"AU-SIM-RV", keys.back(), t.bidders[me].bidder, 0, true, now});
      ++passes;
    }
  }
  const auto& o = *a.outcome();
  write_transcript(transcript, "AU-SIM-RV", t, {}, accepted, a.bidders().id(o.winner), o.price.price_fen, o.ended_at);
  for (const auto& s : a.standings())
    points.push_back({minutes_since_start(o.ended_at), s.price.price_fen / 1e8, static_cast<int>(s.bidder)});
  std::sort(points.begin(), points.end(), [](const Point& x, const Point& y) { return x.minutes < y.minutes; });
  write_svg(svg, "Reverse auction: " + std::to_string(bidder_count) + " bidders, each one's price over time", points,
            bidder_count, {{t.expected_value_fen / 1e8, "expected value"}}, minutes_since_start(o.ended_at));
  std::printf(
      "{\"auction\":\"reverse\",\"bidders\":%d,\"seed\":%u,\"bids\":%zu,\"passes\":%zu,\"timeouts\":%zu,"
      "\"winner\":\"%s\",\"price_fen\":%lld,\"adjusted_fen\":%lld,\"ended_minutes\":%.1f,\"svg\":\"%s\"}\n",
      bidder_count, seed, bids, passes, timeouts, a.bidders().id(o.winner).c_str(),
      static_cast<long long>(o.price.price_fen), static_cast<long long>(o.price.rounded_fen()),
      minutes_since_start(o.ended_at), svg.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 6 && std::string(argv[1]) == "english") {
    return english(std::stoi(argv[2]), std::stoul(argv[3]), argv[4], argv[5]);
  }
  if (argc == 6 && std::string(argv[1]) == "reverse") {
    return reverse(std::stoi(argv[2]), std::stoul(argv[3]), argv[4], argv[5]);
  }
  std::fprintf(stderr, "usage: auction_sim english|reverse BIDDERS SEED SVG TRANSCRIPT\n");
  return 2;
}
