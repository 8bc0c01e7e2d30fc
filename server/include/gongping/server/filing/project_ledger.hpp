#pragma once
// ProjectLedger: the tie between filed projects and trading (issue 5, "Tie to trading";
// approvals/project_budget.hpp for the rule).
//
// - The department names the officials who may procure under its filed project (its purchasers);
//   only their tenders may carry the project's code.
// - At publication, a tender carrying a project code must fit in what the project's other live
//   tenders leave of its approved budget. The check locks the project's row, so two tenders of one
//   project published at once cannot both take the last of it. The project's first published tender
//   moves it to in procurement; its first contract to in construction (the platform's own steps,
//   audited as such).
// - The project page: the filed project with its purchasers, tenders and their contracts, for anyone.
//
// Lock order, kept by every transaction that touches both: the tender, then the project's
// application row, then the audit log's head (taken by the first append). reserve_tender_budget and
// note_contract_signed run inside the caller's transaction, before the caller appends its own entry.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "gongping/approvals/application_lifecycle.hpp"
#include "gongping/common/clock.hpp"
#include "gongping/common/money.hpp"
#include "gongping/common/result.hpp"
#include "gongping/server/accounts/principal.hpp"
#include "gongping/server/db/audit_log_writer.hpp"
#include "gongping/server/db/database.hpp"
#include "gongping/server/tenders/tender_rows.hpp"

namespace gp::server::filing {

// validation_failed on project_code for a code no filed project has; forbidden when the tender's
// author is not one of the project's purchasers; application_transition_refused for a project not
// filed (or already accepted); project_budget_exceeded when the budget does not fit.
common::Result<void> reserve_tender_budget(soci::session& sql, const db::AuditLogWriter& audit,
                                           const std::string& project_code, const tenders::TenderRow& tender,
                                           common::Money tender_budget, common::Instant now);

// The contract of `tender_id`, a tender carrying `project_code`, is being recorded.
void note_contract_signed(soci::session& sql, const db::AuditLogWriter& audit, const std::string& project_code,
                          const std::string& tender_id, common::Instant now);

struct ProjectTender {
  std::string id;
  std::string title;
  std::string state;
  std::int64_t budget_fen = 0;
  std::optional<std::int64_t> contract_amount_fen;
  std::optional<common::Instant> contract_signed_at;
};

struct ProjectPage {
  std::string project_code;
  std::string application;  // "A-000012"
  std::string name;
  std::string department;
  std::string department_account;  // the filing department's account, "U-000007"
  approvals::ApplicationState state = approvals::ApplicationState::filed;
  std::int64_t approved_budget_fen = 0;
  std::int64_t committed_fen = 0;                // the budgets of its live tenders
  std::vector<std::string> purchasers;           // officials' public ids
  std::vector<ProjectTender> tenders;            // published ones, oldest first
  std::optional<std::string> registered_system;  // "S-000123", once accepted
};

class ProjectLedger {
 public:
  ProjectLedger(db::Database& database, const common::Clock& clock);

  common::Result<ProjectPage> page(const std::string& project_code);
  // The department that filed the project names an official as one of its purchasers (idempotent).
  // not_found for another department's project; validation_failed unless `official` is an enabled
  // official's account.
  common::Result<ProjectPage> add_purchaser(const accounts::Principal& department, const std::string& project_code,
                                            const std::string& official);

 private:
  db::Database& db_;
  const common::Clock& clock_;
  db::AuditLogWriter audit_;
};

}  // namespace gp::server::filing
