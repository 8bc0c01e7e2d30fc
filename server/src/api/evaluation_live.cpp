// The evaluation room, live: GET /api/tenders/{id}/evaluation/live upgraded to a WebSocket sends the
// tender's author and supervisors the standing now, then every engine event of the room as it
// happens (ranking_changed, expert_finished, deviation_alert, room_closed). The session is the
// request's (cookie or bearer token); anyone else's connection is closed with 1008 (policy
// violation). Events come from the engine's PUB socket, so watchers on every server instance see
// every score, whichever server took it.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/beast/websocket.hpp>

#include "gongping/server/api/handlers.hpp"
#include "websocket_watch.hpp"

namespace gp::server::api {
namespace {

namespace asio = boost::asio;
namespace websocket = boost::beast::websocket;
constexpr auto kAwait = asio::as_tuple(asio::use_awaitable);
asio::awaitable<void> close_with(http::WebSocket& ws, websocket::close_code code, const char* why) {
  websocket::close_reason reason(code, why);
  co_await ws.async_close(reason, kAwait);
}

}  // namespace

HandlerResult evaluation_live_without_upgrade(http::RequestContext& rc) {
  co_return websocket_upgrade_required(rc, "watch the evaluation");
}

boost::asio::awaitable<void> evaluation_live(http::ServerContext& server, http::WebSocket& ws,
                                             http::PathParamsRef params, const std::string& session_token) {
  const std::string tender_id = params.at("id");
  std::function<common::Result<accounts::Principal>()> who = [&server, session_token] {
    return server.accounts.authenticate(session_token);
  };
  auto principal = co_await server.blocking.run<accounts::Principal>(std::move(who));
  if (!principal) {
    co_await close_with(ws, websocket::close_code::policy_error, "sign in first");
    co_return;
  }
  std::function<common::Result<common::Ok>()> allowed = [&server, p = principal.value(),
                                                         &tender_id]() -> common::Result<common::Ok> {
    auto ok = server.evaluations.may_watch(p, tender_id);
    if (!ok) return ok.error();
    return common::Ok{};
  };
  if (auto ok = co_await server.blocking.run<common::Ok>(std::move(allowed)); !ok) {
    co_await close_with(ws, websocket::close_code::policy_error, "not yours to watch");
    co_return;
  }

  auto inbox = std::make_shared<EventInbox>(ws.get_executor());
  // Watch before reading the standing, so that no event falls between the two.
  auto watch = server.evaluation_hub.watch(tender_id, [inbox](const std::string& event) { inbox->deliver(event); });
  auto open = std::make_shared<bool>(true);
  asio::co_spawn(ws.get_executor(), read_until_closed(ws, open, [inbox] { inbox->wake(); }), asio::detached);

  std::function<common::Result<evaluation::EvaluationView>()> fetch = [&server, p = principal.value(), &tender_id] {
    return server.evaluations.view(p, tender_id);
  };
  auto now = co_await server.blocking.run<evaluation::EvaluationView>(std::move(fetch));
  if (now && now.value().standing) {
    const std::string first = "{\"type\":\"standing\",\"standing\":" + *now.value().standing + "}";
    auto [ec, n] = co_await ws.async_write(asio::buffer(first), kAwait);
    if (ec) *open = false;
  }
  co_await inbox->forward(ws, open, server.stopping);
  watch.reset();
  co_await close_with(ws, server.stopping ? websocket::close_code::going_away : websocket::close_code::normal, "");
}

}  // namespace gp::server::api
