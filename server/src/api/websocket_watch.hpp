#pragma once
// What the live (watch-only) WebSocket routes share: the answer to a plain GET, and reading (and
// dropping) whatever the watcher sends, so that its pings and its close are seen.

#include <functional>
#include <memory>
#include <string_view>

#include <boost/asio/awaitable.hpp>

#include "gongping/server/http/request_context.hpp"
#include "gongping/server/http/websocket.hpp"

namespace gp::server::api {

// The answer to a plain GET on a live route: 426 Upgrade Required, saying what to connect for.
http::Response websocket_upgrade_required(http::RequestContext& rc, std::string_view to_do);

// Runs until the client closes or the connection fails, then clears *open and calls on_close (if
// set), e.g. to wake the writer. Spawn it beside the writer on the socket's strand.
boost::asio::awaitable<void> read_until_closed(http::WebSocket& ws, std::shared_ptr<bool> open,
                                               std::function<void()> on_close = nullptr);

}  // namespace gp::server::api
