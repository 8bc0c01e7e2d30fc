#include "gongping/matching/price_scoring.hpp"

#include <gmpxx.h>

#include <algorithm>

namespace gp::matching {
namespace {

constexpr std::int64_t kPercentUnits = 100 * Decimal4::kScale;  // 100% in 10^-4 percent = 10^6

mpz_class to_mpz(Int128 value) {
  const bool negative = value < 0;
  const UInt128 magnitude = negative ? -static_cast<UInt128>(value) : static_cast<UInt128>(value);
  mpz_class high(static_cast<unsigned long>(magnitude >> 64));
  mpz_class out(static_cast<unsigned long>(magnitude & 0xFFFF'FFFF'FFFF'FFFFULL));
  out += high << 64;
  return negative ? mpz_class(-out) : out;
}

// floor(numerator / denominator + 1/2) for numerator >= 0 and denominator > 0.
std::int64_t round_half_up(const mpz_class& numerator, const mpz_class& denominator) {
  const mpz_class q = (2 * numerator + denominator) / (2 * denominator);  // truncation = floor here
  return q.get_si();
}

Int128 evaluated_micro_fen(const EvaluationCase& c, const CaseBid& bid) {
  const auto deduction = c.sme_deduction_percent[static_cast<std::size_t>(bid.size)];
  const std::int64_t factor = kPercentUnits - (deduction ? deduction->units : 0);
  return static_cast<Int128>(bid.price_fen) * factor;
}

// Rule 3: price_points x benchmark / evaluated price, in hundredths. In 128 bits: points are at most
// 10^16 units and evaluated prices below 2^53 x 10^6, so 2 x points x lowest + 100 x e < 2^128.
void score_low_price_first(const EvaluationCase& c, PriceOutcome& out) {
  const auto lowest = std::min_element(out.valid.begin(), out.valid.end(), [](const auto& a, const auto& b) {
                        return a.evaluated_micro_fen < b.evaluated_micro_fen;
                      })->evaluated_micro_fen;
  out.benchmark_price_fen = static_cast<std::int64_t>((lowest + kEvaluatedPriceScale / 2) / kEvaluatedPriceScale);
  const UInt128 numerator = static_cast<UInt128>(c.price_points.units) * static_cast<UInt128>(lowest);
  for (auto& bid : out.valid) {
    // points/10^4 x lowest / e, times 100 for hundredths: numerator / (100 e), rounded half up.
    const UInt128 denominator = 100 * static_cast<UInt128>(bid.evaluated_micro_fen);
    bid.price_score_hundredths = static_cast<std::int64_t>((2 * numerator + denominator) / (2 * denominator));
  }
}

// Rule 4: the average-value benchmark and the deviation deductions, in hundredths.
void score_benchmark_average(const EvaluationCase& c, PriceOutcome& out) {
  const auto& params = *c.benchmark;
  std::vector<Int128> prices;
  for (const auto& bid : out.valid) prices.push_back(bid.evaluated_micro_fen);
  std::sort(prices.begin(), prices.end());
  const auto n = static_cast<std::int64_t>(prices.size());
  std::size_t from = 0, to = prices.size();
  if (params.drop_highest_from && n >= *params.drop_highest_from && to - from > 1) --to;
  if (params.drop_lowest_from && n >= *params.drop_lowest_from && to - from > 1) ++from;
  mpz_class kept_sum;
  for (std::size_t i = from; i < to; ++i) kept_sum += to_mpz(prices[i]);
  const mpz_class kept(static_cast<long>(to - from));
  const mpz_class keep_factor(static_cast<long>(kPercentUnits - params.k_percent.units));  // 10^6 (1 - k/100)

  // benchmark (in fen) = kept_sum / kept / 10^6 x keep_factor / 10^6
  const mpz_class benchmark_scaled = kept_sum * keep_factor;  // = benchmark x kept x 10^12
  const mpz_class benchmark_denominator = kept * kEvaluatedPriceScale * kPercentUnits;
  out.benchmark_price_fen = round_half_up(benchmark_scaled, benchmark_denominator);

  const mpz_class points(static_cast<long>(c.price_points.units));
  const mpz_class above(static_cast<long>(params.deduct_above.units));
  const mpz_class below(static_cast<long>(params.deduct_below.units));
  for (auto& bid : out.valid) {
    // price - benchmark = (e x kept x 10^6 - benchmark_scaled) / (kept x 10^12), so the deviation in
    // percent is D = 100 x |difference| / benchmark_scaled (the common denominator cancels).
    const mpz_class difference = to_mpz(bid.evaluated_micro_fen) * kept * kPercentUnits - benchmark_scaled;
    const mpz_class& rate = difference > 0 ? above : below;
    // score x 10^4 = points - rate x D = (points x B - 100 x rate x |diff|) / B, with B = benchmark_scaled
    const mpz_class numerator = points * benchmark_scaled - 100 * rate * abs(difference);
    // hundredths = score x 100 = numerator / (100 x B); max(0, score) before rounding.
    bid.price_score_hundredths = numerator <= 0 ? 0 : round_half_up(numerator, 100 * benchmark_scaled);
  }
}

// Rule 9: below (1 - p/100) x the mean of the other valid bids' evaluated prices. In 128 bits: with at
// most kMaxBids bids of evaluated prices below 2^53 x 10^6, every product here stays below 2^113.
void flag_abnormally_low(const EvaluationCase& c, PriceOutcome& out) {
  if (!c.abnormally_low_percent || out.valid.size() < 2) return;
  Int128 total = 0;
  for (const auto& bid : out.valid) total += bid.evaluated_micro_fen;
  const auto others = static_cast<Int128>(out.valid.size() - 1);
  const Int128 threshold_factor = kPercentUnits - c.abnormally_low_percent->units;
  for (auto& bid : out.valid) {
    const Int128 e = bid.evaluated_micro_fen;
    // e < (f / 10^6) x (total - e) / others  <=>  e x others x 10^6 < f x (total - e)
    bid.abnormally_low = e * others * kPercentUnits < threshold_factor * (total - e);
  }
}

}  // namespace

PriceOutcome score_prices(const EvaluationCase& c) {
  PriceOutcome out;
  for (std::size_t i = 0; i < c.bids.size(); ++i) {
    const auto& bid = c.bids[i];
    if (!bid.responsive) {
      out.rejected.push_back({bid.bidder, RejectionReason::not_responsive});
    } else if (c.ceiling_fen && bid.price_fen > *c.ceiling_fen) {
      out.rejected.push_back({bid.bidder, RejectionReason::above_ceiling});
    } else {
      PricedBid priced;
      priced.bid = i;
      priced.evaluated_micro_fen = evaluated_micro_fen(c, bid);
      priced.evaluated_price_fen =
          static_cast<std::int64_t>((priced.evaluated_micro_fen + kEvaluatedPriceScale / 2) / kEvaluatedPriceScale);
      out.valid.push_back(priced);
    }
  }
  if (static_cast<std::int64_t>(out.valid.size()) < std::max<std::int64_t>(1, c.min_valid_bids)) {
    out.valid.clear();
    return out;
  }
  out.enough_valid_bids = true;
  if (c.method == EvaluationMethod::comprehensive) {
    if (c.price_formula == PriceFormula::low_price_first) {
      score_low_price_first(c, out);
    } else {
      score_benchmark_average(c, out);
    }
  }
  flag_abnormally_low(c, out);
  return out;
}

}  // namespace gp::matching
