#include "gongping/matching/evaluation_case.hpp"

#include <set>

namespace gp::matching {
namespace {

using common::Error;

common::Result<void> problem(std::string field, std::string what) {
  return Error::validation({{std::move(field), std::move(what)}});
}

template <class Enum, std::size_t N>
std::optional<Enum> parse_named(std::string_view text, const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

constexpr std::array<std::string_view, 2> kMethods{"comprehensive", "lowest_price"};
constexpr std::array<std::string_view, 2> kFormulas{"low_price_first", "benchmark_average"};
constexpr std::array<std::string_view, 2> kAggregations{"mean", "trimmed_mean"};
constexpr std::array<std::string_view, kEnterpriseSizes> kSizes{"large", "medium", "small", "micro"};

constexpr Decimal4 kHundred = Decimal4::whole(100);

// A percentage that leaves something of the price: 0 <= p < 100.
common::Result<void> check_percent_below_100(const std::string& field, Decimal4 value) {
  if (value < Decimal4{0} || value >= kHundred) return problem(field, "must be at least 0 and below 100");
  return common::Ok{};
}

common::Result<void> check_not_negative(const std::string& field, Decimal4 value) {
  if (value < Decimal4{0}) return problem(field, "must not be negative");
  return common::Ok{};
}

common::Result<void> check_unique_ids(const std::string& list, const std::vector<std::string>& ids) {
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::string field = list + "[" + std::to_string(i) + "]";
    if (ids[i].empty() || ids[i].size() > kMaxIdBytes) return problem(field, "must be 1 to 64 bytes");
    if (!seen.insert(ids[i]).second) return problem(field, "\"" + ids[i] + "\" is listed twice");
  }
  return common::Ok{};
}

// Paths are spelt out only for a refusal: a 10,000-bid case has 150,000 scores to look at.
common::Result<void> check_scores(const EvaluationCase& c, std::size_t index, ScoresRequired required) {
  const auto& bid = c.bids[index];
  const auto field = [&] { return "bids[" + std::to_string(index) + "].scores"; };
  const bool needed = required == ScoresRequired::all && is_valid_bid(c, bid) && !c.criteria.empty();
  constexpr const char* kMissing = "is missing; a valid bid needs every expert's score on every criterion";
  if (bid.scores.empty()) {
    if (needed) return problem(field(), kMissing);
    return common::Ok{};
  }
  for (std::size_t e = 0; e < c.experts.size(); ++e) {
    for (std::size_t k = 0; k < c.criteria.size(); ++k) {
      const auto at = [&] { return field() + "." + c.experts[e] + "." + c.criteria[k].id; };
      const auto& score = bid.scores[e][k];
      if (!score) {
        if (needed) return problem(at(), kMissing);
        continue;
      }
      if (*score < Decimal4{0} || *score > c.criteria[k].max) {
        return problem(at(), format_decimal4(*score) + " is outside [0, " + format_decimal4(c.criteria[k].max) + "]");
      }
    }
  }
  return common::Ok{};
}

}  // namespace

std::optional<EvaluationMethod> parse_evaluation_method(std::string_view t) {
  return parse_named<EvaluationMethod>(t, kMethods);
}
std::optional<PriceFormula> parse_price_formula(std::string_view t) { return parse_named<PriceFormula>(t, kFormulas); }
std::optional<Aggregation> parse_aggregation(std::string_view t) { return parse_named<Aggregation>(t, kAggregations); }
std::optional<EnterpriseSize> parse_enterprise_size(std::string_view t) {
  return parse_named<EnterpriseSize>(t, kSizes);
}
std::string_view to_string(EnterpriseSize size) { return kSizes[static_cast<std::size_t>(size)]; }

bool is_valid_bid(const EvaluationCase& c, const CaseBid& bid) {
  return bid.responsive && !(c.ceiling_fen && bid.price_fen > *c.ceiling_fen);
}

common::Result<void> check_evaluation_case(const EvaluationCase& c, ScoresRequired scores) {
  if (c.ceiling_fen && (*c.ceiling_fen < 1 || *c.ceiling_fen > kMaxPriceFen)) {
    return problem("ceiling_fen", "must be a positive integer of fen, at most 2^53 - 1");
  }
  if (c.min_valid_bids < 1) return problem("min_valid_bids", "must be at least 1");
  for (std::size_t s = 0; s < kEnterpriseSizes; ++s) {
    if (c.sme_deduction_percent[s]) {
      if (auto ok =
              check_percent_below_100("sme_deduction_percent." + std::string(kSizes[s]), *c.sme_deduction_percent[s]);
          !ok) {
        return ok;
      }
    }
  }
  if (c.abnormally_low_percent) {
    if (auto ok = check_percent_below_100("abnormally_low_percent", *c.abnormally_low_percent); !ok) return ok;
  }
  if (c.method == EvaluationMethod::comprehensive) {
    if (auto ok = check_not_negative("price_points", c.price_points); !ok) return ok;
    if (c.price_formula == PriceFormula::benchmark_average) {
      if (!c.benchmark) return problem("benchmark", "is required with price_formula benchmark_average");
      const auto& b = *c.benchmark;
      if (auto ok = check_percent_below_100("benchmark.k_percent", b.k_percent); !ok) return ok;
      if (b.drop_highest_from && *b.drop_highest_from < 1) {
        return problem("benchmark.drop_highest_from", "must be at least 1");
      }
      if (b.drop_lowest_from && *b.drop_lowest_from < 1) {
        return problem("benchmark.drop_lowest_from", "must be at least 1");
      }
      if (auto ok = check_not_negative("benchmark.deduct_above", b.deduct_above); !ok) return ok;
      if (auto ok = check_not_negative("benchmark.deduct_below", b.deduct_below); !ok) return ok;
    }
  }
  std::vector<std::string> criterion_ids;
  for (const auto& criterion : c.criteria) criterion_ids.push_back(criterion.id);
  if (auto ok = check_unique_ids("criteria", criterion_ids); !ok) return ok;
  if (c.criteria.size() > kMaxCriteria) return problem("criteria", "at most 200 criteria");
  for (std::size_t k = 0; k < c.criteria.size(); ++k) {
    if (c.criteria[k].max <= Decimal4{0} || c.criteria[k].max > Decimal4::whole(kMaxCriterionPoints)) {
      return problem("criteria[" + std::to_string(k) + "].max", "must be above 0 and at most 1000");
    }
  }
  if (c.experts.size() > kMaxExperts) return problem("experts", "at most 99 experts");
  if (auto ok = check_unique_ids("experts", c.experts); !ok) return ok;
  if (!c.criteria.empty() && c.experts.empty()) {
    return problem("experts", "must list at least one expert when there are criteria to score");
  }
  if (c.bids.size() > kMaxBids) return problem("bids", "at most 1,000,000 bids make one case");
  std::set<std::string_view> bidders;
  for (std::size_t i = 0; i < c.bids.size(); ++i) {
    const auto& bid = c.bids[i];
    const std::string field = "bids[" + std::to_string(i) + "]";
    if (bid.bidder.empty() || bid.bidder.size() > kMaxIdBytes)
      return problem(field + ".bidder", "must be 1 to 64 bytes");
    if (!bidders.insert(bid.bidder).second) return problem(field + ".bidder", "\"" + bid.bidder + "\" bids twice");
    if (bid.price_fen < 1 || bid.price_fen > kMaxPriceFen) {
      return problem(field + ".price_fen", "must be a positive integer of fen, at most 2^53 - 1");
    }
    if (!bid.scores.empty() && bid.scores.size() != c.experts.size()) {
      return problem(field + ".scores", "must have one row per listed expert");  // an adapter bug, not input
    }
    for (const auto& row : bid.scores) {
      if (row.size() != c.criteria.size()) return problem(field + ".scores", "must have one score slot per criterion");
    }
    if (auto ok = check_scores(c, i, scores); !ok) return ok;
  }
  return common::Ok{};
}

}  // namespace gp::matching
