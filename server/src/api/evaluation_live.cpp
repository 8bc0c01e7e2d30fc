// The evaluation room, live: GET /api/tenders/{id}/evaluation/live upgraded to a WebSocket sends the
// tender's author and supervisors the standing now, then every engine event of the room as it
// happens (ranking_changed, expert_finished, deviation_alert, room_closed). The session is the
// request's (cookie or bearer token); anyone else's connection is closed with 1008 (policy
// violation). Events come from the engine's PUB socket, so watchers on every server instance see
// every score, whichever server took it.
#include <deque>
#include <mutex>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/websocket.hpp>

#include "gongping/server/api/handlers.hpp"
#include "websocket_watch.hpp"

namespace gp::server::api {
namespace {

namespace asio = boost::asio;
namespace websocket = boost::beast::websocket;
constexpr auto kAwait = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kMaxQueued = 1024;  // a watcher this far behind is dropped, not waited for

// Events handed over from the engine client's thread to this session's strand.
struct Inbox {
  std::mutex mutex;
  std::deque<std::string> events;
  bool overflowed = false;
  std::shared_ptr<asio::steady_timer> wake;
};

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

  auto inbox = std::make_shared<Inbox>();
  inbox->wake = std::make_shared<asio::steady_timer>(ws.get_executor());
  auto executor = ws.get_executor();
  // Watch before reading the standing, so that no event falls between the two.
  auto watch = server.evaluation_hub.watch(tender_id, [inbox, executor](const std::string& event) {
    {
      std::lock_guard lock(inbox->mutex);
      if (inbox->events.size() >= kMaxQueued) {
        inbox->overflowed = true;
      } else {
        inbox->events.push_back(event);
      }
    }
    asio::post(executor, [wake = inbox->wake] { wake->cancel(); });
  });
  auto open = std::make_shared<bool>(true);
  asio::co_spawn(executor, read_until_closed(ws, open, [wake = inbox->wake] { wake->cancel(); }), asio::detached);

  std::function<common::Result<evaluation::EvaluationView>()> fetch = [&server, p = principal.value(), &tender_id] {
    return server.evaluations.view(p, tender_id);
  };
  auto now = co_await server.blocking.run<evaluation::EvaluationView>(std::move(fetch));
  if (now && now.value().standing) {
    const std::string first = "{\"type\":\"standing\",\"standing\":" + *now.value().standing + "}";
    auto [ec, n] = co_await ws.async_write(asio::buffer(first), kAwait);
    if (ec) *open = false;
  }
  while (*open && !server.stopping) {
    std::deque<std::string> batch;
    bool overflowed = false;
    {
      std::lock_guard lock(inbox->mutex);
      batch.swap(inbox->events);
      overflowed = inbox->overflowed;
    }
    if (overflowed) break;
    for (const auto& event : batch) {
      auto [ec, n] = co_await ws.async_write(asio::buffer(event), kAwait);
      if (ec) *open = false;
      if (!*open) break;
    }
    if (!batch.empty()) continue;
    inbox->wake->expires_after(std::chrono::seconds(1));  // also notices a shutdown within a second
    co_await inbox->wake->async_wait(kAwait);
  }
  *open = false;
  watch.reset();
  co_await close_with(ws, server.stopping ? websocket::close_code::going_away : websocket::close_code::normal, "");
}

}  // namespace gp::server::api
