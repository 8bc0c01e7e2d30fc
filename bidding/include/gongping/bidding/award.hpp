#pragma once
// The award (DOMAIN.md "Award"): whom the signed-off ranking recommends, how long the publicity
// lasts, and which choices the official may make.
//
// - Goods and services: the bidder ranked first is recommended (several only when they share the
//   rank). Works: the first three candidates (every bidder ranked 1 to 3).
// - Publicity: 1 working day for a government procurement award notice (it ends at the same time of
//   day on the next working day, Asia/Shanghai, by the holiday calendar); 3 days for works candidates.
// - The official may award anyone ranked; anyone not recommended only with a recorded reason, which
//   supervisors see.
// - Objections are raised during the publicity and suspend the award until each is answered; the
//   award notice follows; the contract is due within 30 days of it.

#include <cstdint>
#include <string>
#include <vector>

#include "gongping/bidding/tender_terms.hpp"
#include "gongping/common/holiday_calendar.hpp"
#include "gongping/common/instant.hpp"
#include "gongping/common/result.hpp"

namespace gp::bidding {

struct RankedBidder {
  std::string bidder;  // enterprise public id
  std::int64_t rank = 0;
};

inline constexpr std::size_t kMinDeviationReasonChars = 10;
inline constexpr std::int64_t kContractDueSeconds = 30LL * 24 * 3600;

std::vector<std::string> recommended_bidders(const std::vector<RankedBidder>& ranking, TenderCategory category);

common::Instant publicity_end(common::Instant announced, TenderCategory category,
                              const common::HolidayCalendar& calendar);

// validation_failed naming `winner` (not ranked) or `reason` (a bidder not recommended, without a
// reason of at least kMinDeviationReasonChars characters).
common::Result<void> check_award_choice(const std::string& winner, const std::vector<RankedBidder>& ranking,
                                        const std::vector<std::string>& recommended, const std::string& reason);

}  // namespace gp::bidding
