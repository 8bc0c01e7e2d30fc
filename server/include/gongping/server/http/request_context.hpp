#pragma once
// RequestContext: what a handler gets for one request, and the helpers that build its answers.
// Whether the connection stays open is not the handler's business: the listener decides.
// Lives on the connection's coroutine frame for the duration of the handler; not shared.

#include <optional>
#include <string>
#include <string_view>

#include "gongping/server/http/body_stream.hpp"
#include "gongping/server/http/problem.hpp"
#include "gongping/server/http/router.hpp"
#include "gongping/server/http/server_context.hpp"

namespace gp::server::http {

struct RequestContext {
  ServerContext& server;
  const Request& request;
  std::string_view path;   // without the query string
  std::string_view query;  // after '?', possibly empty
  PathParams params;
  std::string request_id;
  std::string_view remote_address;               // the client's IP address, owned by the connection
  std::optional<accounts::Principal> principal;  // set for routes that need a session
  std::string session_token;                     // the presented token, empty if none
  BodyStream* body_stream = nullptr;             // set for streamed routes only (request.body() empty)

  Response json(Status status, std::string body) const;
  // The problem response for `error`; its log_detail, if any, goes to the log (not the client).
  Response problem(const common::Error& error) const;
  Response no_content() const;
};

// The session token from `Authorization: Bearer ...` or else the `gp_session` cookie; empty if none.
std::string session_token_of(const Request& request);

inline constexpr std::string_view kSessionCookie = "gp_session";

}  // namespace gp::server::http
