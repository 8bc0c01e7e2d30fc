#pragma once
// A tender's terms as the official drafts them, and the rules it must meet to be published
// (DOMAIN.md "Tender lifecycle", "Bid bond"; specs/sealed-bid.md "Opening shares").
//
// check_publishable() reports every broken rule at once as validation_failed, each FieldError
// naming the field and the rule, so the official can fix them all in one go. Pure: "now", the
// calendar and the period rules are arguments.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "gongping/common/holiday_calendar.hpp"
#include "gongping/common/instant.hpp"
#include "gongping/common/money.hpp"
#include "gongping/common/result.hpp"

namespace gp::bidding {

enum class TenderCategory { goods, services, works };
enum class Procedure { public_tender, invited_tender, competitive_consultation, competitive_negotiation, inquiry };

std::string_view to_string(TenderCategory category);
std::optional<TenderCategory> parse_tender_category(std::string_view text);
std::string_view to_string(Procedure procedure);
std::optional<Procedure> parse_procedure(std::string_view text);

// The minimum time from the notice to the bid deadline: `days` calendar days, or working days
// when `working_days` is set. Counting starts the day after publication (Shanghai dates); the
// deadline may fall at any time on or after the last counted day.
struct MinimumPeriod {
  int days = 0;
  bool working_days = false;
};

struct PeriodRules {
  MinimumPeriod public_tender{20, false};  // Government Procurement Law; Tendering Law Art. 24
  MinimumPeriod invited_tender{20, false};
  MinimumPeriod competitive_consultation{10, false};  // Caiku [2014] No. 214 Art. 10
  MinimumPeriod competitive_negotiation{3, true};     // MOF Order No. 74 Art. 29
  MinimumPeriod inquiry{3, true};                     // MOF Order No. 74 Art. 45
  // A substantive amendment must leave at least this many days before the deadline.
  int amendment_notice_days = 15;

  const MinimumPeriod& minimum_for(Procedure procedure) const;
};

// The earliest bid deadline allowed for a tender published at `published_at`.
common::Instant earliest_deadline(Procedure procedure, common::Instant published_at,
                                  const common::HolidayCalendar& calendar, const PeriodRules& rules);

// The deadline after a substantive amendment published at `amended_at`: unchanged when enough days
// remain, else moved by whole days (same time of day) until `amendment_notice_days` days remain.
common::Instant deadline_after_amendment(common::Instant deadline, common::Instant amended_at,
                                         const PeriodRules& rules);

struct EvaluationTerms {
  std::string method;         // "comprehensive" | "lowest_price" (specs/evaluation-case.md)
  std::string price_formula;  // comprehensive: "low_price_first" | "benchmark_average"
  int price_points = 0;       // comprehensive: points the best price earns
  int technical_points = 0;   // comprehensive: sum of the criteria maxima
};

struct TenderTerms {
  std::string title;
  std::string description;
  TenderCategory category = TenderCategory::goods;
  Procedure procedure = Procedure::public_tender;
  common::Money budget;
  common::Money ceiling;
  common::Money bid_bond;
  EvaluationTerms evaluation;
  std::vector<std::string> qualification_requirements;  // credential kinds a bidder must hold
  common::Instant clarification_deadline;
  common::Instant bid_deadline;               // = opening time
  std::vector<std::string> opening_officers;  // account ids, share i goes to officer i
  int opening_threshold = 2;                  // k
  std::optional<std::string> project_code;
};

// Largest bond allowed: 2% of the budget, rounded down to the fen.
common::Money maximum_bid_bond(common::Money budget);

// Every rule a tender must meet at publication. `officers_with_keys` holds the ids of the listed
// officers that exist, may open bids and have registered a personal key.
common::Result<void> check_publishable(const TenderTerms& terms, common::Instant now,
                                       const common::HolidayCalendar& calendar, const PeriodRules& rules,
                                       const std::set<std::string>& officers_with_keys);

}  // namespace gp::bidding
