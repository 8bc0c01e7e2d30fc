#pragma once
// EvaluationCase: a tender's evaluation inputs (specs/evaluation-case.md, version 1), as the domain
// holds them once the JSON adapter (matching/engine/evaluation_json.hpp) has read the document.
// check_evaluation_case() enforces the rules the adapter cannot see alone: ranges, duplicates, and
// the scores every valid bid needs.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gongping/common/error.hpp"
#include "gongping/common/result.hpp"
#include "gongping/matching/decimal4.hpp"

namespace gp::matching {

enum class EvaluationMethod { comprehensive, lowest_price };
enum class PriceFormula { low_price_first, benchmark_average };
enum class Aggregation { mean, trimmed_mean };
enum class EnterpriseSize { large, medium, small, micro };
inline constexpr std::size_t kEnterpriseSizes = 4;

std::optional<EvaluationMethod> parse_evaluation_method(std::string_view text);
std::optional<PriceFormula> parse_price_formula(std::string_view text);
std::optional<Aggregation> parse_aggregation(std::string_view text);
std::optional<EnterpriseSize> parse_enterprise_size(std::string_view text);
std::string_view to_string(EnterpriseSize size);

struct BenchmarkParameters {  // benchmark_average only
  Decimal4 k_percent;
  std::optional<std::int64_t> drop_highest_from;  // absent: never
  std::optional<std::int64_t> drop_lowest_from;
  Decimal4 deduct_above;  // points per 1% above the benchmark
  Decimal4 deduct_below;
};

struct Criterion {
  std::string id;
  Decimal4 max;
};

struct CaseBid {
  std::string bidder;
  std::int64_t price_fen = 0;
  EnterpriseSize size = EnterpriseSize::large;
  bool responsive = true;
  // scores[expert][criterion], indexed as EvaluationCase::experts and ::criteria; nullopt where the
  // document gave no score. Either empty (no scores at all) or experts.size() rows.
  std::vector<std::vector<std::optional<Decimal4>>> scores;
};

struct EvaluationCase {
  EvaluationMethod method = EvaluationMethod::comprehensive;
  PriceFormula price_formula = PriceFormula::low_price_first;  // comprehensive only
  std::optional<std::int64_t> ceiling_fen;
  std::int64_t min_valid_bids = 3;
  std::array<std::optional<Decimal4>, kEnterpriseSizes> sme_deduction_percent{};  // by EnterpriseSize
  std::optional<Decimal4> abnormally_low_percent;
  Decimal4 price_points;                         // comprehensive only
  std::optional<BenchmarkParameters> benchmark;  // benchmark_average only
  std::vector<Criterion> criteria;
  std::vector<std::string> experts;
  Aggregation aggregation = Aggregation::mean;
  std::vector<CaseBid> bids;
};

// The price cap: prices are positive integers of fen up to 2^53 - 1, the largest integer every JSON
// reader keeps exact.
inline constexpr std::int64_t kMaxPriceFen = (std::int64_t{1} << 53) - 1;
// At most this many bids in one case: far above any tender, and a bound the exact arithmetic relies on.
inline constexpr std::size_t kMaxBids = 1'000'000;
// Bounds that keep every technical sum exact in 64 bits (99 x 200 x 1,000 points x 10^4 < 2^63), far
// above any real panel or scoring table.
inline constexpr std::size_t kMaxExperts = 99;
inline constexpr std::size_t kMaxCriteria = 200;
inline constexpr std::int64_t kMaxCriterionPoints = 1000;
// Ids (bidders, experts, criteria) are 1 to 64 bytes, as the engine protocol carries them.
inline constexpr std::size_t kMaxIdBytes = 64;

enum class ScoresRequired { all, none };

// validation_failed with exactly one field (its JSON path, e.g. "bids[2].scores.e1.tech") and the
// problem, for the first broken rule in document order; Ok for a case evaluate() accepts. With
// ScoresRequired::none, valid bids may lack scores (an evaluation room still being scored); every
// score given is still checked.
common::Result<void> check_evaluation_case(const EvaluationCase& evaluation_case,
                                           ScoresRequired scores = ScoresRequired::all);

// Whether the bid counts as valid before any price comparison: responsive and not above the ceiling.
bool is_valid_bid(const EvaluationCase& evaluation_case, const CaseBid& bid);

}  // namespace gp::matching
