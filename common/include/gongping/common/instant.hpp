#pragma once
// Instant: a point in time, UTC, microsecond resolution (DOMAIN.md "Time").
//
// All arithmetic is on instants; local wall-clock strings exist only at the edges. Formatting gives
// RFC 3339 with six fractional digits and a `Z`, e.g. "2026-11-26T09:59:59.123456Z".

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gp::common {

class Instant {
 public:
  constexpr Instant() = default;
  static constexpr Instant from_unix_micros(std::int64_t micros) { return Instant(micros); }

  constexpr std::int64_t unix_micros() const { return micros_; }
  constexpr Instant plus_seconds(std::int64_t seconds) const { return Instant(micros_ + seconds * 1'000'000); }
  constexpr auto operator<=>(const Instant&) const = default;

  std::string to_rfc3339() const;
  // Accepts "YYYY-MM-DDTHH:MM:SS[.ffffff]Z" (1 to 6 fraction digits) only.
  static std::optional<Instant> parse_rfc3339(std::string_view text);

 private:
  constexpr explicit Instant(std::int64_t micros) : micros_(micros) {}
  std::int64_t micros_ = 0;
};

}  // namespace gp::common
