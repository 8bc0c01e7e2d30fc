#pragma once
// EvaluationResult: the outcome of evaluating a case (specs/evaluation-case.md, "Output"). Scores
// are exact hundredths, reported by the JSON adapter as decimal strings with two places.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gp::matching {

enum class RejectionReason { not_responsive, above_ceiling };
std::string_view to_string(RejectionReason reason);

struct RejectedBid {
  std::string bidder;
  RejectionReason reason = RejectionReason::not_responsive;
};

struct RankedBid {
  std::string bidder;
  std::int64_t rank = 0;  // 1-based; tied bids share a rank and the next rank skips (1, 1, 3)
  bool tied = false;
  std::int64_t evaluated_price_fen = 0;  // rounded half up; ranking used the exact value
  // comprehensive only:
  std::optional<std::int64_t> price_score_hundredths;
  std::optional<std::int64_t> technical_score_hundredths;
  std::optional<std::int64_t> total_hundredths;
  bool abnormally_low = false;  // reported as the flag "abnormally_low"
};

enum class EvaluationStatus { completed, failed };

struct EvaluationResult {
  EvaluationStatus status = EvaluationStatus::completed;
  std::optional<std::int64_t> benchmark_price_fen;  // comprehensive and completed only
  std::vector<RankedBid> results;                   // rank order; empty when failed
  std::vector<RejectedBid> rejected;                // in the case's bid order
  // failed only: always "insufficient_valid_bids" in version 1 of the spec.
  static constexpr std::string_view kInsufficientValidBids = "insufficient_valid_bids";
};

}  // namespace gp::matching
