// Enterprise registration, sign-in and sign-out, and the admin's staff accounts.
#include "answer_from_worker.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/server/api/handlers.hpp"
#include "gongping/server/api/query_params.hpp"
#include "gongping/server/http/json_body.hpp"

namespace gp::server::api {
namespace {

void write_principal(common::JsonWriter& w, const accounts::Principal& p) {
  w.begin_object()
      .key("id")
      .value(p.public_id)
      .key("login")
      .value(p.login)
      .key("role")
      .value(common::to_string(p.role))
      .key("display_name")
      .value(p.display_name)
      .end_object();
}

void write_account(common::JsonWriter& w, const accounts::AccountSummary& a) {
  w.begin_object().key("id").value(a.public_id).key("login").value(a.login);
  w.key("role").value(common::to_string(a.role)).key("display_name").value(a.display_name);
  w.key("created_at").value(a.created_at.to_rfc3339()).key("disabled").value(a.disabled).end_object();
}

std::string account_json(const accounts::AccountSummary& a) {
  common::JsonWriter w;
  write_account(w, a);
  return w.take();
}

// POST /api/admin/accounts/{id}/disable or /enable, {"reason": "..."}.
HandlerResult change_account_access(http::RequestContext& rc, bool disabled) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  const auto reason = body.value().required_string("reason", 2000);
  if (auto done = body.value().finish(); !done) co_return rc.problem(done.error());
  auto& server = rc.server;
  std::function<common::Result<accounts::AccountSummary>()> work = [&server, id = rc.params.at("id"), disabled, reason,
                                                                    admin = *rc.principal] {
    return server.accounts.set_disabled(id, disabled, reason, admin);
  };
  co_return co_await answer_from_worker<accounts::AccountSummary>(rc, work, http::Status::ok, &account_json);
}

std::string session_cookie(const http::RequestContext& rc, const std::string& token, std::int64_t max_age) {
  return std::string(http::kSessionCookie) + "=" + token +
         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) +
         (rc.server.settings.cookie_secure ? "; Secure" : "");
}

}  // namespace

HandlerResult register_enterprise(http::RequestContext& rc) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  auto& f = body.value();
  bidding::EnterpriseRegistration r;
  r.name = f.required_string("name", 400);
  r.uscc = f.required_string("uscc", 64);
  r.contact_name = f.required_string("contact_name", 200);
  r.contact_phone = f.required_string("contact_phone", 64);
  r.contact_email = f.required_string("contact_email", 254);
  r.password = f.required_string("password", 1024);
  if (auto done = f.finish(); !done) co_return rc.problem(done.error());

  auto& server = rc.server;
  std::function<common::Result<accounts::RegisteredEnterprise>()> work = [&server, r] {
    return server.accounts.register_enterprise(r);
  };
  auto registered = co_await server.blocking.run<accounts::RegisteredEnterprise>(std::move(work));
  if (!registered) co_return rc.problem(registered.error());
  common::JsonWriter w;
  w.begin_object()
      .key("enterprise_id")
      .value(registered.value().enterprise_id)
      .key("login")
      .value(registered.value().login)
      .end_object();
  http::Response res = rc.json(http::Status::created, w.take());
  res.set(http::beast_http::field::location, "/api/enterprises/" + registered.value().enterprise_id);
  co_return res;
}

HandlerResult open_session(http::RequestContext& rc) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  auto& f = body.value();
  const std::string login = f.required_string("login", 128);
  const std::string password = f.required_string("password", 1024);
  if (auto done = f.finish(); !done) co_return rc.problem(done.error());

  auto& server = rc.server;
  std::function<common::Result<accounts::IssuedSession>()> work = [&server, login, password,
                                                                   address = std::string(rc.remote_address)] {
    return server.accounts.login(login, password, address);
  };
  auto issued = co_await server.blocking.run<accounts::IssuedSession>(std::move(work));
  if (!issued) co_return rc.problem(issued.error());
  const auto& s = issued.value();
  rc.principal = s.principal;  // for the request log line
  common::JsonWriter w;
  w.begin_object().key("token").value(s.token).key("expires_at").value(s.expires_at.to_rfc3339()).key("account");
  write_principal(w, s.principal);
  w.end_object();
  http::Response res = rc.json(http::Status::created, w.take());
  res.set(http::beast_http::field::set_cookie,
          session_cookie(rc, s.token, server.settings.accounts.session_ttl_seconds));
  co_return res;
}

HandlerResult current_session(http::RequestContext& rc) {
  common::JsonWriter w;
  w.begin_object().key("account");
  write_principal(w, *rc.principal);
  w.end_object();
  co_return rc.json(http::Status::ok, w.take());
}

HandlerResult close_session(http::RequestContext& rc) {
  auto& server = rc.server;
  std::function<common::Result<void>()> work = [&server, token = rc.session_token, principal = *rc.principal] {
    return server.accounts.logout(token, principal);
  };
  auto done = co_await server.blocking.run<void>(std::move(work));
  if (!done) co_return rc.problem(done.error());
  http::Response res = rc.no_content();
  res.set(http::beast_http::field::set_cookie, session_cookie(rc, "", 0));
  co_return res;
}

HandlerResult create_staff_account(http::RequestContext& rc) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  auto& f = body.value();
  accounts::NewStaffAccount account;
  account.login = f.required_string("login", 128);
  const std::string role = f.required_string("role", 32);
  account.display_name = f.required_string("display_name", 400);
  account.password = f.required_string("password", 1024);
  if (const auto parsed = common::parse_role(role)) {
    account.role = *parsed;
  } else if (!role.empty()) {
    f.reject("role", "must be one of official, expert, supervisor, department, reviewer, admin");
  }
  if (auto done = f.finish(); !done) co_return rc.problem(done.error());

  auto& server = rc.server;
  std::function<common::Result<accounts::Principal>()> work = [&server, account, by = rc.principal->actor()] {
    return server.accounts.create_staff(account, by);
  };
  auto created = co_await server.blocking.run<accounts::Principal>(std::move(work));
  if (!created) co_return rc.problem(created.error());
  common::JsonWriter w;
  write_principal(w, created.value());
  co_return rc.json(http::Status::created, w.take());
}

HandlerResult list_accounts(http::RequestContext& rc) {
  const auto limit = query_int(rc.query, "limit", 100, 1000);
  const auto offset = query_int(rc.query, "offset", 0, 100000000);
  if (!limit || !offset) {
    std::vector<common::FieldError> errors;
    if (!limit) errors.push_back({"limit", "must be a whole number from 0 to 1000"});
    if (!offset) errors.push_back({"offset", "must be a whole number from 0"});
    co_return rc.problem(common::Error::validation(std::move(errors)));
  }
  auto& server = rc.server;
  std::function<common::Result<std::vector<accounts::AccountSummary>>()> work = [&server, l = *limit, o = *offset] {
    return server.accounts.list(l, o);
  };
  auto found = co_await server.blocking.run<std::vector<accounts::AccountSummary>>(std::move(work));
  if (!found) co_return rc.problem(found.error());
  common::JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& a : found.value()) write_account(w, a);
  w.end_array().end_object();
  co_return rc.json(http::Status::ok, w.take());
}

HandlerResult disable_account(http::RequestContext& rc) { return change_account_access(rc, true); }

HandlerResult enable_account(http::RequestContext& rc) { return change_account_access(rc, false); }

}  // namespace gp::server::api
