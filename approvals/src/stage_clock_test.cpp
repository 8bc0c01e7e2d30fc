#include "gongping/approvals/stage_clock.hpp"

#include <catch2/catch.hpp>

using namespace gp::approvals;
using gp::common::HolidayCalendar;
using gp::common::Instant;

namespace {

Instant at(const char* text) { return *Instant::parse_rfc3339(text); }

}  // namespace

TEST_CASE("a stage falls due at the end of its last working day, skipping weekends and holidays",
          "[approvals][stage]") {
  const auto& calendar = HolidayCalendar::bundled();
  // Entered on Friday 2026-09-25 (Mid-Autumn, a holiday) at 15:00 Shanghai time. Five working days:
  // 28, 29, 30 September, then the National Day holiday (1-7 October) is skipped, then 8 and 9
  // October. Due at the start of 10 October, Shanghai time.
  CHECK(stage_due(at("2026-09-25T07:00:00Z"), 5, calendar) == at("2026-10-09T16:00:00Z"));

  // A plain week: entered Monday 2026-11-23, 2 working days -> due at the end of Wednesday 25th.
  CHECK(stage_due(at("2026-11-23T02:00:00Z"), 2, calendar) == at("2026-11-25T16:00:00Z"));
}

TEST_CASE("the default limits cover the review stages and nothing after filing", "[approvals][stage]") {
  const StageLimits limits;
  CHECK(limits.working_days(ApplicationState::completeness_check) == 5);
  CHECK(limits.working_days(ApplicationState::expert_review) == 15);
  CHECK_FALSE(limits.working_days(ApplicationState::draft).has_value());
  CHECK_FALSE(limits.working_days(ApplicationState::in_construction).has_value());
  CHECK_FALSE(stage_due(ApplicationState::filed, at("2026-11-23T02:00:00Z"), limits, HolidayCalendar::bundled()));

  StageLimits custom;
  custom.set(ApplicationState::expert_review, 3);
  custom.set(ApplicationState::returned, 0);
  CHECK(custom.working_days(ApplicationState::expert_review) == 3);
  CHECK_FALSE(custom.working_days(ApplicationState::returned).has_value());
  CHECK_THROWS_AS(custom.set(ApplicationState::submitted, 366), std::invalid_argument);
}

TEST_CASE("stage durations give the median and p90 per stage", "[approvals][stage]") {
  std::vector<StageStay> stays;
  const auto start = at("2026-11-02T00:00:00Z");
  // Ten completeness checks lasting 1..10 hours; one compliance review of 2 days.
  for (int h = 10; h >= 1; --h) {
    stays.push_back({ApplicationState::completeness_check, start, start.plus_seconds(h * 3600)});
  }
  stays.push_back({ApplicationState::compliance_review, start, start.plus_seconds(2 * 86400)});
  const auto d = stage_durations(stays);
  REQUIRE(d.size() == 2);
  CHECK(d[0].stage == ApplicationState::completeness_check);
  CHECK(d[0].stays == 10);
  CHECK(d[0].median_seconds == 5 * 3600);
  CHECK(d[0].p90_seconds == 9 * 3600);
  CHECK(d[1].stage == ApplicationState::compliance_review);
  CHECK(d[1].median_seconds == 2 * 86400);
  CHECK(d[1].p90_seconds == 2 * 86400);
  CHECK(stage_durations({}).empty());
}
