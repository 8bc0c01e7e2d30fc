#include "gongping/server/http/request_context.hpp"

namespace gp::server::http {

Response RequestContext::json(Status status, std::string body) const {
  Response res{status, request.version()};
  res.set(beast_http::field::content_type, "application/json");
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

Response RequestContext::problem(const common::Error& error) const {
  // What went wrong inside (a database message, an engine refusal) is for the operator, never for
  // the client: log it with the request id that the client sees.
  if (!error.log_detail.empty()) {
    server.log.event("error", std::string(common::to_string(error.code)) + " in request " + request_id,
                     error.log_detail);
  }
  return problem_response(error, path, request_id, request.version());
}

Response RequestContext::no_content() const {
  Response res{Status::no_content, request.version()};
  return res;
}

std::string session_token_of(const Request& request) {
  const auto auth = request[beast_http::field::authorization];
  constexpr std::string_view kBearer = "Bearer ";
  if (auth.size() > kBearer.size() && auth.substr(0, kBearer.size()) == kBearer) {
    return std::string(auth.substr(kBearer.size()));
  }
  std::string_view cookies = request[beast_http::field::cookie];
  while (!cookies.empty()) {
    const auto semi = cookies.find(';');
    auto pair = cookies.substr(0, semi);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == kSessionCookie) return std::string(pair.substr(eq + 1));
    if (semi == std::string_view::npos) break;
    cookies.remove_prefix(semi + 1);
  }
  return {};
}

}  // namespace gp::server::http
