#include "gongping/server/supervision/record_history.hpp"

#include <array>
#include <charconv>
#include <limits>

#include "gongping/server/accounts/principal.hpp"
#include "gongping/server/db/sql_time.hpp"

namespace gp::server::supervision {
namespace {

// A subject kind: its name in record_versions, the letter of its public ids (0: the tenders table's
// own public ids), and the table that holds it.
struct SubjectKind {
  const char* name;
  char prefix;
  const char* table;
};
constexpr std::array<SubjectKind, 7> kSubjects{{{"tender", 0, "tenders"},
                                                {"application", 'A', "applications"},
                                                {"enterprise", 'E', "enterprises"},
                                                {"account", 'U', "accounts"},
                                                {"case", 'M', "monitoring_cases"},
                                                {"registry_system", 'S', "registry_systems"},
                                                {"catalogue_resource", 'R', "catalogue_resources"}}};

// The subject's row id, and whether its bids are still sealed (a tender taking bids).
struct Subject {
  std::string key;
  int sealed = 0;
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
  if (kind->prefix == 0) {
    long long row = 0;
    int sealed = 0;
    sql << "SELECT id, (state IN ('draft', 'published'))::int FROM tenders WHERE public_id = :p", soci::use(public_id),
        soci::into(row), soci::into(sealed);
    if (!sql.got_data()) return unknown;
    return Subject{std::to_string(row), sealed};
  }
  const auto row = accounts::parse_public_id(kind->prefix, public_id);
  if (!row) return unknown;
  long long id = *row, found = 0;
  // Staff accounts only: an enterprise's account is part of the enterprise's history.
  sql << std::string("SELECT count(*) FROM ") + kind->table + " WHERE id = :id" +
             (kind->prefix == 'U' ? " AND enterprise_id IS NULL" : ""),
      soci::use(id), soci::into(found);
  if (found == 0) return unknown;
  return Subject{std::to_string(id), 0};
}

// Versions a supervisor may see: while a tender takes bids, nothing that tells who bid.
const std::string kVisible =
    "(:sealed = 0 OR NOT (v.record_type IN ('bids', 'bid_credentials', 'bid_origins') OR (v.record_type = 'uploads' "
    "AND v.row_data ->> 'kind' = 'attachment')))";

// A change's place in the log (its first entry's index: changes enter the log in commit order) and
// its time (its entries', the platform's clock), from the change id `c`. Unaudited changes go last.
std::string change_order(const std::string& c) {
  return "COALESCE((SELECT min(x.idx) FROM audit_log x WHERE x.change_id = " + c + "), " +
         std::to_string(std::numeric_limits<long long>::max()) + ")";
}
std::string change_micros(const std::string& c) {
  return db::sql_micros(
      "(SELECT min(CAST(CAST(x.entry AS jsonb) ->> 'at' AS timestamptz)) FROM audit_log x WHERE "
      "x.change_id = " +
      c + ")");
}

// "<order>.<id>" → the pair; nullopt when malformed.
std::optional<std::pair<long long, long long>> parse_cursor(const std::string& text) {
  const auto dot = text.find('.');
  if (dot == std::string::npos) return std::nullopt;
  long long order = 0, id = 0;
  const char* end = text.data() + text.size();
  const auto a = std::from_chars(text.data(), text.data() + dot, order);
  const auto b = std::from_chars(text.data() + dot + 1, end, id);
  if (a.ec != std::errc() || a.ptr != text.data() + dot || b.ec != std::errc() || b.ptr != end) return std::nullopt;
  return std::make_pair(order, id);
}

}  // namespace

RecordHistory::RecordHistory(db::Database& database) : db_(database) {}

common::Result<HistoryPage> RecordHistory::history(const std::string& subject, const std::string& subject_id,
                                                   const std::string& after, int limit) {
  long long after_order = -1, after_id = 0;
  if (!after.empty()) {
    const auto cursor = parse_cursor(after);
    if (!cursor) return common::Error::validation({{"after", "must be the previous page's next_after"}});
    std::tie(after_order, after_id) = *cursor;
  }
  return db_.run<HistoryPage>([&](soci::session& sql) -> common::Result<HistoryPage> {
    auto found = resolve(sql, subject, subject_id);
    if (!found) return found.error();
    const long long fetch = limit + 1;
    // 1. The subject's versions; of several writes of one row in one change, the last (with the
    //    operation the change amounts to; a row made and removed in one change is left out).
    // 2. Each row's versions in log order, with the previous one's data; updates that changed
    //    nothing shown dropped; then numbered. The windows run over the whole history so that numbers
    //    and "before" values do not depend on the page.
    soci::rowset<soci::row> rows =
        (sql.prepare
             << "WITH raw AS (SELECT v.*, first_value(v.operation) OVER c AS first_op, last_value(v.operation) "
                "OVER c AS last_op, row_number() OVER (PARTITION BY v.record_type, v.record_key, v.change_id "
                "ORDER BY v.id DESC) AS nth_from_last FROM record_versions v WHERE v.subject = :s AND "
                "v.subject_key = :k AND " +
                    kVisible +
                    " WINDOW c AS (PARTITION BY v.record_type, v.record_key, v.change_id ORDER BY v.id ROWS "
                    "BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)), "
                    "collapsed AS (SELECT r.id, r.record_type, r.record_key, r.row_data, r.change_id, CASE WHEN "
                    "r.first_op IN ('insert', 'baseline') THEN r.first_op WHEN r.last_op = 'delete' THEN "
                    "'delete' ELSE 'update' END AS op, " +
                    change_order("r.change_id") +
                    " AS ord FROM raw r WHERE r.nth_from_last = 1 AND NOT (r.first_op = 'insert' AND r.last_op = "
                    "'delete')), "
                    "linked AS (SELECT c.*, lag(c.row_data) OVER (PARTITION BY c.record_type, c.record_key "
                    "ORDER BY c.ord, c.id) AS before FROM collapsed c), "
                    "numbered AS (SELECT l.*, row_number() OVER (PARTITION BY l.record_type, l.record_key ORDER "
                    "BY l.ord, l.id) AS version FROM linked l WHERE NOT (l.op = 'update' AND l.before = "
                    "l.row_data)) "
                    "SELECT v.id, v.record_type, v.record_key, v.version, v.op, v.row_data::text, "
                    "COALESCE((SELECT jsonb_agg(jsonb_build_object('field', f, 'before', v.before -> f, 'after', "
                    "v.row_data -> f) ORDER BY f) FROM jsonb_object_keys(v.row_data || COALESCE(v.before, "
                    "'{}')) AS f WHERE v.before IS NULL OR v.before -> f IS DISTINCT FROM v.row_data -> f)::text, "
                    "'[]'), " +
                    change_micros("v.change_id") +
                    ", COALESCE((SELECT jsonb_agg(jsonb_build_object('index', x.idx, 'action', e ->> 'action', "
                    "'actor', e -> 'actor', 'object', e -> 'object') ORDER BY x.idx) FROM audit_log x, LATERAL "
                    "CAST(x.entry AS jsonb) AS e WHERE x.change_id = v.change_id AND e -> 'object' ->> 'id' = "
                    ":pid)::text, '[]'), v.ord "
                    "FROM numbered v WHERE (v.ord, v.id) > (:after_order, :after_id) ORDER BY v.ord, v.id "
                    "LIMIT :n",
         soci::use(subject, "s"), soci::use(found.value().key, "k"), soci::use(found.value().sealed, "sealed"),
         soci::use(subject_id, "pid"), soci::use(after_order, "after_order"), soci::use(after_id, "after_id"),
         soci::use(fetch, "n"));
    HistoryPage page{subject, subject_id, {}, std::nullopt};
    std::vector<long long> orders;
    for (const auto& r : rows) {
      RecordVersion v;
      v.id = r.get<long long>(0);
      v.record_type = r.get<std::string>(1);
      v.record_key = r.get<std::string>(2);
      v.version = r.get<long long>(3);
      v.operation = r.get<std::string>(4);
      v.row_json = r.get<std::string>(5);
      v.changes_json = r.get<std::string>(6);
      if (r.get_indicator(7) == soci::i_ok) v.at = common::Instant::from_unix_micros(r.get<long long>(7));
      v.audit_json = r.get<std::string>(8);
      orders.push_back(r.get<long long>(9));
      page.versions.push_back(std::move(v));
    }
    if (page.versions.size() > static_cast<std::size_t>(limit)) {
      page.versions.pop_back();
      page.next_after =
          std::to_string(orders[page.versions.size() - 1]) + "." + std::to_string(page.versions.back().id);
    }
    return page;
  });
}

common::Result<std::vector<RecordAsOf>> RecordHistory::tender_as_of(const std::string& tender_id, common::Instant at) {
  return db_.run<std::vector<RecordAsOf>>([&](soci::session& sql) -> common::Result<std::vector<RecordAsOf>> {
    auto found = resolve(sql, "tender", tender_id);
    if (!found) return found.error();
    const long long micros = at.unix_micros();
    // Each record's latest version (in log order) whose change is not later than `at`; a baseline
    // counts from the moment history began (the database's clock then).
    soci::rowset<soci::row> rows =
        (sql.prepare
             << "WITH v AS (SELECT v.id, v.record_type, v.record_key, v.operation, v.row_data, " +
                    change_order("v.change_id") + " AS ord, COALESCE(" + change_micros("v.change_id") + ", " +
                    db::sql_micros("v.changed_at") +
                    ") AS at FROM record_versions v WHERE v.subject = 'tender' AND v.subject_key = :k AND " + kVisible +
                    "), latest AS (SELECT DISTINCT ON (record_type, record_key) * FROM v WHERE at <= :at ORDER BY "
                    "record_type, record_key, ord DESC, id DESC) "
                    "SELECT record_type, record_key, row_data::text FROM latest WHERE operation <> 'delete' "
                    "ORDER BY record_type, ord, id",
         soci::use(found.value().key, "k"), soci::use(found.value().sealed, "sealed"), soci::use(micros, "at"));
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
