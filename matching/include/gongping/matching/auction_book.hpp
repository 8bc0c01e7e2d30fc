#pragma once
// AuctionBook: the live auctions the engine holds, by the caller's auction id (the server uses the
// auction's public id), each an EnglishAuction or a ReverseAuction. It carries out the engine's
// auction commands and says what happened as events: every accepted bid, every turn that passed by
// time (reverse auctions), every auction that ended.
//
// Deterministic like the auctions themselves: the same commands in the same order give the same
// book, which is what the engine's journal and `gongping auction replay` rely on. Time comes only
// with the commands (the server's clock). Not thread-safe: the engine's single thread owns it.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "gongping/common/instant.hpp"
#include "gongping/common/result.hpp"
#include "gongping/matching/english_auction.hpp"
#include "gongping/matching/reverse_auction.hpp"

namespace gp::matching {

using AuctionTerms = std::variant<EnglishAuctionTerms, ReverseAuctionTerms>;

struct OpenAuctionCommand {
  std::string auction;
  AuctionTerms terms;
};
struct RegisterBidderCommand {  // ascending auctions: a bidder whose deposit the server has seen paid
  std::string auction;
  std::string bidder;
  common::Instant at;
};
struct AuctionBidCommand {
  std::string auction;
  std::string key;
  std::string bidder;
  std::int64_t price_fen = 0;
  bool pass = false;
  common::Instant at;
};
// An auction's transcript: its opening, registrations and accepted bids (the first is seq 1).
struct AuctionTranscript {
  OpenAuctionCommand open;
  std::vector<RegisterBidderCommand> registrations;
  std::vector<AuctionBidCommand> bids;
};
struct RestoreAuctionCommand {  // an auction the engine lost, rebuilt in one step from the record
  AuctionTranscript transcript;
};
struct AdvanceAuctionsCommand {  // the server's clock, every second
  common::Instant at;
  std::optional<std::string> auction;  // only this one (a read of it); none: every auction
};
struct AuctionStateCommand {
  std::string auction;
};
struct DropAuctionCommand {  // an ended auction, once the server has stored its outcome
  std::string auction;
  common::Instant at;  // the auction's clock moves here first (an end by time is then seen on replay)
};
struct AnnounceBidCommand {  // publish an accepted bid, once the server has stored it
  std::string auction;
  std::uint32_t seq = 0;
};
struct AuctionBidsCommand {  // the accepted bids after `after_seq` (a server catching up after a crash)
  std::string auction;
  std::uint32_t after_seq = 0;
  std::uint32_t limit = 1000;
};

// An auction as it stands: everything, the reserve included (the server decides who sees what).
// Bidders appear by their ids; `number` is the bidder's place in the auction (0-based: "Bidder #1"
// is number 0).
struct AuctionStanding {
  std::string bidder;
  std::uint32_t number = 0;
  AdjustedPrice price;
  std::uint32_t priced_at_seq = 0;  // 0: the initial price
  std::int32_t rank = 0;            // 1 = best
};
struct AuctionTurn {
  std::int32_t round = 0;  // 0-based
  std::int32_t turn = 0;   // 0-based within the round
  std::string bidder;
  std::uint32_t number = 0;
  common::Instant starts_at;
  common::Instant ends_at;
};
struct AuctionState {
  std::string auction;
  bool english = true;
  std::string phase;  // english: registration, free_bidding, countdown, won, failed; reverse: scheduled, bidding, ended
  common::Instant clock;
  std::vector<std::string> bidders;  // by number; filled in full states only (not in bid and turn events)
  std::uint32_t accepted = 0;        // bids (and passes) accepted so far
  // Ascending auctions.
  std::int64_t current_price_fen = 0;  // 0: no bid yet
  std::optional<std::string> leader;
  std::int64_t minimum_next_fen = 0;
  std::optional<common::Instant> ends_at;  // if no further bid comes
  // Reverse auctions.
  std::optional<AuctionTurn> turn;
  std::vector<AuctionStanding> standings;  // best first
  std::int64_t step_fen = 0;
  // Once ended.
  bool ended = false;
  std::optional<std::string> winner;
  std::int64_t winning_price_fen = 0;
  bool reserve_met = false;  // english
  std::optional<common::Instant> ended_at;
};

struct AuctionBidReply {
  AcceptedBid bid;
  std::string bidder;
  bool replayed = false;
  AuctionState state;  // after the bid (not full)
};

// Events, in the order they happened. A bid is published when the server says it is stored
// (announce), so that no one hears of a bid the record may still lose.
struct AuctionBidEvent {
  AcceptedBid bid;
  std::string bidder;
  AuctionState state;  // after the bid (not full)
};
struct AuctionTurnEvent {  // reverse: a turn ran out, and the next one (or round) began
  AuctionState state;
};
struct AuctionEndedEvent {
  AuctionState state;  // full
};
using AuctionEvent = std::variant<AuctionBidEvent, AuctionTurnEvent, AuctionEndedEvent>;

class AuctionBook {
 public:
  // A new auction; the same id with the same terms again answers its state (a retry); with other
  // terms, conflict. validation_failed for terms that fail check_terms.
  common::Result<AuctionState> open(const OpenAuctionCommand& command);
  common::Result<AuctionState> register_bidder(const RegisterBidderCommand& command, std::vector<AuctionEvent>& events);
  common::Result<AuctionBidReply> bid(const AuctionBidCommand& command, std::vector<AuctionEvent>& events);
  // Every auction's clock to `at`: turn and end events.
  void advance(const AdvanceAuctionsCommand& command, std::vector<AuctionEvent>& events);
  common::Result<AuctionState> state(const std::string& auction) const;
  // conflict while the auction runs; the auction is gone afterwards.
  common::Result<AuctionState> drop(const DropAuctionCommand& command);
  // The stored bid `seq`'s event, with the auction's state now. not_found for an unknown seq.
  common::Result<AuctionState> announce(const AnnounceBidCommand& command, std::vector<AuctionEvent>& events);
  // Rebuilds `transcript`'s auction in one step, publishing nothing (a server restoring an auction
  // the engine lost). conflict when the auction is held already; the refusal of a registration or
  // bid that does not replay (then nothing is kept).
  common::Result<AuctionState> restore(const AuctionTranscript& transcript);
  // The accepted bids after `after_seq`, at most `limit`, as the commands that made them (seq =
  // after_seq + 1 + their index).
  common::Result<std::vector<AuctionBidCommand>> bids(const AuctionBidsCommand& command) const;

  std::size_t size() const { return auctions_.size(); }
  // The commands that rebuild every auction exactly (journal compaction): each auction's opening,
  // its registrations and its accepted bids, in order.
  struct Rebuild {
    OpenAuctionCommand open;
    std::vector<RegisterBidderCommand> registrations;
    std::vector<AuctionBidCommand> bids;
  };
  std::vector<Rebuild> rebuild_commands() const;

 private:
  struct Held {
    std::variant<EnglishAuction, ReverseAuction> auction;
    std::vector<RegisterBidderCommand> registrations;  // for rebuilding
    std::vector<std::string> keys;                     // each accepted bid's key, by seq - 1
  };
  static AuctionState state_of(const std::string& id, const Held& held, bool full);
  // Moves `held`'s clock to `at` and says what time did: a turn that ran out, the end.
  static void advance_held(const std::string& id, Held& held, common::Instant at, std::vector<AuctionEvent>& events);
  common::Result<Held*> find(const std::string& auction);

  std::map<std::string, Held> auctions_;
};

}  // namespace gp::matching
