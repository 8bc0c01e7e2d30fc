// The review of applications beyond its steps: checks and duplicate resolutions, the experts'
// reviews, the bureau's stage durations, and the public project page.
#include "answer_from_worker.hpp"
#include "application_json.hpp"
#include "gongping/server/api/handlers.hpp"
#include "gongping/server/api/query_params.hpp"
#include "gongping/server/filing/project_ledger.hpp"

namespace gp::server::api {
namespace {

std::string stage_report_json(const filing::StageReport& r) {
  common::JsonWriter w;
  w.begin_object().key("from").value_or_null(r.from).key("to").value_or_null(r.to).key("stages").begin_array();
  for (const auto& s : r.stages) {
    w.begin_object().key("stage").value(approvals::to_string(s.stage));
    w.key("stays").value(static_cast<std::int64_t>(s.stays)).key("median_seconds").value(s.median_seconds);
    w.key("p90_seconds").value(s.p90_seconds).end_object();
  }
  w.end_array().end_object();
  return w.take();
}

std::string project_json(const filing::ProjectPage& p) {
  common::JsonWriter w;
  w.begin_object().key("project_code").value(p.project_code).key("application").value(p.application);
  w.key("name")
      .value(p.name)
      .key("department")
      .value(p.department)
      .key("department_account")
      .value(p.department_account);
  w.key("state").value(approvals::to_string(p.state));
  w.key("approved_budget_fen").value(p.approved_budget_fen).key("committed_fen").value(p.committed_fen);
  w.key("purchasers").string_array(p.purchasers).key("tenders").begin_array();
  for (const auto& t : p.tenders) {
    w.begin_object().key("id").value(t.id).key("title").value(t.title).key("state").value(t.state);
    w.key("budget_fen").value(t.budget_fen).key("contract");
    if (t.contract_amount_fen) {
      w.begin_object().key("amount_fen").value(*t.contract_amount_fen);
      w.key("signed_at").value(t.contract_signed_at->to_rfc3339()).end_object();
    } else {
      w.null();
    }
    w.end_object();
  }
  w.end_array().key("registered_system").value_or_null(p.registered_system).end_object();
  return w.take();
}

}  // namespace

HandlerResult get_application_checks(http::RequestContext& rc) {
  auto& server = rc.server;
  std::function<common::Result<filing::ChecksView>()> work =
      [&server, reader = *rc.principal, id = rc.params.at("id")] { return server.applications.checks(reader, id); };
  co_return co_await answer_from_worker<filing::ChecksView>(rc, work, http::Status::ok, &checks_json);
}

HandlerResult resolve_duplicate(http::RequestContext& rc) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  auto& f = body.value();
  const auto resolution_name = f.required_string("resolution", 20);
  const auto note = f.required_string("note", filing::kMaxReasonBytes);
  const auto resolution = filing::parse_resolution(resolution_name);
  if (!resolution && !resolution_name.empty()) f.reject("resolution", "must be reuse, extend or justify");
  if (auto done = f.finish(); !done) co_return rc.problem(done.error());
  auto& server = rc.server;
  std::function<common::Result<filing::ChecksView>()> work =
      [&server, reviewer = *rc.principal, id = rc.params.at("id"), match = rc.params.at("match"), r = *resolution,
       note] { return server.applications.resolve(reviewer, id, match, r, note); };
  co_return co_await answer_from_worker<filing::ChecksView>(rc, work, http::Status::ok, &checks_json);
}

HandlerResult put_application_review(http::RequestContext& rc) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  auto& f = body.value();
  approvals::ReviewScores scores;
  scores.necessity = static_cast<int>(f.required_int("necessity", 0, approvals::kMaxReviewScore));
  scores.feasibility = static_cast<int>(f.required_int("feasibility", 0, approvals::kMaxReviewScore));
  scores.security = static_cast<int>(f.required_int("security", 0, approvals::kMaxReviewScore));
  scores.budget = static_cast<int>(f.required_int("budget", 0, approvals::kMaxReviewScore));
  const auto opinion = f.required_string("opinion", filing::kMaxReasonBytes);
  if (auto done = f.finish(); !done) co_return rc.problem(done.error());
  auto& server = rc.server;
  std::function<common::Result<filing::ApplicationView>()> work = [&server, expert = *rc.principal,
                                                                   id = rc.params.at("id"), scores, opinion] {
    return server.applications.review(expert, id, scores, opinion);
  };
  co_return co_await answer_from_worker<filing::ApplicationView>(rc, work, http::Status::ok, &application_json);
}

HandlerResult get_stage_durations(http::RequestContext& rc) {
  std::vector<common::FieldError> errors;
  const auto from = query_instant(rc.query, "from", errors);
  const auto to = query_instant(rc.query, "to", errors);
  if (!errors.empty()) co_return rc.problem(common::Error::validation(std::move(errors)));
  auto& server = rc.server;
  std::function<common::Result<filing::StageReport>()> work = [&server, from, to] {
    return server.applications.stage_report(from, to);
  };
  co_return co_await answer_from_worker<filing::StageReport>(rc, work, http::Status::ok, &stage_report_json);
}

HandlerResult get_project(http::RequestContext& rc) {
  auto& server = rc.server;
  std::function<common::Result<filing::ProjectPage>()> work = [&server, code = rc.params.at("code")] {
    return server.projects.page(code);
  };
  co_return co_await answer_from_worker<filing::ProjectPage>(rc, work, http::Status::ok, &project_json);
}

HandlerResult add_project_purchaser(http::RequestContext& rc) {
  auto& server = rc.server;
  std::function<common::Result<filing::ProjectPage>()> work =
      [&server, department = *rc.principal, code = rc.params.at("code"), official = rc.params.at("official")] {
        return server.projects.add_purchaser(department, code, official);
      };
  co_return co_await answer_from_worker<filing::ProjectPage>(rc, work, http::Status::ok, &project_json);
}

}  // namespace gp::server::api
