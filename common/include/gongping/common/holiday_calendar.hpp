#pragma once
// HolidayCalendar: which days are working days in mainland China, kept as data
// (DOMAIN.md "Time": working-day periods use the official holiday and make-up working day list).
//
// Days are civil dates in Asia/Shanghai (UTC+8 all year; China has no DST). A day is a working day
// when it is Monday to Friday and not listed as a holiday, or when it is listed as a make-up working
// day (调休上班, usually a weekend). The list is text, one entry per line:
//
//   # comment
//   2026-10-01 holiday
//   2026-10-10 workday
//
// Dates outside the years the list covers fall back to Monday-Friday, and covers() says so, so a
// caller can refuse to count a period through a year nobody has entered yet.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "gongping/common/instant.hpp"
#include "gongping/common/result.hpp"

namespace gp::common {

// A civil date as days since 1970-01-01.
struct CivilDay {
  std::int64_t days = 0;
  auto operator<=>(const CivilDay&) const = default;

  static CivilDay from_ymd(int year, unsigned month, unsigned day);
  // "YYYY-MM-DD", validated (month 1-12, day within the month).
  static std::optional<CivilDay> parse(std::string_view text);
  std::string to_string() const;
  int year() const;
  // 0 = Monday ... 6 = Sunday.
  int weekday() const;
  CivilDay plus_days(std::int64_t n) const { return CivilDay{days + n}; }
};

// The Asia/Shanghai civil date of an instant, and the instant that date starts at.
CivilDay shanghai_day_of(Instant at);
Instant shanghai_start_of(CivilDay day);

class HolidayCalendar {
 public:
  // Parses the list; validation_failed names each bad line ("line 12").
  static Result<HolidayCalendar> parse(std::string_view text);
  // The calendar shipped with the platform (common/data/cn_holidays.txt).
  static const HolidayCalendar& bundled();

  bool is_working_day(CivilDay day) const;
  // True when the list has entries for `year` (so its holidays are known).
  bool covers(int year) const;
  // The day `n` (>= 1) working days after `from`, not counting `from` itself.
  CivilDay add_working_days(CivilDay from, int n) const;

 private:
  std::set<std::int64_t> holidays_;
  std::set<std::int64_t> workdays_;
  std::set<int> years_;
};

}  // namespace gp::common
