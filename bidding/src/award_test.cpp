#include "gongping/bidding/award.hpp"

#include <catch2/catch.hpp>

using namespace gp::bidding;
using gp::common::HolidayCalendar;
using gp::common::Instant;

namespace {
const std::vector<RankedBidder> kRanking = {{"E-1", 1}, {"E-2", 2}, {"E-3", 2}, {"E-4", 4}, {"E-5", 5}};
}

TEST_CASE("the ranking recommends the first for goods and services, the first three candidates for works",
          "[bidding][award]") {
  CHECK(recommended_bidders(kRanking, TenderCategory::goods) == std::vector<std::string>{"E-1"});
  CHECK(recommended_bidders(kRanking, TenderCategory::services) == std::vector<std::string>{"E-1"});
  CHECK(recommended_bidders(kRanking, TenderCategory::works) == std::vector<std::string>{"E-1", "E-2", "E-3"});
  CHECK(recommended_bidders({{"E-1", 1}, {"E-2", 1}}, TenderCategory::goods) == std::vector<std::string>{"E-1", "E-2"});
}

TEST_CASE("an award notice's publicity lasts one working day; works candidates' three days", "[bidding][award]") {
  const auto& calendar = HolidayCalendar::bundled();
  // Wednesday 2026-09-30 16:00 Shanghai (08:00 UTC): the National Day holiday (1 to 7 October)
  // follows, so the next working day is Thursday 2026-10-08.
  const auto announced = *Instant::parse_rfc3339("2026-09-30T08:00:00Z");
  CHECK(publicity_end(announced, TenderCategory::goods, calendar).to_rfc3339() == "2026-10-08T08:00:00.000000Z");
  CHECK(publicity_end(announced, TenderCategory::works, calendar).to_rfc3339() == "2026-10-03T08:00:00.000000Z");
  // An ordinary Tuesday: Wednesday, same time.
  const auto tuesday = *Instant::parse_rfc3339("2026-11-24T02:30:00Z");
  CHECK(publicity_end(tuesday, TenderCategory::services, calendar).to_rfc3339() == "2026-11-25T02:30:00.000000Z");
}

TEST_CASE("the official awards anyone ranked, and anyone not recommended only with a reason", "[bidding][award]") {
  const auto recommended = recommended_bidders(kRanking, TenderCategory::goods);
  CHECK(check_award_choice("E-1", kRanking, recommended, "").ok());
  CHECK(check_award_choice("E-9", kRanking, recommended, "any reason at all").error().fields[0].field == "winner");
  CHECK(check_award_choice("E-2", kRanking, recommended, "too short").error().fields[0].field == "reason");
  CHECK(check_award_choice("E-2", kRanking, recommended, "第一名放弃中标资格，依次递补").ok());  // 14 characters
  CHECK(check_award_choice("E-2", kRanking, recommended, "第一名放弃中标").error().fields[0].field == "reason");  // 7
}
