#pragma once
// Route handlers. Each does its I/O through the ServerContext (blocking work on the worker pool)
// and answers with JSON or a problem; the table in routes.cpp says who may call which.

#include <boost/asio/awaitable.hpp>

#include "gongping/server/http/request_context.hpp"

namespace gp::server::api {

using HandlerResult = boost::asio::awaitable<http::Response>;

// system_handlers.cpp
HandlerResult healthz(http::RequestContext& rc);
HandlerResult readyz(http::RequestContext& rc);
HandlerResult metrics(http::RequestContext& rc);
HandlerResult openapi(http::RequestContext& rc);

// account_handlers.cpp
HandlerResult register_enterprise(http::RequestContext& rc);
HandlerResult open_session(http::RequestContext& rc);
HandlerResult current_session(http::RequestContext& rc);
HandlerResult close_session(http::RequestContext& rc);
HandlerResult create_staff_account(http::RequestContext& rc);
HandlerResult list_accounts(http::RequestContext& rc);

}  // namespace gp::server::api
