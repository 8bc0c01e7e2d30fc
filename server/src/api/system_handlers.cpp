// Liveness, readiness, metrics, the platform's clock and the API description.
#include <chrono>

#include "gongping/common/json_writer.hpp"
#include "gongping/server/api/handlers.hpp"
#include "gongping/server/engine/engine_call.hpp"

namespace gp::server::api {
namespace {

// One engine round trip, counted and timed in the metrics.
boost::asio::awaitable<common::Result<engine::EngineReply>> timed_engine_call(http::ServerContext& server,
                                                                              std::string type, std::string body) {
  const auto started = std::chrono::steady_clock::now();
  const std::string command = type;
  auto reply =
      co_await engine::call_engine(server.engine, std::move(type), std::move(body), server.settings.engine_timeout);
  server.metrics.observe_engine_round_trip(
      command, reply ? "ok" : "error",
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  co_return reply;
}

}  // namespace

HandlerResult healthz(http::RequestContext& rc) { co_return rc.json(http::Status::ok, R"({"status":"up"})"); }

HandlerResult readyz(http::RequestContext& rc) {
  auto& server = rc.server;
  std::function<common::Result<common::Ok>()> probe = [&server] {
    return server.database.run<common::Ok>([](soci::session& sql) -> common::Result<common::Ok> {
      int one = 0;
      sql << "SELECT 1", soci::into(one);
      return common::Ok{};
    });
  };
  auto database = co_await server.blocking.run<common::Ok>(std::move(probe));
  std::string ping_type = "ping";
  std::string ping_body = R"({"nonce":"readyz"})";
  auto engine = co_await timed_engine_call(server, std::move(ping_type), std::move(ping_body));

  const bool ready = database.ok() && engine.ok();
  common::JsonWriter w;
  w.begin_object().key("status").value(ready ? "ready" : "not_ready").key("checks").begin_object();
  w.key("database").begin_object().key("status").value(database ? "up" : "down");
  if (!database) w.key("detail").value(database.error().detail);
  w.end_object();
  w.key("engine").begin_object().key("status").value(engine ? "up" : "down");
  if (engine) {
    w.key("reply").raw(engine.value().body_json);
  } else {
    w.key("detail").value(engine.error().detail);
  }
  w.end_object().end_object().end_object();
  co_return rc.json(ready ? http::Status::ok : http::Status::service_unavailable, w.take());
}

HandlerResult metrics(http::RequestContext& rc) {
  auto& server = rc.server;
  const auto last_event = server.engine.last_event_micros();
  const double event_age =
      last_event == 0 ? -1 : static_cast<double>(server.clock.now().unix_micros() - last_event) / 1e6;
  const std::vector<http::Gauge> gauges = {
      {"gongping_worker_pool_threads", "Threads of the blocking-work pool.",
       static_cast<double>(server.blocking.threads())},
      {"gongping_worker_pool_queued", "Blocking calls waiting or running.",
       static_cast<double>(server.blocking.queued())},
      {"gongping_worker_pool_capacity", "Blocking calls allowed at once before 503.",
       static_cast<double>(server.blocking.max_queued())},
      {"gongping_db_pool_connections", "PostgreSQL connections in the pool.",
       static_cast<double>(server.database.size())},
      {"gongping_db_pool_in_use", "PostgreSQL connections leased right now.",
       static_cast<double>(server.database.in_use())},
      {"gongping_engine_last_event_age_seconds", "Seconds since the last engine event (-1: none yet).", event_age},
  };
  http::Response res = rc.json(http::Status::ok, server.metrics.render(gauges));
  res.set(http::beast_http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
  co_return res;
}

// The platform's clock, which judges every deadline: pages count down by it, not by the visitor's.
HandlerResult server_time(http::RequestContext& rc) {
  common::JsonWriter w;
  w.begin_object().key("now").value(rc.server.clock.now().to_rfc3339()).end_object();
  http::Response res = rc.json(http::Status::ok, w.take());
  res.set(http::beast_http::field::cache_control, "no-store");
  co_return res;
}

HandlerResult openapi(http::RequestContext& rc) {
  http::Response res = rc.json(http::Status::ok, rc.server.openapi_json);
  res.set(http::beast_http::field::cache_control, "no-cache");
  co_return res;
}

}  // namespace gp::server::api
