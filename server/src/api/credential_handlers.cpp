// The enterprise's credential vault ("register once").
#include "gongping/common/json_writer.hpp"
#include "gongping/server/api/handlers.hpp"
#include "gongping/server/http/json_body.hpp"

namespace gp::server::api {
namespace {

void write_credential(common::JsonWriter& w, const enterprises::CredentialView& v) {
  const auto& c = v.credential;
  w.begin_object()
      .key("id")
      .value(c.id)
      .key("category")
      .value(bidding::to_string(c.category))
      .key("kind")
      .value(c.kind)
      .key("title")
      .value(c.title)
      .key("number")
      .value(v.number)
      .key("valid_until")
      .value_or_null(c.valid_until);
  w.key("withdrawn").value(c.revoked).key("created_at").value(v.created_at.to_rfc3339()).end_object();
}

}  // namespace

HandlerResult add_credential(http::RequestContext& rc) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  auto& f = body.value();
  enterprises::NewCredential n;
  const auto category = f.required_string("category", 32);
  n.credential.kind = f.required_string("kind", 64);
  n.credential.title = f.required_string("title", 200);
  n.number = f.optional_string("number", 100).value_or("");
  if (const auto until = f.optional_string("valid_until", 40)) {
    n.credential.valid_until = common::Instant::parse_rfc3339(*until);
    if (!n.credential.valid_until)
      f.reject("valid_until", "must be an RFC 3339 UTC time, or absent if it never expires");
  }
  if (const auto c = bidding::parse_credential_category(category)) {
    n.credential.category = *c;
  } else if (!category.empty()) {
    f.reject("category", "must be licence, qualification, personnel or bank_account");
  }
  if (auto valid = bidding::validate_new_credential(n.credential, rc.server.clock.now()); !valid) {
    for (const auto& e : valid.error().fields) f.reject(e.field, e.problem);  // every problem in one answer
  }
  if (auto done = f.finish(); !done) co_return rc.problem(done.error());
  auto& server = rc.server;
  std::function<common::Result<enterprises::CredentialView>()> work = [&server, owner = *rc.principal, n] {
    return server.credentials.add(owner, n);
  };
  auto added = co_await server.blocking.run<enterprises::CredentialView>(std::move(work));
  if (!added) co_return rc.problem(added.error());
  common::JsonWriter w;
  write_credential(w, added.value());
  co_return rc.json(http::Status::created, w.take());
}

HandlerResult list_credentials(http::RequestContext& rc) {
  auto& server = rc.server;
  std::function<common::Result<std::vector<enterprises::CredentialView>>()> work = [&server, owner = *rc.principal] {
    return server.credentials.list(owner);
  };
  auto found = co_await server.blocking.run<std::vector<enterprises::CredentialView>>(std::move(work));
  if (!found) co_return rc.problem(found.error());
  common::JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& v : found.value()) write_credential(w, v);
  w.end_array().end_object();
  co_return rc.json(http::Status::ok, w.take());
}

HandlerResult withdraw_credential(http::RequestContext& rc) {
  auto& server = rc.server;
  std::function<common::Result<void>()> work = [&server, owner = *rc.principal, id = rc.params.at("cid")] {
    return server.credentials.withdraw(owner, id);
  };
  auto done = co_await server.blocking.run<void>(std::move(work));
  if (!done) co_return rc.problem(done.error());
  co_return rc.no_content();
}

}  // namespace gp::server::api
