#pragma once
// handle_request: one request in, one response out. Routes through the table, authenticates and
// checks the route's roles, falls back to static files for GET/HEAD, turns every failure into a
// problem response, adds the request id and security headers, records metrics and logs one line.
// Never throws: an exception from a handler becomes a 500 problem (logged without its request).

#include <string>

#include <boost/asio/awaitable.hpp>

#include "gongping/server/http/body_stream.hpp"
#include "gongping/server/http/server_context.hpp"
#include "gongping/server/http/types.hpp"

namespace gp::server::http {

// `remote_address` and `body` must outlive the returned awaitable (the connection owns them).
// `body` is the request's body stream on a streamed route, else null.
boost::asio::awaitable<Response> handle_request(ServerContext& server, const Request& request,
                                                std::string_view remote_address, BodyStream* body = nullptr);

}  // namespace gp::server::http
