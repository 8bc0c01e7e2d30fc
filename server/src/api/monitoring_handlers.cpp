// Supervision cases (monitoring/monitoring_service.hpp).
#include "answer_from_worker.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/server/api/handlers.hpp"
#include "gongping/server/api/query_params.hpp"
#include "gongping/server/http/json_body.hpp"

namespace gp::server::api {
namespace {

void write_case(common::JsonWriter& w, const monitoring::CaseView& c) {
  w.begin_object()
      .key("id")
      .value(c.id)
      .key("subject_type")
      .value(c.subject_type)
      .key("subject_id")
      .value(c.subject_id);
  w.key("opened_by").value(c.opened_by).key("reason").value(c.reason).key("evidence").value(c.evidence);
  w.key("frozen").value(c.frozen).key("conclusion").value_or_null(c.conclusion);
  w.key("opened_at").value(c.opened_at.to_rfc3339()).key("closed_at").value_or_null(c.closed_at).key("events");
  w.begin_array();
  for (const auto& e : c.events) {
    w.begin_object().key("id").value(e.id).key("kind").value(e.kind).key("text").value(e.text);
    w.key("answers").value_or_null(e.answers).key("by").value(e.by).key("at").value(e.at.to_rfc3339());
    w.key("audit_index").value(e.audit_index).end_object();
  }
  w.end_array().end_object();
}

std::string case_json(const monitoring::CaseView& c) {
  common::JsonWriter w;
  write_case(w, c);
  return w.take();
}

std::string cases_json(const std::vector<monitoring::CaseView>& cases) {
  common::JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& c : cases) write_case(w, c);
  w.end_array().end_object();
  return w.take();
}

// A case change whose body is one text member: the freeze's reason, a question, the conclusion.
HandlerResult change_case(http::RequestContext& rc, const char* field,
                          common::Result<monitoring::CaseView> (*change)(http::ServerContext&,
                                                                         const accounts::Principal&, const std::string&,
                                                                         const std::string&)) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  const auto text = body.value().required_string(field, monitoring::kMaxCaseText);
  if (auto done = body.value().finish(); !done) co_return rc.problem(done.error());
  auto& server = rc.server;
  std::function<common::Result<monitoring::CaseView>()> work =
      [&server, change, who = *rc.principal, id = rc.params.at("id"), text] { return change(server, who, id, text); };
  co_return co_await answer_from_worker<monitoring::CaseView>(rc, work, http::Status::ok, &case_json);
}

}  // namespace

HandlerResult open_monitoring_case(http::RequestContext& rc) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  auto& f = body.value();
  const auto type = f.required_string("subject_type", 20);
  const auto subject = f.required_string("subject_id", 40);
  const auto reason = f.required_string("reason", monitoring::kMaxCaseText);
  const auto evidence = f.optional_string("evidence", monitoring::kMaxCaseText).value_or("");
  if (auto done = f.finish(); !done) co_return rc.problem(done.error());
  auto& server = rc.server;
  std::function<common::Result<monitoring::CaseView>()> work = [&server, who = *rc.principal, type, subject, reason,
                                                                evidence] {
    return server.monitoring.open(who, type, subject, reason, evidence);
  };
  co_return co_await answer_from_worker<monitoring::CaseView>(rc, work, http::Status::created, &case_json);
}

HandlerResult freeze_monitoring_case(http::RequestContext& rc) {
  return change_case(rc, "reason",
                     [](http::ServerContext& s, const accounts::Principal& p, const std::string& id,
                        const std::string& text) { return s.monitoring.freeze(p, id, true, text); });
}

HandlerResult unfreeze_monitoring_case(http::RequestContext& rc) {
  return change_case(rc, "reason",
                     [](http::ServerContext& s, const accounts::Principal& p, const std::string& id,
                        const std::string& text) { return s.monitoring.freeze(p, id, false, text); });
}

HandlerResult ask_in_monitoring_case(http::RequestContext& rc) {
  return change_case(rc, "question",
                     [](http::ServerContext& s, const accounts::Principal& p, const std::string& id,
                        const std::string& text) { return s.monitoring.ask(p, id, text); });
}

HandlerResult close_monitoring_case(http::RequestContext& rc) {
  return change_case(rc, "conclusion",
                     [](http::ServerContext& s, const accounts::Principal& p, const std::string& id,
                        const std::string& text) { return s.monitoring.close(p, id, text); });
}

HandlerResult answer_in_monitoring_case(http::RequestContext& rc) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  auto& f = body.value();
  const auto question = f.required_int("question", 1, 1'000'000'000'000);
  const auto answer = f.required_string("answer", monitoring::kMaxCaseText);
  if (auto done = f.finish(); !done) co_return rc.problem(done.error());
  auto& server = rc.server;
  std::function<common::Result<monitoring::CaseView>()> work = [&server, who = *rc.principal, id = rc.params.at("id"),
                                                                question, answer] {
    return server.monitoring.answer(who, id, question, answer);
  };
  co_return co_await answer_from_worker<monitoring::CaseView>(rc, work, http::Status::ok, &case_json);
}

HandlerResult get_monitoring_case(http::RequestContext& rc) {
  auto& server = rc.server;
  std::function<common::Result<monitoring::CaseView>()> work = [&server, who = *rc.principal, id = rc.params.at("id")] {
    return server.monitoring.view(who, id);
  };
  co_return co_await answer_from_worker<monitoring::CaseView>(rc, work, http::Status::ok, &case_json);
}

HandlerResult list_monitoring_cases(http::RequestContext& rc) {
  const auto open = query_text(rc.query, "open");
  if (!open.empty() && open != "true" && open != "false") {
    co_return rc.problem(common::Error::validation({{"open", "must be true or false"}}));
  }
  auto& server = rc.server;
  std::function<common::Result<std::vector<monitoring::CaseView>>()> work =
      [&server, who = *rc.principal, only = open == "true"] { return server.monitoring.list(who, only); };
  co_return co_await answer_from_worker<std::vector<monitoring::CaseView>>(rc, work, http::Status::ok, &cases_json);
}

}  // namespace gp::server::api
