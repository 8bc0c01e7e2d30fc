#include "gongping/matching/evaluate.hpp"

#include <algorithm>
#include <numeric>

#include "gongping/matching/price_scoring.hpp"
#include "gongping/matching/ranking.hpp"
#include "gongping/matching/technical_tally.hpp"

namespace gp::matching {

EvaluationResult evaluate(const EvaluationCase& c) {
  auto prices = score_prices(c);
  EvaluationResult result;
  result.rejected = std::move(prices.rejected);
  if (!prices.enough_valid_bids) {
    result.status = EvaluationStatus::failed;
    return result;
  }
  const bool comprehensive = c.method == EvaluationMethod::comprehensive;
  if (comprehensive) result.benchmark_price_fen = prices.benchmark_price_fen;

  std::vector<RankedBid> rows;
  std::vector<RankKey> keys;
  TechnicalTally tally(c.experts.size(), c.criteria.size(), c.aggregation);  // reloaded for each bid
  for (const auto& priced : prices.valid) {
    const auto& bid = c.bids[priced.bid];
    RankedBid row;
    row.bidder = bid.bidder;
    row.evaluated_price_fen = priced.evaluated_price_fen;
    row.abnormally_low = priced.abnormally_low;
    RankKey key{0, priced.evaluated_micro_fen, bid.price_fen, bid.bidder};
    if (comprehensive) {
      tally.load(bid.scores);
      row.price_score_hundredths = priced.price_score_hundredths;
      row.technical_score_hundredths = tally.hundredths();
      row.total_hundredths = *row.price_score_hundredths + *row.technical_score_hundredths;
      key.total_hundredths = *row.total_hundredths;
    }
    rows.push_back(std::move(row));
    keys.push_back(key);
  }

  std::vector<std::size_t> order(rows.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return ranks_before(c.method, keys[a], keys[b]); });
  std::vector<RankKey> sorted_keys;
  for (const auto i : order) sorted_keys.push_back(keys[i]);
  const auto places = places_in_order(c.method, sorted_keys);
  for (std::size_t i = 0; i < order.size(); ++i) {
    auto& row = rows[order[i]];
    row.rank = places[i].rank;
    row.tied = places[i].tied;
    result.results.push_back(std::move(row));
  }
  return result;
}

}  // namespace gp::matching
