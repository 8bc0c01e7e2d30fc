// Informatization project applications: drafts, attachments, reading, listing and the steps of the
// review (filing/application_service.hpp).
#include <charconv>

#include "answer_from_worker.hpp"
#include "application_json.hpp"
#include "gongping/server/api/handlers.hpp"
#include "gongping/server/api/query_params.hpp"

namespace gp::server::api {
namespace {

constexpr std::size_t kReadPiece = 64 * 1024;

std::string summaries_json(const std::pair<std::int64_t, std::vector<filing::ApplicationSummary>>& page) {
  common::JsonWriter w;
  w.begin_object().key("total").value(page.first).key("items").begin_array();
  for (const auto& s : page.second) {
    w.begin_object().key("id").value(s.id).key("department").value(s.department).key("name").value(s.name);
    w.key("state").value(approvals::to_string(s.state)).key("version").value(std::int64_t{s.version});
    w.key("requested_budget_fen").value(s.requested_budget_fen).key("state_since").value(s.state_since.to_rfc3339());
    w.key("due").value_or_null(s.due).key("overdue").value(s.overdue).key("project_code").value_or_null(s.project_code);
    w.end_object();
  }
  w.end_array().end_object();
  return w.take();
}

std::string draft_json(const filing::ApplicationDraft& d) {
  common::JsonWriter w;
  write_draft(w, d);
  return w.take();
}

std::string attachment_info_json(const filing::AttachmentInfo& a) {
  common::JsonWriter w;
  w.begin_object().key("kind").value(a.kind).key("media_type").value(a.media_type).key("sha256").value(a.sha256);
  w.key("bytes").value(a.bytes).key("uploaded_at").value(a.uploaded_at.to_rfc3339()).end_object();
  return w.take();
}

std::optional<filing::AttachmentKind> attachment_kind(http::RequestContext& rc) {
  return filing::parse_attachment_kind(rc.params.at("kind"));
}

common::Error unknown_kind() {
  return common::make_error(common::ErrorCode::not_found,
                            "Attachments are proposal, feasibility_study or preliminary_design.");
}

}  // namespace

HandlerResult create_application(http::RequestContext& rc) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  auto draft = read_draft(body.value());
  if (auto done = body.value().finish(); !done) co_return rc.problem(done.error());
  auto& server = rc.server;
  std::function<common::Result<filing::ApplicationView>()> work = [&server, department = *rc.principal, draft] {
    return server.applications.create(department, draft);
  };
  co_return co_await answer_from_worker<filing::ApplicationView>(rc, work, http::Status::created, &application_json);
}

HandlerResult update_application(http::RequestContext& rc) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  auto draft = read_draft(body.value());
  if (auto done = body.value().finish(); !done) co_return rc.problem(done.error());
  auto& server = rc.server;
  std::function<common::Result<filing::ApplicationView>()> work = [&server, department = *rc.principal,
                                                                   id = rc.params.at("id"), draft] {
    return server.applications.update(department, id, draft);
  };
  co_return co_await answer_from_worker<filing::ApplicationView>(rc, work, http::Status::ok, &application_json);
}

HandlerResult get_application(http::RequestContext& rc) {
  auto& server = rc.server;
  std::function<common::Result<filing::ApplicationView>()> work =
      [&server, reader = *rc.principal, id = rc.params.at("id")] { return server.applications.view(reader, id); };
  co_return co_await answer_from_worker<filing::ApplicationView>(rc, work, http::Status::ok, &application_json);
}

HandlerResult get_application_version(http::RequestContext& rc) {
  const auto& text = rc.params.at("version");
  int n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || end != text.data() + text.size() || n < 1) {
    co_return rc.problem(common::make_error(common::ErrorCode::not_found, "Versions are numbered from 1."));
  }
  auto& server = rc.server;
  std::function<common::Result<filing::ApplicationDraft>()> work = [&server, reader = *rc.principal,
                                                                    id = rc.params.at("id"), n] {
    return server.applications.version(reader, id, n);
  };
  co_return co_await answer_from_worker<filing::ApplicationDraft>(rc, work, http::Status::ok, &draft_json);
}

HandlerResult list_applications(http::RequestContext& rc) {
  filing::ApplicationQuery q;
  std::vector<common::FieldError> errors;
  const auto limit = query_int(rc.query, "limit", 50, 500);
  const auto offset = query_int(rc.query, "offset", 0, 1'000'000);
  if (!limit) errors.push_back({"limit", "must be a whole number from 0 to 500"});
  if (!offset) errors.push_back({"offset", "must be a whole number from 0 to 1000000"});
  if (const auto state = query_text(rc.query, "state"); !state.empty()) {
    q.state = approvals::parse_application_state(state);
    if (!q.state) errors.push_back({"state", "must be an application state (draft, submitted, ...)"});
  }
  const auto overdue = query_text(rc.query, "overdue");
  if (!overdue.empty() && overdue != "true" && overdue != "false")
    errors.push_back({"overdue", "must be true or false"});
  if (!errors.empty()) co_return rc.problem(common::Error::validation(std::move(errors)));
  q.overdue_only = overdue == "true";
  q.limit = static_cast<std::size_t>(*limit);
  q.offset = static_cast<std::size_t>(*offset);
  auto& server = rc.server;
  using Page = std::pair<std::int64_t, std::vector<filing::ApplicationSummary>>;
  std::function<common::Result<Page>()> work = [&server, reader = *rc.principal, q]() -> common::Result<Page> {
    std::int64_t total = 0;
    auto items = server.applications.list(reader, q, &total);
    if (!items) return items.error();
    return Page{total, std::move(items.value())};
  };
  co_return co_await answer_from_worker<Page>(rc, work, http::Status::ok, &summaries_json);
}

HandlerResult put_application_attachment(http::RequestContext& rc) {
  const auto kind = attachment_kind(rc);
  if (!kind) co_return rc.problem(unknown_kind());
  std::string media_type(rc.request[http::beast_http::field::content_type].substr(0, 100));
  if (media_type.empty()) media_type = "application/octet-stream";
  // The body is read whole (the route bounds it at filing::kMaxAttachmentBytes).
  std::string content;
  std::vector<std::uint8_t> piece(kReadPiece);
  while (rc.body_stream) {
    auto n = co_await rc.body_stream->read(piece.data(), piece.size());
    if (!n) co_return rc.problem(n.error());
    if (n.value() == 0) break;
    content.append(reinterpret_cast<const char*>(piece.data()), n.value());
  }
  auto& server = rc.server;
  std::function<common::Result<filing::AttachmentInfo>()> work =
      [&server, department = *rc.principal, id = rc.params.at("id"), kind = *kind, media_type,
       content = std::move(content)] { return server.applications.attach(department, id, kind, media_type, content); };
  co_return co_await answer_from_worker<filing::AttachmentInfo>(rc, work, http::Status::ok, &attachment_info_json);
}

HandlerResult get_application_attachment(http::RequestContext& rc) {
  const auto kind = attachment_kind(rc);
  if (!kind) co_return rc.problem(unknown_kind());
  std::optional<int> version;
  if (!query_text(rc.query, "version").empty()) {
    const auto n = query_int(rc.query, "version", 0, 1'000'000);
    if (!n || *n < 1) co_return rc.problem(common::Error::validation({{"version", "must be a version number"}}));
    version = *n;
  }
  auto& server = rc.server;
  std::function<common::Result<filing::Attachment>()> work = [&server, reader = *rc.principal, id = rc.params.at("id"),
                                                              kind = *kind, version] {
    return server.applications.attachment(reader, id, kind, version);
  };
  auto found = co_await server.blocking.run<filing::Attachment>(std::move(work));
  if (!found) co_return rc.problem(found.error());
  auto& a = found.value();
  http::Response res{http::Status::ok, rc.request.version()};
  res.set(http::beast_http::field::content_type, a.info.media_type);
  res.set(http::beast_http::field::content_disposition, "attachment; filename=\"" + a.info.kind + "\"");
  res.set("X-Content-SHA256", a.info.sha256);
  res.set("X-Content-Type-Options", "nosniff");
  res.body() = std::move(a.content);
  res.prepare_payload();
  co_return res;
}

HandlerResult take_application_step(http::RequestContext& rc) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  auto& f = body.value();
  const auto step_name = f.required_string("step", 40);
  filing::StepRequest request;
  request.reason = f.optional_string("reason", filing::kMaxReasonBytes).value_or("");
  if (const auto budget = f.optional_int("approved_budget_fen", 1, 1'000'000'000'000'000)) {
    request.approved_budget = common::Money::from_fen(*budget);
  }
  const auto step = approvals::parse_application_event(step_name);
  if (!step && !step_name.empty())
    f.reject("step", "must be a step of the application's lifecycle (submit, approve, ...)");
  if (auto done = f.finish(); !done) co_return rc.problem(done.error());
  request.step = *step;
  auto& server = rc.server;
  std::function<common::Result<filing::ApplicationView>()> work = [&server, actor = *rc.principal,
                                                                   id = rc.params.at("id"), request] {
    return server.applications.take_step(actor, id, request);
  };
  co_return co_await answer_from_worker<filing::ApplicationView>(rc, work, http::Status::ok, &application_json);
}

}  // namespace gp::server::api
