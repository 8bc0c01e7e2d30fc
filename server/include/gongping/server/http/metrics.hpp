#pragma once
// Metrics: counters and latency histograms in the Prometheus text format (version 0.0.4).
//
// Thread-safe (one mutex; a request's update is two map look-ups and no allocation once its series
// exists). Label values are route patterns and fixed names chosen by the server, never raw paths
// or user input, so cardinality stays small.

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gp::server::http {

struct Gauge {
  std::string name;
  std::string help;
  double value = 0;
};

class Metrics {
 public:
  // `route` and `method` must outlive this object (route patterns owned by the Router, string
  // literals): they are kept as views.
  void observe_request(std::string_view route, std::string_view method, unsigned status, double seconds);
  void observe_engine_round_trip(std::string_view command, std::string_view outcome, double seconds);
  void count_engine_event(std::string_view type);

  // The whole exposition, with `gauges` (read by the caller at scrape time) appended.
  std::string render(const std::vector<Gauge>& gauges) const;

 private:
  static constexpr std::size_t kBuckets = 13;
  struct Histogram {
    std::array<std::uint64_t, kBuckets> buckets{};  // per-bucket counts; made cumulative when rendered
    std::uint64_t count = 0;
    double sum = 0;
  };
  struct RequestSeries {
    std::map<unsigned, std::uint64_t> by_status;
    Histogram latency;
  };
  static void observe(Histogram& h, double seconds);
  static void render_histogram(std::string& out, std::string_view name, std::string_view labels, const Histogram& h);

  mutable std::mutex mutex_;
  std::map<std::pair<std::string_view, std::string_view>, RequestSeries> requests_;  // (route, method)
  std::map<std::string, std::uint64_t> engine_calls_;
  std::map<std::string, Histogram> engine_seconds_;
  std::map<std::string, std::uint64_t> engine_events_;
};

}  // namespace gp::server::http
