#include "gongping/approvals/expert_review.hpp"

#include <algorithm>

namespace gp::approvals {
namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// The mean of `total` over `n` in hundredths, rounded half up (totals are never negative).
std::int64_t mean_hundredths(std::int64_t total, std::size_t n) {
  const auto count = static_cast<std::int64_t>(n);
  return (total * 100 * 2 + count) / (2 * count);
}

}  // namespace

ReviewPool review_pool(const std::vector<ReviewCandidate>& candidates, std::string_view applying_department,
                       std::string_view specialty) {
  ReviewPool pool;
  const auto department = trimmed(applying_department);
  for (const auto& c : candidates) {
    if (std::find(c.specialties.begin(), c.specialties.end(), specialty) == c.specialties.end()) continue;
    const bool tied = std::any_of(c.departments.begin(), c.departments.end(),
                                  [&](const std::string& d) { return trimmed(d) == department; });
    if (tied) {
      pool.excluded.push_back({c.id, "works or worked for the applying department, " + std::string(department)});
    } else {
      pool.eligible.push_back(c.id);
    }
  }
  std::sort(pool.eligible.begin(), pool.eligible.end());
  std::sort(pool.excluded.begin(), pool.excluded.end(),
            [](const ReviewExclusion& a, const ReviewExclusion& b) { return a.id < b.id; });
  return pool;
}

common::Result<void> check_review_panel_size(std::size_t size) {
  if (size < 3 || size > 15 || size % 2 == 0) {
    return common::Error::validation({{"panel_size", "a review panel has an odd number of members, 3 to 15"}});
  }
  return {};
}

common::Result<void> check_review_scores(const ReviewScores& scores) {
  std::vector<common::FieldError> errors;
  const auto check = [&](const char* name, int value) {
    if (value < 0 || value > kMaxReviewScore) errors.push_back({name, "must be 0 to 100"});
  };
  check("necessity", scores.necessity);
  check("feasibility", scores.feasibility);
  check("security", scores.security);
  check("budget", scores.budget);
  if (!errors.empty()) return common::Error::validation(std::move(errors));
  return {};
}

ReviewSummary summarise_reviews(const std::vector<ReviewScores>& reviews) {
  ReviewSummary s;
  s.reviews = reviews.size();
  if (reviews.empty()) return s;
  std::int64_t n = 0, f = 0, sec = 0, b = 0;
  for (const auto& r : reviews) {
    n += r.necessity;
    f += r.feasibility;
    sec += r.security;
    b += r.budget;
  }
  s.necessity = mean_hundredths(n, reviews.size());
  s.feasibility = mean_hundredths(f, reviews.size());
  s.security = mean_hundredths(sec, reviews.size());
  s.budget = mean_hundredths(b, reviews.size());
  s.overall = mean_hundredths(n + f + sec + b, reviews.size() * 4);
  return s;
}

}  // namespace gp::approvals
