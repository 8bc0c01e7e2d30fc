#include "gongping/server/http/metrics.hpp"

#include <catch2/catch.hpp>

using gp::server::http::Metrics;

TEST_CASE("metrics render as Prometheus text with cumulative buckets", "[server][metrics]") {
  Metrics m;
  m.observe_request("/healthz", "GET", 200, 0.0003);
  m.observe_request("/healthz", "GET", 200, 0.02);
  m.observe_request("/healthz", "GET", 503, 0.2);
  m.observe_engine_round_trip("ping", "ok", 0.001);
  m.count_engine_event("heartbeat");
  const std::string text = m.render({{"gongping_worker_pool_queued", "Queued.", 3}});
  CHECK(text.find("gongping_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 2\n") !=
        std::string::npos);
  CHECK(text.find("gongping_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"503\"} 1\n") !=
        std::string::npos);
  CHECK(
      text.find("gongping_http_request_duration_seconds_bucket{route=\"/healthz\",method=\"GET\",le=\"0.0005\"} 1\n") !=
      std::string::npos);
  CHECK(
      text.find("gongping_http_request_duration_seconds_bucket{route=\"/healthz\",method=\"GET\",le=\"0.025\"} 2\n") !=
      std::string::npos);
  CHECK(text.find("gongping_http_request_duration_seconds_bucket{route=\"/healthz\",method=\"GET\",le=\"+Inf\"} 3\n") !=
        std::string::npos);
  CHECK(text.find("gongping_http_request_duration_seconds_count{route=\"/healthz\",method=\"GET\"} 3\n") !=
        std::string::npos);
  CHECK(text.find("gongping_engine_requests_total{command=\"ping\",outcome=\"ok\"} 1\n") != std::string::npos);
  CHECK(text.find("gongping_engine_events_total{type=\"heartbeat\"} 1\n") != std::string::npos);
  CHECK(text.find("# TYPE gongping_worker_pool_queued gauge\ngongping_worker_pool_queued 3\n") != std::string::npos);
}
