#pragma once
// What both kinds of live auction share: a bid as the engine receives it (the server's clock, the
// bidder, the price, the bidder's idempotency key), a bid the auction accepted, the bidders of one
// auction numbered in the order they joined, and the idempotency book that keeps a retried bid from
// being recorded twice.
//
// Prices are integer fen. An auction's bids are numbered 1, 2, 3… in the order accepted; that
// number (`seq`) is what the transcript, the events and the database all key on.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gongping/common/instant.hpp"
#include "gongping/common/result.hpp"

namespace gp::matching {

// The largest price an auction takes: 2^53 fen, so that every price travels exactly as a JSON number.
inline constexpr std::int64_t kMaxAuctionPriceFen = 9'007'199'254'740'992;
inline constexpr std::int64_t kMicrosPerSecond = 1'000'000;

// A price as the auctions' refusals name it: "1,010,000.00 yuan".
std::string yuan_words(std::int64_t fen);

struct AuctionBid {
  std::string_view key;     // the bidder's idempotency key for this bid (1 to 64 bytes, checked by the adapter)
  std::string_view bidder;  // the enterprise's public id, "E-000123"
  std::int64_t price_fen = 0;
  common::Instant at;  // the server's clock when the bid arrived
  bool pass = false;   // reverse auctions: the bidder keeps its price and ends its turn
};

// A bid the auction accepted. `bidder` is the bidder's number in its auction (AuctionBidders).
struct AcceptedBid {
  std::uint32_t seq = 0;  // 1-based, in acceptance order
  std::uint32_t bidder = 0;
  std::int64_t price_fen = 0;  // a pass carries the price it kept
  common::Instant at;
  bool pass = false;
};

// The answer to a bid: the bid as accepted, and whether it was accepted just now or earlier (a
// retry with the same key and the same bid).
struct BidAcceptance {
  AcceptedBid bid;
  bool replayed = false;
};

// Hashes std::string and std::string_view alike, so that maps keyed by string are searched with a
// view and no copy.
struct TransparentStringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};
template <class V>
using StringMap = std::unordered_map<std::string, V, TransparentStringHash, std::equal_to<>>;

// One auction's bidders, numbered 0, 1, 2… in the order they joined (shown as "Bidder #1", #2…).
class AuctionBidders {
 public:
  // The bidder's number; a bidder already there keeps its number.
  std::uint32_t add(std::string_view bidder);
  std::optional<std::uint32_t> find(std::string_view bidder) const;
  const std::string& id(std::uint32_t number) const { return ids_[number]; }
  std::size_t size() const { return ids_.size(); }

 private:
  std::vector<std::string> ids_;
  StringMap<std::uint32_t> numbers_;
};

// Keys of accepted bids → their seq. A key seen before answers with its bid when the retry is the
// same bid (bidder, price, pass), and idempotency_key_reused otherwise.
class IdempotencyBook {
 public:
  // The earlier acceptance of the key, an error when the key was used for another bid, or nothing
  // when the key is new.
  std::optional<common::Result<BidAcceptance>> recall(std::string_view key, std::uint32_t bidder, const AuctionBid& bid,
                                                      const std::vector<AcceptedBid>& accepted) const;
  void remember(std::string_view key, std::uint32_t seq) { seqs_.emplace(std::string(key), seq); }
  void reserve(std::size_t n) { seqs_.reserve(n); }

 private:
  StringMap<std::uint32_t> seqs_;
};

}  // namespace gp::matching
