#pragma once
// EvaluationRoom: one tender's evaluation while the panel scores it (issue 4). It holds the opened
// bids with their price scores (fixed once the room opens: prices do not move), the panel, every
// score given so far as per-bid running tallies, and the bids in rank order.
//
// One expert's score on one criterion of one bid costs O(experts) to re-aggregate, O(log bids) to
// find the bid's old and new places, and O(bids passed) to move it: never a recomputation of the
// room. The update says which rows of the ranking may have changed, which is what the live ranking
// event carries.
//
// With every score in, standing() is exactly evaluate(to_case()): the room and `gongping evaluate`
// cannot disagree. Not thread-safe: the engine's single thread owns its rooms.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gongping/common/result.hpp"
#include "gongping/matching/evaluation_case.hpp"
#include "gongping/matching/evaluation_result.hpp"
#include "gongping/matching/price_scoring.hpp"
#include "gongping/matching/ranking.hpp"
#include "gongping/matching/technical_tally.hpp"

namespace gp::matching {

struct RoomSettings {
  // Alert when an expert's score differs from the panel's median for that bid and criterion by more
  // than this share of the criterion's maximum (with at least 3 scores in).
  Decimal4 deviation_alert_percent = Decimal4::whole(30);
};

struct RankingRow {
  std::string bidder;
  std::int64_t rank = 0;
  bool tied = false;
  std::int64_t technical_hundredths = 0;  // comprehensive only (0 otherwise)
  std::int64_t total_hundredths = 0;
};

struct DeviationAlert {
  std::string expert;
  std::string bidder;
  std::string criterion;
  Decimal4 score;
  Decimal4 median;  // rounded half up to 4 places (an even count's median may fall between)
};

struct RoomUpdate {
  // The rows whose rank, tie or scores may have changed, in rank order, with their places now; every
  // other row kept its place. Empty when the update changed nothing (the same score again).
  std::vector<RankingRow> changed_rows;
  std::vector<DeviationAlert> alerts;  // scores newly found too far from the panel's median
  bool expert_finished = false;        // this update was the expert's last missing score
};

class EvaluationRoom {
 public:
  // The case's scores, if any, are the room's first scores. Refused as check_evaluation_case refuses
  // (scores may be missing).
  static common::Result<EvaluationRoom> open(EvaluationCase setup, RoomSettings settings = {});

  // Sets, replaces or (with nullopt) withdraws one score. not_found for an expert, criterion or
  // bidder the room does not know (a rejected bid is not scored); validation_failed for a score
  // outside [0, max].
  common::Result<RoomUpdate> set_score(std::string_view expert, std::string_view bidder, std::string_view criterion,
                                       std::optional<Decimal4> score);

  bool expert_finished(std::string_view expert) const;
  bool complete() const;  // every expert has scored every criterion of every valid bid
  // The ranking now, as evaluate() reports it (provisional technical scores while incomplete).
  EvaluationResult standing() const;
  // The inputs with every score given so far.
  const EvaluationCase& to_case() const { return case_; }
  // SHA-256 (hex) of the room's inputs (every member of the case and the settings), its scores and
  // its order, in a canonical form: equal digests, equal rooms.
  std::string state_digest() const;

 private:
  struct RoomBid {
    std::size_t case_index = 0;
    PricedBid priced;
    TechnicalTally tally;
    std::int64_t total_hundredths = 0;
  };

  EvaluationRoom(EvaluationCase setup, RoomSettings settings, PriceOutcome prices);
  RankKey key_of(std::size_t room_bid) const;
  std::size_t position_of(std::size_t room_bid) const;                              // in order_
  std::vector<RankingRow> rows_between(std::size_t first, std::size_t last) const;  // positions, inclusive
  std::vector<DeviationAlert> check_deviation(std::size_t room_bid, std::size_t criterion);
  void rescore(std::size_t room_bid);

  EvaluationCase case_;
  RoomSettings settings_;
  PriceOutcome prices_;  // validity, benchmark; prices_.valid[i] is bids_[i].priced
  std::vector<RoomBid> bids_;
  std::vector<std::size_t> order_;  // room bids in rank order
  std::unordered_map<std::string, std::size_t> room_bid_of_;
  std::vector<std::size_t> scores_by_expert_;  // scores given, per expert, over valid bids
  std::vector<bool> alerted_;                  // [(room_bid * criteria + criterion) * experts + expert]
};

}  // namespace gp::matching
