#pragma once
// Time limits of the review stages and the stage durations the data bureau reports (issue 5: "each
// step has a time limit in working days (configurable)... overdue items are visible to supervisors;
// the API gives median and p90 time per stage").
//
// A stage with a limit of n working days is due at the end of the n-th working day after the day it
// was entered (Asia/Shanghai civil days, the platform's holiday calendar); it is overdue from then
// on. Stages without a limit (drafts, filed projects under construction, ...) are never overdue.
// Pure.

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "gongping/approvals/application_lifecycle.hpp"
#include "gongping/common/holiday_calendar.hpp"
#include "gongping/common/instant.hpp"

namespace gp::approvals {

class StageLimits {
 public:
  // The platform's defaults: submitted 2 (until a reviewer takes it up), completeness_check 5,
  // compliance_review 10, expert_review 15, approved 5 (until filed), returned 30 (the department
  // revises).
  StageLimits();

  // nullopt: the stage has no limit.
  std::optional<int> working_days(ApplicationState stage) const;
  // `days` from 1 to 365; 0 removes the limit.
  void set(ApplicationState stage, int days);
  const std::map<ApplicationState, int>& all() const { return days_; }

 private:
  std::map<ApplicationState, int> days_;
};

// When a stage entered at `entered` with a limit of `working_days` falls due.
common::Instant stage_due(common::Instant entered, int working_days, const common::HolidayCalendar& calendar);

// The due time of `stage` entered at `entered`, or nullopt when the stage has no limit.
std::optional<common::Instant> stage_due(ApplicationState stage, common::Instant entered, const StageLimits& limits,
                                         const common::HolidayCalendar& calendar);

// One stay of an application in a stage: from the step that entered it to the step that left it.
struct StageStay {
  ApplicationState stage = ApplicationState::draft;
  common::Instant entered;
  common::Instant left;
};

struct StageDurations {
  ApplicationState stage = ApplicationState::draft;
  std::size_t stays = 0;
  std::int64_t median_seconds = 0;  // nearest-rank percentiles of the stays' durations
  std::int64_t p90_seconds = 0;
};

// Per stage with at least one stay, in lifecycle order.
std::vector<StageDurations> stage_durations(const std::vector<StageStay>& stays);

}  // namespace gp::approvals
