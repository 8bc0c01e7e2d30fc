#include "gongping/bidding/tender_amendment.hpp"

namespace gp::bidding {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

std::string fen(common::Money m) { return std::to_string(m.fen()); }

}  // namespace

bool TenderChanges::empty() const {
  return !title && !description && !ceiling && !bid_bond && !qualification_requirements && !clarification_deadline &&
         !bid_deadline;
}

common::Result<AmendmentOutcome> amend(const TenderTerms& current, const TenderChanges& changes, bool substantive,
                                       common::Instant now, const PeriodRules& rules) {
  std::vector<common::FieldError> broken;
  if (changes.empty()) broken.push_back({"changes", "must change at least one field"});
  AmendmentOutcome out{current, {}, false};
  auto& t = out.terms;
  auto note = [&out](std::string field, std::string before, std::string after) {
    if (before != after) out.diff.push_back({std::move(field), std::move(before), std::move(after)});
  };
  if (changes.title) {
    if (changes.title->empty()) broken.push_back({"changes.title", "must not be empty"});
    note("title", t.title, *changes.title);
    t.title = *changes.title;
  }
  if (changes.description) {
    note("description", t.description, *changes.description);
    t.description = *changes.description;
  }
  if (changes.ceiling) {
    note("ceiling_fen", fen(t.ceiling), fen(*changes.ceiling));
    t.ceiling = *changes.ceiling;
    if (t.ceiling.fen() <= 0 || t.ceiling > t.budget) {
      broken.push_back({"changes.ceiling_fen", "must be more than 0 and not exceed the budget"});
    }
  }
  if (changes.bid_bond) {
    note("bid_bond_fen", fen(t.bid_bond), fen(*changes.bid_bond));
    t.bid_bond = *changes.bid_bond;
    if (t.bid_bond.fen() < 0 || t.bid_bond > maximum_bid_bond(t.budget)) {
      broken.push_back({"changes.bid_bond_fen", "must be from 0 to 2% of the budget"});
    }
  }
  if (changes.qualification_requirements) {
    note("qualification_requirements", join(t.qualification_requirements), join(*changes.qualification_requirements));
    t.qualification_requirements = *changes.qualification_requirements;
  }
  if (changes.bid_deadline) {
    if (*changes.bid_deadline < current.bid_deadline) {
      broken.push_back({"changes.bid_deadline", "may be extended, never brought forward"});
    }
    t.bid_deadline = *changes.bid_deadline;
  }
  if (changes.clarification_deadline) {
    if (*changes.clarification_deadline <= now)
      broken.push_back({"changes.clarification_deadline", "must be in the future"});
    note("clarification_deadline", t.clarification_deadline.to_rfc3339(), changes.clarification_deadline->to_rfc3339());
    t.clarification_deadline = *changes.clarification_deadline;
  }
  if (substantive) {
    const auto moved = deadline_after_amendment(t.bid_deadline, now, rules);
    out.deadline_moved_by_rule = moved != t.bid_deadline;
    t.bid_deadline = moved;
  }
  note("bid_deadline", current.bid_deadline.to_rfc3339(), t.bid_deadline.to_rfc3339());
  if (t.clarification_deadline >= t.bid_deadline) {
    broken.push_back({"changes.clarification_deadline", "must be before the bid deadline"});
  }
  if (!broken.empty()) return common::Error::validation(std::move(broken));
  if (out.diff.empty()) return common::Error::validation({{"changes", "change nothing: every value is as it was"}});
  return out;
}

common::Instant deadline_after_clarification(const TenderTerms& current, bool substantive, common::Instant now,
                                             const PeriodRules& rules) {
  return substantive ? deadline_after_amendment(current.bid_deadline, now, rules) : current.bid_deadline;
}

}  // namespace gp::bidding
