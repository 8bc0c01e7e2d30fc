#include "gongping/bidding/tender_terms.hpp"

#include <array>
#include <utility>

#include "gongping/bidding/opening_shares.hpp"

namespace gp::bidding {
namespace {

using common::CivilDay;
using common::HolidayCalendar;
using common::shanghai_day_of;
using common::shanghai_start_of;

constexpr std::array<std::pair<TenderCategory, std::string_view>, 3> kCategoryNames = {{
    {TenderCategory::goods, "goods"},
    {TenderCategory::services, "services"},
    {TenderCategory::works, "works"},
}};

constexpr std::array<std::pair<Procedure, std::string_view>, 5> kProcedureNames = {{
    {Procedure::public_tender, "public_tender"},
    {Procedure::invited_tender, "invited_tender"},
    {Procedure::competitive_consultation, "competitive_consultation"},
    {Procedure::competitive_negotiation, "competitive_negotiation"},
    {Procedure::inquiry, "inquiry"},
}};

template <typename E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& names, E value) {
  for (const auto& [v, name] : names) {
    if (v == value) return name;
  }
  return "unknown";
}

template <typename E, std::size_t N>
std::optional<E> parse_name(const std::array<std::pair<E, std::string_view>, N>& names, std::string_view text) {
  for (const auto& [v, name] : names) {
    if (name == text) return v;
  }
  return std::nullopt;
}

constexpr std::int64_t kMicrosPerDay = 86'400'000'000;

// Price weight minima under comprehensive scoring (DOMAIN.md "Evaluation"): goods 30, services 10.
int minimum_price_points(TenderCategory category) {
  switch (category) {
    case TenderCategory::goods: return 30;
    case TenderCategory::services: return 10;
    case TenderCategory::works: return 0;
  }
  return 0;
}

}  // namespace

std::string_view to_string(TenderCategory category) { return name_of(kCategoryNames, category); }
std::optional<TenderCategory> parse_tender_category(std::string_view text) { return parse_name(kCategoryNames, text); }
std::string_view to_string(Procedure procedure) { return name_of(kProcedureNames, procedure); }
std::optional<Procedure> parse_procedure(std::string_view text) { return parse_name(kProcedureNames, text); }

const MinimumPeriod& PeriodRules::minimum_for(Procedure procedure) const {
  switch (procedure) {
    case Procedure::public_tender: return public_tender;
    case Procedure::invited_tender: return invited_tender;
    case Procedure::competitive_consultation: return competitive_consultation;
    case Procedure::competitive_negotiation: return competitive_negotiation;
    case Procedure::inquiry: return inquiry;
  }
  return public_tender;
}

common::Instant earliest_deadline(Procedure procedure, common::Instant published_at, const HolidayCalendar& calendar,
                                  const PeriodRules& rules) {
  const auto& period = rules.minimum_for(procedure);
  const CivilDay published_on = shanghai_day_of(published_at);
  const CivilDay last_counted =
      period.working_days ? calendar.add_working_days(published_on, period.days) : published_on.plus_days(period.days);
  return shanghai_start_of(last_counted);
}

common::Instant deadline_after_amendment(common::Instant deadline, common::Instant amended_at,
                                         const PeriodRules& rules) {
  const CivilDay must_not_be_before = shanghai_day_of(amended_at).plus_days(rules.amendment_notice_days);
  const CivilDay deadline_day = shanghai_day_of(deadline);
  if (deadline_day >= must_not_be_before) return deadline;
  return common::Instant::from_unix_micros(deadline.unix_micros() +
                                           (must_not_be_before.days - deadline_day.days) * kMicrosPerDay);
}

common::Money maximum_bid_bond(common::Money budget) { return common::Money::from_fen(budget.fen() / 50); }

common::Result<void> check_publishable(const TenderTerms& terms, common::Instant now, const HolidayCalendar& calendar,
                                       const PeriodRules& rules, const std::set<std::string>& officers_with_keys) {
  std::vector<common::FieldError> broken;
  auto rule = [&broken](std::string field, std::string problem) {
    broken.push_back({std::move(field), std::move(problem)});
  };

  if (terms.title.empty()) rule("title", "is required");
  if (terms.budget.fen() <= 0) rule("budget_fen", "must be more than 0");
  if (terms.ceiling.fen() <= 0) rule("ceiling_fen", "must be more than 0");
  if (terms.ceiling > terms.budget) rule("ceiling_fen", "must not exceed the budget");
  if (terms.bid_bond.fen() < 0) rule("bid_bond_fen", "must not be negative");
  if (terms.bid_bond > maximum_bid_bond(terms.budget)) {
    rule("bid_bond_fen",
         "must not exceed 2% of the budget (" + maximum_bid_bond(terms.budget).to_yuan_string() + " yuan)");
  }

  if (terms.evaluation.method == "comprehensive") {
    const int minimum = minimum_price_points(terms.category);
    if (terms.evaluation.price_points < minimum) {
      rule("evaluation.price_points",
           "must be at least " + std::to_string(minimum) + " for " + std::string(to_string(terms.category)));
    }
    if (terms.evaluation.price_points + terms.evaluation.technical_points != 100) {
      rule("evaluation", "price points and criteria maxima must add up to 100");
    }
  } else if (terms.evaluation.method != "lowest_price") {
    rule("evaluation.method", "must be comprehensive or lowest_price");
  }

  const auto earliest = earliest_deadline(terms.procedure, now, calendar, rules);
  if (terms.bid_deadline < earliest) {
    const auto& period = rules.minimum_for(terms.procedure);
    rule("bid_deadline", "must be on or after " + earliest.to_rfc3339() + ": a " +
                             std::string(to_string(terms.procedure)) + " needs at least " +
                             std::to_string(period.days) + (period.working_days ? " working days" : " days") +
                             " from the notice");
  }
  if (terms.clarification_deadline <= now) rule("clarification_deadline", "must be in the future");
  if (terms.clarification_deadline >= terms.bid_deadline) {
    rule("clarification_deadline", "must be before the bid deadline");
  }

  const int n = static_cast<int>(terms.opening_officers.size());
  if (n < 1 || n > kMaxOpeningOfficers) {
    rule("opening_officers", "must list 1 to " + std::to_string(kMaxOpeningOfficers) + " officers");
  }
  if (terms.opening_threshold < 1 || terms.opening_threshold > n) {
    rule("opening_threshold", "must be from 1 to the number of officers (" + std::to_string(n) + ")");
  }
  std::set<std::string> seen;
  for (const auto& officer : terms.opening_officers) {
    if (!seen.insert(officer).second) {
      rule("opening_officers", officer + " is listed twice");
    } else if (!officers_with_keys.contains(officer)) {
      rule("opening_officers", officer + " is not an official or supervisor with a registered opening key");
    }
  }
  if (broken.empty()) return common::Ok{};
  return common::Error::validation(std::move(broken));
}

}  // namespace gp::bidding
