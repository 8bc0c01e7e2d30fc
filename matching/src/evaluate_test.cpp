// evaluate() on hand-made cases: the rules the worked examples do not reach.
#include "gongping/matching/evaluate.hpp"

#include <catch2/catch.hpp>

using namespace gp::matching;

namespace {

EvaluationCase one_criterion_case(Aggregation aggregation, std::size_t experts) {
  EvaluationCase c;
  c.method = EvaluationMethod::comprehensive;
  c.price_formula = PriceFormula::low_price_first;
  c.price_points = Decimal4::whole(30);
  c.criteria = {{"tech", Decimal4::whole(70)}};
  for (std::size_t e = 0; e < experts; ++e) c.experts.push_back("e" + std::to_string(e + 1));
  c.aggregation = aggregation;
  return c;
}

void add_bid(EvaluationCase& c, std::string bidder, std::int64_t price, std::vector<std::int64_t> whole_scores) {
  CaseBid bid;
  bid.bidder = std::move(bidder);
  bid.price_fen = price;
  for (const auto s : whole_scores) bid.scores.push_back({Decimal4::whole(s)});
  c.bids.push_back(std::move(bid));
}

const RankedBid& row_of(const EvaluationResult& r, const std::string& bidder) {
  for (const auto& row : r.results) {
    if (row.bidder == bidder) return row;
  }
  FAIL("no result for " << bidder);
  throw;
}

}  // namespace

TEST_CASE("equal totals rank by evaluated price; equal both share the rank and the next skips",
          "[matching][evaluation]") {
  auto c = one_criterion_case(Aggregation::mean, 1);
  add_bid(c, "cheap", 100, {60});   // 30.00 + 60.00 = 90.00
  add_bid(c, "twin-b", 120, {65});  // 25.00 + 65.00 = 90.00, dearer than "cheap"
  add_bid(c, "twin-a", 120, {65});  // the same as twin-b
  add_bid(c, "last", 150, {10});
  REQUIRE(check_evaluation_case(c).ok());
  const auto r = evaluate(c);
  REQUIRE(r.results.size() == 4);
  CHECK(r.results[0].bidder == "cheap");
  CHECK(r.results[0].rank == 1);
  CHECK_FALSE(r.results[0].tied);
  CHECK(r.results[1].bidder == "twin-a");  // a shared rank lists bidders by id
  CHECK(r.results[2].bidder == "twin-b");
  CHECK(r.results[1].rank == 2);
  CHECK(r.results[2].rank == 2);
  CHECK(r.results[1].tied);
  CHECK(r.results[2].tied);
  CHECK(r.results[3].rank == 4);
}

TEST_CASE("trimmed_mean with five experts drops the highest and the lowest", "[matching][evaluation]") {
  auto c = one_criterion_case(Aggregation::trimmed_mean, 5);
  add_bid(c, "a", 100, {70, 10, 40, 40, 40});
  add_bid(c, "b", 100, {40, 40, 40, 40, 40});
  add_bid(c, "c", 100, {0, 0, 0, 0, 0});
  const auto r = evaluate(c);
  CHECK(row_of(r, "a").technical_score_hundredths == 4000);
  CHECK(row_of(r, "a").rank == 1);
  CHECK(row_of(r, "b").rank == 1);
}

TEST_CASE("abnormally low bids are flagged, not rejected", "[matching][evaluation]") {
  auto c = one_criterion_case(Aggregation::mean, 1);
  c.abnormally_low_percent = Decimal4::whole(20);
  add_bid(c, "low", 79, {10});
  add_bid(c, "edge", 80, {10});
  add_bid(c, "a", 100, {10});
  add_bid(c, "b", 100, {10});
  // low: 80% of the others' mean (80 + 100 + 100) / 3 is 74.67; 79 is not below it.
  CHECK_FALSE(row_of(evaluate(c), "low").abnormally_low);
  c.bids[0].price_fen = 74;
  const auto r = evaluate(c);
  CHECK(row_of(r, "low").abnormally_low);
  CHECK(row_of(r, "low").rank == 1);  // flagged, still ranked
  // edge: 80% of (74 + 100 + 100) / 3 is 73.07; 80 is not below it.
  CHECK_FALSE(row_of(r, "edge").abnormally_low);
}

TEST_CASE("a benchmark_average price score never goes below zero", "[matching][evaluation]") {
  EvaluationCase c;
  c.method = EvaluationMethod::comprehensive;
  c.price_formula = PriceFormula::benchmark_average;
  c.price_points = Decimal4::whole(10);
  c.benchmark =
      BenchmarkParameters{Decimal4::whole(0), std::nullopt, std::nullopt, Decimal4::whole(1), Decimal4::whole(1)};
  for (auto [bidder, price] : {std::pair<const char*, std::int64_t>{"a", 100}, {"b", 100}, {"c", 400}}) {
    CaseBid bid;
    bid.bidder = bidder;
    bid.price_fen = price;
    c.bids.push_back(bid);
  }
  REQUIRE(check_evaluation_case(c).ok());
  const auto r = evaluate(c);
  CHECK(r.benchmark_price_fen == 200);
  CHECK(row_of(r, "c").price_score_hundredths == 0);  // 100% above: 10 - 100 x 1 < 0
  CHECK(row_of(r, "a").price_score_hundredths == 0);  // 50% below
  CHECK(row_of(r, "a").rank == 1);                    // equal totals: the lower price first
}
