#include "gongping/server/auctions/auction_keeper.hpp"

#include <rapidjson/document.h>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <set>

#include "auction_codec.hpp"
#include "gongping/common/json_writer.hpp"
#include "gongping/server/engine/engine_call.hpp"
#include "gongping/server/http/server_context.hpp"

namespace gp::server::auctions {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
constexpr auto kEngineTimeout = 2000ms;

std::string command_json(const matching::engine::AuctionCommand& command) {
  common::JsonWriter w;
  matching::engine::write_auction_command_body(w, command);
  return w.take();
}

void warn(http::ServerContext& server, const std::string& what, const common::Error& error) {
  server.log.event("warn", what, error.detail + " " + error.log_detail);
}

// Rebuilds `id` in the engine from the record.
asio::awaitable<void> rebuild(http::ServerContext& server, const std::string& id) {
  std::function<common::Result<matching::AuctionTranscript>()> read = [&server, id] {
    return server.auctions.transcript(id);
  };
  auto transcript = co_await server.blocking.run<matching::AuctionTranscript>(std::move(read));
  if (!transcript) co_return warn(server, "auction rebuild failed", transcript.error());
  const auto& t = transcript.value();
  auto opened = co_await engine::call_engine(server.engine, "open_auction", command_json(t.open), kEngineTimeout);
  if (!opened) co_return warn(server, "auction rebuild failed", opened.error());
  for (const auto& r : t.registrations) {
    (void)co_await engine::call_engine(server.engine, "register_bidder", command_json(r), kEngineTimeout);
  }
  for (const auto& b : t.bids) {
    auto replayed = co_await engine::call_engine(server.engine, "auction_bid", command_json(b), kEngineTimeout);
    if (!replayed) co_return warn(server, "auction rebuild: a stored bid did not replay", replayed.error());
  }
  server.log.event("info", "auction rebuilt in the engine", id + ": " + std::to_string(t.bids.size()) + " bids");
}

// Stores the bids the engine accepted after the `stored` ones.
asio::awaitable<void> catch_up(http::ServerContext& server, const std::string& id, std::uint32_t stored) {
  common::JsonWriter w;
  w.begin_object().key("auction").value(id).key("after_seq").value(std::int64_t{stored}).end_object();
  auto reply = co_await engine::call_engine(server.engine, "auction_bids", w.take(), kEngineTimeout);
  if (!reply) co_return warn(server, "auction catch-up failed", reply.error());
  rapidjson::Document body;
  body.Parse(reply.value().body_json.c_str());
  if (!body.IsObject() || !body.HasMember("bids") || !body["bids"].IsArray()) co_return;
  std::uint32_t seq = stored;
  for (const auto& b : body["bids"].GetArray()) {
    AcceptedAuctionBid bid{++seq,
                           b["key"].GetString(),
                           b["bidder"].GetString(),
                           b.HasMember("price_fen") ? b["price_fen"].GetInt64() : 0,
                           b.HasMember("pass") && b["pass"].IsTrue(),
                           common::Instant::parse_rfc3339(b["at"].GetString()).value_or(common::Instant{})};
    std::function<common::Result<std::int64_t>()> store = [&server, id, bid] {
      return server.auctions.store_bid(id, bid);
    };
    auto stored_bid = co_await server.blocking.run<std::int64_t>(std::move(store));
    if (!stored_bid) co_return warn(server, "auction catch-up failed", stored_bid.error());
  }
  server.log.event("info", "auction bids caught up", id + ": up to bid " + std::to_string(seq));
}

// One auction's turn of the keeper.
asio::awaitable<void> keep(http::ServerContext& server, const std::string& id) {
  auto reply =
      co_await engine::call_engine(server.engine, "auction_state", R"({"auction":")" + id + R"("})", kEngineTimeout);
  if (!reply) {
    if (reply.error().code == common::ErrorCode::not_found) co_await rebuild(server, id);
    co_return;
  }
  rapidjson::Document body;
  body.Parse(reply.value().body_json.c_str());
  if (!body.IsObject() || !body.HasMember("state")) co_return;
  const auto& state = body["state"];
  std::function<common::Result<AuctionRecord>()> load = [&server, id] { return server.auctions.load(id); };
  auto record = co_await server.blocking.run<AuctionRecord>(std::move(load));
  if (!record) co_return warn(server, "auction keeper failed", record.error());
  // Confirmed registrations the engine lacks (ascending auctions, before the start).
  if (state.HasMember("bidders") && state["phase"] == "registration") {
    std::set<std::string> known;
    for (const auto& b : state["bidders"].GetArray()) known.insert(b.GetString());
    for (const auto& r : record.value().registrations) {
      if (!r.confirmed_at || known.contains(r.enterprise)) continue;
      (void)co_await engine::call_engine(
          server.engine, "register_bidder",
          command_json(matching::RegisterBidderCommand{id, r.enterprise, *r.confirmed_at}), kEngineTimeout);
    }
  }
  const auto accepted = static_cast<std::uint32_t>(state["accepted"].GetInt64());
  if (accepted > record.value().stored_bids) co_await catch_up(server, id, record.value().stored_bids);
  if (!state["ended"].IsTrue()) co_return;
  const std::string phase = state["phase"].GetString();
  const std::optional<std::string> winner =
      state["winner"].IsString() ? std::optional<std::string>(state["winner"].GetString()) : std::nullopt;
  const auto price = state["winning_price_fen"].GetInt64();
  const auto ended_at = common::Instant::parse_rfc3339(state["ended_at"].GetString()).value_or(common::Instant{});
  std::function<common::Result<AuctionRecord>()> decide = [&server, id, phase, winner, price, ended_at] {
    return server.auctions.store_outcome(id, phase, winner, price, ended_at);
  };
  auto decided = co_await server.blocking.run<AuctionRecord>(std::move(decide));
  if (!decided) co_return warn(server, "auction outcome not stored", decided.error());
  (void)co_await engine::call_engine(server.engine, "drop_auction", R"({"auction":")" + id + R"("})", kEngineTimeout);
  server.log.event("info", "auction decided", id + ": " + phase);
}

}  // namespace

asio::awaitable<void> keep_auctions(http::ServerContext& server) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  while (!server.stopping) {
    common::JsonWriter advance;
    advance.begin_object().key("at").value(server.clock.now().to_rfc3339()).end_object();
    (void)co_await engine::call_engine(server.engine, "advance_auctions", advance.take(), kEngineTimeout);
    std::function<common::Result<std::vector<std::string>>()> list = [&server] { return server.auctions.scheduled(); };
    auto ids = co_await server.blocking.run<std::vector<std::string>>(std::move(list));
    if (ids) {
      for (const auto& id : ids.value()) co_await keep(server, id);
    } else {
      warn(server, "auction keeper failed", ids.error());
    }
    timer.expires_after(std::chrono::seconds(1));
    co_await timer.async_wait(asio::use_awaitable);
  }
}

}  // namespace gp::server::auctions
