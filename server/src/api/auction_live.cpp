// An auction, live: GET /api/auctions/{id}/live upgraded to a WebSocket sends the auction as the
// watcher may see it now ({"type":"state","live":...}), then every accepted bid, every turn and the
// end as they happen ({"type":"auction_bid"|"auction_turn"|"auction_ended","live":...,"bid":...}),
// filtered for the watcher (auctions/auction_live_view.hpp): the public without a session, a bidder
// with its own status, the author and supervisors with everything. Events come from the engine's
// PUB socket, so watchers on every server instance see every bid, whichever server took it.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/beast/websocket.hpp>

#include "../auctions/json_text.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/server/api/handlers.hpp"
#include "gongping/server/engine/engine_call.hpp"
#include "websocket_watch.hpp"

#include <rapidjson/document.h>

namespace gp::server::api {
namespace {

namespace asio = boost::asio;
namespace websocket = boost::beast::websocket;
constexpr auto kAwait = asio::as_tuple(asio::use_awaitable);

}  // namespace

HandlerResult auction_live_without_upgrade(http::RequestContext& rc) {
  co_return websocket_upgrade_required(rc, "follow the auction");
}

boost::asio::awaitable<void> auction_live(http::ServerContext& server, http::WebSocket& ws, http::PathParamsRef params,
                                          const std::string& session_token) {
  const std::string id = params.at("id");
  // Who watches: anyone; a session makes the watcher a bidder or staff.
  std::optional<accounts::Principal> principal;
  if (!session_token.empty()) {
    std::function<common::Result<accounts::Principal>()> who = [&server, session_token] {
      return server.accounts.authenticate(session_token);
    };
    if (auto p = co_await server.blocking.run<accounts::Principal>(std::move(who))) principal = p.value();
  }
  std::function<common::Result<auctions::AuctionRecord>()> load = [&server, id] { return server.auctions.load(id); };
  auto record = co_await server.blocking.run<auctions::AuctionRecord>(std::move(load));
  if (!record) {
    websocket::close_reason reason(websocket::close_code::policy_error, "no such auction");
    co_await ws.async_close(reason, kAwait);
    co_return;
  }
  auctions::AuctionAudience audience;
  if (principal) {
    audience.staff = principal->role == common::Role::supervisor ||
                     (principal->role == common::Role::official && principal->public_id == record.value().created_by);
    if (principal->role == common::Role::enterprise) audience.bidder = principal->public_id;
  }

  auto inbox = std::make_shared<EventInbox>(ws.get_executor());
  // Watch before reading the state, so that no event falls between the two.
  const std::string& auction = record.value().id;  // the canonical id, as the engine's events name it
  auto watch = server.auction_hub.watch(
      auction, audience, [inbox](std::shared_ptr<const std::string> message) { inbox->deliver(std::move(message)); });
  auto open = std::make_shared<bool>(true);
  asio::co_spawn(ws.get_executor(), read_until_closed(ws, open, [inbox] { inbox->wake(); }), asio::detached);

  auto state = co_await engine::call_engine(server.engine, "auction_state", R"({"auction":")" + auction + R"("})",
                                            std::chrono::milliseconds(2000));
  std::string first = R"({"type":"state","state":")" + record.value().state + R"(")";
  if (state) {
    rapidjson::Document body;
    body.Parse(state.value().body_json.c_str());
    if (body.IsObject() && body.HasMember("state")) {
      first += R"(,"live":)" + auctions::live_view_json(auctions::json_text(body["state"]), audience);
    }
  }
  first += "}";
  if (auto [ec, n] = co_await ws.async_write(asio::buffer(first), kAwait); ec) *open = false;
  co_await inbox->forward(ws, open, server.stopping);
  watch.reset();
  websocket::close_reason reason(server.stopping ? websocket::close_code::going_away : websocket::close_code::normal);
  co_await ws.async_close(reason, kAwait);
}

}  // namespace gp::server::api
