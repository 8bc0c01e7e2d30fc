#include "gongping/common/instant.hpp"

#include <catch2/catch.hpp>

using gp::common::Instant;

TEST_CASE("instants format as RFC 3339 UTC with microseconds", "[common]") {
  CHECK(Instant::from_unix_micros(0).to_rfc3339() == "1970-01-01T00:00:00.000000Z");
  // 2026-11-26T09:59:59.123456Z, the spec's example receipt time.
  const auto t = Instant::parse_rfc3339("2026-11-26T09:59:59.123456Z");
  REQUIRE(t);
  CHECK(t->unix_micros() == 1795687199123456);
  CHECK(t->to_rfc3339() == "2026-11-26T09:59:59.123456Z");
  CHECK(Instant::from_unix_micros(-1).to_rfc3339() == "1969-12-31T23:59:59.999999Z");
}

TEST_CASE("parsing accepts short fractions and rejects local times and bad dates", "[common]") {
  CHECK(Instant::parse_rfc3339("2024-02-29T00:00:00Z"));
  CHECK(Instant::parse_rfc3339("2024-02-29T00:00:00.5Z")->unix_micros() % 1'000'000 == 500000);
  CHECK_FALSE(Instant::parse_rfc3339("2023-02-29T00:00:00Z"));
  CHECK_FALSE(Instant::parse_rfc3339("2026-11-26T09:59:59+08:00"));
  CHECK_FALSE(Instant::parse_rfc3339("2026-11-26 09:59:59Z"));
  CHECK_FALSE(Instant::parse_rfc3339("2026-13-01T00:00:00Z"));
  CHECK_FALSE(Instant::parse_rfc3339("2026-11-26T24:00:00Z"));
  CHECK_FALSE(Instant::parse_rfc3339("2026-11-26T09:59:59.1234567Z"));
}

TEST_CASE("round trip over many instants", "[common]") {
  for (std::int64_t micros = -5'000'000'000'000'000; micros < 5'000'000'000'000'000; micros += 123'456'789'012'347) {
    const auto t = Instant::from_unix_micros(micros);
    const auto back = Instant::parse_rfc3339(t.to_rfc3339());
    REQUIRE(back);
    CHECK(back->unix_micros() == micros);
  }
}
