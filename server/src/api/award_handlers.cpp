// The award: naming the winner, objections and their answers, the award notice, the contract.
#include "answer_from_worker.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/server/api/handlers.hpp"
#include "gongping/server/http/json_body.hpp"

namespace gp::server::api {
namespace {

constexpr std::int64_t kMaxFen = 1'000'000'000'000'000;

void write_objection(common::JsonWriter& w, const awards::ObjectionView& o) {
  w.begin_object().key("id").value(o.id).key("enterprise").value(o.enterprise).key("objection").value(o.objection);
  w.key("raised_at").value(o.raised_at.to_rfc3339()).key("answer").value_or_null(o.answer);
  w.key("answered_at").value_or_null(o.answered_at).end_object();
}

std::string objection_text(const awards::ObjectionView& o) {
  common::JsonWriter w;
  write_objection(w, o);
  return w.take();
}

std::string award_text(const awards::AwardView& a) {
  common::JsonWriter w;
  w.begin_object().key("tender_id").value(a.tender_id).key("winner").value(a.winner);
  w.key("winner_name").value(a.winner_name).key("winner_price_fen").value(a.winner_price_fen);
  w.key("recommended").begin_array();
  for (const auto& r : a.recommended) w.value(r);
  w.end_array().key("deviation_reason").value_or_null(a.deviation_reason);
  w.key("announced_at")
      .value(a.announced_at.to_rfc3339())
      .key("publicity_ends_at")
      .value(a.publicity_ends_at.to_rfc3339());
  w.key("suspended").value(a.suspended).key("objections").value(a.objections).key("objection_details").begin_array();
  for (const auto& o : a.objection_details) write_objection(w, o);
  w.end_array().key("notice_at").value_or_null(a.notice_at).key("contract");
  if (a.contract_signed_at) {
    w.begin_object().key("signed_at").value(a.contract_signed_at->to_rfc3339());
    w.key("amount_fen").value(*a.contract_amount_fen).key("late").value(a.contract_late).end_object();
  } else {
    w.null();
  }
  w.end_object();
  return w.take();
}

}  // namespace

HandlerResult award_tender(http::RequestContext& rc) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  auto& f = body.value();
  const auto winner = f.required_string("winner", 32);
  const auto reason = f.optional_string("reason", 4000).value_or("");
  if (auto done = f.finish(); !done) co_return rc.problem(done.error());
  auto& server = rc.server;
  std::function<common::Result<awards::AwardView>()> work = [&server, official = *rc.principal, id = rc.params.at("id"),
                                                             winner, reason] {
    return server.awards.award(official, id, winner, reason);
  };
  co_return co_await answer_from_worker<awards::AwardView>(rc, work, http::Status::created, &award_text, true);
}

HandlerResult get_award(http::RequestContext& rc) {
  auto& server = rc.server;
  std::function<common::Result<awards::AwardView>()> work = [&server, reader = rc.principal, id = rc.params.at("id")] {
    return server.awards.view(reader, id);
  };
  co_return co_await answer_from_worker<awards::AwardView>(rc, work, http::Status::ok, &award_text);
}

HandlerResult raise_objection(http::RequestContext& rc) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  auto& f = body.value();
  const auto objection = f.required_string("objection", awards::kMaxObjectionBytes);
  if (auto done = f.finish(); !done) co_return rc.problem(done.error());
  auto& server = rc.server;
  std::function<common::Result<awards::ObjectionView>()> work = [&server, bidder = *rc.principal,
                                                                 id = rc.params.at("id"), objection] {
    return server.awards.object(bidder, id, objection);
  };
  co_return co_await answer_from_worker<awards::ObjectionView>(rc, work, http::Status::created, &objection_text);
}

HandlerResult answer_objection(http::RequestContext& rc) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  auto& f = body.value();
  const auto answer = f.required_string("answer", 4000);
  if (auto done = f.finish(); !done) co_return rc.problem(done.error());
  std::int64_t objection_id = 0;
  try {
    objection_id = std::stoll(rc.params.at("oid"));
  } catch (const std::exception&) {
    co_return rc.problem(common::make_error(common::ErrorCode::not_found, "No such objection."));
  }
  auto& server = rc.server;
  std::function<common::Result<awards::ObjectionView>()> work = [&server, official = *rc.principal,
                                                                 id = rc.params.at("id"), objection_id, answer] {
    return server.awards.answer(official, id, objection_id, answer);
  };
  co_return co_await answer_from_worker<awards::ObjectionView>(rc, work, http::Status::ok, &objection_text);
}

HandlerResult issue_award_notice(http::RequestContext& rc) {
  auto& server = rc.server;
  std::function<common::Result<awards::AwardView>()> work =
      [&server, official = *rc.principal, id = rc.params.at("id")] { return server.awards.notice(official, id); };
  co_return co_await answer_from_worker<awards::AwardView>(rc, work, http::Status::ok, &award_text);
}

HandlerResult record_contract(http::RequestContext& rc) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  auto& f = body.value();
  const auto signed_text = f.required_string("signed_at", 40);
  const auto amount = f.required_int("amount_fen", 1, kMaxFen);
  const auto signed_at = common::Instant::parse_rfc3339(signed_text);
  if (!signed_at && !signed_text.empty())
    f.reject("signed_at", "must be an RFC 3339 UTC time like 2026-12-17T02:00:00Z");
  if (auto done = f.finish(); !done) co_return rc.problem(done.error());
  auto& server = rc.server;
  std::function<common::Result<awards::AwardView>()> work = [&server, official = *rc.principal, id = rc.params.at("id"),
                                                             at = *signed_at, amount] {
    return server.awards.contract(official, id, at, common::Money::from_fen(amount));
  };
  co_return co_await answer_from_worker<awards::AwardView>(rc, work, http::Status::created, &award_text, true);
}

}  // namespace gp::server::api
