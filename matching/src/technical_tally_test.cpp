#include "gongping/matching/technical_tally.hpp"

#include <catch2/catch.hpp>

using namespace gp::matching;

namespace {
Decimal4 d(double points) { return Decimal4{static_cast<std::int64_t>(points * 10000 + (points >= 0 ? 0.5 : -0.5))}; }
}  // namespace

TEST_CASE("the technical score is the sum over criteria of the experts' mean", "[matching][tally]") {
  TechnicalTally tally(3, 2, Aggregation::mean);
  CHECK(tally.hundredths() == 0);
  tally.set(0, 0, d(10));
  tally.set(1, 0, d(11));
  tally.set(2, 0, d(11));  // mean 10.6666... -> criterion 0 alone: 10.67
  CHECK(tally.hundredths() == 1067);
  CHECK_FALSE(tally.complete());
  tally.set(0, 1, d(5));
  tally.set(1, 1, d(5));
  tally.set(2, 1, d(5.005));  // mean 5.001666...; sum 15.668333... -> 15.67
  CHECK(tally.complete());
  CHECK(tally.hundredths() == 1567);
}

TEST_CASE("rounding happens once, on the exact sum, half up", "[matching][tally]") {
  // Two criteria each averaging 0.0025: rounded separately they would give 0.00 + 0.00; the sum 0.005
  // rounds half up to 0.01.
  TechnicalTally tally(2, 2, Aggregation::mean);
  for (std::size_t c = 0; c < 2; ++c) {
    tally.set(0, c, d(0.0050));
    tally.set(1, c, d(0));
  }
  CHECK(tally.hundredths() == 1);
}

TEST_CASE("trimmed_mean drops one highest and one lowest from five or more scores", "[matching][tally]") {
  TechnicalTally tally(5, 1, Aggregation::trimmed_mean);
  const double scores[] = {10, 40, 20, 30, 0};
  for (std::size_t e = 0; e < 4; ++e) tally.set(e, 0, d(scores[e]));
  CHECK(tally.hundredths() == 2500);  // four scores: a plain mean of 10, 40, 20, 30
  tally.set(4, 0, d(scores[4]));
  CHECK(tally.hundredths() == 2000);  // five: 0 and 40 dropped, mean of 10, 20, 30
}

TEST_CASE("changing and withdrawing a score moves the total at once", "[matching][tally]") {
  TechnicalTally tally(2, 3, Aggregation::mean);
  for (std::size_t e = 0; e < 2; ++e) {
    for (std::size_t c = 0; c < 3; ++c) tally.set(e, c, d(6));
  }
  CHECK(tally.hundredths() == 1800);
  tally.set(1, 2, d(9));  // criterion 2: mean 7.5
  CHECK(tally.hundredths() == 1950);
  CHECK(tally.score(1, 2) == d(9));
  tally.set(1, 2, std::nullopt);  // criterion 2 now has one score (6): provisional 6 + 6 + 6
  CHECK_FALSE(tally.complete());
  CHECK_FALSE(tally.score(1, 2).has_value());
  CHECK(tally.hundredths() == 1800);
  tally.set(0, 0, d(7));  // criterion 0: (7 + 6) / 2 = 6.5; criterion 2 still one score: 6.5 + 6 + 6
  CHECK(tally.hundredths() == 1850);
}

TEST_CASE("criteria with different numbers of scores so far add as exact fractions", "[matching][tally]") {
  TechnicalTally tally(3, 2, Aggregation::mean);
  tally.set(0, 0, d(1));
  tally.set(1, 0, d(0));
  tally.set(2, 0, d(0));  // 1/3
  tally.set(0, 1, d(1));
  tally.set(1, 1, d(0));  // 1/2 -> 5/6 = 0.8333 -> 0.83
  CHECK(tally.hundredths() == 83);
}

TEST_CASE("loading a whole bid's scores at once equals setting them one by one", "[matching][tally]") {
  const std::vector<std::vector<std::optional<Decimal4>>> scores = {
      {d(1), d(2.5)}, {d(3), std::nullopt}, {d(0.0001), d(7)}, {d(4), d(4)}, {d(9), d(1)}};
  for (const auto aggregation : {Aggregation::mean, Aggregation::trimmed_mean}) {
    TechnicalTally loaded(5, 2, aggregation), one_by_one(5, 2, aggregation);
    loaded.load(scores);
    for (std::size_t e = 0; e < 5; ++e) {
      for (std::size_t c = 0; c < 2; ++c) one_by_one.set(e, c, scores[e][c]);
    }
    CHECK(loaded.hundredths() == one_by_one.hundredths());
    CHECK_FALSE(loaded.complete());
    loaded.set(1, 1, d(2));
    CHECK(loaded.complete());
  }
}
