#include "gongping/bidding/award.hpp"

#include <algorithm>

namespace gp::bidding {
namespace {

// Characters, not bytes: a Chinese reason of ten characters is a reason.
std::size_t utf8_chars(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

std::vector<std::string> recommended_bidders(const std::vector<RankedBidder>& ranking, TenderCategory category) {
  const std::int64_t last_rank = category == TenderCategory::works ? 3 : 1;
  std::vector<std::string> out;
  for (const auto& r : ranking) {
    if (r.rank >= 1 && r.rank <= last_rank) out.push_back(r.bidder);
  }
  return out;
}

common::Instant publicity_end(common::Instant announced, TenderCategory category,
                              const common::HolidayCalendar& calendar) {
  if (category == TenderCategory::works) return announced.plus_seconds(3 * 24 * 3600);
  const auto day = common::shanghai_day_of(announced);
  const auto time_of_day = announced.unix_micros() - common::shanghai_start_of(day).unix_micros();
  const auto next = calendar.add_working_days(day, 1);
  return common::Instant::from_unix_micros(common::shanghai_start_of(next).unix_micros() + time_of_day);
}

common::Result<void> check_award_choice(const std::string& winner, const std::vector<RankedBidder>& ranking,
                                        const std::vector<std::string>& recommended, const std::string& reason) {
  const bool ranked =
      std::any_of(ranking.begin(), ranking.end(), [&](const RankedBidder& r) { return r.bidder == winner; });
  if (!ranked) return common::Error::validation({{"winner", winner + " is not in the signed-off ranking"}});
  const bool is_recommended = std::find(recommended.begin(), recommended.end(), winner) != recommended.end();
  if (!is_recommended && utf8_chars(reason) < kMinDeviationReasonChars) {
    return common::Error::validation(
        {{"reason", "awarding a bidder the ranking does not recommend needs a reason of at least 10 characters"}});
  }
  return common::Ok{};
}

}  // namespace gp::bidding
