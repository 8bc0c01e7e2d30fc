// Properties of evaluate() on thousands of random cases, against a brute-force reference that
// follows specs/evaluation-case.md line by line in exact rationals (GMP's mpq_class), sharing no code
// with the implementation.
#include <gmpxx.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <random>

#include "evaluation_test_support.hpp"
#include "gongping/matching/evaluate.hpp"

using namespace gp::matching;
using gp::matching::testing::random_case;
using gp::matching::testing::ranking_text;

namespace {

// ---- the reference ----------------------------------------------------------------------------

mpq_class q(Decimal4 d) { return mpq_class(static_cast<long>(d.units), 10000); }

std::int64_t hundredths_half_up(const mpq_class& x) {  // x >= 0
  const mpq_class shifted = x * 100 + mpq_class(1, 2);
  const mpz_class floor = shifted.get_num() / shifted.get_den();
  return floor.get_si();
}

struct ReferenceRow {
  std::string bidder;
  std::int64_t rank;
  bool tied;
  std::int64_t evaluated_fen, price, tech, total;
  bool abnormally_low;
};

std::vector<ReferenceRow> reference(const EvaluationCase& c, std::optional<std::int64_t>& benchmark_fen) {
  struct Valid {
    const CaseBid* bid;
    mpq_class e;
  };
  std::vector<Valid> valid;
  for (const auto& bid : c.bids) {
    if (!bid.responsive || (c.ceiling_fen && bid.price_fen > *c.ceiling_fen)) continue;
    const auto d = c.sme_deduction_percent[static_cast<std::size_t>(bid.size)].value_or(Decimal4{0});
    valid.push_back({&bid, mpq_class(static_cast<long>(bid.price_fen)) * (1 - q(d) / 100)});
  }
  if (static_cast<std::int64_t>(valid.size()) < c.min_valid_bids) return {};
  const bool comprehensive = c.method == EvaluationMethod::comprehensive;
  mpq_class benchmark;
  if (comprehensive && c.price_formula == PriceFormula::low_price_first) {
    benchmark = std::min_element(valid.begin(), valid.end(), [](auto& a, auto& b) { return a.e < b.e; })->e;
  } else if (comprehensive) {
    std::vector<mpq_class> prices;
    for (const auto& v : valid) prices.push_back(v.e);
    std::sort(prices.begin(), prices.end());
    const auto n = static_cast<std::int64_t>(prices.size());
    if (c.benchmark->drop_highest_from && n >= *c.benchmark->drop_highest_from && prices.size() > 1) prices.pop_back();
    if (c.benchmark->drop_lowest_from && n >= *c.benchmark->drop_lowest_from && prices.size() > 1) {
      prices.erase(prices.begin());
    }
    mpq_class sum = 0;
    for (const auto& p : prices) sum += p;
    benchmark = sum / static_cast<long>(prices.size()) * (1 - q(c.benchmark->k_percent) / 100);
  }
  if (comprehensive) benchmark_fen = hundredths_half_up(benchmark / 100);
  std::vector<ReferenceRow> rows;
  std::vector<mpq_class> exact_e;
  for (const auto& v : valid) {
    ReferenceRow row{v.bid->bidder, 0, false, hundredths_half_up(v.e / 100), 0, 0, 0, false};
    if (comprehensive) {
      mpq_class price_score;
      if (c.price_formula == PriceFormula::low_price_first) {
        price_score = q(c.price_points) * benchmark / v.e;
      } else {
        const mpq_class deviation = abs(v.e - benchmark) / benchmark * 100;
        const auto rate = v.e > benchmark ? c.benchmark->deduct_above : c.benchmark->deduct_below;
        price_score = q(c.price_points) - q(rate) * deviation;
        if (price_score < 0) price_score = 0;
      }
      mpq_class tech = 0;
      for (std::size_t k = 0; k < c.criteria.size(); ++k) {
        std::vector<mpq_class> scores;
        for (std::size_t e = 0; e < c.experts.size(); ++e) scores.push_back(q(*v.bid->scores[e][k]));
        std::sort(scores.begin(), scores.end());
        if (c.aggregation == Aggregation::trimmed_mean && scores.size() >= 5) {
          scores.pop_back();
          scores.erase(scores.begin());
        }
        mpq_class sum = 0;
        for (const auto& s : scores) sum += s;
        tech += sum / static_cast<long>(scores.size());
      }
      row.price = hundredths_half_up(price_score);
      row.tech = hundredths_half_up(tech);
      row.total = row.price + row.tech;
    }
    if (c.abnormally_low_percent && valid.size() >= 2) {
      mpq_class others = 0;
      for (const auto& w : valid) others += w.e;
      others = (others - v.e) / static_cast<long>(valid.size() - 1);
      row.abnormally_low = v.e < (1 - q(*c.abnormally_low_percent) / 100) * others;
    }
    rows.push_back(row);
    exact_e.push_back(v.e);
  }
  // Rank: count who is strictly ahead; tied when someone else is equal on both keys.
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::int64_t ahead = 0;
    for (std::size_t j = 0; j < rows.size(); ++j) {
      if (i == j) continue;
      const bool equal = comprehensive ? rows[j].total == rows[i].total && exact_e[j] == exact_e[i]
                                       : exact_e[j] == exact_e[i] && valid[j].bid->price_fen == valid[i].bid->price_fen;
      const bool before =
          comprehensive ? rows[j].total > rows[i].total || (rows[j].total == rows[i].total && exact_e[j] < exact_e[i])
                        : exact_e[j] < exact_e[i] ||
                              (exact_e[j] == exact_e[i] && valid[j].bid->price_fen < valid[i].bid->price_fen);
      ahead += before ? 1 : 0;
      rows[i].tied = rows[i].tied || equal;
    }
    rows[i].rank = ahead + 1;
  }
  std::sort(rows.begin(), rows.end(),
            [](auto& a, auto& b) { return std::tie(a.rank, a.bidder) < std::tie(b.rank, b.bidder); });
  return rows;
}

std::string reference_text(const EvaluationCase& c) {
  std::optional<std::int64_t> benchmark;
  const auto rows = reference(c, benchmark);
  if (rows.empty()) return "failed";
  std::string out = "completed";
  if (benchmark) out += " B" + std::to_string(*benchmark);
  for (const auto& row : rows) {
    out += " | " + row.bidder + " #" + std::to_string(row.rank) + (row.tied ? "=" : "") + " e" +
           std::to_string(row.evaluated_fen);
    if (c.method == EvaluationMethod::comprehensive) {
      out += " p" + std::to_string(row.price) + " t" + std::to_string(row.tech) + " =" + std::to_string(row.total);
    }
    if (row.abnormally_low) out += " low";
  }
  return out;
}

constexpr int kCases = 3000;

}  // namespace

TEST_CASE("evaluate() agrees with the brute-force reference on random cases", "[matching][properties]") {
  std::mt19937_64 rng(20261127);
  int completed = 0;
  for (int i = 0; i < kCases; ++i) {
    const auto c = random_case(rng);
    REQUIRE(check_evaluation_case(c).ok());
    const auto result = evaluate(c);
    INFO("case " << i);
    REQUIRE(ranking_text(result) == reference_text(c));
    completed += result.status == EvaluationStatus::completed ? 1 : 0;
  }
  CHECK(completed > kCases / 2);  // the generator reaches the interesting part
}

TEST_CASE("rankings do not depend on the order of bids or of experts", "[matching][properties]") {
  std::mt19937_64 rng(7);
  for (int i = 0; i < kCases / 3; ++i) {
    auto c = random_case(rng);
    const auto before = evaluate(c);
    std::shuffle(c.bids.begin(), c.bids.end(), rng);
    std::vector<std::size_t> order(c.experts.size());
    for (std::size_t e = 0; e < order.size(); ++e) order[e] = e;
    std::shuffle(order.begin(), order.end(), rng);
    auto experts = c.experts;
    for (std::size_t e = 0; e < order.size(); ++e) experts[e] = c.experts[order[e]];
    for (auto& bid : c.bids) {
      if (bid.scores.empty()) continue;
      auto scores = bid.scores;
      for (std::size_t e = 0; e < order.size(); ++e) scores[e] = bid.scores[order[e]];
      bid.scores = scores;
    }
    c.experts = experts;
    INFO("case " << i);
    REQUIRE(ranking_text(evaluate(c)) == ranking_text(before));
  }
}

TEST_CASE("with low_price_first, lowering a bid's price never lowers its price score", "[matching][properties]") {
  // (Not a property of benchmark_average, which deducts for bidding below the benchmark too.)
  std::mt19937_64 rng(11);
  int checked = 0;
  for (int i = 0; i < kCases; ++i) {
    auto c = random_case(rng);
    if (c.method != EvaluationMethod::comprehensive || c.price_formula != PriceFormula::low_price_first) continue;
    const auto before = evaluate(c);
    if (before.results.empty()) continue;
    const auto& target = before.results[static_cast<std::size_t>(rng() % before.results.size())];
    auto& bid = *std::find_if(c.bids.begin(), c.bids.end(), [&](auto& b) { return b.bidder == target.bidder; });
    if (bid.price_fen < 2) continue;
    bid.price_fen -= 1 + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(bid.price_fen - 1));
    const auto after = evaluate(c);
    const auto& row =
        *std::find_if(after.results.begin(), after.results.end(), [&](auto& r) { return r.bidder == target.bidder; });
    INFO("case " << i);
    REQUIRE(*row.price_score_hundredths >= *target.price_score_hundredths);
    ++checked;
  }
  CHECK(checked > kCases / 10);
}

TEST_CASE("adding an invalid bid changes nothing but the rejected list", "[matching][properties]") {
  std::mt19937_64 rng(13);
  for (int i = 0; i < kCases / 3; ++i) {
    auto c = random_case(rng);
    const auto before = evaluate(c);
    CaseBid late;
    late.bidder = "zz-invalid";
    late.price_fen = 1;  // the cheapest of all, were it valid
    late.responsive = false;
    c.bids.insert(c.bids.begin() + static_cast<std::ptrdiff_t>(rng() % (c.bids.size() + 1)), late);
    const auto after = evaluate(c);
    INFO("case " << i);
    REQUIRE(ranking_text(after) == ranking_text(before));
    REQUIRE(after.rejected.size() == before.rejected.size() + 1);
  }
}
