#include "gongping/matching/technical_tally.hpp"

#include <gmpxx.h>

#include <algorithm>

namespace gp::matching {

TechnicalTally::TechnicalTally(std::size_t experts, std::size_t criteria, Aggregation aggregation)
    : experts_(experts),
      criteria_(criteria),
      aggregation_(aggregation),
      scores_(experts * criteria, kAbsent),
      sums_by_divisor_(experts + 1, 0),
      aggregates_(criteria) {}

std::optional<Decimal4> TechnicalTally::score(std::size_t expert, std::size_t criterion) const {
  const auto units = scores_[criterion * experts_ + expert];
  if (units == kAbsent) return std::nullopt;
  return Decimal4{units};
}

TechnicalTally::CriterionAggregate TechnicalTally::aggregate_of(std::size_t criterion) const {
  const std::int64_t* first = scores_.data() + criterion * experts_;
  CriterionAggregate out;
  std::int64_t highest = INT64_MIN, lowest = INT64_MAX;
  for (std::size_t e = 0; e < experts_; ++e) {
    if (first[e] == kAbsent) continue;
    out.sum += first[e];
    ++out.divisor;
    highest = std::max(highest, first[e]);
    lowest = std::min(lowest, first[e]);
  }
  if (aggregation_ == Aggregation::trimmed_mean && out.divisor >= 5) {
    out.sum -= highest + lowest;
    out.divisor -= 2;
  }
  return out;
}

void TechnicalTally::set(std::size_t expert, std::size_t criterion, std::optional<Decimal4> score) {
  auto& slot = scores_[criterion * experts_ + expert];
  const bool had = slot != kAbsent;
  if (!had && !score) return;
  if (had && !score) --scored_;
  if (!had) ++scored_;
  slot = score ? score->units : kAbsent;
  auto& old = aggregates_[criterion];
  sums_by_divisor_[static_cast<std::size_t>(old.divisor)] -= old.sum;
  old = aggregate_of(criterion);
  sums_by_divisor_[static_cast<std::size_t>(old.divisor)] += old.sum;
}

void TechnicalTally::load(const std::vector<std::vector<std::optional<Decimal4>>>& scores_by_expert) {
  std::fill(scores_.begin(), scores_.end(), kAbsent);
  scored_ = 0;
  for (std::size_t e = 0; e < scores_by_expert.size(); ++e) {
    for (std::size_t k = 0; k < scores_by_expert[e].size(); ++k) {
      if (!scores_by_expert[e][k]) continue;
      scores_[k * experts_ + e] = scores_by_expert[e][k]->units;
      ++scored_;
    }
  }
  std::fill(sums_by_divisor_.begin(), sums_by_divisor_.end(), 0);
  for (std::size_t k = 0; k < criteria_; ++k) {
    aggregates_[k] = aggregate_of(k);
    sums_by_divisor_[static_cast<std::size_t>(aggregates_[k].divisor)] += aggregates_[k].sum;
  }
}

std::int64_t TechnicalTally::hundredths() const {
  // score = sum over d >= 1 of sums_[d] / d / 10^4 points; hundredths = round(score x 100).
  std::size_t only = 0;
  int divisors = 0;
  for (std::size_t d = 1; d < sums_by_divisor_.size(); ++d) {
    if (sums_by_divisor_[d] != 0) {
      only = d;
      ++divisors;
    }
  }
  if (divisors == 0) return 0;
  if (divisors == 1) {  // the usual case, and always the case once complete: one fraction
    const Int128 numerator = sums_by_divisor_[only];
    const Int128 denominator = static_cast<Int128>(only) * 100;  // 10^4 / 100
    return static_cast<std::int64_t>((2 * numerator + denominator) / (2 * denominator));
  }
  // Criteria with different numbers of scores so far: a sum of fractions over their common multiple.
  mpz_class common = 1;
  for (std::size_t d = 1; d < sums_by_divisor_.size(); ++d) {
    if (sums_by_divisor_[d] != 0) mpz_lcm_ui(common.get_mpz_t(), common.get_mpz_t(), d);
  }
  mpz_class numerator = 0;
  for (std::size_t d = 1; d < sums_by_divisor_.size(); ++d) {
    if (sums_by_divisor_[d] != 0) numerator += mpz_class(static_cast<long>(sums_by_divisor_[d])) * (common / d);
  }
  const mpz_class denominator = common * 100;
  return mpz_class((2 * numerator + denominator) / (2 * denominator)).get_si();
}

}  // namespace gp::matching
