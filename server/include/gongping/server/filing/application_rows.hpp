#pragma once
// The application tables as the filing services read and write them, inside the caller's
// transaction (server/migrations/0010_approvals.sql). Blocking; throws soci::soci_error.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "gongping/approvals/application_lifecycle.hpp"
#include "gongping/audit/audit_entry.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/server/accounts/principal.hpp"
#include "gongping/server/db/audit_log_writer.hpp"
#include "gongping/server/filing/application_service.hpp"

namespace gp::server::filing {

struct ApplicationRow {
  long long id = 0;
  std::string public_id;  // "A-000012"
  long long department_account = 0;
  std::string department;
  approvals::ApplicationState state = approvals::ApplicationState::draft;
  int version = 1;
  common::Instant state_since;
  std::optional<long long> approved_budget_fen;
  std::optional<std::string> project_code;
  std::optional<std::string> review_secret_hex;
  common::Instant created_at;
};

enum class Lock { none, update };

std::optional<ApplicationRow> find_application(soci::session& sql, const std::string& public_id, Lock lock);
std::optional<ApplicationRow> find_project(soci::session& sql, const std::string& project_code, Lock lock);

// Whether `reader` may see the application: its department, reviewers, supervisors, and experts
// the panel of its current version lists.
bool may_read(soci::session& sql, const accounts::Principal& reader, const ApplicationRow& app);

ApplicationDraft load_version(soci::session& sql, long long application, int version);
void store_version(soci::session& sql, long long application, int version, const ApplicationDraft& draft,
                   common::Instant now, bool insert);

// A version's fields as JSON, in a fixed order (the API shows it; its SHA-256 goes into the audit
// entries of drafting, submission and approval, so that the content approved can be checked later).
std::string version_json(const ApplicationDraft& draft);
std::string version_sha256(const ApplicationDraft& draft);

// "application.submitted", "application.check_started", ... for each step.
std::string step_action(approvals::ApplicationEvent step);

// Moves `app` to `to` by `step`, records the step (for the history and the stage durations) and its
// audit entry, and returns the entry. `actor` is none for the platform's own steps; `more` may add
// members to the entry's data after version, from, to and reason.
audit::AuditEntry record_step(soci::session& sql, const db::AuditLogWriter& audit, const ApplicationRow& app,
                              approvals::ApplicationEvent step, approvals::ApplicationState to,
                              const std::optional<accounts::Principal>& actor, const std::string& reason,
                              common::Instant now, const std::function<void(common::JsonWriter&)>& more = {});

}  // namespace gp::server::filing
