#include "gongping/server/server_runtime.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <memory>
#include <thread>

#include "gongping/server/api/routes.hpp"
#include "gongping/server/auctions/auction_keeper.hpp"
#include "gongping/server/db/migrator.hpp"
#include "gongping/server/http/listener.hpp"

namespace gp::server {
namespace {

namespace asio = boost::asio;

// Applies or checks migrations; false (after logging why) when the server must not start.
bool prepare_schema(http::ServerContext& server) {
  const db::Migrator migrator(db::bundled_migrations());
  std::string problem;
  auto done = server.database.run<common::Ok>([&](soci::session& sql) -> common::Result<common::Ok> {
    if (server.settings.migrate_on_start) {
      auto report = migrator.apply(sql);
      if (!report) return report.error();
      for (const auto& name : report.value().applied) server.log.event("info", "migration applied", name);
      return common::Ok{};
    }
    auto pending = migrator.pending(sql);
    if (!pending) return pending.error();
    if (!pending.value().empty()) {
      return common::make_error(common::ErrorCode::migration_checksum_mismatch,
                                std::to_string(pending.value().size()) +
                                    " migrations are pending; run `gongping migrate` or start with --migrate.");
    }
    return common::Ok{};
  });
  if (!done) {
    server.log.event("error", "database schema not ready", done.error().detail + " " + done.error().log_detail);
    return false;
  }
  return true;
}

// Every few minutes, on a worker: forget ended sessions, stale login failures and uploads left
// unfinished.
asio::awaitable<void> housekeeping(http::ServerContext& server) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  while (!server.stopping) {
    std::function<common::Result<accounts::PruneCounts>()> work = [&server] { return server.accounts.prune(); };
    auto pruned = co_await server.blocking.run<accounts::PruneCounts>(std::move(work));
    if (!pruned) {
      server.log.event("warn", "housekeeping failed", pruned.error().detail + " " + pruned.error().log_detail);
    } else if (pruned.value().sessions + pruned.value().login_failures > 0) {
      server.log.event("info", "housekeeping",
                       std::to_string(pruned.value().sessions) + " sessions, " +
                           std::to_string(pruned.value().login_failures) + " login failures");
    }
    std::function<common::Result<int>()> drop_unfinished = [&server] { return server.uploads.prune(); };
    auto dropped = co_await server.blocking.run<int>(std::move(drop_unfinished));
    if (dropped && dropped.value() > 0) {
      server.log.event("info", "housekeeping", std::to_string(dropped.value()) + " unfinished uploads dropped");
    }
    timer.expires_after(std::chrono::minutes(10));
    co_await timer.async_wait(asio::use_awaitable);
  }
}

// Every second, on a worker: close bidding on tenders whose deadline has passed (open or fail).
// Opening calls also do this on demand, so the sweep only keeps states current for readers.
asio::awaitable<void> deadline_sweep(http::ServerContext& server) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  while (!server.stopping) {
    std::function<common::Result<int>()> work = [&server] { return server.opening.settle_due_tenders(); };
    auto settled = co_await server.blocking.run<int>(std::move(work));
    if (!settled) {
      server.log.event("warn", "deadline sweep failed", settled.error().detail + " " + settled.error().log_detail);
    } else if (settled.value() > 0) {
      server.public_reads.forget_all();
      server.log.event("info", "bidding closed", std::to_string(settled.value()) + " tenders");
    }
    timer.expires_after(std::chrono::seconds(1));
    co_await timer.async_wait(asio::use_awaitable);
  }
}

// Every audit.checkpoint_interval_ms, on a worker: sign a checkpoint of the audit log if it grew.
asio::awaitable<void> checkpoint_signer(http::ServerContext& server) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  while (!server.stopping) {
    std::function<common::Result<std::uint64_t>()> work = [&server] { return server.audit.sign_checkpoint_if_grown(); };
    auto signed_size = co_await server.blocking.run<std::uint64_t>(std::move(work));
    if (!signed_size) {
      server.log.event("warn", "checkpoint failed", signed_size.error().detail + " " + signed_size.error().log_detail);
    }
    timer.expires_after(server.settings.checkpoint_interval);
    co_await timer.async_wait(asio::use_awaitable);
  }
}

asio::awaitable<void> drain_then_stop(asio::io_context& io, http::Listener& listener, std::chrono::seconds grace) {
  asio::steady_timer timer(io);
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while (listener.active_connections() > 0 && std::chrono::steady_clock::now() < deadline) {
    timer.expires_after(std::chrono::milliseconds(20));
    co_await timer.async_wait(asio::use_awaitable);
  }
  io.stop();
}

}  // namespace

int run_server(const config::Settings& settings) {
  // The context outlives the io_context: coroutine frames destroyed with the io_context may still
  // refer to it. Workers and the engine client are stopped first, so nothing posts to a dead loop.
  std::unique_ptr<http::ServerContext> server;
  try {
    server = std::make_unique<http::ServerContext>(settings, api::api_routes(settings.upload_limit_bytes),
                                                   api::bundled_openapi());
  } catch (const std::exception& e) {
    // Almost always PostgreSQL refusing or not answering; SOCI's message says which.
    http::RequestLog().event("error", "cannot start", e.what());
    return 2;
  }
  if (!prepare_schema(*server)) return 2;

  asio::io_context io(static_cast<int>(settings.io_threads));
  std::shared_ptr<http::Listener> listener;
  try {
    listener = std::make_shared<http::Listener>(
        io, *server, asio::ip::tcp::endpoint(asio::ip::make_address(settings.http_address), settings.http_port),
        settings.max_connections);
  } catch (const std::exception& e) {
    server->log.event("error", "cannot listen", e.what());
    return 2;
  }
  listener->start();
  asio::co_spawn(io, housekeeping(*server), asio::detached);
  asio::co_spawn(io, deadline_sweep(*server), asio::detached);
  asio::co_spawn(io, checkpoint_signer(*server), asio::detached);
  asio::co_spawn(io, auctions::keep_auctions(*server), asio::detached);
  // The I/O threads share handing an auction's watchers each bid, a strand per share so that each
  // watcher's events stay in order (unset below, once the engine client has stopped and before io
  // goes).
  auto fanout = std::make_shared<std::vector<asio::strand<asio::io_context::executor_type>>>();
  for (std::size_t i = 0; i < settings.io_threads; ++i) fanout->push_back(asio::make_strand(io));
  server->auction_hub.deliver_on(
      [fanout](std::size_t part, std::function<void()> task) { asio::post((*fanout)[part], std::move(task)); },
      fanout->size());
  server->log.event("info", "listening",
                    "http://" + settings.http_address + ":" + std::to_string(listener->port()) + "/ (" +
                        std::to_string(server->static_files.file_count()) + " static files)");

  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    server->log.event("info", "shutting down", signal == SIGTERM ? "SIGTERM" : "SIGINT");
    server->stopping = true;
    listener->stop();
    asio::co_spawn(io, drain_then_stop(io, *listener, settings.shutdown_grace), asio::detached);
  });

  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < settings.io_threads; ++i) threads.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& t : threads) t.join();
  server->blocking.join();
  server->engine.stop();
  server->auction_hub.deliver_on(nullptr, 1);  // its strands go before the io_context they belong to
  server->log.event("info", "stopped");
  return 0;
}

}  // namespace gp::server
