#include "gongping/server/http/metrics.hpp"

#include <array>
#include <cstdio>

namespace gp::server::http {
namespace {

constexpr std::array<double, 13> kBucketBounds = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                  0.1,    0.25,  0.5,    1,     2.5,  10};

// Label values here are route patterns and fixed words; escape anyway, per the text format.
std::string label(std::string_view name, std::string_view value) {
  std::string out(name);
  out += "=\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  out += '"';
  return out;
}

std::string number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

}  // namespace

void Metrics::observe(Histogram& h, double seconds) {
  static_assert(kBucketBounds.size() == kBuckets);
  for (std::size_t i = 0; i < kBucketBounds.size(); ++i) {
    if (seconds <= kBucketBounds[i]) {
      ++h.buckets[i];
      break;
    }
  }
  ++h.count;
  h.sum += seconds;
}

void Metrics::observe_request(std::string_view route, std::string_view method, unsigned status, double seconds) {
  std::lock_guard lock(mutex_);
  auto& series = requests_[{route, method}];
  ++series.by_status[status];
  observe(series.latency, seconds);
}

void Metrics::observe_engine_round_trip(std::string_view command, std::string_view outcome, double seconds) {
  std::lock_guard lock(mutex_);
  ++engine_calls_[label("command", command) + "," + label("outcome", outcome)];
  observe(engine_seconds_[label("command", command)], seconds);
}

void Metrics::count_engine_event(std::string_view type) {
  std::lock_guard lock(mutex_);
  ++engine_events_[label("type", type)];
}

void Metrics::render_histogram(std::string& out, std::string_view name, std::string_view labels, const Histogram& h) {
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < kBucketBounds.size(); ++i) {
    cumulative += h.buckets[i];
    out += std::string(name) + "_bucket{" + std::string(labels) + "," + label("le", number(kBucketBounds[i])) + "} " +
           std::to_string(cumulative) + "\n";
  }
  out += std::string(name) + "_bucket{" + std::string(labels) + ",le=\"+Inf\"} " + std::to_string(h.count) + "\n";
  out += std::string(name) + "_sum{" + std::string(labels) + "} " + number(h.sum) + "\n";
  out += std::string(name) + "_count{" + std::string(labels) + "} " + std::to_string(h.count) + "\n";
}

std::string Metrics::render(const std::vector<Gauge>& gauges) const {
  std::string out;
  std::lock_guard lock(mutex_);
  auto counters = [&out](std::string_view name, std::string_view help, const std::map<std::string, std::uint64_t>& m) {
    out += "# HELP " + std::string(name) + " " + std::string(help) + "\n# TYPE " + std::string(name) + " counter\n";
    for (const auto& [labels, v] : m) out += std::string(name) + "{" + labels + "} " + std::to_string(v) + "\n";
  };
  out +=
      "# HELP gongping_http_requests_total HTTP requests by route pattern, method and status.\n"
      "# TYPE gongping_http_requests_total counter\n";
  for (const auto& [key, series] : requests_) {
    const std::string labels = label("route", key.first) + "," + label("method", key.second);
    for (const auto& [status, count] : series.by_status) {
      out += "gongping_http_requests_total{" + labels + "," + label("status", std::to_string(status)) + "} " +
             std::to_string(count) + "\n";
    }
  }
  out +=
      "# HELP gongping_http_request_duration_seconds Time from a request's last byte to its response.\n"
      "# TYPE gongping_http_request_duration_seconds histogram\n";
  for (const auto& [key, series] : requests_) {
    render_histogram(out, "gongping_http_request_duration_seconds",
                     label("route", key.first) + "," + label("method", key.second), series.latency);
  }
  counters("gongping_engine_requests_total", "Commands sent to gongping-engine by outcome.", engine_calls_);
  out +=
      "# HELP gongping_engine_round_trip_seconds Round trip of a command to gongping-engine.\n"
      "# TYPE gongping_engine_round_trip_seconds histogram\n";
  for (const auto& [labels, h] : engine_seconds_)
    render_histogram(out, "gongping_engine_round_trip_seconds", labels, h);
  counters("gongping_engine_events_total", "Events received from gongping-engine's PUB socket.", engine_events_);
  for (const auto& g : gauges) {
    out +=
        "# HELP " + g.name + " " + g.help + "\n# TYPE " + g.name + " gauge\n" + g.name + " " + number(g.value) + "\n";
  }
  return out;
}

}  // namespace gp::server::http
