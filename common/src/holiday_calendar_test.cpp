#include "gongping/common/holiday_calendar.hpp"

#include <catch2/catch.hpp>

using gp::common::CivilDay;
using gp::common::HolidayCalendar;

namespace {
CivilDay day(const char* text) { return *CivilDay::parse(text); }
}  // namespace

TEST_CASE("civil days parse, print and know their weekday") {
  CHECK(day("2026-11-27").to_string() == "2026-11-27");
  CHECK(day("2026-11-27").weekday() == 4);  // a Friday
  CHECK(day("1969-12-31").weekday() == 2);  // a Wednesday, before the epoch
  CHECK(day("2024-02-29").plus_days(1).to_string() == "2024-03-01");
  CHECK_FALSE(CivilDay::parse("2026-02-29"));
  CHECK_FALSE(CivilDay::parse("2026-13-01"));
  CHECK_FALSE(CivilDay::parse("2026-1-01"));
}

TEST_CASE("Shanghai dates are UTC+8 all year") {
  const auto late_utc = gp::common::Instant::parse_rfc3339("2026-11-26T16:00:00Z").value();
  CHECK(gp::common::shanghai_day_of(late_utc).to_string() == "2026-11-27");
  const auto just_before = gp::common::Instant::parse_rfc3339("2026-11-26T15:59:59.999999Z").value();
  CHECK(gp::common::shanghai_day_of(just_before).to_string() == "2026-11-26");
  CHECK(gp::common::shanghai_start_of(day("2026-11-27")) == late_utc);
}

TEST_CASE("the bundled calendar knows the 2026 National Day week and its make-up Saturday") {
  const auto& calendar = HolidayCalendar::bundled();
  CHECK(calendar.covers(2026));
  CHECK_FALSE(calendar.is_working_day(day("2026-10-01")));  // Thursday, National Day
  CHECK_FALSE(calendar.is_working_day(day("2026-10-07")));  // Wednesday, still the holiday
  CHECK(calendar.is_working_day(day("2026-10-10")));        // Saturday, worked
  CHECK(calendar.is_working_day(day("2026-10-08")));
  CHECK_FALSE(calendar.is_working_day(day("2026-11-28")));  // an ordinary Saturday
  // Three working days after Tuesday 29 September: the 30th, then the holiday, then the 8th, 9th.
  CHECK(calendar.add_working_days(day("2026-09-29"), 3).to_string() == "2026-10-09");
}

TEST_CASE("a calendar list with a bad line names it") {
  auto parsed = HolidayCalendar::parse("# ok\n2026-01-01 holiday\n2026-02-30 holiday\n2026-01-04 rest\n");
  REQUIRE_FALSE(parsed);
  REQUIRE(parsed.error().fields.size() == 2);
  CHECK(parsed.error().fields[0].field == "line 3");
  CHECK(parsed.error().fields[1].field == "line 4");
  CHECK_FALSE(HolidayCalendar::parse("2026-01-01 holiday\n2026-01-01 workday\n"));
}

TEST_CASE("outside the listed years only weekends rest") {
  auto parsed = HolidayCalendar::parse("2026-10-01 holiday\n");
  REQUIRE(parsed);
  CHECK_FALSE(parsed.value().covers(2030));
  CHECK(parsed.value().is_working_day(day("2030-10-01")));  // a Tuesday
  CHECK_FALSE(parsed.value().is_working_day(day("2030-10-05")));
}
