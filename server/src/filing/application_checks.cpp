// The duplicate-construction and compliance review of an application: the automatic findings, the
// matches against the registry and other applications, and the reviewer's resolutions.
#include "gongping/common/json_writer.hpp"
#include "gongping/server/db/sql_time.hpp"
#include "gongping/server/filing/application_rows.hpp"
#include "gongping/server/filing/application_service.hpp"
#include "gongping/server/filing/registry_service.hpp"

namespace gp::server::filing {
namespace {

using common::ErrorCode;
using common::make_error;

// Approved budgets of filed projects (filed or further on), by type, for the budget comparison.
std::vector<approvals::ComparableProject> filed_projects(soci::session& sql, long long except) {
  std::vector<approvals::ComparableProject> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT v.project_type, a.approved_budget_fen FROM applications a JOIN application_versions v "
                      "ON v.application_id = a.id AND v.version = a.version WHERE a.project_code IS NOT NULL "
                      "AND a.approved_budget_fen IS NOT NULL AND a.id <> :e",
       soci::use(except));
  for (const auto& r : rows) {
    out.push_back({approvals::parse_project_type(r.get<std::string>(0)).value_or(approvals::ProjectType::build),
                   common::Money::from_fen(r.get<long long>(1))});
  }
  return out;
}

}  // namespace

ChecksView ApplicationService::compute_checks(soci::session& sql, const ApplicationRow& app) {
  ChecksView v;
  v.application = app.public_id;
  v.version = app.version;
  v.threshold = rules_.duplicate_threshold;
  const auto d = load_version(sql, app.id, app.version);
  v.findings = approvals::check_compliance({d.type, d.hosting, d.produces, d.requested_budget}, load_catalogue(sql),
                                           filed_projects(sql, app.id));
  // Matches just under the threshold are shown too (down to 80% of it), for the reviewer's judgement.
  const auto found = corpus_.matches(sql, app.id, application_matching_text(d.name, d.functions, d.produces),
                                     v.threshold, v.threshold * 0.8);
  v.matches_truncated = found.truncated;
  const long long id = app.id;
  const int version = app.version;
  for (const auto& m : found.matches) {
    DuplicateMatchView mv{m, m.score >= v.threshold, std::nullopt};
    std::string resolution, note;
    long long by = 0, at = 0;
    sql << "SELECT resolution, note, account_id, " + db::sql_micros("at") +
               " FROM duplicate_resolutions WHERE application_id = :a AND version = :v AND match_id = :m",
        soci::use(id), soci::use(version), soci::use(m.id), soci::into(resolution), soci::into(note), soci::into(by),
        soci::into(at);
    if (sql.got_data()) {
      mv.resolution = DuplicateResolution{parse_resolution(resolution).value_or(Resolution::justify), note,
                                          accounts::staff_public_id(by), common::Instant::from_unix_micros(at)};
    }
    v.matches.push_back(std::move(mv));
  }
  v.blocked = approvals::blocks(v.findings) || v.matches_truncated ||
              std::any_of(v.matches.begin(), v.matches.end(),
                          [](const DuplicateMatchView& m) { return m.needs_resolution && !m.resolution; });
  return v;
}

common::Result<ChecksView> ApplicationService::checks(const accounts::Principal& reader, const std::string& id) {
  return db_.run<ChecksView>([&](soci::session& sql) -> common::Result<ChecksView> {
    auto app = find_application(sql, id, Lock::none);
    // Reviewers and supervisors: the matches name other departments' plans and hold reviewers' notes.
    if (!app || (reader.role != common::Role::reviewer && reader.role != common::Role::supervisor)) {
      return make_error(ErrorCode::not_found, "No application " + id + " whose review you may see.");
    }
    return compute_checks(sql, *app);
  });
}

common::Result<ChecksView> ApplicationService::resolve(const accounts::Principal& reviewer, const std::string& id,
                                                       const std::string& match_id, Resolution resolution,
                                                       const std::string& note) {
  return db_.run<ChecksView>([&](soci::session& sql) -> common::Result<ChecksView> {
    soci::transaction tx(sql);
    auto app = find_application(sql, id, Lock::update);
    if (!app) return make_error(ErrorCode::not_found, "No application " + id + ".");
    if (app->state != approvals::ApplicationState::compliance_review) {
      return make_error(ErrorCode::application_transition_refused,
                        "Duplicate matches are resolved during the duplication and compliance review; " + id + " is " +
                            std::string(approvals::to_string(app->state)) + ".");
    }
    auto checks = compute_checks(sql, *app);
    const auto match = std::find_if(checks.matches.begin(), checks.matches.end(),
                                    [&](const DuplicateMatchView& m) { return m.match.id == match_id; });
    if (match == checks.matches.end()) {
      return make_error(ErrorCode::not_found, match_id + " is not among the duplicate matches of " + id + ".");
    }
    const auto now = clock_.now();
    const std::string resolution_name(to_string(resolution));
    common::JsonWriter data;
    data.begin_object().key("version").value(std::int64_t{app->version}).key("match").value(match_id);
    data.key("match_name").value(match->match.name).key("score").raw(format_score(match->match.score));
    data.key("resolution").value(resolution_name).key("note").value(note).end_object();
    auto e = audit::make_entry(reviewer.actor(), "application.duplicate_resolved", {"application", id}, data.take());
    audit_.append(sql, e);
    const long long row = app->id, account = reviewer.account_id, at = now.unix_micros(), index = e.index;
    const int version = app->version;
    const double score = match->match.score;
    sql << "INSERT INTO duplicate_resolutions (application_id, version, match_id, score, resolution, note, account_id, "
           "at, audit_index) VALUES (:a, :v, :m, :s, :r, :n, :acc, " +
               db::sql_instant(":at") +
               ", :i) ON CONFLICT (application_id, version, match_id) DO UPDATE SET score = EXCLUDED.score, "
               "resolution = EXCLUDED.resolution, note = EXCLUDED.note, account_id = EXCLUDED.account_id, "
               "at = EXCLUDED.at, audit_index = EXCLUDED.audit_index",
        soci::use(row, "a"), soci::use(version, "v"), soci::use(match_id, "m"), soci::use(score, "s"),
        soci::use(resolution_name, "r"), soci::use(note, "n"), soci::use(account, "acc"), soci::use(at, "at"),
        soci::use(index, "i");
    auto updated = compute_checks(sql, *app);
    tx.commit();
    return updated;
  });
}

}  // namespace gp::server::filing
