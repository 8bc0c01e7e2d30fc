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

// Restores `id` in the engine from the record, in one engine command (nothing interleaves and
// nothing is published), unless the auction was decided meanwhile.
asio::awaitable<void> restore(http::ServerContext& server, const std::string& id) {
  std::function<common::Result<AuctionRecord>()> load = [&server, id] { return server.auctions.load(id); };
  auto record = co_await server.blocking.run<AuctionRecord>(std::move(load));
  if (!record || record.value().state != "scheduled") co_return;
  std::function<common::Result<matching::AuctionTranscript>()> read = [&server, id] {
    return server.auctions.transcript(id);
  };
  auto transcript = co_await server.blocking.run<matching::AuctionTranscript>(std::move(read));
  if (!transcript) co_return warn(server, "auction restore failed", transcript.error());
  const auto body = command_json(matching::RestoreAuctionCommand{transcript.value()});
  auto restored = co_await engine::call_engine(server.engine, "restore_auction", body, kEngineTimeout);
  if (!restored) co_return warn(server, "auction restore failed", restored.error());
  server.log.event("info", "auction restored in the engine",
                   id + ": " + std::to_string(transcript.value().bids.size()) + " bids");
}

// Tells the engine to publish stored bid `seq` (bids are published once stored).
asio::awaitable<void> announce(http::ServerContext& server, const std::string& id, std::uint32_t seq) {
  const auto body = command_json(matching::AnnounceBidCommand{id, seq});
  (void)co_await engine::call_engine(server.engine, "announce_bid", body, kEngineTimeout);
}

// Stores every bid the engine accepted that the record lacks (the server died between the engine's
// answer and the store), from the first missing one, page by page: → whether the record now holds
// all `accepted`.
asio::awaitable<bool> catch_up(http::ServerContext& server, const std::string& id, std::uint32_t accepted) {
  for (;;) {
    std::function<common::Result<std::optional<std::uint32_t>>()> gap = [&server, id, accepted] {
      return server.auctions.first_missing_bid(id, accepted);
    };
    auto missing = co_await server.blocking.run<std::optional<std::uint32_t>>(std::move(gap));
    if (!missing) {
      warn(server, "auction catch-up failed", missing.error());
      co_return false;
    }
    if (!missing.value()) co_return true;
    const std::uint32_t after = *missing.value() - 1;
    const auto ask = command_json(matching::AuctionBidsCommand{id, after, 1000});
    auto reply = co_await engine::call_engine(server.engine, "auction_bids", ask, kEngineTimeout);
    if (!reply) {
      warn(server, "auction catch-up failed", reply.error());
      co_return false;
    }
    rapidjson::Document body;
    body.Parse(reply.value().body_json.c_str());
    if (!body.IsObject() || !body.HasMember("bids") || !body["bids"].IsArray() || body["bids"].Empty()) co_return false;
    std::uint32_t seq = after;
    for (const auto& b : body["bids"].GetArray()) {
      AcceptedAuctionBid bid{++seq,
                             b["key"].GetString(),
                             b["bidder"].GetString(),
                             b.HasMember("price_fen") ? b["price_fen"].GetInt64() : 0,
                             b.HasMember("pass") && b["pass"].IsTrue(),
                             common::Instant::parse_rfc3339(b["at"].GetString()).value_or(common::Instant{})};
      std::function<common::Result<AuctionService::StoredBid>()> store = [&server, id, bid] {
        return server.auctions.store_bid(id, bid);
      };
      auto stored = co_await server.blocking.run<AuctionService::StoredBid>(std::move(store));
      if (!stored) {
        warn(server, "auction catch-up failed", stored.error());
        co_return false;
      }
      if (stored.value().stored_now) co_await announce(server, id, seq);
    }
    server.log.event("info", "auction bids caught up", id + ": up to bid " + std::to_string(seq));
  }
}

// One auction's turn of the keeper: `stored` is what the record held when the turn began.
asio::awaitable<void> keep(http::ServerContext& server, const AuctionService::Undecided& stored) {
  const std::string& id = stored.id;
  auto reply =
      co_await engine::call_engine(server.engine, "auction_state", R"({"auction":")" + id + R"("})", kEngineTimeout);
  if (!reply) {
    if (reply.error().code == common::ErrorCode::not_found) co_await restore(server, id);
    co_return;
  }
  rapidjson::Document body;
  body.Parse(reply.value().body_json.c_str());
  if (!body.IsObject() || !body.HasMember("state")) co_return;
  const auto& state = body["state"];
  // Confirmed registrations the engine lacks (the engine was away, or the server stopped, between
  // the confirmation and its command): the engine takes each at its confirmation's instant, so even
  // once the auction has started, as the transcript's replay does.
  if (state.HasMember("bidders") && state["bidders"].IsArray()) {
    std::set<std::string> known;
    for (const auto& b : state["bidders"].GetArray()) known.insert(b.GetString());
    for (const auto& [enterprise, confirmed_at] : stored.confirmed) {
      if (known.contains(enterprise)) continue;
      const auto registration = command_json(matching::RegisterBidderCommand{id, enterprise, confirmed_at});
      (void)co_await engine::call_engine(server.engine, "register_bidder", registration, kEngineTimeout);
    }
  }
  const auto accepted = static_cast<std::uint32_t>(state["accepted"].GetInt64());
  if (accepted != stored.stored_bids && !co_await catch_up(server, id, accepted)) co_return;
  if (!state["ended"].IsTrue()) co_return;
  const std::string phase = state["phase"].GetString();
  const std::optional<std::string> winner =
      state["winner"].IsString() ? std::optional<std::string>(state["winner"].GetString()) : std::nullopt;
  const auto price = state["winning_price_fen"].GetInt64();
  const auto ended_at = common::Instant::parse_rfc3339(state["ended_at"].GetString()).value_or(common::Instant{});
  std::function<common::Result<AuctionRecord>()> decide = [&server, id, phase, winner, price, ended_at, accepted] {
    return server.auctions.store_outcome(id, phase, winner, price, ended_at, accepted);
  };
  auto decided = co_await server.blocking.run<AuctionRecord>(std::move(decide));
  if (!decided) co_return warn(server, "auction outcome not stored", decided.error());
  const auto drop = command_json(matching::DropAuctionCommand{id, server.clock.now()});
  (void)co_await engine::call_engine(server.engine, "drop_auction", drop, kEngineTimeout);
  server.log.event("info", "auction decided", id + ": " + phase);
}

}  // namespace

asio::awaitable<void> keep_auctions(http::ServerContext& server) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  while (!server.stopping) {
    common::JsonWriter advance;
    advance.begin_object().key("at").value(server.clock.now().to_rfc3339()).end_object();
    (void)co_await engine::call_engine(server.engine, "advance_auctions", advance.take(), kEngineTimeout);
    using Undecided = std::vector<AuctionService::Undecided>;
    std::function<common::Result<Undecided>()> list = [&server] { return server.auctions.undecided(); };
    auto undecided = co_await server.blocking.run<Undecided>(std::move(list));
    if (undecided) {
      for (const auto& auction : undecided.value()) {
        // One auction's trouble (an engine answer that does not read) must not stop the others.
        try {
          co_await keep(server, auction);
        } catch (const std::exception& e) {
          server.log.event("error", "auction keeper failed", auction.id + ": " + e.what());
        }
      }
    } else {
      warn(server, "auction keeper failed", undecided.error());
    }
    timer.expires_after(std::chrono::seconds(1));
    co_await timer.async_wait(asio::use_awaitable);
  }
}

}  // namespace gp::server::auctions
