#pragma once
// The expert review of an informatization application (DOMAIN.md: necessity, compliance,
// feasibility, security, reasonableness of the budget; issue 5: "expert review reuses the panel draw
// of the evaluation core; experts from the applying department are excluded").
//
// Who may review: experts of the pool listing the review specialty, minus those who work or worked
// for the applying department. The draw order itself is matching::draw_order (the caller's), so a
// review panel is drawn exactly as a tender's is and can be re-run by anyone from the audit log.
// Each seated expert scores four dimensions from 0 to 100; the summary gives their means. Pure.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gongping/common/result.hpp"

namespace gp::approvals {

struct ReviewCandidate {
  std::string id;  // public account id
  std::vector<std::string> specialties;
  std::vector<std::string> departments;  // government departments the expert works or worked for
};

struct ReviewExclusion {
  std::string id;
  std::string reason;
};

struct ReviewPool {
  std::vector<std::string> eligible;  // sorted ids
  std::vector<ReviewExclusion> excluded;
};

// Candidates listing `specialty`, less those tied to `applying_department` (names compared exactly,
// after trimming spaces). Candidates without the specialty are left out silently, as in a tender's draw.
ReviewPool review_pool(const std::vector<ReviewCandidate>& candidates, std::string_view applying_department,
                       std::string_view specialty);

// A review panel has an odd number of members, 3 to 15.
common::Result<void> check_review_panel_size(std::size_t size);

struct ReviewScores {
  int necessity = 0;
  int feasibility = 0;
  int security = 0;
  int budget = 0;  // reasonableness of the budget
};

inline constexpr int kMaxReviewScore = 100;

// validation_failed naming every dimension outside 0..100.
common::Result<void> check_review_scores(const ReviewScores& scores);

struct ReviewSummary {
  std::size_t reviews = 0;
  // Means in hundredths of a point, rounded half up: 8150 is 81.50.
  std::int64_t necessity = 0;
  std::int64_t feasibility = 0;
  std::int64_t security = 0;
  std::int64_t budget = 0;
  std::int64_t overall = 0;  // the mean of the four means
};

ReviewSummary summarise_reviews(const std::vector<ReviewScores>& reviews);

}  // namespace gp::approvals
