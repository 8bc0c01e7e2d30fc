#include "gongping/server/filing/project_ledger.hpp"

#include "gongping/approvals/project_budget.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/server/accounts/account_repository.hpp"
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

bool is_purchaser(soci::session& sql, long long application, long long account) {
  long long found = 0;
  sql << "SELECT count(*) FROM project_purchasers WHERE application_id = :a AND account_id = :o",
      soci::use(application), soci::use(account), soci::into(found);
  return found > 0;
}

ProjectPage load_page(soci::session& sql, const ApplicationRow& project) {
  ProjectPage page;
  const std::string code = *project.project_code;
  page.project_code = code;
  page.application = project.public_id;
  page.department = project.department;
  page.department_account = accounts::staff_public_id(project.department_account);
  page.state = project.state;
  page.approved_budget_fen = project.approved_budget_fen.value_or(0);
  page.committed_fen = committed_budget(sql, code, 0);
  const long long row = project.id;
  const int version = project.version;
  sql << "SELECT name FROM application_versions WHERE application_id = :a AND version = :v", soci::use(row),
      soci::use(version), soci::into(page.name);
  soci::rowset<long long> purchasers =
      (sql.prepare << "SELECT account_id FROM project_purchasers WHERE application_id = :a ORDER BY account_id",
       soci::use(row));
  for (const auto account : purchasers) page.purchasers.push_back(accounts::staff_public_id(account));
  soci::rowset<soci::row> tenders =
      (sql.prepare << "SELECT t.public_id, t.title, t.state, t.budget_fen, c.amount_fen, " +
                          db::sql_micros("c.signed_at") +
                          " FROM tenders t LEFT JOIN contracts c ON c.tender_id = t.id "
                          "WHERE t.project_code = :c AND t.state <> 'draft' ORDER BY t.published_at, t.id",
       soci::use(code));
  for (const auto& r : tenders) {
    ProjectTender t{r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2),
                    r.get<long long>(3),   std::nullopt,          std::nullopt};
    if (r.get_indicator(4) == soci::i_ok) {
      t.contract_amount_fen = r.get<long long>(4);
      t.contract_signed_at = common::Instant::from_unix_micros(r.get<long long>(5));
    }
    page.tenders.push_back(std::move(t));
  }
  long long system = 0;
  sql << "SELECT id FROM registry_systems WHERE project_code = :c ORDER BY id LIMIT 1", soci::use(code),
      soci::into(system);
  if (sql.got_data()) page.registered_system = accounts::format_public_id('S', system);
  return page;
}

}  // namespace

common::Result<void> reserve_tender_budget(soci::session& sql, const db::AuditLogWriter& audit,
                                           const std::string& project_code, const tenders::TenderRow& tender,
                                           common::Money tender_budget, common::Instant now) {
  auto project = find_project(sql, project_code, Lock::update);
  if (!project) {
    return common::Error::validation({{"project_code", "no filed project has the code " + project_code}});
  }
  if (!is_purchaser(sql, project->id, tender.created_by)) {
    return common::make_error(common::ErrorCode::forbidden, "You are not a purchaser of project " + project_code +
                                                                "; the department that filed it names its purchasers.");
  }
  const approvals::ProjectBudget budget{project_code, project->state,
                                        common::Money::from_fen(project->approved_budget_fen.value_or(0)),
                                        common::Money::from_fen(committed_budget(sql, project_code, tender.id))};
  if (auto ok = approvals::check_tender_budget(budget, tender_budget); !ok) return ok.error();
  if (project->state == ApplicationState::filed) {
    record_step(sql, audit, *project, ApplicationEvent::start_procurement, ApplicationState::in_procurement,
                std::nullopt, "tender " + tender.view.id + " published", now);
  }
  return {};
}

void note_contract_signed(soci::session& sql, const db::AuditLogWriter& audit, const std::string& project_code,
                          const std::string& tender_id, common::Instant now) {
  auto project = find_project(sql, project_code, Lock::update);
  if (project && project->state == ApplicationState::in_procurement) {
    record_step(sql, audit, *project, ApplicationEvent::start_construction, ApplicationState::in_construction,
                std::nullopt, "contract of tender " + tender_id + " recorded", now);
  }
}

ProjectLedger::ProjectLedger(db::Database& database, const common::Clock& clock)
    : db_(database), clock_(clock), audit_(clock) {}

common::Result<ProjectPage> ProjectLedger::page(const std::string& project_code) {
  return db_.run<ProjectPage>([&](soci::session& sql) -> common::Result<ProjectPage> {
    auto project = find_project(sql, project_code, Lock::none);
    if (!project) return common::make_error(common::ErrorCode::not_found, "No filed project " + project_code + ".");
    return load_page(sql, *project);
  });
}

common::Result<ProjectPage> ProjectLedger::add_purchaser(const accounts::Principal& department,
                                                         const std::string& project_code, const std::string& official) {
  return db_.run<ProjectPage>([&](soci::session& sql) -> common::Result<ProjectPage> {
    soci::transaction tx(sql);
    auto project = find_project(sql, project_code, Lock::update);
    if (!project || project->department_account != department.account_id) {
      return common::make_error(common::ErrorCode::not_found, "No filed project " + project_code + " of yours.");
    }
    const auto row = accounts::find_enabled_staff(sql, official, common::Role::official);
    if (!row) {
      return common::Error::validation({{"official", official + " is not an official's account"}});
    }
    if (!is_purchaser(sql, project->id, *row)) {
      common::JsonWriter data;
      data.begin_object().key("project_code").value(project_code).key("official").value(official).end_object();
      auto e = audit::make_entry(department.actor(), "project.purchaser_added", {"application", project->public_id},
                                 data.take());
      audit_.append(sql, e);
      const long long app = project->id, account = *row, by = department.account_id;
      const long long at = clock_.now().unix_micros(), index = e.index;
      sql << "INSERT INTO project_purchasers (application_id, account_id, granted_by, granted_at, audit_index) "
             "VALUES (:a, :o, :b, " +
                 db::sql_instant(":at") + ", :i)",
          soci::use(app), soci::use(account), soci::use(by), soci::use(at), soci::use(index);
    }
    auto page = load_page(sql, *project);
    tx.commit();
    return page;
  });
}

}  // namespace gp::server::filing
