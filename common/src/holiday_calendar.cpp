#include "gongping/common/holiday_calendar.hpp"

#include <cstdio>
#include <stdexcept>
#include <vector>

#include "gongping/common/civil_date.hpp"
#include "gongping/common/embedded_file.hpp"

namespace gp::common {
namespace embedded {
std::vector<EmbeddedFile> holiday_files();  // generated from common/data/cn_holidays.txt
}

namespace {

constexpr std::int64_t kMicrosPerDay = 86'400'000'000;
constexpr std::int64_t kShanghaiOffsetMicros = 8LL * 3600 * 1'000'000;  // UTC+8, no DST

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

bool is_leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(std::int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

CivilDay CivilDay::from_ymd(int year, unsigned month, unsigned day) {
  return CivilDay{common::days_from_civil(year, month, day)};
}

std::optional<CivilDay> CivilDay::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t pos, std::size_t count, unsigned& out) {
    out = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      out = out * 10 + static_cast<unsigned>(text[i] - '0');
    }
    return true;
  };
  unsigned y = 0, m = 0, d = 0;
  if (!digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d)) return std::nullopt;
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
  return from_ymd(static_cast<int>(y), m, d);
}

std::string CivilDay::to_string() const {
  const auto c = common::civil_from_days(days);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(c.year), c.month, c.day);
  return buf;
}

int CivilDay::year() const { return static_cast<int>(common::civil_from_days(days).year); }

// 1970-01-01 was a Thursday (3 when Monday is 0).
int CivilDay::weekday() const {
  const auto w = (days + 3) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

CivilDay shanghai_day_of(Instant at) {
  return CivilDay{floor_div(at.unix_micros() + kShanghaiOffsetMicros, kMicrosPerDay)};
}

Instant shanghai_start_of(CivilDay day) {
  return Instant::from_unix_micros(day.days * kMicrosPerDay - kShanghaiOffsetMicros);
}

Result<HolidayCalendar> HolidayCalendar::parse(std::string_view text) {
  HolidayCalendar calendar;
  std::vector<common::FieldError> errors;
  int line_number = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const auto line = trim(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line_number;
    if (line.empty() || line.front() == '#') continue;
    const auto space = line.find(' ');
    const auto day = CivilDay::parse(line.substr(0, space));
    const auto kind = space == std::string_view::npos ? std::string_view{} : trim(line.substr(space));
    if (!day || (kind != "holiday" && kind != "workday")) {
      errors.push_back(
          {"line " + std::to_string(line_number), "must be \"YYYY-MM-DD holiday\" or \"YYYY-MM-DD workday\""});
      continue;
    }
    auto& own = kind == "holiday" ? calendar.holidays_ : calendar.workdays_;
    const auto& other = kind == "holiday" ? calendar.workdays_ : calendar.holidays_;
    if (other.contains(day->days)) {
      errors.push_back({"line " + std::to_string(line_number), day->to_string() + " is listed as both"});
      continue;
    }
    own.insert(day->days);
    calendar.years_.insert(day->year());
  }
  if (!errors.empty()) return common::Error::validation(std::move(errors));
  return calendar;
}

const HolidayCalendar& HolidayCalendar::bundled() {
  static const HolidayCalendar calendar = [] {
    auto parsed = parse(embedded::holiday_files().at(0).content);
    if (!parsed) throw std::logic_error("bundled holiday list does not parse");
    return std::move(parsed).value();
  }();
  return calendar;
}

bool HolidayCalendar::is_working_day(CivilDay day) const {
  if (workdays_.contains(day.days)) return true;
  if (holidays_.contains(day.days)) return false;
  return day.weekday() < 5;
}

bool HolidayCalendar::covers(int year) const { return years_.contains(year); }

CivilDay HolidayCalendar::add_working_days(CivilDay from, int n) const {
  CivilDay day = from;
  for (int counted = 0; counted < n;) {
    day = day.plus_days(1);
    if (is_working_day(day)) ++counted;
  }
  return day;
}

}  // namespace gp::common
