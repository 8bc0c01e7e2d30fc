#include "gongping/server/filing/application_rows.hpp"

#include "gongping/common/crypto.hpp"
#include "gongping/server/db/sql_arrays.hpp"
#include "gongping/server/db/sql_time.hpp"

namespace gp::server::filing {
namespace {

using approvals::ApplicationEvent;

const std::string kColumns = "id, department_account_id, department, state, version, " + db::sql_micros("state_since") +
                             ", approved_budget_fen, project_code, encode(review_secret, 'hex'), " +
                             db::sql_micros("created_at");

std::optional<ApplicationRow> read_row(soci::session& sql, const std::string& where, const std::string& key,
                                       long long id_key, Lock lock) {
  ApplicationRow a;
  std::string state;
  long long since = 0, created = 0, budget = 0;
  std::string code, secret;
  soci::indicator budget_ind = soci::i_null, code_ind = soci::i_null, secret_ind = soci::i_null;
  const std::string query =
      "SELECT " + kColumns + " FROM applications WHERE " + where + (lock == Lock::update ? " FOR UPDATE" : "");
  if (key.empty()) {
    sql << query, soci::use(id_key, "k"), soci::into(a.id), soci::into(a.department_account), soci::into(a.department),
        soci::into(state), soci::into(a.version), soci::into(since), soci::into(budget, budget_ind),
        soci::into(code, code_ind), soci::into(secret, secret_ind), soci::into(created);
  } else {
    sql << query, soci::use(key, "k"), soci::into(a.id), soci::into(a.department_account), soci::into(a.department),
        soci::into(state), soci::into(a.version), soci::into(since), soci::into(budget, budget_ind),
        soci::into(code, code_ind), soci::into(secret, secret_ind), soci::into(created);
  }
  if (!sql.got_data()) return std::nullopt;
  a.public_id = accounts::format_public_id('A', a.id);
  a.state = approvals::parse_application_state(state).value_or(approvals::ApplicationState::draft);
  a.state_since = common::Instant::from_unix_micros(since);
  if (budget_ind == soci::i_ok) a.approved_budget_fen = budget;
  if (code_ind == soci::i_ok) a.project_code = code;
  if (secret_ind == soci::i_ok) a.review_secret_hex = secret;
  a.created_at = common::Instant::from_unix_micros(created);
  return a;
}

}  // namespace

std::optional<ApplicationRow> find_application(soci::session& sql, const std::string& public_id, Lock lock) {
  const auto row = accounts::parse_public_id('A', public_id);
  if (!row) return std::nullopt;
  return read_row(sql, "id = :k", "", *row, lock);
}

std::optional<ApplicationRow> find_project(soci::session& sql, const std::string& project_code, Lock lock) {
  return read_row(sql, "project_code = :k", project_code, 0, lock);
}

bool may_read(soci::session& sql, const accounts::Principal& reader, const ApplicationRow& app) {
  switch (reader.role) {
    case common::Role::reviewer:
    case common::Role::supervisor: return true;
    case common::Role::department: return reader.account_id == app.department_account;
    case common::Role::expert: {
      const long long account = reader.account_id, id = app.id;
      const int version = app.version;
      long long seats = 0;
      sql << "SELECT count(*) FROM application_panel_members WHERE application_id = :a AND version = :v "
             "AND account_id = :e AND seated",
          soci::use(id), soci::use(version), soci::use(account), soci::into(seats);
      return seats > 0;
    }
    default: return false;
  }
}

ApplicationDraft load_version(soci::session& sql, long long application, int version) {
  ApplicationDraft d;
  std::string type, consumes, produces, hosting;
  long long budget = 0;
  sql << "SELECT name, project_type, requested_budget_fen, functions, consumes::text, produces::text, hosting, "
         "security_level, domestic_technology, schedule_start::text, schedule_end::text "
         "FROM application_versions WHERE application_id = :a AND version = :v",
      soci::use(application), soci::use(version), soci::into(d.name), soci::into(type), soci::into(budget),
      soci::into(d.functions), soci::into(consumes), soci::into(produces), soci::into(hosting),
      soci::into(d.security_level), soci::into(d.domestic_technology), soci::into(d.schedule_start),
      soci::into(d.schedule_end);
  d.type = approvals::parse_project_type(type).value_or(approvals::ProjectType::build);
  d.requested_budget = common::Money::from_fen(budget);
  d.consumes = db::parse_pg_text_array(consumes);
  d.produces = db::parse_pg_text_array(produces);
  d.hosting = approvals::parse_hosting(hosting).value_or(approvals::Hosting::other_cloud);
  return d;
}

void store_version(soci::session& sql, long long application, int version, const ApplicationDraft& d,
                   common::Instant now, bool insert) {
  const std::string type(approvals::to_string(d.type)), hosting(approvals::to_string(d.hosting));
  const std::string consumes = db::pg_text_array(d.consumes), produces = db::pg_text_array(d.produces);
  const long long budget = d.requested_budget.fen(), at = now.unix_micros();
  const std::string values =
      ":n, :t, :b, :f, CAST(:c AS text[]), CAST(:p AS text[]), :h, :s, :d, CAST(:ss AS date), CAST(:se AS date), " +
      db::sql_instant(":at");
  if (insert) {
    sql << "INSERT INTO application_versions (application_id, version, name, project_type, requested_budget_fen, "
           "functions, consumes, produces, hosting, security_level, domestic_technology, schedule_start, "
           "schedule_end, updated_at) VALUES (:a, :v, " +
               values + ")",
        soci::use(application, "a"), soci::use(version, "v"), soci::use(d.name, "n"), soci::use(type, "t"),
        soci::use(budget, "b"), soci::use(d.functions, "f"), soci::use(consumes, "c"), soci::use(produces, "p"),
        soci::use(hosting, "h"), soci::use(d.security_level, "s"), soci::use(d.domestic_technology, "d"),
        soci::use(d.schedule_start, "ss"), soci::use(d.schedule_end, "se"), soci::use(at, "at");
  } else {
    sql << "UPDATE application_versions SET (name, project_type, requested_budget_fen, functions, consumes, "
           "produces, hosting, security_level, domestic_technology, schedule_start, schedule_end, updated_at) = (" +
               values + ") WHERE application_id = :a AND version = :v",
        soci::use(d.name, "n"), soci::use(type, "t"), soci::use(budget, "b"), soci::use(d.functions, "f"),
        soci::use(consumes, "c"), soci::use(produces, "p"), soci::use(hosting, "h"), soci::use(d.security_level, "s"),
        soci::use(d.domestic_technology, "d"), soci::use(d.schedule_start, "ss"), soci::use(d.schedule_end, "se"),
        soci::use(at, "at"), soci::use(application, "a"), soci::use(version, "v");
  }
}

std::string version_json(const ApplicationDraft& d) {
  common::JsonWriter w;
  w.begin_object().key("name").value(d.name).key("type").value(approvals::to_string(d.type));
  w.key("requested_budget_fen").value(d.requested_budget.fen()).key("functions").value(d.functions);
  w.key("consumes").string_array(d.consumes).key("produces").string_array(d.produces);
  w.key("hosting").value(approvals::to_string(d.hosting)).key("security_level").value(std::int64_t{d.security_level});
  w.key("domestic_technology").value(d.domestic_technology);
  w.key("schedule_start").value(d.schedule_start).key("schedule_end").value(d.schedule_end).end_object();
  return w.take();
}

std::string version_sha256(const ApplicationDraft& draft) {
  return common::to_hex(common::sha256(version_json(draft)));
}

std::string step_action(ApplicationEvent step) {
  switch (step) {
    case ApplicationEvent::submit: return "application.submitted";
    case ApplicationEvent::start_check: return "application.check_started";
    case ApplicationEvent::pass_completeness: return "application.completeness_passed";
    case ApplicationEvent::pass_compliance: return "application.compliance_passed";
    case ApplicationEvent::approve: return "application.approved";
    case ApplicationEvent::reject: return "application.rejected";
    case ApplicationEvent::return_for_revision: return "application.returned";
    case ApplicationEvent::revise: return "application.revised";
    case ApplicationEvent::file: return "application.filed";
    case ApplicationEvent::start_procurement: return "application.procurement_started";
    case ApplicationEvent::start_construction: return "application.construction_started";
    case ApplicationEvent::accept: return "application.accepted";
    case ApplicationEvent::evaluate: return "application.evaluated";
    case ApplicationEvent::close: return "application.closed";
  }
  return "application.changed";
}

audit::AuditEntry record_step(soci::session& sql, const db::AuditLogWriter& audit, const ApplicationRow& app,
                              ApplicationEvent step, approvals::ApplicationState to,
                              const std::optional<accounts::Principal>& actor, const std::string& reason,
                              common::Instant now, const std::function<void(common::JsonWriter&)>& more) {
  const std::string from(approvals::to_string(app.state)), to_name(approvals::to_string(to));
  common::JsonWriter data;
  data.begin_object().key("version").value(std::int64_t{app.version}).key("from").value(from);
  data.key("to").value(to_name).key("reason").value(reason);
  if (more) more(data);
  data.end_object();
  auto e = audit::make_entry(actor ? actor->actor() : accounts::system_actor(), step_action(step),
                             {"application", app.public_id}, data.take());
  audit.append(sql, e);

  const long long id = app.id, at = now.unix_micros(), index = e.index;
  const int version = app.version;
  const std::string step_name(approvals::to_string(step));
  long long account = actor ? actor->account_id : 0;
  soci::indicator account_ind = actor ? soci::i_ok : soci::i_null;
  sql << "UPDATE applications SET state = :s, state_since = " + db::sql_instant(":at") + " WHERE id = :id",
      soci::use(to_name, "s"), soci::use(at, "at"), soci::use(id, "id");
  sql << "INSERT INTO application_steps (application_id, version, step, from_state, to_state, account_id, reason, "
         "at, audit_index) VALUES (:a, :v, :st, :f, :t, :acc, :r, " +
             db::sql_instant(":at") + ", :i)",
      soci::use(id, "a"), soci::use(version, "v"), soci::use(step_name, "st"), soci::use(from, "f"),
      soci::use(to_name, "t"), soci::use(account, account_ind, "acc"), soci::use(reason, "r"), soci::use(at, "at"),
      soci::use(index, "i");
  return e;
}

}  // namespace gp::server::filing
