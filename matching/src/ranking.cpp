#include "gongping/matching/ranking.hpp"

#include <tuple>

namespace gp::matching {

bool ranks_before(EvaluationMethod method, const RankKey& a, const RankKey& b) {
  if (method == EvaluationMethod::comprehensive) {
    return std::tie(b.total_hundredths, a.evaluated_micro_fen, a.bidder) <
           std::tie(a.total_hundredths, b.evaluated_micro_fen, b.bidder);
  }
  return std::tie(a.evaluated_micro_fen, a.price_fen, a.bidder) <
         std::tie(b.evaluated_micro_fen, b.price_fen, b.bidder);
}

bool shares_rank(EvaluationMethod method, const RankKey& a, const RankKey& b) {
  if (method == EvaluationMethod::comprehensive) {
    return a.total_hundredths == b.total_hundredths && a.evaluated_micro_fen == b.evaluated_micro_fen;
  }
  return a.evaluated_micro_fen == b.evaluated_micro_fen && a.price_fen == b.price_fen;
}

std::vector<RankPlace> places_in_order(EvaluationMethod method, const std::vector<RankKey>& sorted) {
  std::vector<RankPlace> places(sorted.size());
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const bool same_as_previous = i > 0 && shares_rank(method, sorted[i - 1], sorted[i]);
    places[i].rank = same_as_previous ? places[i - 1].rank : static_cast<std::int64_t>(i) + 1;
    if (same_as_previous) places[i - 1].tied = places[i].tied = true;
  }
  return places;
}

}  // namespace gp::matching
