#include "websocket_watch.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>

namespace gp::server::api {

http::Response websocket_upgrade_required(http::RequestContext& rc, std::string_view to_do) {
  http::Response res =
      rc.problem(common::make_error(common::ErrorCode::malformed_request,
                                    "Connect with a WebSocket (Upgrade: websocket) to " + std::string(to_do) + "."));
  res.result(http::Status::upgrade_required);
  res.set(http::beast_http::field::upgrade, "websocket");
  return res;
}

boost::asio::awaitable<void> read_until_closed(http::WebSocket& ws, std::shared_ptr<bool> open,
                                               std::function<void()> on_close) {
  boost::beast::flat_buffer buffer;
  while (*open) {
    auto [ec, n] = co_await ws.async_read(buffer, boost::asio::as_tuple(boost::asio::use_awaitable));
    if (ec) break;
    buffer.consume(n);
  }
  *open = false;
  if (on_close) on_close();
}

}  // namespace gp::server::api
