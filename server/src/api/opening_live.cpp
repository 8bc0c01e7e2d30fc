// The remote opening, live: GET /api/tenders/{id}/opening/live upgraded to a WebSocket sends the
// opening's status as it changes (state, shares handed in of the threshold) and then the opening
// record, the moment it is published, to everyone attending. Before bidding closes nothing is sent
// about bids, not even their number. Each session checks PostgreSQL twice a second, so watchers on
// any server instance see an opening done through any other.
#include <chrono>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/websocket.hpp>

#include "gongping/common/json_writer.hpp"
#include "gongping/server/api/handlers.hpp"
#include "websocket_watch.hpp"

namespace gp::server::api {
namespace {

namespace asio = boost::asio;
namespace websocket = boost::beast::websocket;
constexpr auto kAwait = asio::as_tuple(asio::use_awaitable);
constexpr auto kPollEvery = std::chrono::milliseconds(500);

std::string status_message(const opening::OpeningStatus& s) {
  common::JsonWriter w;
  w.begin_object()
      .key("type")
      .value("status")
      .key("tender_id")
      .value(s.tender_id)
      .key("state")
      .value(s.state)
      .key("bid_deadline")
      .value(s.bid_deadline.to_rfc3339())
      .key("shares_received")
      .value(std::int64_t{s.shares_received})
      .key("threshold")
      .value(std::int64_t{s.threshold})
      .key("opened")
      .value(s.opened)
      .end_object();
  return w.take();
}

}  // namespace

HandlerResult opening_live_without_upgrade(http::RequestContext& rc) {
  co_return websocket_upgrade_required(rc, "follow the opening");
}

boost::asio::awaitable<void> opening_live(http::ServerContext& server, http::WebSocket& ws, http::PathParamsRef params,
                                          const std::string&) {  // open to all
  const std::string tender_id = params.at("id");
  auto open = std::make_shared<bool>(true);
  asio::co_spawn(ws.get_executor(), read_until_closed(ws, open), asio::detached);
  asio::steady_timer timer(ws.get_executor());
  std::string last_status;
  bool record_sent = false;
  while (*open && !server.stopping && !record_sent) {
    std::function<common::Result<opening::OpeningStatus>()> poll = [&server, &tender_id] {
      return server.opening.status(tender_id);
    };
    auto status = co_await server.blocking.run<opening::OpeningStatus>(std::move(poll));
    if (!status) {
      if (status.error().code == common::ErrorCode::not_found) break;  // no such published tender
    } else {
      std::string message = status_message(status.value());
      if (message != last_status) {
        auto [ec, n] = co_await ws.async_write(asio::buffer(message), kAwait);
        if (ec) break;
        last_status = std::move(message);
      }
      if (status.value().opened) {
        std::function<common::Result<opening::OpeningRecord>()> fetch = [&server, &tender_id] {
          return server.opening.record(tender_id);
        };
        auto record = co_await server.blocking.run<opening::OpeningRecord>(std::move(fetch));
        if (record) {
          std::string text = "{\"type\":\"record\",\"record\":" + opening_record_json(record.value()) + "}";
          auto [ec, n] = co_await ws.async_write(asio::buffer(text), kAwait);
          if (ec) break;
          record_sent = true;
        }
      }
    }
    timer.expires_after(kPollEvery);
    co_await timer.async_wait(kAwait);
  }
  *open = false;
  const websocket::close_reason reason(server.stopping ? websocket::close_code::going_away
                                                       : websocket::close_code::normal);
  co_await ws.async_close(reason, kAwait);
}

}  // namespace gp::server::api
