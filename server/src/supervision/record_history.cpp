#include "gongping/server/supervision/record_history.hpp"

#include <array>

#include "gongping/server/accounts/principal.hpp"
#include "gongping/server/db/sql_time.hpp"

namespace gp::server::supervision {
namespace {

// A subject kind: its name in record_versions, the letter of its public ids (0: the tenders table's
// own public ids), and how it is spelled in the API.
struct SubjectKind {
  const char* name;
  char prefix;
};
constexpr std::array<SubjectKind, 7> kSubjects{{{"tender", 0},
                                                {"application", 'A'},
                                                {"enterprise", 'E'},
                                                {"account", 'U'},
                                                {"case", 'M'},
                                                {"registry_system", 'S'},
                                                {"catalogue_resource", 'R'}}};

// The subject's row id, and the record types left out of its history: bids until they are opened.
struct Subject {
  std::string key;
  std::string hidden_types = "{}";  // a text[] literal
};

common::Result<Subject> resolve(soci::session& sql, const std::string& subject, const std::string& public_id) {
  const SubjectKind* kind = nullptr;
  for (const auto& k : kSubjects) {
    if (subject == k.name) kind = &k;
  }
  if (kind == nullptr) {
    return common::Error::validation(
        {{"subject", "must be tender, application, enterprise, account, case, registry_system or catalogue_resource"}});
  }
  const auto unknown = common::make_error(common::ErrorCode::not_found, "No " + subject + " " + public_id + ".");
  if (kind->prefix != 0) {
    const auto row = accounts::parse_public_id(kind->prefix, public_id);
    if (!row) return unknown;
    return Subject{std::to_string(*row)};
  }
  long long row = 0, opened = 0;
  sql << "SELECT t.id, (SELECT count(*) FROM openings o WHERE o.tender_id = t.id) FROM tenders t WHERE t.public_id = "
         ":p",
      soci::use(public_id), soci::into(row), soci::into(opened);
  if (!sql.got_data()) return unknown;
  return Subject{std::to_string(row), opened > 0 ? "{}" : "{bids}"};
}

// The time of a version: its transaction's earliest audit entry (the platform's clock), else the
// database's clock at the change (only for a change that was not audited).
const std::string kVersionMicros = db::sql_micros(
    "COALESCE((SELECT min(CAST(CAST(x.entry AS jsonb) ->> 'at' AS timestamptz)) FROM audit_log x WHERE x.xact = "
    "v.xact), v.changed_at)");

}  // namespace

RecordHistory::RecordHistory(db::Database& database) : db_(database) {}

common::Result<HistoryPage> RecordHistory::history(const std::string& subject, const std::string& subject_id,
                                                   std::int64_t after, int limit) {
  return db_.run<HistoryPage>([&](soci::session& sql) -> common::Result<HistoryPage> {
    auto found = resolve(sql, subject, subject_id);
    if (!found) return found.error();
    const long long after_id = after, fetch = limit + 1;
    // The window runs over the subject's whole history so that version numbers and "before" values
    // do not depend on the page.
    soci::rowset<soci::row> rows =
        (sql.prepare << "WITH v AS (SELECT id, record_type, record_key, operation, row_data, xact, changed_at, "
                        "row_number() OVER w AS version, lag(row_data) OVER w AS before FROM record_versions "
                        "WHERE subject = :s AND subject_key = :k AND record_type <> ALL (CAST(:hidden AS text[])) "
                        "WINDOW w AS (PARTITION BY record_type, record_key ORDER BY id)) "
                        "SELECT v.id, v.record_type, v.record_key, v.version, v.operation, v.row_data::text, "
                        "COALESCE((SELECT jsonb_agg(jsonb_build_object('field', f, 'before', v.before -> f, 'after', "
                        "v.row_data -> f) ORDER BY f) FROM jsonb_object_keys(v.row_data || COALESCE(v.before, "
                        "'{}')) AS f WHERE v.before IS NULL OR v.before -> f IS DISTINCT FROM v.row_data -> f)::text, "
                        "'[]'), " +
                            kVersionMicros +
                            ", COALESCE((SELECT jsonb_agg(jsonb_build_object('index', x.idx, 'action', e ->> 'action', "
                            "'actor', e -> 'actor', 'object', e -> 'object') ORDER BY x.idx) FROM audit_log x, "
                            "LATERAL CAST(x.entry AS jsonb) AS e WHERE x.xact = v.xact)::text, '[]'), "
                            "EXISTS (SELECT 1 FROM audit_log x WHERE x.xact = v.xact)::int "
                            "FROM v WHERE v.id > :after ORDER BY v.id LIMIT :n",
         soci::use(subject), soci::use(found.value().key), soci::use(found.value().hidden_types), soci::use(after_id),
         soci::use(fetch));
    HistoryPage page{subject, subject_id, {}, std::nullopt};
    for (const auto& r : rows) {
      RecordVersion v;
      v.id = r.get<long long>(0);
      v.record_type = r.get<std::string>(1);
      v.record_key = r.get<std::string>(2);
      v.version = r.get<long long>(3);
      v.operation = r.get<std::string>(4);
      v.row_json = r.get<std::string>(5);
      v.changes_json = r.get<std::string>(6);
      if (r.get<int>(9) != 0) v.at = common::Instant::from_unix_micros(r.get<long long>(7));
      v.audit_json = r.get<std::string>(8);
      page.versions.push_back(std::move(v));
    }
    if (page.versions.size() > static_cast<std::size_t>(limit)) {
      page.versions.pop_back();
      page.next_after = page.versions.back().id;
    }
    return page;
  });
}

common::Result<std::vector<RecordAsOf>> RecordHistory::tender_as_of(const std::string& tender_id, common::Instant at) {
  return db_.run<std::vector<RecordAsOf>>([&](soci::session& sql) -> common::Result<std::vector<RecordAsOf>> {
    auto found = resolve(sql, "tender", tender_id);
    if (!found) return found.error();
    const long long micros = at.unix_micros();
    soci::rowset<soci::row> rows =
        (sql.prepare << "WITH v AS (SELECT DISTINCT ON (record_type, record_key) v.id, v.record_type, v.record_key, "
                        "v.operation, v.row_data FROM record_versions v WHERE v.subject = 'tender' AND v.subject_key = "
                        ":k AND v.record_type <> ALL (CAST(:hidden AS text[])) AND " +
                            kVersionMicros +
                            " <= :at ORDER BY v.record_type, v.record_key, v.id DESC) "
                            "SELECT record_type, record_key, row_data::text FROM v WHERE operation <> 'delete' "
                            "ORDER BY record_type, id",
         soci::use(found.value().key), soci::use(found.value().hidden_types), soci::use(micros));
    std::vector<RecordAsOf> records;
    for (const auto& r : rows) records.push_back({r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2)});
    if (records.empty()) {
      return common::make_error(common::ErrorCode::not_found,
                                "Tender " + tender_id + " did not exist yet at " + at.to_rfc3339() + ".");
    }
    return records;
  });
}

}  // namespace gp::server::supervision
