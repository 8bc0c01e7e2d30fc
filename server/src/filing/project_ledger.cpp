#include "gongping/server/filing/project_ledger.hpp"

#include "gongping/approvals/project_budget.hpp"
#include "gongping/server/accounts/principal.hpp"
#include "gongping/server/db/sql_time.hpp"
#include "gongping/server/filing/application_rows.hpp"

namespace gp::server::filing {
namespace {

using approvals::ApplicationEvent;
using approvals::ApplicationState;

// The budgets of the project's live tenders (published and neither cancelled nor failed), leaving
// out `except`.
long long committed_budget(soci::session& sql, const std::string& code, long long except) {
  long long committed = 0;
  sql << "SELECT COALESCE(sum(budget_fen), 0) FROM tenders WHERE project_code = :c AND id <> :t AND "
         "state NOT IN ('draft', 'cancelled', 'failed')",
      soci::use(code), soci::use(except), soci::into(committed);
  return committed;
}

}  // namespace

common::Result<void> reserve_tender_budget(soci::session& sql, const db::AuditLogWriter& audit,
                                           const std::string& project_code, long long tender_row,
                                           common::Money tender_budget, common::Instant now) {
  auto project = find_project(sql, project_code, Lock::update);
  if (!project) {
    return common::make_error(common::ErrorCode::not_found, "No filed project " + project_code + ".");
  }
  const approvals::ProjectBudget budget{project_code, project->state,
                                        common::Money::from_fen(project->approved_budget_fen.value_or(0)),
                                        common::Money::from_fen(committed_budget(sql, project_code, tender_row))};
  if (auto ok = approvals::check_tender_budget(budget, tender_budget); !ok) return ok.error();
  if (project->state == ApplicationState::filed) {
    record_step(sql, audit, *project, ApplicationEvent::start_procurement, ApplicationState::in_procurement,
                std::nullopt, "", now);
  }
  return {};
}

void note_contract_signed(soci::session& sql, const db::AuditLogWriter& audit, const std::string& project_code,
                          common::Instant now) {
  auto project = find_project(sql, project_code, Lock::update);
  if (project && project->state == ApplicationState::in_procurement) {
    record_step(sql, audit, *project, ApplicationEvent::start_construction, ApplicationState::in_construction,
                std::nullopt, "", now);
  }
}

common::Result<ProjectPage> project_page(db::Database& database, const std::string& project_code) {
  return database.run<ProjectPage>([&](soci::session& sql) -> common::Result<ProjectPage> {
    auto project = find_project(sql, project_code, Lock::none);
    if (!project) return common::make_error(common::ErrorCode::not_found, "No filed project " + project_code + ".");
    ProjectPage page;
    page.project_code = project_code;
    page.application = project->public_id;
    page.department = project->department;
    page.state = project->state;
    page.approved_budget_fen = project->approved_budget_fen.value_or(0);
    page.committed_fen = committed_budget(sql, project_code, 0);
    const long long row = project->id;
    const int version = project->version;
    sql << "SELECT name FROM application_versions WHERE application_id = :a AND version = :v", soci::use(row),
        soci::use(version), soci::into(page.name);
    soci::rowset<soci::row> tenders =
        (sql.prepare << "SELECT t.public_id, t.title, t.state, t.budget_fen, c.amount_fen, " +
                            db::sql_micros("c.signed_at") +
                            " FROM tenders t LEFT JOIN contracts c ON c.tender_id = t.id "
                            "WHERE t.project_code = :c AND t.state <> 'draft' ORDER BY t.published_at, t.id",
         soci::use(project_code));
    for (const auto& r : tenders) {
      ProjectTender t{r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2), r.get<long long>(3),
                      std::nullopt, std::nullopt};
      if (r.get_indicator(4) == soci::i_ok) {
        t.contract_amount_fen = r.get<long long>(4);
        t.contract_signed_at = common::Instant::from_unix_micros(r.get<long long>(5));
      }
      page.tenders.push_back(std::move(t));
    }
    long long system = 0;
    sql << "SELECT id FROM registry_systems WHERE project_code = :c ORDER BY id LIMIT 1", soci::use(project_code),
        soci::into(system);
    if (sql.got_data()) page.registered_system = accounts::format_public_id('S', system);
    return page;
  });
}

}  // namespace gp::server::filing
