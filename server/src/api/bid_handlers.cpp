// Sealed bids: submit (or replace), withdraw, and the bidder's own versions with their receipts.
// A bid is sent as the compact JWE itself with Content-Type application/jose, and every action
// carries an Idempotency-Key header so that a retry never makes a second bid.
#include <algorithm>
#include <cctype>
#include <string_view>

#include "gongping/common/json_writer.hpp"
#include "gongping/server/api/handlers.hpp"
#include "gongping/server/api/query_params.hpp"
#include "gongping/server/async/await_result.hpp"
#include "gongping/server/http/media_type.hpp"

namespace gp::server::api {
namespace {

http::Response receipt_response(const http::RequestContext& rc, const bids::IssuedReceipt& r) {
  common::JsonWriter w;
  w.begin_object()
      .key("bid_id")
      .value(r.bid_id)
      .key("action")
      .value(bidding::to_string(r.action))
      .key("received_at")
      .value(r.received_at.to_rfc3339())
      .key("audit_index")
      .value(r.audit_index)
      .key("receipt")
      .value(r.receipt)
      .end_object();
  return rc.json(r.replayed ? http::Status::ok : http::Status::created, w.take());
}

std::string idempotency_key_of(const http::Request& request) { return std::string(request["Idempotency-Key"]); }

// The device fingerprint the bidder's browser sends (Gp-Device), kept for the collusion indicators;
// none when absent, longer than 128 bytes or holding anything but letters, digits and ._:+/=- (an
// optional signal must never fail a bid).
std::optional<std::string> device_of(const http::Request& request) {
  const auto device = request["Gp-Device"];
  const bool plain = std::all_of(device.begin(), device.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("._:+/=-").find(c) != std::string_view::npos;
  });
  if (device.empty() || device.size() > 128 || !plain) return std::nullopt;
  return std::string(device);
}

}  // namespace

HandlerResult submit_bid(http::RequestContext& rc) {
  if (!http::has_media_type(rc.request, "application/jose")) {
    co_return rc.problem(common::make_error(common::ErrorCode::unsupported_media_type,
                                            "Send the sealed bid as its compact JWE with Content-Type "
                                            "application/jose."));
  }
  std::string envelope = rc.request.body();
  while (!envelope.empty() && std::isspace(static_cast<unsigned char>(envelope.back()))) envelope.pop_back();
  auto& server = rc.server;
  std::vector<std::string> credentials;
  for (std::string_view list = query_text(rc.query, "credentials"); !list.empty();) {
    const auto comma = list.find(',');
    if (credentials.size() == 32) break;
    credentials.emplace_back(list.substr(0, comma));
    list.remove_prefix(comma == std::string_view::npos ? list.size() : comma + 1);
  }
  bids::BidRequest request{*rc.principal,          rc.params.at("id"),
                           std::move(envelope),    idempotency_key_of(rc.request),
                           std::move(credentials), std::string(rc.remote_address),
                           device_of(rc.request)};
  auto receipt = co_await await_result<bids::IssuedReceipt>([&server, &request](Completion<bids::IssuedReceipt> done) {
    server.bids.record_async(std::move(request), done);
  });
  if (!receipt) co_return rc.problem(receipt.error());
  co_return receipt_response(rc, receipt.value());
}

HandlerResult withdraw_bid(http::RequestContext& rc) {
  auto& server = rc.server;
  bids::BidRequest request{*rc.principal,
                           rc.params.at("id"),
                           std::nullopt,
                           idempotency_key_of(rc.request),
                           {},
                           std::string(rc.remote_address),
                           device_of(rc.request)};
  auto receipt = co_await await_result<bids::IssuedReceipt>([&server, &request](Completion<bids::IssuedReceipt> done) {
    server.bids.record_async(std::move(request), done);
  });
  if (!receipt) co_return rc.problem(receipt.error());
  co_return receipt_response(rc, receipt.value());
}

HandlerResult own_bids(http::RequestContext& rc) {
  auto& server = rc.server;
  std::function<common::Result<std::vector<bids::BidVersion>>()> work =
      [&server, id = rc.params.at("id"), bidder = *rc.principal] { return server.bids.own_bids(bidder, id); };
  auto versions = co_await server.blocking.run<std::vector<bids::BidVersion>>(std::move(work));
  if (!versions) co_return rc.problem(versions.error());
  common::JsonWriter w;
  w.begin_object().key("versions").begin_array();
  for (const auto& v : versions.value()) {
    w.begin_object()
        .key("bid_id")
        .value(v.bid_id)
        .key("version")
        .value(std::int64_t{v.version})
        .key("action")
        .value(bidding::to_string(v.action))
        .key("envelope_sha256")
        .text_or_null(v.envelope_sha256_hex);
    w.key("received_at").value(v.received_at.to_rfc3339()).key("credentials").begin_array();
    for (const auto& c : v.credential_ids) w.value(c);
    w.end_array().key("receipt").value(v.receipt).end_object();
  }
  w.end_array().end_object();
  co_return rc.json(http::Status::ok, w.take());
}

}  // namespace gp::server::api
