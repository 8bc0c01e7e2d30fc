#pragma once
// WebSocket routes: a Route whose `websocket` handler is set takes over the connection when a
// client asks to upgrade (RFC 6455); a plain GET on the same path gets the route's HTTP handler.
// The handler owns the socket until it returns; it must return soon after ServerContext::stopping
// is set, so that a shutdown is not held up by watchers.

#include <functional>
#include <map>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/websocket/stream.hpp>

namespace gp::server::http {

struct ServerContext;
// Over the bare socket (released by the connection's tcp_stream): the WebSocket's own timeouts govern.
using WebSocket = boost::beast::websocket::stream<boost::asio::ip::tcp::socket>;
using PathParamsRef = const std::map<std::string, std::string, std::less<>>&;
// The last argument is the upgrade request's session token (cookie or bearer), empty if none: the
// handler authenticates it when the route is not public.
using WebSocketHandler = boost::asio::awaitable<void> (*)(ServerContext&, WebSocket&, PathParamsRef,
                                                          const std::string& session_token);

}  // namespace gp::server::http
