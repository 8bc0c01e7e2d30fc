// The opening: officers hand in shares, everyone reads the record, bidders confirm or object.
#include "gongping/common/json_writer.hpp"
#include "gongping/server/api/handlers.hpp"
#include "gongping/server/http/json_body.hpp"

namespace gp::server::api {
namespace {

void write_record(common::JsonWriter& w, const opening::OpeningRecord& r);

}  // namespace

std::string opening_record_json(const opening::OpeningRecord& record) {
  common::JsonWriter w;
  write_record(w, record);
  return w.take();
}

namespace {

void write_record(common::JsonWriter& w, const opening::OpeningRecord& r) {
  w.begin_object()
      .key("tender_id")
      .value(r.tender_id)
      .key("opened_at")
      .value(r.opened_at.to_rfc3339())
      .key("audit_index")
      .value(r.audit_index)
      .key("bids")
      .begin_array();
  for (const auto& b : r.bids) {
    w.begin_object()
        .key("bidder_id")
        .value(b.bidder_id)
        .key("bidder_name")
        .value(b.bidder_name)
        .key("bid_id")
        .value(b.bid_id)
        .key("status")
        .value(b.status)
        .key("price_fen")
        .value_or_null(b.price_fen)
        .key("size")
        .text_or_null(b.size);
    if (!b.reason.empty()) w.key("reason").value(b.reason);
    w.end_object();
  }
  w.end_array().end_object();
}

}  // namespace

HandlerResult submit_share(http::RequestContext& rc) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  auto& f = body.value();
  auto share = f.required_string("share", 256);
  if (auto done = f.finish(); !done) co_return rc.problem(done.error());
  auto& server = rc.server;
  std::function<common::Result<opening::ShareProgress>()> work = [&server, id = rc.params.at("id"),
                                                                  share = std::move(share), officer = *rc.principal] {
    return server.opening.submit_share(officer, id, share);
  };
  auto progress = co_await server.blocking.run<opening::ShareProgress>(std::move(work));
  server.public_reads.forget_all();  // closing bids on demand may have changed the state
  if (!progress) co_return rc.problem(progress.error());
  const auto& p = progress.value();
  common::JsonWriter w;
  w.begin_object()
      .key("shares_received")
      .value(std::int64_t{p.received})
      .key("threshold")
      .value(std::int64_t{p.threshold})
      .key("opened")
      .value(p.record.has_value());
  if (p.record) {
    w.key("record");
    write_record(w, *p.record);
  }
  w.end_object();
  co_return rc.json(p.record ? http::Status::created : http::Status::accepted, w.take());
}

HandlerResult get_opening_record(http::RequestContext& rc) {
  auto& server = rc.server;
  std::function<common::Result<opening::OpeningRecord>()> work = [&server, id = rc.params.at("id")] {
    return server.opening.record(id);
  };
  auto record = co_await server.blocking.run<opening::OpeningRecord>(std::move(work));
  if (!record) co_return rc.problem(record.error());
  common::JsonWriter w;
  write_record(w, record.value());
  co_return rc.json(http::Status::ok, w.take());
}

HandlerResult respond_to_opening(http::RequestContext& rc) {
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  auto& f = body.value();
  auto kind = f.required_string("kind", 16);
  auto text = f.optional_string("text", 4000).value_or("");
  if (auto done = f.finish(); !done) co_return rc.problem(done.error());
  auto& server = rc.server;
  std::function<common::Result<void>()> work = [&server, id = rc.params.at("id"), kind, text, bidder = *rc.principal] {
    return server.opening.respond(bidder, id, kind, text);
  };
  auto done = co_await server.blocking.run<void>(std::move(work));
  if (!done) co_return rc.problem(done.error());
  co_return rc.no_content();
}

HandlerResult jwks(http::RequestContext& rc) {
  auto res = rc.json(http::Status::ok, rc.server.signer.jwks());
  res.set(http::beast_http::field::cache_control, "public, max-age=300");
  co_return res;
}

HandlerResult pin_clock(http::RequestContext& rc) {
  if (!rc.server.settings.clock_control) {
    co_return rc.problem(common::make_error(common::ErrorCode::not_found, "No such route."));
  }
  auto body = http::JsonBody::parse(rc.request);
  if (!body) co_return rc.problem(body.error());
  auto& f = body.value();
  const auto now = f.optional_string("now", 40);
  std::optional<common::Instant> at;
  if (now) {
    at = common::Instant::parse_rfc3339(*now);
    if (!at) f.reject("now", "must be an RFC 3339 UTC time, or null to follow the system clock");
  }
  if (auto done = f.finish(); !done) co_return rc.problem(done.error());
  if (at) {
    rc.server.clock.pin(*at);
  } else {
    rc.server.clock.unpin();
  }
  co_return rc.no_content();
}

}  // namespace gp::server::api
