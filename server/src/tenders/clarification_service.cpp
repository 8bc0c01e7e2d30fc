#include "gongping/server/tenders/clarification_service.hpp"

#include <rapidjson/document.h>

#include "gongping/common/json_writer.hpp"
#include "gongping/server/db/sql_time.hpp"
#include "gongping/server/tenders/tender_rows.hpp"

namespace gp::server::tenders {
namespace {

using common::ErrorCode;
using common::make_error;

common::Error not_found() { return make_error(ErrorCode::not_found, "No such published tender."); }

std::string diff_json(const std::vector<bidding::FieldChange>& diff) {
  common::JsonWriter w;
  w.begin_array();
  for (const auto& c : diff) {
    w.begin_object().key("field").value(c.field).key("before").value(c.before).key("after").value(c.after).end_object();
  }
  w.end_array();
  return w.take();
}

std::vector<bidding::FieldChange> parse_diff(const std::string& json) {
  std::vector<bidding::FieldChange> out;
  rapidjson::Document d;
  d.Parse(json.c_str());
  if (!d.IsArray()) return out;
  for (const auto& c : d.GetArray()) {
    if (!c.IsObject() || !c.HasMember("field") || !c.HasMember("before") || !c.HasMember("after")) continue;
    out.push_back({c["field"].GetString(), c["before"].GetString(), c["after"].GetString()});
  }
  return out;
}

// Tells every enterprise whose bid currently counts (and `also`, if any) about a change.
void notify_bidders(soci::session& sql, std::int64_t tender_id, const std::string& kind, const std::string& message,
                    common::Instant now, std::optional<std::int64_t> also = std::nullopt) {
  const long long tid = tender_id;
  const long long at = now.unix_micros();
  const long long extra = also.value_or(-1);
  sql << "INSERT INTO notifications (enterprise_id, tender_id, kind, message, created_at) "
         "SELECT enterprise_id, CAST(:t AS bigint), CAST(:k AS text), CAST(:m AS text), " +
             db::sql_instant(":at") +
             " FROM (SELECT DISTINCT ON (enterprise_id) enterprise_id, action FROM bids WHERE tender_id = :t2 "
             "ORDER BY enterprise_id, version DESC) latest WHERE action <> 'withdrawn' "
             "UNION SELECT id, CAST(:t3 AS bigint), CAST(:k2 AS text), CAST(:m2 AS text), " +
             db::sql_instant(":at2") + " FROM enterprises WHERE id = :x2",
      soci::use(tid), soci::use(kind), soci::use(message), soci::use(at), soci::use(tid), soci::use(tid),
      soci::use(kind), soci::use(message), soci::use(at), soci::use(extra);
}

// The tender locked for a change while it takes bids, by its author.
common::Result<TenderRow> open_for_change(soci::session& sql, const accounts::Principal& official,
                                          const std::string& tender_id, common::Instant now) {
  auto tender = find_tender(sql, tender_id, RowLock::update);
  if (!tender || !tender->view.published_at || tender->created_by != official.account_id) return not_found();
  if (tender->view.state != bidding::TenderState::published || now >= tender->view.terms.bid_deadline) {
    return make_error(ErrorCode::tender_transition_refused, "The tender no longer takes bids; it cannot change now.");
  }
  return std::move(*tender);
}

QuestionView question_from(const soci::row& r) {
  QuestionView q;
  q.id = r.get<long long>(0);
  q.question = r.get<std::string>(1);
  q.asked_at = common::Instant::from_unix_micros(r.get<long long>(2));
  if (r.get_indicator(3) == soci::i_ok) q.answer = r.get<std::string>(3);
  if (r.get_indicator(4) == soci::i_ok) q.answered_at = common::Instant::from_unix_micros(r.get<long long>(4));
  return q;
}

const std::string kQuestionColumns =
    "id, question, " + db::sql_micros("asked_at") + ", answer, " + db::sql_micros("answered_at");

// Records an amendment row and its audit entry; returns the view.
AmendmentView record_amendment(soci::session& sql, const db::AuditLogWriter& audit, const accounts::Principal& by,
                               const TenderRow& tender, const std::string& reason, bool substantive,
                               const std::vector<bidding::FieldChange>& diff, common::Instant deadline_after,
                               common::Instant now) {
  const long long tid = tender.id;
  int seq = 0;
  sql << "SELECT coalesce(max(seq), 0) + 1 FROM tender_amendments WHERE tender_id = :t", soci::use(tid),
      soci::into(seq);
  const std::string diff_text = diff_json(diff);
  common::JsonWriter data;
  data.begin_object()
      .key("seq")
      .value(std::int64_t{seq})
      .key("reason")
      .value(reason)
      .key("substantive")
      .value(substantive)
      .key("diff")
      .raw(diff_text)
      .end_object();
  auto e = audit::make_entry(by.actor(), "tender.amended", {"tender", tender.view.id}, data.take());
  const long long audit_index = audit.append(sql, e);
  const long long before = tender.view.terms.bid_deadline.unix_micros();
  const long long after = deadline_after.unix_micros();
  const long long at = now.unix_micros();
  const int flag = substantive ? 1 : 0;
  sql << "INSERT INTO tender_amendments (tender_id, seq, reason, substantive, diff, deadline_before, deadline_after, "
         "published_at, audit_index) VALUES (:t, :s, :r, :sub::int::boolean, :d, " +
             db::sql_instant(":b") + ", " + db::sql_instant(":a") + ", " + db::sql_instant(":at") + ", :ai)",
      soci::use(tid), soci::use(seq), soci::use(reason), soci::use(flag), soci::use(diff_text), soci::use(before),
      soci::use(after), soci::use(at), soci::use(audit_index);
  return {seq, reason, substantive, diff, tender.view.terms.bid_deadline, deadline_after, now};
}

}  // namespace

ClarificationService::ClarificationService(db::Database& database, const common::Clock& clock,
                                           bidding::PeriodRules rules)
    : db_(database), clock_(clock), rules_(rules), audit_(clock) {}

common::Result<AmendmentView> ClarificationService::amend(const accounts::Principal& official,
                                                          const std::string& tender_id,
                                                          const bidding::TenderChanges& changes, bool substantive,
                                                          const std::string& reason) {
  if (reason.empty()) return common::Error::validation({{"reason", "is required"}});
  return db_.run<AmendmentView>([&](soci::session& sql) -> common::Result<AmendmentView> {
    soci::transaction tx(sql);
    const auto now = clock_.now();
    auto tender = open_for_change(sql, official, tender_id, now);
    if (!tender) return tender.error();
    auto outcome = bidding::amend(tender.value().view.terms, changes, substantive, now, rules_);
    if (!outcome) return outcome.error();
    update_tender_terms(sql, tender.value().id, outcome.value().terms, now);
    auto view = record_amendment(sql, audit_, official, tender.value(), reason, substantive, outcome.value().diff,
                                 outcome.value().terms.bid_deadline, now);
    notify_bidders(sql, tender.value().id, "amendment",
                   "Tender " + tender_id + " was amended (" + reason + "); the bid deadline is " +
                       outcome.value().terms.bid_deadline.to_rfc3339() + ". You may replace your bid.",
                   now);
    tx.commit();
    return view;
  });
}

common::Result<std::vector<AmendmentView>> ClarificationService::amendments(const std::string& tender_id) {
  return db_.run<std::vector<AmendmentView>>([&](soci::session& sql) -> common::Result<std::vector<AmendmentView>> {
    auto tender = find_tender(sql, tender_id);
    if (!tender || !tender->view.published_at) return not_found();
    const long long tid = tender->id;
    std::vector<AmendmentView> out;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT seq, reason, substantive::int, diff, " + db::sql_micros("deadline_before") + ", " +
                            db::sql_micros("deadline_after") + ", " + db::sql_micros("published_at") +
                            " FROM tender_amendments WHERE tender_id = :t ORDER BY seq",
         soci::use(tid));
    for (const auto& r : rows) {
      out.push_back({r.get<int>(0), r.get<std::string>(1), r.get<int>(2) != 0, parse_diff(r.get<std::string>(3)),
                     common::Instant::from_unix_micros(r.get<long long>(4)),
                     common::Instant::from_unix_micros(r.get<long long>(5)),
                     common::Instant::from_unix_micros(r.get<long long>(6))});
    }
    return out;
  });
}

common::Result<QuestionView> ClarificationService::ask(const accounts::Principal& bidder, const std::string& tender_id,
                                                       const std::string& question) {
  if (question.empty()) return common::Error::validation({{"question", "is required"}});
  return db_.run<QuestionView>([&](soci::session& sql) -> common::Result<QuestionView> {
    soci::transaction tx(sql);
    auto tender = find_tender(sql, tender_id, RowLock::share);
    if (!tender || !tender->view.published_at) return not_found();
    const auto now = clock_.now();
    if (tender->view.state != bidding::TenderState::published || now >= tender->view.terms.clarification_deadline) {
      return make_error(ErrorCode::tender_transition_refused,
                        "Questions closed at " + tender->view.terms.clarification_deadline.to_rfc3339() + ".");
    }
    const long long tid = tender->id;
    const long long enterprise = bidder.enterprise_id.value_or(0);
    const long long at = now.unix_micros();
    long long id = 0;
    sql << "INSERT INTO tender_questions (tender_id, enterprise_id, question, asked_at) VALUES (:t, :e, :q, " +
               db::sql_instant(":at") + ") RETURNING id",
        soci::use(tid), soci::use(enterprise), soci::use(question), soci::use(at), soci::into(id);
    common::JsonWriter data;
    data.begin_object().key("question_id").value(static_cast<std::int64_t>(id)).end_object();
    auto e = audit::make_entry(bidder.actor(), "tender.question_asked", {"tender", tender_id}, data.take());
    audit_.append(sql, e);
    tx.commit();
    return QuestionView{id, question, now, std::nullopt, std::nullopt};
  });
}

common::Result<std::vector<QuestionView>> ClarificationService::questions(const accounts::Principal& official,
                                                                          const std::string& tender_id) {
  return db_.run<std::vector<QuestionView>>([&](soci::session& sql) -> common::Result<std::vector<QuestionView>> {
    auto tender = find_tender(sql, tender_id);
    if (!tender || !tender->view.published_at || tender->created_by != official.account_id) return not_found();
    const long long tid = tender->id;
    std::vector<QuestionView> out;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT " + kQuestionColumns + " FROM tender_questions WHERE tender_id = :t ORDER BY id",
         soci::use(tid));
    for (const auto& r : rows) out.push_back(question_from(r));
    return out;
  });
}

common::Result<QuestionView> ClarificationService::answer(const accounts::Principal& official,
                                                          const std::string& tender_id, std::int64_t question_id,
                                                          const std::string& answer_text, bool substantive) {
  if (answer_text.empty()) return common::Error::validation({{"answer", "is required"}});
  return db_.run<QuestionView>([&](soci::session& sql) -> common::Result<QuestionView> {
    soci::transaction tx(sql);
    const auto now = clock_.now();
    auto tender = open_for_change(sql, official, tender_id, now);
    if (!tender) return tender.error();
    const long long tid = tender.value().id;
    const long long qid = question_id;
    long long asker = 0;
    soci::indicator answered = soci::i_null;
    std::string existing;
    sql << "SELECT enterprise_id, answer FROM tender_questions WHERE id = :q AND tender_id = :t FOR UPDATE",
        soci::use(qid), soci::use(tid), soci::into(asker), soci::into(existing, answered);
    if (!sql.got_data()) return make_error(ErrorCode::not_found, "No such question on this tender.");
    if (answered == soci::i_ok) return make_error(ErrorCode::conflict, "This question has already been answered.");
    const long long at = now.unix_micros();
    const int flag = substantive ? 1 : 0;
    sql << "UPDATE tender_questions SET answer = :a, substantive = :s::int::boolean, answered_at = " +
               db::sql_instant(":at") + " WHERE id = :q",
        soci::use(answer_text), soci::use(flag), soci::use(at), soci::use(qid);
    common::JsonWriter data;
    data.begin_object()
        .key("question_id")
        .value(std::int64_t{question_id})
        .key("substantive")
        .value(substantive)
        .end_object();
    auto e = audit::make_entry(official.actor(), "tender.question_answered", {"tender", tender_id}, data.take());
    audit_.append(sql, e);
    const auto& terms = tender.value().view.terms;
    const auto deadline = bidding::deadline_after_clarification(terms, substantive, now, rules_);
    if (deadline != terms.bid_deadline) {
      auto moved = terms;
      moved.bid_deadline = deadline;
      update_tender_terms(sql, tid, moved, now);
      record_amendment(sql, audit_, official, tender.value(),
                       "A substantive clarification was published fewer than " +
                           std::to_string(rules_.amendment_notice_days) + " days before the deadline.",
                       true, {{"bid_deadline", terms.bid_deadline.to_rfc3339(), deadline.to_rfc3339()}}, deadline, now);
    }
    notify_bidders(
        sql, tid, "clarification",
        "A question on tender " + tender_id + " was answered; the bid deadline is " + deadline.to_rfc3339() + ".", now,
        asker);
    soci::row r;
    sql << "SELECT " + kQuestionColumns + " FROM tender_questions WHERE id = :q", soci::use(qid), soci::into(r);
    auto view = question_from(r);
    tx.commit();
    return view;
  });
}

common::Result<std::vector<QuestionView>> ClarificationService::clarifications(const std::string& tender_id) {
  return db_.run<std::vector<QuestionView>>([&](soci::session& sql) -> common::Result<std::vector<QuestionView>> {
    auto tender = find_tender(sql, tender_id);
    if (!tender || !tender->view.published_at) return not_found();
    const long long tid = tender->id;
    std::vector<QuestionView> out;
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT " + kQuestionColumns +
                                                       " FROM tender_questions WHERE tender_id = :t AND answer IS "
                                                       "NOT NULL ORDER BY answered_at, id",
                                    soci::use(tid));
    for (const auto& r : rows) out.push_back(question_from(r));
    return out;
  });
}

common::Result<std::vector<NotificationView>> ClarificationService::notifications(const accounts::Principal& bidder) {
  return db_.run<std::vector<NotificationView>>(
      [&](soci::session& sql) -> common::Result<std::vector<NotificationView>> {
        const long long enterprise = bidder.enterprise_id.value_or(0);
        std::vector<NotificationView> out;
        soci::rowset<soci::row> rows =
            (sql.prepare << "SELECT t.public_id, n.kind, n.message, " + db::sql_micros("n.created_at") +
                                " FROM notifications n JOIN tenders t ON t.id = n.tender_id WHERE n.enterprise_id = "
                                ":e ORDER BY n.id DESC LIMIT 100",
             soci::use(enterprise));
        for (const auto& r : rows) {
          out.push_back({r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2),
                         common::Instant::from_unix_micros(r.get<long long>(3))});
        }
        return out;
      });
}

}  // namespace gp::server::tenders
