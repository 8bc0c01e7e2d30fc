#include "evaluation_test_support.hpp"

namespace gp::matching::testing {
namespace {

Decimal4 random_decimal(std::mt19937_64& rng, std::int64_t max_units, bool coarse) {
  std::uniform_int_distribution<std::int64_t> units(0, max_units);
  const auto v = units(rng);
  return Decimal4{coarse ? v - v % 5000 : v};  // coarse: halves only, so that ties happen
}

}  // namespace

EvaluationCase random_case(std::mt19937_64& rng) {
  auto pick = [&](int n) { return static_cast<int>(std::uniform_int_distribution<int>(0, n - 1)(rng)); };
  EvaluationCase c;
  c.method = pick(4) == 0 ? EvaluationMethod::lowest_price : EvaluationMethod::comprehensive;
  c.price_formula = pick(2) == 0 ? PriceFormula::low_price_first : PriceFormula::benchmark_average;
  c.min_valid_bids = 1 + pick(3);
  if (pick(2)) c.ceiling_fen = 500 + pick(2000);
  for (auto& d : c.sme_deduction_percent) {
    if (pick(3) == 0) d = random_decimal(rng, 300000, pick(2));
  }
  if (pick(2)) c.abnormally_low_percent = random_decimal(rng, 400000, pick(2));
  c.price_points = random_decimal(rng, 1000000, pick(2));
  if (c.price_formula == PriceFormula::benchmark_average) {
    BenchmarkParameters b;
    b.k_percent = random_decimal(rng, 100000, pick(2));
    if (pick(2)) b.drop_highest_from = 1 + pick(8);
    if (pick(2)) b.drop_lowest_from = 1 + pick(8);
    b.deduct_above = random_decimal(rng, 30000, pick(2));
    b.deduct_below = random_decimal(rng, 30000, pick(2));
    c.benchmark = b;
  }
  const int criteria = pick(4);
  for (int k = 0; k < criteria; ++k) {
    c.criteria.push_back({"c" + std::to_string(k), Decimal4{10000 * (1 + pick(50))}});
  }
  const int experts = criteria == 0 ? pick(3) : 1 + pick(7);
  for (int e = 0; e < experts; ++e) c.experts.push_back("x" + std::to_string(e));
  c.aggregation = pick(2) ? Aggregation::mean : Aggregation::trimmed_mean;
  const int bids = pick(12);
  const bool coarse_prices = pick(2);
  for (int i = 0; i < bids; ++i) {
    CaseBid bid;
    bid.bidder = "b" + std::to_string(i);
    bid.price_fen = coarse_prices ? 100 * (1 + pick(20)) : 1 + pick(2500);
    bid.size = static_cast<EnterpriseSize>(pick(4));
    bid.responsive = pick(10) != 0;
    if (criteria > 0) {
      bid.scores.assign(static_cast<std::size_t>(experts), std::vector<std::optional<Decimal4>>(criteria));
      const bool coarse = pick(2);
      for (auto& by_expert : bid.scores) {
        for (std::size_t k = 0; k < by_expert.size(); ++k) {
          by_expert[k] = random_decimal(rng, c.criteria[k].max.units, coarse);
        }
      }
    }
    c.bids.push_back(std::move(bid));
  }
  return c;
}

// The result's figures as one comparable text, rejected list aside.
std::string ranking_text(const EvaluationResult& r) {
  std::string out = r.status == EvaluationStatus::failed ? "failed" : "completed";
  if (r.benchmark_price_fen) out += " B" + std::to_string(*r.benchmark_price_fen);
  for (const auto& row : r.results) {
    out += " | " + row.bidder + " #" + std::to_string(row.rank) + (row.tied ? "=" : "") + " e" +
           std::to_string(row.evaluated_price_fen);
    if (row.total_hundredths) {
      out += " p" + std::to_string(*row.price_score_hundredths) + " t" +
             std::to_string(*row.technical_score_hundredths) + " =" + std::to_string(*row.total_hundredths);
    }
    if (row.abnormally_low) out += " low";
  }
  return out;
}

}  // namespace gp::matching::testing
