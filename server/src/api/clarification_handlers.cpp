// Amendments, questions and answers, and bidders' notifications.
#include "gongping/common/json_writer.hpp"
#include "gongping/server/api/handlers.hpp"
#include "gongping/server/http/json_body.hpp"

namespace gp::server::api {
namespace {

constexpr std::int64_t kMaxFen = 1'000'000'000'000'000;

void write_amendment(common::JsonWriter& w, const tenders::AmendmentView& a) {
  w.begin_object()
      .key("seq")
      .value(std::int64_t{a.seq})
      .key("reason")
      .value(a.reason)
      .key("substantive")
      .value(a.substantive)
      .key("diff")
      .begin_array();
  for (const auto& c : a.diff) {
    w.begin_object().key("field").value(c.field).key("before").value(c.before).key("after").value(c.after).end_object();
  }
  w.end_array()
      .key("deadline_before")
      .value(a.deadline_before.to_rfc3339())
      .key("deadline_after")
      .value(a.deadline_after.to_rfc3339())
      .key("published_at")
      .value(a.published_at.to_rfc3339())
      .end_object();
}

void write_question(common::JsonWriter& w, const tenders::QuestionView& q) {
  w.begin_object()
      .key("id")
      .value(q.id)
      .key("question")
      .value(q.question)
      .key("asked_at")
      .value(q.asked_at.to_rfc3339())
      .key("answer")
      .value_or_null(q.answer)
      .key("answered_at")
      .value_or_null(q.answered_at)
      .end_object();
}

std::optional<common::Instant> optional_instant(http::JsonBody& f, std::string_view field) {
  const auto text = f.optional_string(field, 40);
  if (!text) return std::nullopt;
  const auto at = common::Instant::parse_rfc3339(*text);
  if (!at) f.reject(field, "must be an RFC 3339 UTC time like 2026-12-17T02:00:00Z");
  return at;
}

HandlerResult question_list(http::RequestContext& rc, bool for_author) {
  auto& server = rc.server;
  std::function<common::Result<std::vector<tenders::QuestionView>>()> work;
  if (for_author) {
    work = [&server, official = *rc.principal, id = rc.params.at("id")] {
      return server.clarifications.questions(official, id);
    };
  } else {
    work = [&server, id = rc.params.at("id")] { return server.clarifications.clarifications(id); };
  }
  auto found = co_await server.blocking.run<std::vector<tenders::QuestionView>>(std::move(work));
  if (!found) co_return rc.problem(found.error());
  common::JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& q : found.value()) write_question(w, q);
  w.end_array().end_object();
  co_return rc.json(http::Status::ok, w.take());
}

}  // namespace

HandlerResult amend_tender(http::RequestContext& rc) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  auto& f = body.value();
  const auto reason = f.required_string("reason", 2000);
  const bool substantive = f.optional_bool("substantive").value_or(true);
  const auto changes_text = f.required_object_text("changes");
  if (auto done = f.finish(); !done) co_return rc.problem(done.error());
  auto parsed = http::JsonBody::parse_text(*changes_text);
  if (!parsed) co_return rc.problem(parsed.error());
  auto& c = parsed.value();
  bidding::TenderChanges changes;
  changes.title = c.optional_string("title", 400);
  changes.description = c.optional_string("description", 20000);
  if (const auto v = c.optional_int("ceiling_fen", 1, kMaxFen)) changes.ceiling = common::Money::from_fen(*v);
  if (const auto v = c.optional_int("bid_bond_fen", 0, kMaxFen)) changes.bid_bond = common::Money::from_fen(*v);
  auto quals = c.string_array("qualification_requirements", 32, 64, false);
  changes.clarification_deadline = optional_instant(c, "clarification_deadline");
  changes.bid_deadline = optional_instant(c, "bid_deadline");
  if (auto done = c.finish(); !done) {
    auto error = done.error();
    for (auto& e : error.fields) e.field = "changes." + e.field;
    co_return rc.problem(error);
  }
  // Present-but-empty means "no requirements"; absent means "unchanged".
  if (changes_text->find("\"qualification_requirements\"") != std::string::npos) {
    changes.qualification_requirements = std::move(quals);
  }
  auto& server = rc.server;
  std::function<common::Result<tenders::AmendmentView>()> work =
      [&server, official = *rc.principal, id = rc.params.at("id"), changes, substantive, reason] {
        return server.clarifications.amend(official, id, changes, substantive, reason);
      };
  auto amended = co_await server.blocking.run<tenders::AmendmentView>(std::move(work));
  if (!amended) co_return rc.problem(amended.error());
  server.public_reads.forget_all();
  common::JsonWriter w;
  write_amendment(w, amended.value());
  co_return rc.json(http::Status::created, w.take());
}

HandlerResult list_amendments(http::RequestContext& rc) {
  auto& server = rc.server;
  std::function<common::Result<std::vector<tenders::AmendmentView>>()> work = [&server, id = rc.params.at("id")] {
    return server.clarifications.amendments(id);
  };
  auto found = co_await server.blocking.run<std::vector<tenders::AmendmentView>>(std::move(work));
  if (!found) co_return rc.problem(found.error());
  common::JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& a : found.value()) write_amendment(w, a);
  w.end_array().end_object();
  co_return rc.json(http::Status::ok, w.take());
}

HandlerResult ask_question(http::RequestContext& rc) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  auto& f = body.value();
  const auto question = f.required_string("question", 4000);
  if (auto done = f.finish(); !done) co_return rc.problem(done.error());
  auto& server = rc.server;
  std::function<common::Result<tenders::QuestionView>()> work = [&server, bidder = *rc.principal,
                                                                 id = rc.params.at("id"), question] {
    return server.clarifications.ask(bidder, id, question);
  };
  auto asked = co_await server.blocking.run<tenders::QuestionView>(std::move(work));
  if (!asked) co_return rc.problem(asked.error());
  common::JsonWriter w;
  write_question(w, asked.value());
  co_return rc.json(http::Status::created, w.take());
}

HandlerResult list_questions(http::RequestContext& rc) { return question_list(rc, true); }
HandlerResult list_clarifications(http::RequestContext& rc) { return question_list(rc, false); }

HandlerResult answer_question(http::RequestContext& rc) {
  std::int64_t question_id = 0;
  for (char ch : rc.params.at("qid")) {
    if (ch < '0' || ch > '9' || question_id > 1'000'000'000'000) {
      co_return rc.problem(common::make_error(common::ErrorCode::not_found, "No such question."));
    }
    question_id = question_id * 10 + (ch - '0');
  }
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  auto& f = body.value();
  const auto answer = f.required_string("answer", 8000);
  const bool substantive = f.optional_bool("substantive").value_or(false);
  if (auto done = f.finish(); !done) co_return rc.problem(done.error());
  auto& server = rc.server;
  std::function<common::Result<tenders::QuestionView>()> work =
      [&server, official = *rc.principal, id = rc.params.at("id"), question_id, answer, substantive] {
        return server.clarifications.answer(official, id, question_id, answer, substantive);
      };
  auto answered = co_await server.blocking.run<tenders::QuestionView>(std::move(work));
  if (!answered) co_return rc.problem(answered.error());
  server.public_reads.forget_all();  // the answer may have moved the deadline
  common::JsonWriter w;
  write_question(w, answered.value());
  co_return rc.json(http::Status::ok, w.take());
}

HandlerResult own_notifications(http::RequestContext& rc) {
  auto& server = rc.server;
  std::function<common::Result<std::vector<tenders::NotificationView>>()> work = [&server, bidder = *rc.principal] {
    return server.clarifications.notifications(bidder);
  };
  auto found = co_await server.blocking.run<std::vector<tenders::NotificationView>>(std::move(work));
  if (!found) co_return rc.problem(found.error());
  common::JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& n : found.value()) {
    w.begin_object()
        .key("tender_id")
        .value(n.tender_id)
        .key("kind")
        .value(n.kind)
        .key("message")
        .value(n.message)
        .key("created_at")
        .value(n.created_at.to_rfc3339())
        .end_object();
  }
  w.end_array().end_object();
  co_return rc.json(http::Status::ok, w.take());
}

}  // namespace gp::server::api
