#pragma once
// Price scoring (specs/evaluation-case.md rules 1-4 and 9): validity, evaluated prices after the SME
// deduction, the benchmark, each valid bid's price score and the abnormally-low flag. Prices do not
// change during an evaluation, so this runs once per case or room; the technical scores are the part
// that moves (technical_tally.hpp).
//
// Exact: evaluated prices are integers of 10^-6 fen; the benchmark and the deviation rules are worked
// out in arbitrary-precision integers, and only the reported figures are rounded (half up).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "gongping/matching/decimal4.hpp"
#include "gongping/matching/evaluation_case.hpp"
#include "gongping/matching/evaluation_result.hpp"

namespace gp::matching {

// 10^6 units of an evaluated price make one fen (the SME deduction is a percentage with four places).
inline constexpr std::int64_t kEvaluatedPriceScale = 1'000'000;

struct PricedBid {
  std::size_t bid = 0;                                 // index into EvaluationCase::bids
  Int128 evaluated_micro_fen = 0;                      // price_fen x (10^6 - deduction in 10^-4 percent), exact
  std::int64_t evaluated_price_fen = 0;                // the same, rounded half up to a fen
  std::optional<std::int64_t> price_score_hundredths;  // comprehensive only
  bool abnormally_low = false;
};

struct PriceOutcome {
  bool enough_valid_bids = false;  // false: the evaluation fails; `valid` is then empty
  std::vector<PricedBid> valid;    // in the case's bid order
  std::vector<RejectedBid> rejected;
  std::optional<std::int64_t> benchmark_price_fen;  // comprehensive only, rounded half up
};

// Precondition: check_evaluation_case(evaluation_case) is Ok.
PriceOutcome score_prices(const EvaluationCase& evaluation_case);

}  // namespace gp::matching
