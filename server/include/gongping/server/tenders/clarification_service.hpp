#pragma once
// ClarificationService: changes to a published tender and the questions bidders ask about it
// (DOMAIN.md "Periods", "Questions"; bidding/tender_amendment.hpp for the rules).
//
// Amendments carry a reason and a diff; a substantive one (or a substantive answer) published
// fewer than 15 days before the deadline moves the deadline. Enterprises with a live bid are
// notified of every amendment and answer (they may replace their bid); the asker of a question is
// never shown to anyone. Blocking: run on the worker pool. Thread-safe. Every change commits with
// its audit entry.

#include <cstdint>
#include <string>
#include <vector>

#include "gongping/bidding/tender_amendment.hpp"
#include "gongping/common/clock.hpp"
#include "gongping/common/result.hpp"
#include "gongping/server/accounts/principal.hpp"
#include "gongping/server/db/audit_log_writer.hpp"
#include "gongping/server/db/database.hpp"

namespace gp::server::tenders {

struct AmendmentView {
  int seq = 0;
  std::string reason;
  bool substantive = false;
  std::vector<bidding::FieldChange> diff;
  common::Instant deadline_before;
  common::Instant deadline_after;
  common::Instant published_at;
};

struct QuestionView {
  std::int64_t id = 0;
  std::string question;
  common::Instant asked_at;
  std::optional<std::string> answer;
  std::optional<common::Instant> answered_at;
};

struct NotificationView {
  std::string tender_id;
  std::string kind;
  std::string message;
  common::Instant created_at;
};

class ClarificationService {
 public:
  ClarificationService(db::Database& database, const common::Clock& clock, bidding::PeriodRules rules);

  // Only the tender's author, while it takes bids.
  common::Result<AmendmentView> amend(const accounts::Principal& official, const std::string& tender_id,
                                      const bidding::TenderChanges& changes, bool substantive,
                                      const std::string& reason);
  common::Result<std::vector<AmendmentView>> amendments(const std::string& tender_id);

  // An enterprise asks until the clarification deadline.
  common::Result<QuestionView> ask(const accounts::Principal& bidder, const std::string& tender_id,
                                   const std::string& question);
  // The author's view of every question (without askers).
  common::Result<std::vector<QuestionView>> questions(const accounts::Principal& official,
                                                      const std::string& tender_id);
  common::Result<QuestionView> answer(const accounts::Principal& official, const std::string& tender_id,
                                      std::int64_t question_id, const std::string& answer, bool substantive);
  // Answered questions, for everyone.
  common::Result<std::vector<QuestionView>> clarifications(const std::string& tender_id);

  common::Result<std::vector<NotificationView>> notifications(const accounts::Principal& bidder);

 private:
  db::Database& db_;
  const common::Clock& clock_;
  bidding::PeriodRules rules_;
  db::AuditLogWriter audit_;
};

}  // namespace gp::server::tenders
