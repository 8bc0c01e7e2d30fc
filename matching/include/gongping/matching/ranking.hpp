#pragma once
// Ranking (specs/evaluation-case.md rules 7 and 8). comprehensive: total descending, then evaluated
// price ascending; lowest_price: evaluated price ascending, then price ascending. Bids equal on both
// share a rank and the next rank skips (1, 1, 3). Within a shared rank the bidder id orders the
// output, so that the result never depends on the order bids were given in.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "gongping/matching/decimal4.hpp"
#include "gongping/matching/evaluation_case.hpp"

namespace gp::matching {

struct RankKey {
  std::int64_t total_hundredths = 0;  // comprehensive only
  Int128 evaluated_micro_fen = 0;
  std::int64_t price_fen = 0;
  std::string_view bidder;
};

// Whether a ranks strictly before b (output order, the bidder id breaking a shared rank).
bool ranks_before(EvaluationMethod method, const RankKey& a, const RankKey& b);
// Whether a and b share a rank.
bool shares_rank(EvaluationMethod method, const RankKey& a, const RankKey& b);

struct RankPlace {
  std::int64_t rank = 0;
  bool tied = false;
};

// The places of keys already sorted by ranks_before, in the same order.
std::vector<RankPlace> places_in_order(EvaluationMethod method, const std::vector<RankKey>& sorted);

}  // namespace gp::matching
