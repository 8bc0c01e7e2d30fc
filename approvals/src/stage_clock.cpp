#include "gongping/approvals/stage_clock.hpp"

#include <algorithm>
#include <stdexcept>

namespace gp::approvals {
namespace {

// The nearest-rank percentile of sorted values: the smallest value with at least p% at or below it.
std::int64_t nearest_rank(const std::vector<std::int64_t>& sorted, int percent) {
  const std::size_t n = sorted.size();
  std::size_t rank = (n * static_cast<std::size_t>(percent) + 99) / 100;
  rank = std::clamp<std::size_t>(rank, 1, n);
  return sorted[rank - 1];
}

}  // namespace

StageLimits::StageLimits()
    : days_{{ApplicationState::submitted, 2},          {ApplicationState::completeness_check, 5},
            {ApplicationState::compliance_review, 10}, {ApplicationState::expert_review, 15},
            {ApplicationState::approved, 5},           {ApplicationState::returned, 30}} {}

std::optional<int> StageLimits::working_days(ApplicationState stage) const {
  const auto it = days_.find(stage);
  if (it == days_.end()) return std::nullopt;
  return it->second;
}

void StageLimits::set(ApplicationState stage, int days) {
  if (days < 0 || days > 365) throw std::invalid_argument("a stage limit is 0 to 365 working days");
  if (days == 0) {
    days_.erase(stage);
  } else {
    days_[stage] = days;
  }
}

common::Instant stage_due(common::Instant entered, int working_days, const common::HolidayCalendar& calendar) {
  const auto last_day = calendar.add_working_days(common::shanghai_day_of(entered), working_days);
  return common::shanghai_start_of(last_day.plus_days(1));
}

std::optional<common::Instant> stage_due(ApplicationState stage, common::Instant entered, const StageLimits& limits,
                                         const common::HolidayCalendar& calendar) {
  const auto days = limits.working_days(stage);
  if (!days) return std::nullopt;
  return stage_due(entered, *days, calendar);
}

std::vector<StageDurations> stage_durations(const std::vector<StageStay>& stays) {
  std::map<ApplicationState, std::vector<std::int64_t>> by_stage;
  for (const auto& s : stays) {
    by_stage[s.stage].push_back(
        std::max<std::int64_t>(0, (s.left.unix_micros() - s.entered.unix_micros()) / 1'000'000));
  }
  std::vector<StageDurations> out;
  for (auto& [stage, seconds] : by_stage) {
    std::sort(seconds.begin(), seconds.end());
    out.push_back({stage, seconds.size(), nearest_rank(seconds, 50), nearest_rank(seconds, 90)});
  }
  return out;
}

}  // namespace gp::approvals
