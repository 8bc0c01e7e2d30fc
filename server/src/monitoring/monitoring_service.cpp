#include "gongping/server/monitoring/monitoring_service.hpp"

#include "gongping/common/json_writer.hpp"
#include "gongping/server/db/sql_time.hpp"

namespace gp::server::monitoring {
namespace {

using common::ErrorCode;
using common::make_error;

struct CaseRow {
  long long id = 0;
  std::string subject_type;
  long long subject_row = 0;
  bool closed = false;
  bool frozen = false;
  long long owner = 0;  // the account that answers for the subject
};

// The subject's row and the account answering for it: a published tender's author, an
// application's department.
std::optional<std::pair<long long, long long>> find_subject(soci::session& sql, const std::string& type,
                                                            const std::string& id) {
  long long row = 0, owner = 0;
  if (type == "tender") {
    sql << "SELECT id, created_by FROM tenders WHERE public_id = :p AND published_at IS NOT NULL", soci::use(id),
        soci::into(row), soci::into(owner);
  } else {
    const auto parsed = accounts::parse_public_id('A', id);
    if (!parsed) return std::nullopt;
    const long long a = *parsed;
    sql << "SELECT id, department_account_id FROM applications WHERE id = :a AND state <> 'draft'", soci::use(a),
        soci::into(row), soci::into(owner);
  }
  if (!sql.got_data()) return std::nullopt;
  return std::make_pair(row, owner);
}

std::optional<CaseRow> find_case(soci::session& sql, const std::string& case_id, bool lock) {
  const auto parsed = accounts::parse_public_id('M', case_id);
  if (!parsed) return std::nullopt;
  CaseRow c;
  const long long id = *parsed;
  int closed = 0, frozen = 0;
  std::string subject_id;
  sql << std::string(
             "SELECT id, subject_type, subject_row, subject_id, (closed_at IS NOT NULL)::int, frozen::int "
             "FROM monitoring_cases WHERE id = :id") +
             (lock ? " FOR UPDATE" : ""),
      soci::use(id), soci::into(c.id), soci::into(c.subject_type), soci::into(c.subject_row), soci::into(subject_id),
      soci::into(closed), soci::into(frozen);
  if (!sql.got_data()) return std::nullopt;
  c.closed = closed == 1;
  c.frozen = frozen == 1;
  const auto subject = find_subject(sql, c.subject_type, subject_id);
  c.owner = subject ? subject->second : 0;
  return c;
}

bool may_see(const accounts::Principal& reader, const CaseRow& c) {
  return reader.role == common::Role::supervisor || reader.account_id == c.owner;
}

CaseView load_case(soci::session& sql, long long id) {
  CaseView v;
  long long opened_by = 0, opened_at = 0, closed_at = 0;
  int frozen = 0;
  std::string conclusion;
  soci::indicator conclusion_ind = soci::i_null, closed_ind = soci::i_null;
  sql << "SELECT subject_type, subject_id, opened_by, reason, evidence, frozen::int, conclusion, " +
             db::sql_micros("opened_at") + ", " + db::sql_micros("closed_at") + " FROM monitoring_cases WHERE id = :id",
      soci::use(id), soci::into(v.subject_type), soci::into(v.subject_id), soci::into(opened_by), soci::into(v.reason),
      soci::into(v.evidence), soci::into(frozen), soci::into(conclusion, conclusion_ind), soci::into(opened_at),
      soci::into(closed_at, closed_ind);
  v.id = accounts::format_public_id('M', id);
  v.opened_by = accounts::staff_public_id(opened_by);
  v.frozen = frozen == 1;
  if (conclusion_ind == soci::i_ok) v.conclusion = conclusion;
  v.opened_at = common::Instant::from_unix_micros(opened_at);
  if (closed_ind == soci::i_ok) v.closed_at = common::Instant::from_unix_micros(closed_at);
  soci::rowset<soci::row> events =
      (sql.prepare << "SELECT id, kind, text, answers, account_id, " + db::sql_micros("at") +
                          ", audit_index FROM monitoring_events WHERE case_id = :c ORDER BY id",
       soci::use(id));
  for (const auto& r : events) {
    CaseEvent e{r.get<long long>(0),
                r.get<std::string>(1),
                r.get<std::string>(2),
                std::nullopt,
                accounts::staff_public_id(r.get<long long>(4)),
                common::Instant::from_unix_micros(r.get<long long>(5)),
                r.get<long long>(6)};
    if (r.get_indicator(3) == soci::i_ok) e.answers = r.get<long long>(3);
    v.events.push_back(std::move(e));
  }
  return v;
}

// The case as `reader` may see it: the subject's owner answers questions but never sees the evidence
// (a complaint's source, a whistle-blower's letter).
CaseView for_reader(const accounts::Principal& reader, CaseView v) {
  if (reader.role != common::Role::supervisor) v.evidence.clear();
  return v;
}

// Records one event of a case with its audit entry ("monitoring.<kind>").
void record_event(soci::session& sql, const db::AuditLogWriter& audit, const accounts::Principal& actor,
                  long long case_row, const std::string& kind, const std::string& text,
                  std::optional<long long> answers, common::Instant now) {
  const std::string case_id = accounts::format_public_id('M', case_row);
  common::JsonWriter data;
  data.begin_object().key("text").value(text);
  if (answers) data.key("answers").value(std::int64_t{*answers});
  data.end_object();
  auto e = audit::make_entry(actor.actor(), "monitoring." + kind, {"case", case_id}, data.take());
  audit.append(sql, e);
  const long long account = actor.account_id, at = now.unix_micros(), index = e.index;
  long long answered = answers.value_or(0);
  soci::indicator answered_ind = answers ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO monitoring_events (case_id, kind, text, answers, account_id, at, audit_index) VALUES (:c, :k, "
         ":t, :q, :a, " +
             db::sql_instant(":at") + ", :i)",
      soci::use(case_row), soci::use(kind), soci::use(text), soci::use(answered, answered_ind), soci::use(account),
      soci::use(at), soci::use(index);
}

}  // namespace

MonitoringService::MonitoringService(db::Database& database, const common::Clock& clock)
    : db_(database), clock_(clock), audit_(clock) {}

common::Result<CaseView> MonitoringService::open(const accounts::Principal& supervisor, const std::string& subject_type,
                                                 const std::string& subject_id, const std::string& reason,
                                                 const std::string& evidence) {
  if (subject_type != "tender" && subject_type != "application") {
    return common::Error::validation({{"subject_type", "must be tender or application"}});
  }
  return db_.run<CaseView>([&](soci::session& sql) -> common::Result<CaseView> {
    soci::transaction tx(sql);
    const auto subject = find_subject(sql, subject_type, subject_id);
    if (!subject) return make_error(ErrorCode::not_found, "No published " + subject_type + " " + subject_id + ".");
    const auto now = clock_.now();
    const long long row = subject->first, by = supervisor.account_id, at = now.unix_micros();
    long long id = 0;
    sql << "INSERT INTO monitoring_cases (subject_type, subject_row, subject_id, opened_by, reason, evidence, "
           "opened_at) VALUES (:t, :r, :s, :b, :why, :ev, " +
               db::sql_instant(":at") + ") RETURNING id",
        soci::use(subject_type), soci::use(row), soci::use(subject_id), soci::use(by), soci::use(reason),
        soci::use(evidence), soci::use(at), soci::into(id);
    record_event(sql, audit_, supervisor, id, "opened", reason, std::nullopt, now);
    auto view = load_case(sql, id);
    tx.commit();
    return view;
  });
}

common::Result<CaseView> MonitoringService::freeze(const accounts::Principal& supervisor, const std::string& case_id,
                                                   bool frozen, const std::string& reason) {
  return db_.run<CaseView>([&](soci::session& sql) -> common::Result<CaseView> {
    soci::transaction tx(sql);
    const auto c = find_case(sql, case_id, true);
    if (!c) return make_error(ErrorCode::not_found, "No monitoring case " + case_id + ".");
    if (c->closed) return make_error(ErrorCode::conflict, "Case " + case_id + " is closed.");
    if (c->frozen == frozen) {
      return make_error(ErrorCode::conflict, "Case " + case_id + (frozen ? " is frozen already." : " is not frozen."));
    }
    // The subject's row first: a state change in flight (it holds that row) finishes before the
    // freeze lands, and none can start after it without meeting it.
    const long long subject = c->subject_row;
    if (c->subject_type == "tender") {
      sql << "SELECT id FROM tenders WHERE id = :s FOR UPDATE", soci::use(subject);
    } else {
      sql << "SELECT id FROM applications WHERE id = :s FOR UPDATE", soci::use(subject);
    }
    const long long id = c->id;
    const int flag = frozen ? 1 : 0;
    sql << "UPDATE monitoring_cases SET frozen = (CAST(:f AS int) = 1) WHERE id = :id", soci::use(flag), soci::use(id);
    record_event(sql, audit_, supervisor, id, frozen ? "frozen" : "unfrozen", reason, std::nullopt, clock_.now());
    auto view = load_case(sql, id);
    tx.commit();
    return view;
  });
}

common::Result<CaseView> MonitoringService::ask(const accounts::Principal& supervisor, const std::string& case_id,
                                                const std::string& question) {
  return db_.run<CaseView>([&](soci::session& sql) -> common::Result<CaseView> {
    soci::transaction tx(sql);
    const auto c = find_case(sql, case_id, true);
    if (!c) return make_error(ErrorCode::not_found, "No monitoring case " + case_id + ".");
    if (c->closed) return make_error(ErrorCode::conflict, "Case " + case_id + " is closed.");
    record_event(sql, audit_, supervisor, c->id, "question", question, std::nullopt, clock_.now());
    auto view = load_case(sql, c->id);
    tx.commit();
    return view;
  });
}

common::Result<CaseView> MonitoringService::answer(const accounts::Principal& owner, const std::string& case_id,
                                                   std::int64_t question_id, const std::string& answer) {
  return db_.run<CaseView>([&](soci::session& sql) -> common::Result<CaseView> {
    soci::transaction tx(sql);
    const auto c = find_case(sql, case_id, true);
    if (!c || c->owner != owner.account_id) {
      return make_error(ErrorCode::not_found, "No monitoring case " + case_id + " on your tenders or applications.");
    }
    if (c->closed) return make_error(ErrorCode::conflict, "Case " + case_id + " is closed.");
    const long long case_row = c->id, question = question_id;
    long long asked = 0;
    sql << "SELECT count(*) FROM monitoring_events WHERE id = :q AND case_id = :c AND kind = 'question'",
        soci::use(question), soci::use(case_row), soci::into(asked);
    if (asked == 0)
      return make_error(ErrorCode::not_found, "No question " + std::to_string(question_id) + " in " + case_id + ".");
    record_event(sql, audit_, owner, case_row, "answer", answer, question, clock_.now());
    auto view = for_reader(owner, load_case(sql, case_row));
    tx.commit();
    return view;
  });
}

common::Result<CaseView> MonitoringService::close(const accounts::Principal& supervisor, const std::string& case_id,
                                                  const std::string& conclusion) {
  return db_.run<CaseView>([&](soci::session& sql) -> common::Result<CaseView> {
    soci::transaction tx(sql);
    const auto c = find_case(sql, case_id, true);
    if (!c) return make_error(ErrorCode::not_found, "No monitoring case " + case_id + ".");
    if (c->closed) return make_error(ErrorCode::conflict, "Case " + case_id + " is closed already.");
    const auto now = clock_.now();
    const long long id = c->id, at = now.unix_micros();
    // Closing lifts the freeze.
    sql << "UPDATE monitoring_cases SET frozen = false, conclusion = :c, closed_at = " + db::sql_instant(":at") +
               " WHERE id = :id",
        soci::use(conclusion), soci::use(at), soci::use(id);
    record_event(sql, audit_, supervisor, id, "closed", conclusion, std::nullopt, now);
    auto view = load_case(sql, id);
    tx.commit();
    return view;
  });
}

common::Result<CaseView> MonitoringService::view(const accounts::Principal& reader, const std::string& case_id) {
  return db_.run<CaseView>([&](soci::session& sql) -> common::Result<CaseView> {
    const auto c = find_case(sql, case_id, false);
    if (!c || !may_see(reader, *c)) return make_error(ErrorCode::not_found, "No monitoring case " + case_id + ".");
    return for_reader(reader, load_case(sql, c->id));
  });
}

common::Result<std::vector<CaseView>> MonitoringService::list(const accounts::Principal& reader, bool open_only) {
  return db_.run<std::vector<CaseView>>([&](soci::session& sql) -> common::Result<std::vector<CaseView>> {
    std::vector<long long> ids;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, subject_type, subject_id FROM monitoring_cases ORDER BY (closed_at IS NULL) DESC, "
                        "id DESC LIMIT 1000");
    std::vector<std::tuple<long long, std::string, std::string>> found;
    for (const auto& r : rows) found.emplace_back(r.get<long long>(0), r.get<std::string>(1), r.get<std::string>(2));
    std::vector<CaseView> out;
    for (const auto& [id, type, subject] : found) {
      if (reader.role != common::Role::supervisor) {
        const auto s = find_subject(sql, type, subject);
        if (!s || s->second != reader.account_id) continue;
      }
      auto v = for_reader(reader, load_case(sql, id));
      if (open_only && v.closed_at) continue;
      out.push_back(std::move(v));
    }
    return out;
  });
}

}  // namespace gp::server::monitoring
