// Tenders: drafting, publishing, cancelling, the public list and detail, officers' keys and shares.
#include "gongping/approvals/project_code.hpp"
#include "gongping/bidding/opening_shares.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/common/utf8.hpp"
#include "gongping/server/api/handlers.hpp"
#include "gongping/server/api/query_params.hpp"
#include "gongping/server/http/json_body.hpp"

namespace gp::server::api {
namespace {

using tenders::TenderView;

constexpr std::int64_t kMaxFen = 1'000'000'000'000'000;  // ten trillion yuan

common::Instant read_instant(http::JsonBody& f, std::string_view field) {
  const auto text = f.required_string(field, 40);
  if (text.empty()) return {};
  const auto at = common::Instant::parse_rfc3339(text);
  if (!at) f.reject(field, "must be an RFC 3339 UTC time like 2026-12-17T02:00:00Z");
  return at.value_or(common::Instant{});
}

void write_tender(common::JsonWriter& w, const TenderView& v) {
  const auto& t = v.terms;
  w.begin_object()
      .key("id")
      .value(v.id)
      .key("state")
      .value(bidding::to_string(v.state))
      .key("title")
      .value(t.title)
      .key("description")
      .value(t.description)
      .key("category")
      .value(bidding::to_string(t.category))
      .key("procedure")
      .value(bidding::to_string(t.procedure))
      .key("budget_fen")
      .value(t.budget.fen())
      .key("ceiling_fen")
      .value(t.ceiling.fen())
      .key("bid_bond_fen")
      .value(t.bid_bond.fen())
      .key("evaluation")
      .raw(v.evaluation_json)
      .key("qualification_requirements")
      .begin_array();
  for (const auto& q : t.qualification_requirements) w.value(q);
  w.end_array()
      .key("clarification_deadline")
      .value(t.clarification_deadline.to_rfc3339())
      .key("bid_deadline")
      .value(t.bid_deadline.to_rfc3339())
      .key("opening_officers")
      .begin_array();
  for (const auto& o : t.opening_officers) w.value(o);
  w.end_array()
      .key("opening_threshold")
      .value(std::int64_t{t.opening_threshold})
      .key("project_code")
      .value_or_null(t.project_code)
      .key("created_by")
      .value(v.created_by)
      .key("created_at")
      .value(v.created_at.to_rfc3339())
      .key("published_at")
      .value_or_null(v.published_at)
      .key("opening_key");
  if (v.opening_public_jwk.empty()) {
    w.null();
  } else {
    w.raw(v.opening_public_jwk);
  }
  if (!v.state_reason.empty()) w.key("state_reason").value(v.state_reason);
  w.end_object();
}

http::Response tender_response(const http::RequestContext& rc, http::Status status, const TenderView& v) {
  common::JsonWriter w;
  write_tender(w, v);
  return rc.json(status, w.take());
}

// The evaluation object's method is checked here; the publication rules read its points
// (tender_rows.cpp) and the evaluation core reads the rest (specs/evaluation-case.md).
void check_evaluation_method(http::JsonBody& f, const std::string& json) {
  auto parsed = http::JsonBody::parse_text(json);
  const auto method = parsed ? parsed.value().optional_string("method", 32) : std::nullopt;
  if (method != "comprehensive" && method != "lowest_price") {
    f.reject("evaluation.method", "must be comprehensive or lowest_price");
  }
}

}  // namespace

HandlerResult register_opening_key(http::RequestContext& rc) {
  const std::string jwk = rc.request.body();
  auto& server = rc.server;
  std::function<common::Result<std::string>()> work = [&server, jwk, officer = *rc.principal] {
    return server.tenders.register_officer_key(officer, jwk);
  };
  auto kid = co_await server.blocking.run<std::string>(std::move(work));
  if (!kid) co_return rc.problem(kid.error());
  common::JsonWriter w;
  w.begin_object().key("kid").value(kid.value()).end_object();
  co_return rc.json(http::Status::ok, w.take());
}

HandlerResult create_tender(http::RequestContext& rc) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  auto& f = body.value();
  tenders::TenderDraft d;
  auto& t = d.terms;
  t.title = f.required_string("title", 400);
  t.description = f.optional_string("description", 20000).value_or("");
  const auto category = f.required_string("category", 32);
  const auto procedure = f.required_string("procedure", 32);
  t.budget = common::Money::from_fen(f.required_int("budget_fen", 1, kMaxFen));
  t.ceiling = common::Money::from_fen(f.required_int("ceiling_fen", 1, kMaxFen));
  t.bid_bond = common::Money::from_fen(f.optional_int("bid_bond_fen", 0, kMaxFen).value_or(0));
  const auto evaluation = f.required_object_text("evaluation");
  t.qualification_requirements = f.string_array("qualification_requirements", 32, 64, false);
  t.clarification_deadline = read_instant(f, "clarification_deadline");
  t.bid_deadline = read_instant(f, "bid_deadline");
  t.opening_officers = f.string_array("opening_officers", bidding::kMaxOpeningOfficers, 20, true);
  t.opening_threshold = static_cast<int>(f.optional_int("opening_threshold", 1, 9).value_or(2));
  t.project_code = f.optional_string("project_code", 64);
  if (t.project_code && !approvals::parse_project_code(*t.project_code)) {
    f.reject("project_code", "must be a filed project's code, like GD-2026-000123 (leave it out for none)");
  }
  if (const auto c = bidding::parse_tender_category(category)) {
    t.category = *c;
  } else if (!category.empty()) {
    f.reject("category", "must be goods, services or works");
  }
  if (const auto p = bidding::parse_procedure(procedure)) {
    t.procedure = *p;
  } else if (!procedure.empty()) {
    f.reject("procedure",
             "must be public_tender, invited_tender, competitive_consultation, competitive_negotiation or inquiry");
  }
  if (evaluation) {
    check_evaluation_method(f, *evaluation);
    d.evaluation_json = *evaluation;
  }
  if (auto done = f.finish(); !done) co_return rc.problem(done.error());

  auto& server = rc.server;
  std::function<common::Result<TenderView>()> work = [&server, d, official = *rc.principal] {
    return server.tenders.create_draft(official, d);
  };
  auto created = co_await server.blocking.run<TenderView>(std::move(work));
  if (!created) co_return rc.problem(created.error());
  auto res = tender_response(rc, http::Status::created, created.value());
  res.set(http::beast_http::field::location, "/api/tenders/" + created.value().id);
  co_return res;
}

HandlerResult publish_tender(http::RequestContext& rc) {
  auto& server = rc.server;
  std::function<common::Result<TenderView>()> work = [&server, id = rc.params.at("id"), official = *rc.principal] {
    return server.tenders.publish(official, id);
  };
  auto published = co_await server.blocking.run<TenderView>(std::move(work));
  if (!published) co_return rc.problem(published.error());
  server.public_reads.forget_all();
  co_return tender_response(rc, http::Status::ok, published.value());
}

HandlerResult cancel_tender(http::RequestContext& rc) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  auto& f = body.value();
  const auto reason = f.required_string("reason", 2000);
  if (auto done = f.finish(); !done) co_return rc.problem(done.error());
  auto& server = rc.server;
  std::function<common::Result<TenderView>()> work = [&server, id = rc.params.at("id"), reason,
                                                      official = *rc.principal] {
    return server.tenders.cancel(official, id, reason);
  };
  auto cancelled = co_await server.blocking.run<TenderView>(std::move(work));
  if (!cancelled) co_return rc.problem(cancelled.error());
  server.public_reads.forget_all();
  co_return tender_response(rc, http::Status::ok, cancelled.value());
}

HandlerResult get_tender(http::RequestContext& rc) {
  auto& server = rc.server;
  const std::string cache_key = "tender:" + rc.params.at("id");
  if (const auto cached = server.public_reads.find(cache_key)) co_return rc.json(http::Status::ok, *cached);
  std::function<common::Result<TenderView>()> work = [&server, id = rc.params.at("id"), viewer = rc.principal] {
    return server.tenders.get(viewer, id);
  };
  auto found = co_await server.blocking.run<TenderView>(std::move(work));
  if (!found) co_return rc.problem(found.error());
  auto res = tender_response(rc, http::Status::ok, found.value());
  if (found.value().published_at) server.public_reads.store(cache_key, res.body());  // drafts never
  co_return res;
}

HandlerResult list_tenders(http::RequestContext& rc) {
  tenders::TenderListQuery q;
  std::vector<common::FieldError> errors;
  const auto limit = query_int(rc.query, "limit", 20, 100);
  const auto offset = query_int(rc.query, "offset", 0, 1'000'000);
  if (!limit) errors.push_back({"limit", "must be a whole number from 0 to 100"});
  if (!offset) errors.push_back({"offset", "must be a whole number from 0 to 1000000"});
  if (const auto state = query_text(rc.query, "state"); !state.empty()) {
    q.state = bidding::parse_tender_state(state);
    if (!q.state || *q.state == bidding::TenderState::draft) {
      errors.push_back({"state", "must be a published state (published, opening, evaluating, ...)"});
    }
  }
  if (const auto category = query_text(rc.query, "category"); !category.empty()) {
    q.category = bidding::parse_tender_category(category);
    if (!q.category) errors.push_back({"category", "must be goods, services or works"});
  }
  if (const auto text = query_decoded(rc.query, "q")) {
    const auto length = common::utf8_length(*text);
    if (!length || *length > 100) errors.push_back({"q", "must be at most 100 characters of percent-encoded UTF-8"});
    q.text = *text;
  } else if (!query_text(rc.query, "q").empty()) {
    errors.push_back({"q", "must be percent-encoded UTF-8"});
  }
  if (!errors.empty()) co_return rc.problem(common::Error::validation(std::move(errors)));
  q.limit = *limit;
  q.offset = *offset;
  auto& server = rc.server;
  const std::string cache_key = "list:" + std::string(rc.query);
  if (const auto cached = server.public_reads.find(cache_key)) co_return rc.json(http::Status::ok, *cached);
  std::function<common::Result<tenders::TenderPage>()> work = [&server, q] { return server.tenders.list_published(q); };
  auto page = co_await server.blocking.run<tenders::TenderPage>(std::move(work));
  if (!page) co_return rc.problem(page.error());
  common::JsonWriter w;
  w.begin_object().key("total").value(page.value().total).key("items").begin_array();
  for (const auto& v : page.value().items) write_tender(w, v);
  w.end_array().end_object();
  server.public_reads.store(cache_key, w.str());
  co_return rc.json(http::Status::ok, w.take());
}

HandlerResult get_sealed_share(http::RequestContext& rc) {
  auto& server = rc.server;
  std::function<common::Result<std::string>()> work = [&server, id = rc.params.at("id"), officer = *rc.principal] {
    return server.tenders.sealed_share(officer, id);
  };
  auto sealed = co_await server.blocking.run<std::string>(std::move(work));
  if (!sealed) co_return rc.problem(sealed.error());
  common::JsonWriter w;
  w.begin_object().key("tender_id").value(rc.params.at("id")).key("sealed_share").value(sealed.value()).end_object();
  co_return rc.json(http::Status::ok, w.take());
}

}  // namespace gp::server::api
