#pragma once
// The tie between filed projects and trading (issue 5, "Tie to trading";
// approvals/project_budget.hpp for the rule).
//
// - At publication, a tender carrying a project code must fit in what the project's other live
//   tenders leave of its approved budget. The check locks the project's row, so two tenders of one
//   project published at once cannot both take the last of it. The project's first published tender
//   moves it to in procurement; its first contract to in construction (the platform's own steps,
//   audited as such).
// - The project page: the filed project with its tenders and their contracts, for anyone.
// The first two run inside the caller's transaction; project_page on the worker pool.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "gongping/approvals/application_lifecycle.hpp"
#include "gongping/common/money.hpp"
#include "gongping/common/result.hpp"
#include "gongping/server/db/audit_log_writer.hpp"
#include "gongping/server/db/database.hpp"

namespace gp::server::filing {

// Inside the publishing transaction of tender `tender_row`: not_found for an unknown code,
// application_transition_refused for a project not filed (or already accepted),
// project_budget_exceeded when the budget does not fit.
common::Result<void> reserve_tender_budget(soci::session& sql, const db::AuditLogWriter& audit,
                                           const std::string& project_code, long long tender_row,
                                           common::Money tender_budget, common::Instant now);

// Inside the transaction recording a contract of a tender carrying `project_code`.
void note_contract_signed(soci::session& sql, const db::AuditLogWriter& audit, const std::string& project_code,
                          common::Instant now);

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
  approvals::ApplicationState state = approvals::ApplicationState::filed;
  std::int64_t approved_budget_fen = 0;
  std::int64_t committed_fen = 0;  // the budgets of its live tenders
  std::vector<ProjectTender> tenders;  // published ones, oldest first
  std::optional<std::string> registered_system;  // "S-000123", once accepted
};

common::Result<ProjectPage> project_page(db::Database& database, const std::string& project_code);

}  // namespace gp::server::filing
