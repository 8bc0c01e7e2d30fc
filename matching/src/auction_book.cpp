#include "gongping/matching/auction_book.hpp"

namespace gp::matching {
namespace {

using common::ErrorCode;
using common::Instant;
using common::make_error;

common::Error unknown(const std::string& auction) {
  return make_error(ErrorCode::not_found, "No live auction \"" + auction + "\".");
}

// The (round, turn) a reverse auction is at, or none.
std::optional<std::pair<std::int32_t, std::int32_t>> turn_of(const ReverseAuction& a) {
  const auto t = a.turn();
  if (!t) return std::nullopt;
  return std::pair{t->round, t->turn};
}

}  // namespace

AuctionState AuctionBook::state_of(const std::string& id, const Held& held, bool full) {
  AuctionState s;
  s.auction = id;
  std::visit(
      [&](const auto& a) {
        using T = std::decay_t<decltype(a)>;
        s.clock = a.clock();
        s.accepted = static_cast<std::uint32_t>(a.accepted().size());
        if (full) {
          for (std::size_t i = 0; i < a.bidders().size(); ++i)
            s.bidders.push_back(a.bidders().id(static_cast<std::uint32_t>(i)));
        }
        if constexpr (std::is_same_v<T, EnglishAuction>) {
          s.english = true;
          s.phase = std::string(to_string(a.phase()));
          s.current_price_fen = a.current_price_fen();
          if (const auto leader = a.leader()) s.leader = a.bidders().id(*leader);
          s.minimum_next_fen = a.minimum_next_fen();
          if (const auto& o = a.outcome()) {
            s.ended = true;
            if (o->winner) s.winner = a.bidders().id(*o->winner);
            s.winning_price_fen = o->winner ? o->price_fen : 0;
            s.reserve_met = o->reserve_met;
            s.ended_at = o->ended_at;
          } else {
            s.ends_at = a.ends_at();
          }
        } else {
          s.english = false;
          s.step_fen = a.step_fen();
          if (const auto t = a.turn()) {
            s.turn = AuctionTurn{t->round, t->turn, a.bidders().id(t->bidder), t->bidder, t->starts_at, t->ends_at};
          }
          for (const auto& st : a.standings()) {
            s.standings.push_back({a.bidders().id(st.bidder), st.bidder, st.price, st.priced_at_seq, st.rank});
          }
          if (const auto& o = a.outcome()) {
            s.phase = "ended";
            s.ended = true;
            s.winner = a.bidders().id(o->winner);
            s.winning_price_fen = o->price.price_fen;
            s.ended_at = o->ended_at;
          } else {
            s.phase = s.turn ? "bidding" : "scheduled";
          }
        }
      },
      held.auction);
  return s;
}

void AuctionBook::advance_held(const std::string& id, Held& held, Instant at, std::vector<AuctionEvent>& events) {
  if (auto* english = std::get_if<EnglishAuction>(&held.auction)) {
    if (english->advance(at)) events.push_back(AuctionEndedEvent{state_of(id, held, true)});
    return;
  }
  auto& reverse = std::get<ReverseAuction>(held.auction);
  const auto before = turn_of(reverse);
  const bool ended = reverse.advance(at);
  if (ended) {
    events.push_back(AuctionEndedEvent{state_of(id, held, true)});
  } else if (turn_of(reverse) != before) {
    events.push_back(AuctionTurnEvent{state_of(id, held, false)});
  }
}

common::Result<AuctionBook::Held*> AuctionBook::find(const std::string& auction) {
  const auto it = auctions_.find(auction);
  if (it == auctions_.end()) return unknown(auction);
  return &it->second;
}

common::Result<AuctionState> AuctionBook::open(const OpenAuctionCommand& command) {
  const bool english = std::holds_alternative<EnglishAuctionTerms>(command.terms);
  const auto checked = english ? check_terms(std::get<EnglishAuctionTerms>(command.terms))
                               : check_terms(std::get<ReverseAuctionTerms>(command.terms));
  if (!checked) return checked.error();
  if (const auto it = auctions_.find(command.auction); it != auctions_.end()) {
    const bool same = std::visit(
        [&](const auto& a) {
          using Terms = std::decay_t<decltype(a.terms())>;
          const auto* asked = std::get_if<Terms>(&command.terms);
          return asked && *asked == a.terms();
        },
        it->second.auction);
    if (!same) return make_error(ErrorCode::conflict, "Auction \"" + command.auction + "\" is open with other terms.");
    return state_of(command.auction, it->second, true);
  }
  Held held{
      english
          ? std::variant<EnglishAuction, ReverseAuction>(EnglishAuction(std::get<EnglishAuctionTerms>(command.terms)))
          : std::variant<EnglishAuction, ReverseAuction>(ReverseAuction(std::get<ReverseAuctionTerms>(command.terms))),
      {},
      {}};
  const auto [it, inserted] = auctions_.emplace(command.auction, std::move(held));
  return state_of(command.auction, it->second, true);
}

common::Result<AuctionState> AuctionBook::register_bidder(const RegisterBidderCommand& command,
                                                          std::vector<AuctionEvent>& events) {
  auto held = find(command.auction);
  if (!held) return held.error();
  auto* english = std::get_if<EnglishAuction>(&held.value()->auction);
  if (!english) {
    return make_error(ErrorCode::conflict, "A reverse auction's bidders come with its terms; none register.");
  }
  advance_held(command.auction, *held.value(), command.at, events);
  const std::size_t before = english->bidders().size();
  auto registered = english->register_bidder(command.bidder, command.at);
  if (!registered) return registered.error();
  if (english->bidders().size() > before) held.value()->registrations.push_back(command);
  return state_of(command.auction, *held.value(), true);
}

common::Result<AuctionBidReply> AuctionBook::bid(const AuctionBidCommand& command, std::vector<AuctionEvent>& events) {
  auto found = find(command.auction);
  if (!found) return found.error();
  Held& held = *found.value();
  advance_held(command.auction, held, command.at, events);
  const AuctionBid bid{command.key, command.bidder, command.price_fen, command.at, command.pass};
  auto accepted = std::visit([&](auto& a) { return a.bid(bid); }, held.auction);
  if (!accepted) return accepted.error();
  AuctionBidReply reply{accepted.value().bid, command.bidder, accepted.value().replayed,
                        state_of(command.auction, held, false)};
  if (!reply.replayed) {
    held.keys.push_back(command.key);
    // A reverse bid ends its turn, and may end the auction (the last turn of the last round). The
    // bid itself is published when the server has stored it (announce).
    if (reply.state.ended) events.push_back(AuctionEndedEvent{state_of(command.auction, held, true)});
  }
  return reply;
}

common::Result<AuctionState> AuctionBook::announce(const AnnounceBidCommand& command,
                                                   std::vector<AuctionEvent>& events) {
  const auto it = auctions_.find(command.auction);
  if (it == auctions_.end()) return unknown(command.auction);
  return std::visit(
      [&](const auto& a) -> common::Result<AuctionState> {
        if (command.seq == 0 || command.seq > a.accepted().size()) {
          return make_error(ErrorCode::not_found,
                            "No bid " + std::to_string(command.seq) + " in " + command.auction + ".");
        }
        const auto& bid = a.accepted()[command.seq - 1];
        auto state = state_of(command.auction, it->second, false);
        events.push_back(AuctionBidEvent{bid, a.bidders().id(bid.bidder), state});
        return state;
      },
      it->second.auction);
}

common::Result<AuctionState> AuctionBook::restore(const AuctionTranscript& transcript) {
  const auto& id = transcript.open.auction;
  if (auctions_.contains(id)) return make_error(ErrorCode::conflict, "Auction \"" + id + "\" is held already.");
  AuctionBook scratch;
  std::vector<AuctionEvent> ignored;
  if (auto opened = scratch.open(transcript.open); !opened) return opened.error();
  for (const auto& r : transcript.registrations) {
    if (auto done = scratch.register_bidder(r, ignored); !done) return done.error();
  }
  for (const auto& b : transcript.bids) {
    auto done = scratch.bid(b, ignored);
    if (!done) return done.error();
    if (done.value().replayed) return make_error(ErrorCode::conflict, "Bid key " + b.key + " appears twice.");
  }
  auto node = scratch.auctions_.extract(id);
  auctions_.insert(std::move(node));
  return state_of(id, auctions_.at(id), true);
}

void AuctionBook::advance(const AdvanceAuctionsCommand& command, std::vector<AuctionEvent>& events) {
  if (command.auction) {
    if (const auto it = auctions_.find(*command.auction); it != auctions_.end()) {
      advance_held(it->first, it->second, command.at, events);
    }
    return;
  }
  for (auto& [id, held] : auctions_) advance_held(id, held, command.at, events);
}

common::Result<AuctionState> AuctionBook::state(const std::string& auction) const {
  const auto it = auctions_.find(auction);
  if (it == auctions_.end()) return unknown(auction);
  return state_of(auction, it->second, true);
}

common::Result<AuctionState> AuctionBook::drop(const DropAuctionCommand& command) {
  const auto& auction = command.auction;
  const auto it = auctions_.find(auction);
  if (it == auctions_.end()) return unknown(auction);
  std::vector<AuctionEvent> ignored;  // its end was published when it came
  advance_held(auction, it->second, command.at, ignored);
  auto s = state_of(auction, it->second, true);
  if (!s.ended) return make_error(ErrorCode::conflict, "Auction \"" + auction + "\" has not ended.");
  auctions_.erase(it);
  return s;
}

common::Result<std::vector<AuctionBidCommand>> AuctionBook::bids(const AuctionBidsCommand& command) const {
  const auto it = auctions_.find(command.auction);
  if (it == auctions_.end()) return unknown(command.auction);
  std::vector<AuctionBidCommand> out;
  std::visit(
      [&](const auto& a) {
        const auto& accepted = a.accepted();
        for (std::size_t i = command.after_seq; i < accepted.size() && out.size() < command.limit; ++i) {
          const auto& b = accepted[i];
          out.push_back({command.auction, it->second.keys[i], a.bidders().id(b.bidder), b.price_fen, b.pass, b.at});
        }
      },
      it->second.auction);
  return out;
}

std::vector<AuctionBook::Rebuild> AuctionBook::rebuild_commands() const {
  std::vector<Rebuild> out;
  for (const auto& [id, held] : auctions_) {
    Rebuild r;
    r.open.auction = id;
    r.registrations = held.registrations;
    std::visit(
        [&](const auto& a) {
          r.open.terms = a.terms();
          for (const auto& b : a.accepted()) {
            r.bids.push_back({id, held.keys[b.seq - 1], a.bidders().id(b.bidder), b.price_fen, b.pass, b.at});
          }
        },
        held.auction);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace gp::matching
