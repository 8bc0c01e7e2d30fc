#pragma once
// Amendments and clarifications after publication (DOMAIN.md "Periods"): every change to a
// published tender is an amendment with a reason and a diff; one that may affect bid preparation
// (substantive), published fewer than `amendment_notice_days` before the deadline, moves the deadline
// so that many days remain. A deadline may be extended by hand, never brought forward. Pure.

#include <optional>
#include <string>
#include <vector>

#include "gongping/bidding/tender_terms.hpp"

namespace gp::bidding {

// The fields an amendment may change; absent members stay as they are.
struct TenderChanges {
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<common::Money> ceiling;
  std::optional<common::Money> bid_bond;
  std::optional<std::vector<std::string>> qualification_requirements;
  std::optional<common::Instant> clarification_deadline;
  std::optional<common::Instant> bid_deadline;

  bool empty() const;
};

struct FieldChange {
  std::string field;   // the API's field name, e.g. "ceiling_fen"
  std::string before;  // rendered as text for the diff
  std::string after;
};

struct AmendmentOutcome {
  TenderTerms terms;                    // after the amendment
  std::vector<FieldChange> diff;        // what changed, in field order (the deadline's move included)
  bool deadline_moved_by_rule = false;  // the 15-day rule pushed the deadline
};

// validation_failed naming each broken rule (nothing to change, a deadline brought forward or
// past, a ceiling above the budget, a bond above 2%); the caller checks the tender's state.
common::Result<AmendmentOutcome> amend(const TenderTerms& current, const TenderChanges& changes, bool substantive,
                                       common::Instant now, const PeriodRules& rules);

// A substantive clarification answer moves the deadline as an amendment does; returns the deadline
// that applies after an answer published at `now`.
common::Instant deadline_after_clarification(const TenderTerms& current, bool substantive, common::Instant now,
                                             const PeriodRules& rules);

}  // namespace gp::bidding
